"""Search as you type, landing on the passage with every hit marked, n/N, find, history."""

from __future__ import annotations

import pytest
from reader_helpers import ALMATY, THREATS, main_screen, open_in_library, reader, settle

from kzreader.ui.widgets.results import ResultsList, snippet


async def _search(pilot, text: str, *, submit: bool = True) -> None:
    await pilot.press("slash")
    for char in text:
        await pilot.press(char if char != " " else "space")
    if submit:
        await pilot.press("enter")
    await settle(pilot, 0.3)


async def test_typing_searches_after_a_pause_and_shows_grouped_results() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "Tokayev", submit=False)
        result = screen.results.result
        assert result is not None and result.query == "Tokayev"
        assert result.total >= 2 and result.hits[0].article == THREATS
        assert app.focused is screen.search_input  # typing alone keeps the focus in the box
        results = screen.query_one(ResultsList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert ids[0] == f"a\t{THREATS}"
        assert any(i and i.startswith(f"p\t{THREATS}\t") for i in ids)
        status = str(screen.query_one("#results-status").render())
        assert f"{result.total} articles match" in status


async def test_enter_moves_to_the_first_passage_and_enter_lands_on_it_with_hits() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "Tokayev")
        results = screen.query_one(ResultsList)
        assert app.focused is results
        option = results.get_option_at_index(results.highlighted)
        _, article_id, paragraph = option.id.split("\t")
        await pilot.press("enter")
        await settle(pilot)
        view = screen.active_view
        assert app.focused is view
        assert view.article.id == article_id
        assert view.cursor == int(paragraph)
        hits = view.marks("hit")
        assert int(paragraph) in hits and len(hits) >= 3
        for number, spans in hits.items():
            text = view.article.paragraph(number).text
            # Alias expansion also marks the full-name forms ("Kassym-Jomart Tokayev").
            assert all("tokayev" in text[s:e].lower() for s, e in spans)
        current = view.matches[view.current_match]
        assert current.paragraph == int(paragraph)
        block = view._layout.block(view.cursor)
        top = round(view.scroll_y)
        assert top <= block.top + block.line_of(current.start) < top + view.size.height
        assert "hit" in str(view.parent.border_subtitle)


async def test_n_and_N_step_through_every_hit_and_wrap() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "Tokayev")
        await pilot.press("enter")
        await settle(pilot)
        view = screen.active_view
        total = len(view.matches)
        start = view.current_match
        seen = []
        for _ in range(total):
            await pilot.press("n")
            seen.append(view.current_match)
            assert view.cursor == view.matches[view.current_match].paragraph
        assert seen[-1] == start and sorted(seen) == list(range(total))
        await pilot.press("N")
        assert view.current_match == (start - 1) % total
        paragraphs = [m.paragraph for m in view.matches]
        assert paragraphs == sorted(paragraphs)
        await pilot.press("s")  # the split shows the same article with the same hits
        await settle(pilot)
        other = screen.active_view
        assert other is not view and other.marks("hit") == view.marks("hit")
        await pilot.press("n")
        assert other.current_match is not None


async def test_did_you_mean_is_offered_and_ctrl_y_accepts_it() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "slavry", submit=False)
        assert screen.results.suggestion == "slavery"
        assert "Did you mean" in str(screen.query_one("#results-suggestion").render())
        await pilot.press("ctrl+y")
        await settle(pilot, 0.3)
        assert screen.search_input.value == "slavery"
        assert screen.results.result.query == "slavery"
        assert screen.results.result.total >= 1


async def test_a_bad_query_is_one_line_in_the_results_not_a_traceback() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "AND OR", submit=False)
        status = str(screen.query_one("#results-status").render())
        assert status.startswith("Cannot search:") and "\n" not in status
        assert screen.query_one(ResultsList).option_count == 0


