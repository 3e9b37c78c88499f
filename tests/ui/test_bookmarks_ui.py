"""Bookmarks in the reader: b/B in an article, the Bookmarks tab, edit, delete + undo, jump,
orphans, a broken file at start-up, export, and ctrl+t theme cycling (Pilot + snapshots)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from collection_files import collection_of
from reader_helpers import (
    ALMATY,
    SEEDS,
    THREATS,
    main_screen,
    open_in_library,
    reader,
    settle,
    view_text,
)
from textual.widgets import Input, RadioButton, TextArea

from kzreader.core.bookmarks import Bookmark, Shelf, dump_document, make_anchor
from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import DataPaths, bundled_themes
from kzreader.core.themes import discover_themes
from kzreader.ui.app import KzReaderApp
from kzreader.ui.dialogs.bookmark_edit import BookmarkEditScreen
from kzreader.ui.dialogs.export import ExportBookmarksScreen
from kzreader.ui.selection import Selection

SIZE = (140, 45)
SHIPPED = [spec.name for spec in discover_themes(bundled_themes(), None).themes]
FIXED_TIME = "2026-11-20T09:30:00Z"


def shelf_on(corpus_dir: Path = SEEDS) -> Shelf:
    """The bookmarks file of this test's KZREADER_HOME, as the CLI would open it."""
    return Shelf.open(collection_of(corpus_dir).bookmarks_file, Corpus.open(corpus_dir))


def messages(app: KzReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def at_paragraph(pilot, article: str, paragraph: int) -> None:
    await open_in_library(pilot, article)
    main_screen(pilot).active_view.move_cursor(paragraph)
    await pilot.pause()


def option_ids(pilot) -> list[str]:
    listing = main_screen(pilot).bookmarks_panel.list
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]


@pytest.fixture
def three() -> dict[str, str]:
    """Three bookmarks in two articles, an hour apart, made with the core (as the CLI would)."""
    times = iter(["2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z"])
    with patch("kzreader.core.bookmarks.shelf.now_iso", lambda: next(times)):
        shelf = shelf_on()
        first = shelf.add(ALMATY, 5, note="guard summoned", tags=["security"])
        second = shelf.add(THREATS, 2, note="threats listed", tags=["law", "csto"])
        third = shelf.add(ALMATY, 2, tags=["law"])
    return {"almaty5": first.id, "threats2": second.id, "almaty2": third.id}


# -- adding --------------------------------------------------------------------


async def test_b_bookmarks_the_cursor_paragraph_and_marks_it_once() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 4)
        view = main_screen(pilot).active_view
        await pilot.press("b")
        await settle(pilot)
        saved = shelf_on().placed()
        assert [(p.article, p.paragraph, p.start) for p in saved] == [(ALMATY, 4, 0)]
        assert saved[0].bookmark.quote == view.article.paragraph(4).text
        assert view.bookmarked == frozenset({4})
        assert view.marks("bookmark-range") == {}  # a whole paragraph: the gutter says it
        assert "Bookmarked ¶4" in messages(app)[-1]
        await pilot.press("b")  # a second b does not make a duplicate
        await settle(pilot)
        assert len(shelf_on()) == 1
        assert "already bookmarked" in messages(app)[-1]


async def test_B_asks_for_a_note_and_tags() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 6)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkEditScreen)
        await type_text(pilot, "taxi drivers talk")
        await pilot.press("tab")
        await type_text(pilot, "#transport, csto")
        await pilot.press("enter")
        await settle(pilot)
        [mark] = shelf_on().placed()
        assert (mark.paragraph, mark.bookmark.note) == (6, "taxi drivers talk")
        assert mark.bookmark.tags == ("transport", "csto")
        assert main_screen(pilot).active_view.bookmarked == frozenset({6})


async def test_B_escape_adds_nothing() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 6)
        await pilot.press("B")
        await pilot.pause()
        await type_text(pilot, "never mind")
        await pilot.press("escape")
        await settle(pilot)
        assert len(shelf_on()) == 0
        assert not main_screen(pilot).active_view.bookmarked


