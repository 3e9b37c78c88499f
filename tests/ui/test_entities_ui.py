"""The entity UI: sidebar, mention marks and `]`/`[`, the card, related articles, overlay edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from collection_files import collection_of
from reader_helpers import ALMATY, THREATS, main_screen, open_in_library, reader, settle
from textual.widgets import Input, OptionList

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.core.search.index import SearchIndex
from kzreader.ui.dialogs.entity_card import EntityCard
from kzreader.ui.dialogs.related_articles import RelatedArticles
from kzreader.ui.screens.main import MainScreen
from kzreader.ui.screens.main.mentions import reading_order
from kzreader.ui.widgets.entity_sidebar import CORPUS, entity_rows
from kzreader.ui.widgets.results import ResultsList

TOKAYEV = "person:kassym-jomart-tokayev"
UNTOLD = "004_bd1c9e8bd9a0bffe"  # mentions Tokayev; has reader comments
SLAVERY = "000_5a428d05ab98c0ea"  # has reader comments with names found nowhere else


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' index and entity cache, built once for the module (each test copies them)."""
    home = tmp_path_factory.mktemp("entities-built")
    paths = DataPaths.resolve(home)
    folder = paths.index_dir(bundled_seeds())
    corpus = Corpus.open(bundled_seeds(), catalog=folder / "catalog.json")
    SearchIndex.open(corpus, folder).close()
    EntityGraph.build(corpus, cache_dir=folder / "entities")
    return home


@pytest.fixture(autouse=True)
def warm_cache(built_home: Path, isolated_home: Path) -> None:
    """Start each app from an unchanged corpus, as a user does on the second run."""
    shutil.copytree(built_home, isolated_home, dirs_exist_ok=True)


async def ready(pilot) -> MainScreen:
    """Wait until the corpus, the index and the entity graph are all there."""
    for _ in range(40):
        await settle(pilot)
        if pilot.app.entities is not None and pilot.app.index is not None:
            break
    assert pilot.app.entities is not None
    return main_screen(pilot)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def line_texts(widget) -> list[str]:
    height = widget.scrollable_content_region.height
    return [widget.render_line(y).text.rstrip() for y in range(height)]


async def highlight(pilot, screen: MainScreen, entity_id: str) -> None:
    """Go into the entity list and put its cursor on ``entity_id`` with the keys."""
    await pilot.press("E")
    await settle(pilot)
    listing = screen.entity_sidebar.entity_list
    ids = listing.entity_ids
    assert entity_id in ids, f"{entity_id} not listed"
    steps = ids.index(entity_id) - ids.index(listing.current)
    for _ in range(abs(steps)):
        await pilot.press("j" if steps > 0 else "k")
    await settle(pilot)
    assert screen.selected_entity == entity_id


# ------------------------------------------------------------------ the sidebar


async def test_sidebar_lists_the_articles_people_places_and_organisations_with_counts() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        graph: EntityGraph = app.entities
        sidebar = screen.entity_sidebar
        assert sidebar.article == THREATS
        rows = sidebar.entity_list.rows
        headers = [r for r in rows if not r.is_entity and not r.note]
        known = ["People", "Places", "Organisations"]
        # Names the text gives no kind for are listed apart, after the three (issue 17).
        unknown = ["Other names"] if graph.entities(type="name", article=THREATS) else []
        assert [h.label for h in headers] == known + unknown
        counts = graph.counts(THREATS)
        listed = {r.entity_id: r for r in rows if r.is_entity}
        assert set(listed) == set(counts)
        assert all(listed[i].count == n for i, n in counts.items())
        for header in headers:
            mine = [r for r in listed.values() if r.type == header.type]
            assert header.count == len(mine) > 0
        # Most mentioned first; Tokayev is in three articles, and says so.
        people = [r for r in rows if r.is_entity and r.type == "person"]
        assert people[0].entity_id == TOKAYEV and people[0].count == counts[TOKAYEV] >= 5
        assert people[0].articles == 3
        text = "\n".join(line_texts(sidebar.entity_list))
        assert "Kassym-Jomart" in text and "◆3" in text
        assert "this article" in str(sidebar.query_one("#entities-title").render())
        # Another article, another list.
        await open_in_library(pilot, ALMATY)
        assert sidebar.article == ALMATY
        assert {r.entity_id for r in sidebar.entity_list.rows if r.is_entity} == set(
            graph.counts(ALMATY)
        )


