"""Search results arrive in two steps: a screenful with passages, then the rest's passages."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import main_screen, reader, record_calls, settle

from kzreader.core.results import SearchResult
from kzreader.ui.screens import reader_workers
from kzreader.ui.widgets.results import ResultsPane


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(
            f"Report {n} from Taraz\n\nTraders in Taraz talk of grain {n}.\n\n"
            f"The road out of Taraz was closed for {n} days.\n",
            encoding="utf-8",
        )
    return folder


async def test_results_come_with_the_first_passages_then_the_rest(
    tmp_path: Path, monkeypatch
) -> None:
    shown: list[SearchResult] = record_calls(monkeypatch, ResultsPane, "show_result")
    app = reader(write_corpus(tmp_path / "corpus", 30))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.search_input.focus()
        screen.search("grain")  # the list is laid out once its tab has been shown
        await settle(pilot, 0.2)
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
        assert 1 < found < reader_workers.RESULTS_FIRST
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
            await settle(pilot)
            screen = main_screen(pilot)
            screen.search_input.focus()
            screen.search("grain")
            await settle(pilot, 0.2)
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