def test_selection_moves_by_word_and_sentence() -> None:
    text = "First one here. Second “quoted.” Third!  Last words"
    sel = Selection.start(3, text)
    assert sel is not None
    assert text[slice(*sel.span)] == "First one here."
    assert text[slice(*sel.sentence(1).span)] == "First one here. Second “quoted.”"
    assert text[slice(*sel.sentence(1).sentence(1).sentence(1).span)] == text
    assert text[slice(*sel.extend(-1).shift_start(1).span)] == "one"
    assert sel.shift_start(5).span == sel.shift_start(2).span  # never past the end
    assert sel.extend(-9).span == (0, 5)  # never before the start
    assert Selection.start(1, "   ") is None


async def test_v_selects_words_and_b_bookmarks_just_them() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 4)
        view = main_screen(pilot).active_view
        text = view.article.paragraph(4).text
        await pilot.press("v")
        assert view.current_selection is not None
        first_sentence = text[slice(*view.current_selection.span)]
        assert first_sentence.startswith("From Russia to Almaty") and first_sentence.endswith(".")
        await pilot.press("shift+right", "shift+right", "left")
        start, end = view.current_selection.span
        assert text[start:end] == " ".join(first_sentence.split()[2:-1])
        await pilot.press("b")
        await settle(pilot)
        [mark] = shelf_on().placed()
        assert (mark.paragraph, mark.start, mark.end) == (4, start, end)
        assert mark.bookmark.quote == text[start:end]
        assert view.current_selection is None  # done with it
        assert view.bookmarked == frozenset({4})
        assert view.marks("bookmark-range") == {4: [(start, end)]}  # the words are marked
        # The same words again are already there; so is a bookmark on the paragraph.
        await pilot.press("v", "shift+right", "shift+right", "left", "b")
        await settle(pilot)
        assert "already bookmarked" in messages(app)[-1]
        await pilot.press("escape")
        assert view.current_selection is None and app.focused is view
        await pilot.press("b")
        await settle(pilot)
        assert "already bookmarked" in messages(app)[-1]  # a bookmark is on ¶4
        assert len(shelf_on()) == 1


async def test_a_mouse_selection_snaps_to_words_and_b_bookmarks_it() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        view = main_screen(pilot).active_view
        lines = view_text(view).splitlines()
        y = next(i for i, line in enumerate(lines) if "From Russia" in line)
        start = lines[y].index("Russia") + 2  # inside a word: the whole word is taken
        end = lines[y + 1].index("know") + 2
        await pilot.mouse_down(view, offset=(start, y))
        await pilot.hover(view, offset=(end, y + 1))
        await pilot.mouse_up(view, offset=(end, y + 1))
        await pilot.pause()
        selection = view.current_selection
        assert selection is not None and view.cursor == 4
        text = view.article.paragraph(4).text
        chosen = text[slice(*selection.span)]
        assert chosen.startswith("Russia to Almaty") and chosen.endswith("apparently, know")
        assert view.get_selection(None) == (chosen, "\n")  # what ctrl+c copies
        await pilot.press("b")
        await settle(pilot)
        [mark] = shelf_on().placed()
        assert mark.bookmark.quote == chosen


async def test_markers_follow_in_both_split_panes() -> None:
    app = reader()
    async with app.run_test(size=(180, 45)) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 5)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = main_screen(pilot)
        left, right = (pane.view for pane in screen.panes)
        assert left.bookmarked == right.bookmarked == frozenset({5})
        right.move_cursor(7)
        await pilot.press("b")
        await settle(pilot)
        assert left.bookmarked == right.bookmarked == frozenset({5, 7})
        await pilot.press("d")  # on the right pane's cursor: ¶7
        await settle(pilot)
        assert left.bookmarked == right.bookmarked == frozenset({5})
        await pilot.press("u")
        await settle(pilot)
        assert left.bookmarked == right.bookmarked == frozenset({5, 7})


# -- the Bookmarks tab ------------------------------------------------------------