async def test_entities_only_in_reader_comments_are_set_apart_and_dimmed() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, SLAVERY)
        graph: EntityGraph = app.entities
        rows = screen.entity_sidebar.entity_list.rows
        in_body = {m.entity_id for m in graph.mentions_in(SLAVERY) if not m.in_comment}
        dim = [r for r in rows if r.is_entity and r.dim]
        assert dim, "000 has names that only its reader comments mention"
        assert all(r.entity_id not in in_body for r in dim)
        assert all(r.entity_id in in_body for r in rows if r.is_entity and not r.dim)
        notes_rows = [i for i, r in enumerate(rows) if r.note]
        assert notes_rows and rows[notes_rows[0]].label == "in comments only"
        assert all(rows[i + 1].dim for i in notes_rows)


async def test_a_switches_between_this_article_and_every_article() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, ALMATY)
        sidebar = screen.entity_sidebar
        here = len(sidebar.entity_list.entity_ids)
        await pilot.press("E", "a")
        await settle(pilot)
        graph: EntityGraph = app.entities
        assert sidebar.scope == CORPUS
        assert "all articles" in str(sidebar.query_one("#entities-title").render())
        ids = sidebar.entity_list.entity_ids
        assert len(ids) == len(graph) > here
        by_id = {r.entity_id: r for r in sidebar.entity_list.rows if r.is_entity}
        assert by_id[TOKAYEV].count == graph.entity(TOKAYEV).mentions
        comments_only = [e for e in graph if e.comments_only]
        assert comments_only and all(by_id[e.id].dim for e in comments_only)
        await pilot.press("a")
        await settle(pilot)
        assert len(sidebar.entity_list.entity_ids) == here


async def test_typing_in_the_filter_narrows_by_any_name_and_esc_clears_it() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        sidebar = screen.entity_sidebar
        everyone = len(sidebar.entity_list.entity_ids)
        await pilot.press("E", "f")
        assert app.focused is sidebar.filter_input
        for key in "toka":
            await pilot.press(key)
        await settle(pilot, 0.1)
        assert sidebar.entity_list.entity_ids == [TOKAYEV]
        assert screen.selected_entity == TOKAYEV
        sidebar.filter_input.value = "Токаев"  # a Cyrillic alias finds him too
        await settle(pilot, 0.1)
        assert sidebar.entity_list.entity_ids == [TOKAYEV]
        sidebar.filter_input.value = "zzzz"
        await settle(pilot, 0.1)
        assert sidebar.entity_list.entity_ids == []
        assert "No name matches" in "\n".join(line_texts(sidebar.entity_list))
        await pilot.press("escape")
        await settle(pilot, 0.1)
        assert len(sidebar.entity_list.entity_ids) == everyone
        assert app.focused is sidebar.entity_list


def test_filtering_the_rows_is_cheap() -> None:
    """Refiltering all of a corpus's entities per keystroke takes well under a frame."""
    import time

    graph = EntityGraph.build(Corpus.open(bundled_seeds()))
    rows = entity_rows(graph, CORPUS, None)
    assert sum(r.is_entity for r in rows) == len(graph)
    start = time.perf_counter()
    for needle in ("", "k", "ka", "kaz", "kazakh"):
        entity_rows(graph, CORPUS, None, needle)
    assert time.perf_counter() - start < 0.5


# ------------------------------------------------------------------ marks and ] / [