async def test_no_match_still_says_how_the_query_was_read() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash", "quotation_mark")
        await _search(pilot, "zzqx unclosed")
        status = str(screen.query_one("#results-status").render())
        assert status.startswith("No article matches") and "closed an unbalanced quote" in status


async def test_history_is_kept_and_recalled_with_up_and_down_across_runs() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await _search(pilot, "Tokayev")
        await _search(pilot, "Borat")
        await pilot.press("q")
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash", "up")
        assert screen.search_input.value == "Borat"
        await pilot.press("up")
        assert screen.search_input.value == "Tokayev"
        await pilot.press("down", "down")
        assert screen.search_input.value == ""


async def test_escape_in_the_search_box_goes_back_where_it_came_from() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("slash")
        assert app.focused is screen.search_input
        await pilot.press("escape")
        assert app.focused is screen.active_view


async def test_ctrl_f_finds_in_the_open_article_and_n_steps_through_matches() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        view = screen.active_view
        await pilot.press("ctrl+f")
        pane = screen.active_pane
        assert app.focused is pane.find_bar.input
        for char in "borat":
            await pilot.press(char)
        await settle(pilot, 0.1)
        expected = sum(p.text.lower().count("borat") for p in view.article.paragraphs)
        assert expected >= 2 and len(view.matches) == expected
        assert view.nav_layer == "find"
        first = view.current_match
        await pilot.press("enter")
        assert view.current_match == (first + 1) % expected
        assert str(pane.query_one("#find-count").render()) == f"{view.current_match + 1}/{expected}"
        await pilot.press("escape")
        assert app.focused is view and not view.marks("find")
        assert pane.find_bar.has_class("-hidden")


def test_snippet_keeps_the_hits_inside_the_window() -> None:
    text = "word " * 200 + "Tokayev said" + " more" * 200
    start = text.index("Tokayev")
    shown, spans = snippet(text, ((start, start + 7),))
    assert shown.startswith("…") and shown.endswith("…")
    assert [shown[s:e] for s, e in spans] == ["Tokayev"]
    short, spans = snippet("short Tokayev", ((6, 13),))
    assert short == "short Tokayev" and spans == [(6, 13)]


async def test_a_failing_search_is_one_line_and_the_reader_goes_on(monkeypatch) -> None:
    from kzreader.core.search.index import SearchIndex

    def broken(self, text, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SearchIndex, "search", broken)
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "Tokayev", submit=False)
        status = str(screen.query_one("#results-status").render())
        assert status == "Searching failed: RuntimeError: disk on fire"
        assert app.is_running
        await open_in_library(pilot, ALMATY)
        assert screen.active_view.article.id == ALMATY


async def test_partial_and_widened_hits_are_marked_and_sort_and_export_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: a partial hit names the words it has; o lists newest first; x exports
    the list (titles, outlet, date, passages with their ¶)."""
    from kzreader.ui.dialogs.export import ExportBookmarksScreen

    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await _search(pilot, "Tokayev Borat")
        results = screen.query_one(ResultsList)
        lines = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any("[only Borat]" in line for line in lines)
        assert any("[only Tokayev]" in line for line in lines)
        status = str(screen.query_one("#results-status").render())
        assert "(0 with every word)" in status
        results.focus()
        await pilot.press("o")
        await settle(pilot, 0.1)
        dates = [hit.date for hit in screen.results.result.hits]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportBookmarksScreen)
        target = tmp_path / "results.md"
        dialog.path_input.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Search: Tokayev Borat")
        assert "Eurasia Review · 2022-08" in text and "> ¶" in text
        assert "only some words: Borat" in text


async def test_an_unsupported_whoosh_is_an_error_notification(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine refuses another whoosh: the reader says so in one line and stays usable."""
    import whoosh

    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        notes = [n for n in app._notifications if "whoosh" in n.message]
        assert notes and notes[0].severity == "error"
        assert "2.8.0" in notes[0].message and "\n" not in notes[0].message
        assert app.index is None