async def test_list_groups_by_article_sorts_by_date_and_filters(three: dict[str, str]) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        screen = main_screen(pilot)
        assert app.focused is screen.bookmarks_panel.list
        # By article, corpus order (002 before 003), reading order inside.
        assert option_ids(pilot) == [
            f"\ta\t{THREATS}",
            three["threats2"],
            f"\ta\t{ALMATY}",
            three["almaty2"],
            three["almaty5"],
        ]
        await pilot.press("o")  # newest first
        await pilot.pause()
        assert option_ids(pilot) == [three["almaty2"], three["threats2"], three["almaty5"]]
        panel = screen.bookmarks_panel
        await pilot.press("f")
        assert app.focused is panel.filter_input
        await type_text(pilot, "#law")
        await settle(pilot, 0.15)
        assert {p.id for p in panel.shown} == {three["threats2"], three["almaty2"]}
        await type_text(pilot, " threats")
        await settle(pilot, 0.15)
        assert [p.id for p in panel.shown] == [three["threats2"]]
        status = str(screen.query_one("#bookmarks-status").render())
        assert "1 of 3 bookmarks" in status
        await pilot.press("escape")  # clears the filter, back to the list
        await settle(pilot, 0.15)
        assert len(panel.shown) == 3
        assert app.focused is panel.list


async def test_enter_opens_the_article_at_the_passage(three: dict[str, str]) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        screen = main_screen(pilot)
        screen.bookmarks_panel.select(three["almaty5"])
        await pilot.press("enter")
        await settle(pilot)
        view = screen.active_view
        assert view.article is not None and view.article.id == ALMATY
        assert view.cursor == 5
        assert app.focused is view
        assert view.bookmarked == frozenset({2, 5})


async def test_e_edits_note_and_tags_prefilled(three: dict[str, str]) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        main_screen(pilot).bookmarks_panel.select(three["threats2"])
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BookmarkEditScreen)
        note = dialog.query_one("#bookmark-note", TextArea)
        tags = dialog.query_one("#bookmark-tags", Input)
        assert note.text == "threats listed"
        assert tags.value == "law csto"
        await type_text(pilot, " twice")
        tags.value = "law"
        await pilot.press("ctrl+s")
        await settle(pilot)
        mark = shelf_on().store.get(three["threats2"])
        assert mark is not None
        assert (mark.note, mark.tags) == ("threats listed twice", ("law",))
        shown = main_screen(pilot).bookmarks_panel.highlighted
        assert shown is not None and shown.bookmark.note == "threats listed twice"


async def test_d_deletes_and_u_or_ctrl_z_undoes(three: dict[str, str]) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        panel = main_screen(pilot).bookmarks_panel
        panel.select(three["almaty5"])
        await pilot.press("d")
        await settle(pilot)
        assert shelf_on().store.get(three["almaty5"]) is None
        assert three["almaty5"] not in option_ids(pilot)
        assert "u or ctrl+z undoes" in messages(app)[-1]
        await pilot.press("d")  # the next one
        await settle(pilot)
        assert len(shelf_on()) == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        restored = shelf_on()
        assert {b.id for b in restored.store.bookmarks} == set(three.values())
        assert restored.store.get(three["almaty5"]).note == "guard summoned"  # same id, note
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo" in messages(app)[-1]


async def test_orphans_have_their_own_section(seeds_copy: Path) -> None:
    shelf = shelf_on(seeds_copy)
    kept = shelf.add(ALMATY, 4, note="kept")
    lost = shelf.add(ALMATY, 5, note="the guard", tags=["security"])
    path = seeds_copy / f"{ALMATY}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(lost.bookmark.quote, "A new paragraph instead."), "utf-8")
    app = reader(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        panel = main_screen(pilot).bookmarks_panel
        ids = option_ids(pilot)
        assert ids == [f"\ta\t{ALMATY}", kept.id, "\to", lost.id]
        orphan = panel.shown[-1]
        assert orphan.orphan and orphan.bookmark.note == "the guard" and orphan.reason
        prompt = str(panel.list.get_option(lost.id).prompt)
        assert "On Ablaikhan street" in prompt and "the guard" in prompt
        panel.select(lost.id)
        await pilot.press("enter")  # opens the article where the passage was, says why
        await settle(pilot)
        assert "no longer in" in messages(app)[-1]
        assert main_screen(pilot).active_view.bookmarked == frozenset({4})


async def test_bookmarks_added_elsewhere_appear_when_the_tab_is_shown(
    three: dict[str, str],
) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        other = shelf_on().add(ALMATY, 8, note="from the command line")  # another process
        await pilot.press("3")
        await settle(pilot)
        screen = main_screen(pilot)
        assert other.id in option_ids(pilot)
        assert screen.active_view.bookmarked == frozenset({2, 5, 8})


async def test_palette_runs_the_bookmark_commands(three: dict[str, str]) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "export bookmarks")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportBookmarksScreen)