async def test_the_highlighted_entity_is_marked_and_brackets_step_through_its_mentions() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        view = screen.active_view
        view.move_cursor(1)
        await highlight(pilot, screen, TOKAYEV)
        graph: EntityGraph = app.entities
        article = view.article
        mentions = reading_order(
            article, [m for m in graph.mentions_in(THREATS) if m.entity_id == TOKAYEV]
        )
        marks = view.marks("entity-person")
        assert sum(len(s) for s in marks.values()) == len(mentions)
        for number, spans in marks.items():
            text = article.paragraph(number).text
            assert all("Tok" in text[s:e] or "Kassym" in text[s:e] for s, e in spans)
        assert not view.marks("entity-place")
        # ] from the top visits every mention in reading order, then wraps around.
        visited = []
        for _ in range(len(mentions) + 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            visited.append(view.cursor)
        assert visited[:-1] == [m.paragraph for m in mentions]
        assert visited[-1] == mentions[0].paragraph
        assert any(f"mention 1/{len(mentions)}" in n for n in notes(app))
        assert any(f"mention {len(mentions)}/{len(mentions)}" in n for n in notes(app))
        for paragraph in visited:
            assert paragraph in marks
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.cursor == mentions[-1].paragraph
        # Another entity, another layer: the person marks go.
        await highlight(pilot, screen, "place:kazakhstan")
        assert not view.marks("entity-person") and view.marks("entity-place")


async def test_brackets_explain_when_there_is_nothing_to_step_through() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("in the sidebar" in n for n in notes(app))
        await highlight(pilot, screen, TOKAYEV)
        await open_in_library(pilot, ALMATY)  # Tokayev is not in 003
        assert not screen.active_view.marks("entity-person")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("not mentioned in this article" in n for n in notes(app))


async def test_the_marks_follow_into_the_split_and_the_sidebar_follows_the_active_pane() -> None:
    app = reader()
    async with app.run_test(size=(180, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await highlight(pilot, screen, TOKAYEV)
        screen.active_view.focus()
        await pilot.press("s")
        await settle(pilot)
        await open_in_library(pilot, UNTOLD)
        first, second = screen.panes
        assert second.view.article.id == UNTOLD and second.view.marks("entity-person")
        assert first.view.marks("entity-person")
        assert screen.entity_sidebar.article == UNTOLD
        first.view.focus()
        await pilot.pause()
        assert screen.entity_sidebar.article == THREATS


# ------------------------------------------------------------------ the card


async def test_the_card_shows_names_articles_concordance_and_lands_on_a_mention() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen, card = await _tokayev_card(pilot)
        assert card.entity_id == TOKAYEV
        graph: EntityGraph = app.entities
        entity = graph.entity(TOKAYEV)
        aliases = str(card.query_one("#card-aliases").render())
        assert "Kassym-Zhomart Tokayev" in aliases and "Токаев" in aliases
        assert "14 mentions in 3 articles" in str(card.query_one("#card-summary").render())
        articles = card.query_one("#card-articles", OptionList)
        assert articles.option_count == 3
        concordance = card.query_one("#card-mentions", OptionList)
        rows = [concordance.get_option_at_index(i) for i in range(concordance.option_count)]
        mention_rows = [o for o in rows if o.id and o.id.startswith("m:")]
        assert len(mention_rows) == entity.mentions
        headers = [o for o in rows if o.disabled]
        assert len(headers) == 3  # one title per article
        # Each row shows the mention itself between its contexts.
        for option, m in zip(mention_rows, graph.mentions(TOKAYEV), strict=True):
            assert m.surface in str(option.prompt)
        # Enter on a mention in the third article opens it there, marked.
        target = graph.mentions(TOKAYEV)[-1]
        concordance.highlighted = rows.index(mention_rows[-1])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        view = screen.active_view
        assert view.article.id == target.article == UNTOLD
        assert view.cursor == target.paragraph
        assert target.paragraph in view.marks("entity-person")
        assert app.focused is view
        # ] continues from that mention.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("mention 1/" in n for n in notes(app))


async def test_related_entities_open_their_own_card_and_esc_comes_back() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await highlight(pilot, screen, TOKAYEV)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        related = card.query_one("#card-related", OptionList)
        graph: EntityGraph = app.entities
        expected = [i for i, _ in graph.cooccurring(TOKAYEV, limit=100)]
        assert [related.get_option_at_index(i).id for i in range(related.option_count)] == [
            f"e:{i}" for i in expected
        ]
        related.focus()
        related.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntityCard) and app.screen.entity_id == expected[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is card
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_enter_on_an_article_in_the_card_opens_it_at_the_first_mention() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await _card(pilot, TOKAYEV)
        graph: EntityGraph = app.entities
        await pilot.press("tab")  # from the concordance to the articles
        await pilot.pause()
        articles = app.screen.query_one("#card-articles", OptionList)
        assert app.focused is articles
        articles.highlighted = 2
        await pilot.press("enter")
        await settle(pilot)
        first = next(m for m in graph.mentions(TOKAYEV) if m.article == UNTOLD)
        assert isinstance(app.screen, MainScreen)
        assert screen.active_view.article.id == UNTOLD
        assert screen.active_view.cursor == first.paragraph


# ------------------------------------------------------------------ related articles


async def test_r_lists_related_articles_ranked_and_enter_opens_one() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedArticles)
        listing = dialog.query_one(OptionList)
        graph: EntityGraph = app.entities
        expected = [r.article for r in graph.related_articles(THREATS)]
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == expected
        assert expected[0] == UNTOLD
        assert "Tazhutov" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.active_view.article.id == expected[1]


async def test_related_articles_in_a_split_are_those_of_the_active_pane() -> None:
    app = reader()
    async with app.run_test(size=(180, 45)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await pilot.press("s")
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("r")
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        graph: EntityGraph = app.entities
        assert listing.get_option_at_index(0).id == graph.related_articles(ALMATY)[0].article
        await pilot.press("enter")
        await settle(pilot)
        first, second = screen.panes
        assert first.view.article.id == THREATS
        assert second.view.article.id == graph.related_articles(ALMATY)[0].article


# ------------------------------------------------------------------ overlay actions


async def _tokayev_card(pilot, before=lambda: None) -> tuple[MainScreen, EntityCard]:
    """Open Almaty, list every article's entities, and Enter on Tokayev (``before`` Enter)."""
    screen = await ready(pilot)
    await open_in_library(pilot, ALMATY)
    await pilot.press("E", "a")
    await settle(pilot)
    await highlight(pilot, screen, TOKAYEV)
    before()
    await pilot.press("enter")
    await settle(pilot)
    card = pilot.app.screen
    assert isinstance(card, EntityCard)
    return screen, card


async def _rename(pilot, name: str, *, was: str | None = None) -> None:
    """``n`` in the card, the new name typed over the old (``was``, if given), Enter."""
    await pilot.press("n")
    await settle(pilot)
    box = pilot.app.screen.query_one(Input)
    if was is not None:
        assert box.value == was
    box.value = name
    await pilot.press("enter")
    await settle(pilot)


async def _card(pilot, entity_id: str, article: str = THREATS) -> EntityCard:
    screen = main_screen(pilot)
    await open_in_library(pilot, article)
    await highlight(pilot, screen, entity_id)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EntityCard)
    return pilot.app.screen


def _operations() -> list[dict]:
    path = collection_of().overlay_file
    return yaml.safe_load(path.read_text(encoding="utf-8"))["operations"]


async def _again() -> EntityGraph:
    """The graph a new app on the same data folder builds (the correction must be in it)."""
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        return app.entities


async def test_rename_writes_the_overlay_and_the_new_name_everywhere() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        card = await _card(pilot, TOKAYEV)
        await _rename(pilot, "President Tokayev", was="Kassym-Jomart Tokayev")
        assert app.screen is card
        assert app.entities.entity(TOKAYEV).name == "President Tokayev"
        assert "Kassym-Jomart Tokayev" in app.entities.entity(TOKAYEV).aliases
        assert "President Tokayev" in str(card.query_one("#card-title").render())
        rows = {r.entity_id: r for r in screen.entity_sidebar.entity_list.rows}
        assert rows[TOKAYEV].label == "President Tokayev"
    assert _operations() == [
        {
            "op": "rename",
            "entity": TOKAYEV,
            "name": "Kassym-Jomart Tokayev",
            "to": "President Tokayev",
        }
    ]
    assert (await _again()).entity(TOKAYEV).name == "President Tokayev"


async def test_hide_asks_first_then_removes_the_entity() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await _card(pilot, "person:antony-blinken")
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, EntityCard)
        assert not collection_of().overlay_file.exists()
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "person:antony-blinken" not in app.entities
        assert "person:antony-blinken" not in screen.entity_sidebar.entity_list.entity_ids
        assert not screen.active_view.marks("entity-person")
    assert _operations()[0]["op"] == "hide"
    assert "person:antony-blinken" not in await _again()


async def test_merge_with_picks_by_name_and_joins_the_two() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        before = app.entities
        source, target = "person:andrew-jackson", "person:antony-blinken"
        mentions = before.entity(source).mentions + before.entity(target).mentions
        card = await _card(pilot, source)
        await pilot.press("m")
        await settle(pilot)
        for key in "blink":
            await pilot.press(key)
        await settle(pilot, 0.2)
        picks = app.screen.query_one(OptionList)
        assert picks.get_option_at_index(0).id == target
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is card and card.entity_id == target
        merged = app.entities.entity(target)
        assert source not in app.entities and merged.mentions == mentions
        assert "Andrew Jackson" in merged.aliases
        assert source not in screen.entity_sidebar.entity_list.entity_ids
    op = _operations()[0]
    assert (op["op"], op["entity"], op["to"]) == ("merge", source, target)
    graph = await _again()
    assert source not in graph and target in graph


async def test_retype_moves_the_entity_to_another_section() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        entity_id = "person:andrew-jackson"
        await _card(pilot, entity_id)
        await pilot.press("t")
        await settle(pilot)
        types = app.screen.query_one(OptionList)
        types.highlighted = [types.get_option_at_index(i).id for i in range(3)].index("place")
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.entities.entity(entity_id).type) == "place"
        row = next(r for r in screen.entity_sidebar.entity_list.rows if r.entity_id == entity_id)
        assert row.type == "place"
    assert _operations()[0] == {
        "op": "retype",
        "entity": entity_id,
        "name": "Andrew Jackson",
        "to": "place",
    }
    assert str((await _again()).entity(entity_id).type) == "place"


