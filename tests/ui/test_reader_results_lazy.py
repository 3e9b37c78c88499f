"""Search results arrive in two steps: a screenful with passages, then the rest's passages."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import main_screen, reader, record_calls, settle
from textual.pilot import Pilot

from kzreader.core.search.passages import ArticleHit, Passage, SearchResult
from kzreader.ui.screens.main import MainScreen
from kzreader.ui.screens.main import search as reader_search
from kzreader.ui.widgets.results import ResultsPane, hit_lines


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(
            f"Report {n} from Taraz\n\nTraders in Taraz talk of grain {n}.\n\n"
            f"The road out of Taraz was closed for {n} days.\n",
            encoding="utf-8",
        )
    return folder


async def results_shown(pilot: Pilot) -> MainScreen:
    """The reader with one search made: the results list is laid out once its tab has
    been shown (before, it has no size to fill)."""
    await settle(pilot)
    screen = main_screen(pilot)
    screen.search_input.focus()
    screen.search("grain")
    await settle(pilot, 0.2)
    return screen


async def test_results_come_with_the_first_passages_then_the_rest(
    tmp_path: Path, monkeypatch
) -> None:
    shown: list[SearchResult] = record_calls(monkeypatch, ResultsPane, "show_result")
    app = reader(write_corpus(tmp_path / "corpus", 30))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await results_shown(pilot)
        screen.search("Taraz")
        await settle(pilot, 0.2)
        first, last = shown[-2], shown[-1]
        assert len(first.hits) == len(last.hits) == 30
        pending = [hit.pending for hit in first.hits]
        found = pending.index(True)
        assert pending == [False] * found + [True] * (30 - found)
        # As many as fill the list, fewer than the most a first answer has.
        enough = screen.results.screenful()
        assert enough is not None
        assert enough(first.hits[:found]) and not enough(first.hits[: found - 1])
        assert 1 < found < reader_search.RESULTS_FIRST
        assert all(hit.passages and not hit.pending for hit in last.hits)
        listed = screen.results.list
        ids = [listed.get_option_at_index(i).id for i in range(listed.option_count)]
        passages = sum(1 for i in ids if i and i.startswith("p\t"))
        assert passages == 90  # the title line and two paragraphs of each article


async def test_the_second_step_keeps_the_cursor_where_the_reader_put_it(tmp_path: Path) -> None:
    app = reader(write_corpus(tmp_path / "corpus", 30))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        index = app.index
        partial = index.search("Taraz", limit=50, passages_for=3)
        pane = screen.results
        pane.show_result(partial)
        listed = pane.list
        last_hit = f"a\t{partial.hits[-1].article}"
        listed.highlighted = listed.get_option_index(last_hit)  # a pending hit, far down
        pane.show_result(index.complete(partial))
        assert listed.get_option_at_index(listed.highlighted).id == last_hit
        pane.show_result(index.search("grain", limit=50))  # a new query starts at the top
        assert listed.highlighted == 0


async def test_every_hit_in_sight_comes_with_its_passages(tmp_path: Path) -> None:
    """The first answer stops finding passages once the list is full, not before."""
    corpus = write_corpus(tmp_path / "corpus", 30)
    for size in [(120, 40), (80, 24), (160, 60)]:
        app = reader(corpus)
        async with app.run_test(size=size) as pilot:
            screen = await results_shown(pilot)
            pane = screen.results
            first = app.index.search("Taraz", limit=50, passages_for=30, enough=pane.screenful())
            assert any(hit.pending for hit in first.hits)
            pane.show_result(first)
            await pilot.pause()
            listed = pane.list
            lines = [
                listed.render_line(y).text.rstrip()
                for y in range(listed.scrollable_content_region.height)
            ]
            headings = [line for line in lines if "Report" in line]
            assert headings, lines
            assert all(" passages" in h or " …" not in h for h in headings), lines


def _hit_lines(listed, article: str) -> int:  # type: ignore[no-untyped-def]
    """Lines the options of ``article``'s hit take in the list, as the list laid them out."""
    listed._update_lines()  # the list's own line layout (what it scrolls and draws)
    heights = listed._line_cache.heights
    return sum(
        heights[i]
        for i in range(listed.option_count)
        if (listed.get_option_at_index(i).id or "").split("\t")[1:2] == [article]
    )


def _broken_at_a_space(width: int) -> str:
    """A title whose heading, "1. " + title + "  1 passage", is 2 * width + 1 characters
    with a space at [width]: two lines wrapped at spaces (the space ends the first line
    and takes no cell), three by len / width."""
    return "x" * (width - 3) + " " + "y" * (width - len("  1 passage"))


def _zero_width(width: int) -> str:
    """Zero-width spaces (web pages are full of them; clean_text keeps them): characters
    that take no cell."""
    return "x\u200b" * (2 * width)


@pytest.mark.parametrize("make_title", [_broken_at_a_space, _zero_width])
async def test_a_hit_is_counted_the_lines_the_list_gives_it(tmp_path: Path, make_title) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Taraz\n\nTaraz grain.\n", encoding="utf-8")
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await results_shown(pilot)
        pane = screen.results
        width = pane.list.scrollable_content_region.width
        assert 20 < width <= pane.list.size.width
        title = make_title(width)
        hit = ArticleHit(
            article="a",
            title=title,
            score=1.0,
            passages=(Passage(1, "paragraph", "Taraz grain.", (), 1.0),),
        )
        pane.show_result(SearchResult(query="crafted", total=1, hits=(hit,)))
        await pilot.pause()
        shown = _hit_lines(pane.list, "a")
        assert shown >= 3
        assert hit_lines(1, hit, width) <= shown
        assert hit_lines(1, hit, pane.list.size.width) <= shown  # what screenful counts
        assert hit_lines(1, hit, width) >= shown - 1  # and not far below