async def test_a_thousand_bookmarks_list_and_filter_quickly() -> None:
    corpus = Corpus.open(SEEDS)
    marks = []
    for n in range(1000):
        article = corpus.ids[n % len(corpus.ids)]
        paragraphs = corpus.article(article).paragraphs
        anchor = make_anchor(corpus.article(article), paragraphs[n % len(paragraphs)].number)
        tags = ("law",) if n % 10 == 0 else ("misc",)
        when = f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}Z"
        marks.append(Bookmark(f"{n:08x}", anchor, f"note {n}", tags, when, when))
    path = collection_of().bookmarks_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_document(marks), encoding="utf-8")
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert len(screen.bookmarks) == 1000
        await pilot.press("3")
        panel = screen.bookmarks_panel
        started = time.perf_counter()
        panel.filter_input.value = "#law"
        panel.rebuild()
        assert len(panel.shown) == 100
        panel.filter_input.value = "note 99"  # words: "note" and "99" anywhere
        panel.rebuild()
        panel.toggle_sort()
        elapsed = time.perf_counter() - started
        assert {p.bookmark.note for p in panel.shown} >= {"note 99", "note 990", "note 599"}
        assert elapsed < 1.5, f"three rebuilds of 1000 bookmarks took {elapsed:.2f} s"


# -- start-up and files -------------------------------------------------------------


async def test_broken_file_is_moved_aside_and_the_backup_offered() -> None:
    shelf = shelf_on()
    shelf.add(ALMATY, 4)
    shelf.add(ALMATY, 5)  # a second write leaves a .bak of a good file
    target = collection_of().bookmarks_file
    target.write_text("bookmarks: [unclosed\n", encoding="utf-8")
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = messages(app)
        assert any("cannot be read" in n and "moved it to" in n for n in notes)
        assert any("Restore or Dismiss" in n for n in notes)
        assert list(target.parent.glob("bookmarks.yaml.broken-*"))
        screen = main_screen(pilot)
        assert screen.bookmarks == []
        await pilot.press("3")
        await pilot.pause()
        banner = screen.query_one("#bookmarks-backup")
        assert banner.display
        await pilot.click("#bookmarks-restore")
        await settle(pilot)
        assert len(screen.bookmarks) == 2
        assert not banner.display
        assert "Restored 2 bookmarks" in messages(app)[-1]
        await open_in_library(pilot, ALMATY)
        assert screen.active_view.bookmarked == frozenset({4, 5})


async def test_broken_file_without_backup_still_lets_one_bookmark() -> None:
    target = collection_of().bookmarks_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\x00\xff not yaml at all: [")
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("moved it to" in n for n in messages(app))
        await at_paragraph(pilot, ALMATY, 4)
        await pilot.press("b")
        await settle(pilot)
        assert len(shelf_on()) == 1


async def test_a_write_that_fails_is_one_line_and_the_list_stays_true(
    three: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzreader.core.bookmarks import store

    def refuse(path, data):
        raise OSError(28, "No space left on device")

    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(store, "atomic_write_bytes", refuse)
        await at_paragraph(pilot, ALMATY, 7)
        await pilot.press("b")
        await settle(pilot)
        assert "No space left on device" in messages(app)[-1]
        screen = main_screen(pilot)
        assert len(screen.bookmarks) == 3
        assert 7 not in screen.active_view.bookmarked


async def test_a_file_from_a_newer_version_is_shown_and_never_written() -> None:
    shelf_on().add(ALMATY, 4, note="kept as it is")
    target = collection_of().bookmarks_file
    text = target.read_text(encoding="utf-8")
    assert "\nversion: 1\n" in text
    target.write_text(text.replace("\nversion: 1\n", "\nversion: 2\n", 1), encoding="utf-8")
    before = target.read_bytes()
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("newer kzreader" in n and "read-only" in n for n in messages(app))
        screen = main_screen(pilot)
        assert [p.bookmark.note for p in screen.bookmarks] == ["kept as it is"]
        await at_paragraph(pilot, ALMATY, 6)
        await pilot.press("b")
        await settle(pilot)
        assert "read-only" in messages(app)[-1]
        assert screen.active_view.bookmarked == frozenset({4})  # shown; ¶6 not added
        assert target.read_bytes() == before


async def test_export_from_the_ui_writes_the_chosen_format(
    three: dict[str, str], tmp_path: Path
) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportBookmarksScreen)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value == "~/kzreader-bookmarks.md"
        path_input.value = str(tmp_path / "out.md")
        json_button = next(b for b in dialog.query(RadioButton) if b.name == "json")
        await pilot.click(json_button)
        await pilot.pause()
        assert path_input.value == str(tmp_path / "out.json")
        path_input.focus()
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert {b["id"] for b in data["bookmarks"]} == set(three.values())
        assert "Exported 3 bookmarks to" in messages(app)[-1]
        assert "out.json (json)" in messages(app)[-1]
        # Markdown to the default suffix; then a path that cannot be written is one line
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "list.md")
        await pilot.press("enter")
        await settle(pilot)
        markdown = (tmp_path / "list.md").read_text(encoding="utf-8")
        assert markdown.startswith("# Bookmarks")
        assert f"> — {THREATS} ¶2" in markdown and "threats listed" in markdown
        await pilot.press("x")
        await pilot.pause()
        blocked = tmp_path / "out.json" / "x.md"  # its folder is a file
        app.screen.query_one("#export-path", Input).value = str(blocked)
        await pilot.press("enter")
        await settle(pilot)
        assert "cannot write" in messages(app)[-1]
        assert not isinstance(app.screen, ExportBookmarksScreen)