async def test_u_undoes_the_last_correction_in_the_card_and_in_the_list() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        card = await _card(pilot, TOKAYEV)
        await _rename(pilot, "K.-J. Tokayev")
        assert app.entities.entity(TOKAYEV).name == "K.-J. Tokayev"
        await pilot.press("u")
        await settle(pilot)
        assert app.entities.entity(TOKAYEV).name == "Kassym-Jomart Tokayev"
        assert "Kassym-Jomart Tokayev" in str(card.query_one("#card-title").render())
        assert _operations() == []
        # A hidden entity's card is gone; u in the list brings it back.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter", "h", "y")
        await settle(pilot)
        assert TOKAYEV not in app.entities and app.focused is not None
        await pilot.press("E", "u")
        await settle(pilot)
        assert TOKAYEV in app.entities
        assert TOKAYEV in screen.entity_sidebar.entity_list.entity_ids
        assert any(n.startswith("Undone: hide") for n in notes(app))
        await pilot.press("u")
        await settle(pilot)
        assert any("no correction to undo" in n for n in notes(app))


async def test_a_broken_overlay_is_reported_once_and_never_overwritten() -> None:
    path: Path = collection_of().overlay_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("operations: [op: [\n", encoding="utf-8")
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        broken = [n for n in notes(app) if "entity corrections ignored" in n]
        assert len(broken) == 1
        await _card(pilot, TOKAYEV)
        await _rename(pilot, "Someone")
        assert any("not overwritten" in n for n in notes(app))
        assert app.entities.entity(TOKAYEV).name == "Kassym-Jomart Tokayev"
        assert len([n for n in notes(app) if "entity corrections ignored" in n]) == 2
    assert path.read_text(encoding="utf-8") == "operations: [op: [\n"