# -- themes -------------------------------------------------------------------------


async def test_ctrl_t_cycles_themes_and_the_choice_persists() -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ours = [name for name in SHIPPED if name in app.available_themes]
        theirs = sorted(name for name in app.available_themes if name not in ours)
        first = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        second = app.theme
        assert second != first
        assert messages(app)[-1] == f"Theme: {second}"
        if first in ours[:-1]:
            assert second == ours[ours.index(first) + 1]
        app.theme = ours[-1]  # after ours come Textual's, in name order...
        await pilot.press("ctrl+t")
        assert app.theme == theirs[0]
        app.theme = theirs[-1]  # ...and after the last of those, ours again
        await pilot.press("ctrl+t")
        assert app.theme == ours[0]
        await pilot.press("ctrl+t")
        chosen = app.theme
        assert chosen == ours[1]
        await app.action_quit()
    again = reader()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == chosen


# -- snapshots ----------------------------------------------------------------------


@pytest.fixture
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    """True colour, fixed bookmark times, and the entity sidebar off (it has its own tests)."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setattr("kzreader.core.bookmarks.shelf.now_iso", lambda: FIXED_TIME)
    settings = DataPaths.resolve().settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("sidebar_visible: false\n", encoding="utf-8")


def test_snapshot_bookmarks_tab_with_an_orphan(snap_compare, steady, seeds_copy: Path) -> None:
    shelf = shelf_on(seeds_copy)
    shelf.add(ALMATY, 4, note="First impressions: cars and pedestrians", tags=["daily-life"])
    shelf.add(THREATS, 3, note="Tokayev's New Year speech", tags=["law", "csto"])
    lost = shelf.add(ALMATY, 5, note="The guard scene", tags=["security"])
    path = seeds_copy / f"{ALMATY}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(lost.bookmark.quote, "A new paragraph instead."), "utf-8")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        main_screen(pilot).active_view.move_cursor(4)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(reader(seeds_copy), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", SHIPPED)
def test_snapshot_each_theme_on_the_reader(snap_compare, steady, theme: str) -> None:
    shelf_on().add(ALMATY, 4, note="a note")

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("j", "j", "j")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)


def test_snapshot_note_dialog(snap_compare, steady) -> None:
    shelf_on().add(THREATS, 4, tags=["protests"])

    async def run_before(pilot) -> None:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 6)
        await pilot.press("B")
        await pilot.pause()
        await type_text(pilot, "Taxi drivers talk; passers-by do not")
        await pilot.press("tab")
        await type_text(pilot, "sources")
        await pilot.pause()

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)


def test_snapshot_bookmarks_tab_small_window(snap_compare, steady) -> None:
    shelf = shelf_on()
    shelf.add(ALMATY, 4, note="Cars and pedestrians", tags=["daily-life"])
    shelf.add(THREATS, 3, note="Tokayev's New Year speech", tags=["law"])

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=(80, 24), run_before=run_before)