async def test_an_unwritable_overlay_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(path, text):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr("kzreader.core.entities.overlay.atomic_write_text", read_only)
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await _card(pilot, TOKAYEV)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        failed = [n for n in notes(app) if "cannot be written" in n]
        assert len(failed) == 1 and "Read-only file system" in failed[0]
        assert "\n" not in failed[0]
        assert TOKAYEV in app.entities
        assert isinstance(app.screen, EntityCard)  # the card stays open: nothing was hidden


# ------------------------------------------------------------------ search, layout


async def test_person_search_finds_the_three_articles_once_the_graph_is_ready() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        assert app.index.entities is app.entities
        await pilot.press("slash")
        for key in "person:Tokayev":
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot, 0.3)
        result = screen.results.result
        assert result is not None and result.error is None
        assert {hit.article for hit in result.hits} == set(app.entities.entity(TOKAYEV).articles)
        assert len(result.hits) == 3
        assert app.focused is screen.query_one(ResultsList)


async def test_e_in_a_narrow_window_shows_the_sidebar_while_it_has_the_focus() -> None:
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        sidebar = screen.query_one("#sidebar")
        assert sidebar.region.width == 0
        await pilot.press("e")
        await settle(pilot)
        assert sidebar.region.width > 0 and screen.query_one("#left").region.width == 0
        assert screen.active_view.region.width >= 40
        await pilot.press("e")
        await settle(pilot)
        assert sidebar.region.width == 0 and app.focused is screen.active_view


async def test_e_shows_the_sidebar_and_goes_into_it_when_it_was_hidden() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await pilot.press("e")  # hide
        await pilot.pause()
        assert screen.query_one("#sidebar").region.width == 0
        await pilot.press("e")  # show, and the list has the focus
        await pilot.pause()
        assert app.focused is screen.entity_sidebar.entity_list
        await pilot.press("escape")  # back to where the focus came from
        await pilot.pause()
        assert app.focused is screen.library.table
        await pilot.press("E")  # E goes into the list of a sidebar already shown
        await pilot.pause()
        assert app.focused is screen.entity_sidebar.entity_list


# ------------------------------------------------------------------ snapshots


def test_snapshot_sidebar_with_an_article_open(snap_compare, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")

    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        screen.active_view.move_cursor(5)
        await highlight(pilot, screen, TOKAYEV)
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=(140, 45), run_before=run_before)


def test_snapshot_entity_card(snap_compare, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")

    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await highlight(pilot, screen, TOKAYEV)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=(140, 45), run_before=run_before)


# ------------------------------------------------------------------ a slow build


async def test_a_slow_build_shows_progress_and_a_person_search_waits_for_it(monkeypatch) -> None:
    """The reader is usable while the graph is built; what needed it runs when it is ready."""
    import threading

    release = threading.Event()
    real_build = EntityGraph.build

    def slow_build(corpus, *args, progress=None, **kwargs):
        if progress is not None:
            progress(2, 5)
        release.wait(10)
        return real_build(corpus, *args, progress=progress, **kwargs)

    monkeypatch.setattr(EntityGraph, "build", slow_build)
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = main_screen(pilot)
        for _ in range(50):
            await pilot.pause(0.05)
            if app.index is not None and "2/5" in screen.entity_sidebar.status:
                break
        assert app.entities is None and "2/5" in screen.entity_sidebar.status
        await pilot.press("slash")
        for key in "person:Tokayev":
            await pilot.press(key)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.05)
        result = screen.results.result
        assert result is not None and result.error and "gathered" in result.error
        release.set()
        await ready(pilot)
        await settle(pilot, 0.3)
        result = screen.results.result
        assert result.error is None and len(result.hits) == 3
        assert screen.entity_sidebar.status == "" or "names" in screen.entity_sidebar.status


def test_snapshot_all_articles_filtered_in_a_small_window(snap_compare, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")

    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        screen.entity_sidebar.filter_input.cursor_blink = False  # the same picture every time
        await open_in_library(pilot, ALMATY)
        await pilot.press("e", "a", "f")
        for key in "kaz":
            await pilot.press(key)
        await settle(pilot, 0.1)

    assert snap_compare(reader(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_merge_picker(snap_compare, monkeypatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")

    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await open_in_library(pilot, THREATS)
        await highlight(pilot, screen, "person:akhas-tazhutov")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        for key in "tazh":
            await pilot.press(key)
        await settle(pilot, 0.2)

    assert snap_compare(reader(), terminal_size=(140, 45), run_before=run_before)


async def test_the_card_reads_mentions_off_the_ui_thread_and_caps_the_concordance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A common name of a large corpus has a million mentions: never read on the UI thread,
    and only the first CONCORDANCE are cut into context."""
    import threading

    from kzreader.ui.dialogs import entity_card

    monkeypatch.setattr(entity_card, "CONCORDANCE", 5)
    threads: list[str] = []
    original = EntityGraph.mentions

    def mentions(self: EntityGraph, entity_id: str):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return original(self, entity_id)

    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        _, card = await _tokayev_card(
            pilot, before=lambda: monkeypatch.setattr(EntityGraph, "mentions", mentions)
        )
        assert threads and threading.main_thread().name not in threads
        concordance = card.query_one("#card-mentions", OptionList)
        rows = [concordance.get_option_at_index(i) for i in range(concordance.option_count)]
        assert len([o for o in rows if o.id and o.id.startswith("m:")]) == 5
        assert "14 mentions" not in str(concordance.border_title)
        assert "(14, the first 5 here)" in str(concordance.border_title)
        assert card.query_one("#card-articles", OptionList).option_count == 3
