"""The reader on a large folder: the library before the scan and the index, stopping and
resuming a build, quitting in the middle of one (issue 7).

Sizes are small enough for a test (a few hundred to 3,000 tiny articles); the index's
batch size is lowered so a build has several commits and uses whoosh's indexing
processes, as a 10,000-article build does.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from reader_helpers import main_screen, palette_shows, reader, record_calls, settle, until

from kzreader.core.corpus.collection import Corpus
from kzreader.core.library import Library
from kzreader.core.paths import DataPaths
from kzreader.core.search import build, store
from kzreader.core.search.errors import IndexCancelled
from kzreader.core.search.index import SearchIndex
from kzreader.ui.messages import IndexProgress
from kzreader.ui.screens.main import MainScreen

WORDS = "border trade Astana Moscow pipeline grain union court reform oil".split()


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        text = f"Article {n:05d} about {word}\n\nBy A. Writer\n\nThe {word} story number {n}.\n"
        (folder / f"a{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def catalog_of(folder: Path) -> Path:
    return DataPaths.resolve().index_dir(folder) / "catalog.json"


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#index-status").render())


def manifest_count(folder: Path) -> int:
    path = DataPaths.resolve().index_dir(folder) / store.MANIFEST
    if not path.exists():  # nothing committed yet
        return 0
    return len(json.loads(path.read_text(encoding="utf-8"))["articles"])


@pytest.mark.parametrize("count", [600, pytest.param(3000, marks=pytest.mark.slow)])
async def test_the_library_is_usable_before_the_folder_scan_and_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    folder = write_corpus(tmp_path / "big", count)
    Corpus.open(folder, catalog=catalog_of(folder))  # an earlier run left the catalog
    # The folder changed since: a title edited, an article added.
    (folder / "a00007.txt").write_text("A new title for seven\n\nText.\n", encoding="utf-8")
    (folder / "b_new.txt").write_text("Brand new article\n\nText.\n", encoding="utf-8")
    scan = threading.Event()
    index = threading.Event()
    open_corpus, open_index = Library.scan, SearchIndex.open

    def slow_scan(self, progress=None):
        scan.wait(20)
        return open_corpus(self, progress)

    def slow_index(*args, **kwargs):
        index.wait(20)
        return open_index(*args, **kwargs)

    monkeypatch.setattr(Library, "scan", slow_scan)
    monkeypatch.setattr(SearchIndex, "open", slow_index)
    app = reader(folder)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(pilot)
            library = screen.library
            await until(pilot, lambda: len(library.table.rows) == count)
            # Listed from the catalog: the folder has not been scanned, nothing is indexed.
            assert app.index is None and not scan.is_set()
            assert f"{count:,} articles" in str(screen.query_one("#corpus-info").render())
            titles = {info.id: info.title for info in library.infos}
            assert titles["a00007"] == "Article 00007 about court"
            # Usable: scrolling and filtering work now.
            library.table.focus()
            await pilot.press("pagedown", "pagedown")
            assert library.table.cursor_row > 40
            library.filter_input.value = "pipeline"
            await until(pilot, lambda: len(library.shown) == count // 10, "the filter applied")
            library.filter_input.value = ""
            await until(pilot, lambda: len(library.shown) == count, "the filter cleared")
            await pilot.press("pagedown", "pagedown", "pagedown")
            cursor_on = library.highlighted
            assert cursor_on is not None and library.table.scroll_y > 0
            # The scan finishes: the library shows what changed, the cursor stays put.
            scan.set()
            await until(pilot, lambda: len(library.infos) == count + 1)
            titles = {info.id: info.title for info in library.infos}
            assert titles["a00007"] == "A new title for seven"
            assert library.highlighted == cursor_on
            assert f"{count + 1:,} articles" in str(screen.query_one("#corpus-info").render())
            assert app.index is None
            index.set()
            await until(pilot, lambda: app.index is not None, timeout=60)
    finally:
        scan.set()
        index.set()


async def test_an_unchanged_folder_does_not_refill_the_library(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "small", 40)
    Corpus.open(folder, catalog=catalog_of(folder))
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        listed = screen.library.infos
        await until(pilot, lambda: app.index is not None)
        # The scanned corpus replaced the listed one, but the rows were not rebuilt.
        assert screen.library.infos is listed
        assert len(app.corpus) == 40


def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commit every 200 articles and use the indexing processes from 300 articles."""
    monkeypatch.setattr(build, "BATCH", 200)
    monkeypatch.setattr(build, "PARALLEL_FROM", 300)


@pytest.mark.slow
async def test_stop_indexing_keeps_what_was_committed_and_the_next_start_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_batches(monkeypatch)
    folder = write_corpus(tmp_path / "corpus", 800)
    seen: list[IndexProgress] = record_calls(monkeypatch, MainScreen, "on_index_progress")
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(pilot)
        # Past the first batch (committed when the second one starts), then stop.
        await until(pilot, lambda: seen and seen[-1].done > 220, timeout=60)
        assert status(screen).startswith("indexing ") and "/800" in status(screen)
        assert screen.stop_indexing()
        await until(pilot, lambda: not screen.indexing, timeout=20)
        assert status(screen) == "indexing stopped"
        assert app.index is None
        assert multiprocessing.active_children() == []  # no indexing process left behind
        await app.action_quit()
    committed = manifest_count(folder)
    assert 200 <= committed < 800 and committed % 200 == 0

    seen.clear()
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(pilot)
        await until(pilot, lambda: app.index is not None, timeout=60)
        # Only what was not committed was indexed, and the header said it resumed.
        assert seen and seen[-1].total == 800 - committed
        assert seen[-1].offset == committed and seen[-1].resumed
        await pilot.pause()
        assert status(screen) == ""
        result = app.index.search("story", limit=1000)
        assert result.total == 800
        assert len({hit.article for hit in result.hits}) == len(result.hits)
        await app.action_quit()
    assert manifest_count(folder) == 800


async def test_the_palette_stops_and_resumes_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(tmp_path / "corpus", 30)
    gate = threading.Event()
    calls = []
    open_index = SearchIndex.open

    def gated(corpus, index_dir, *, progress=None, cancel=None, **kwargs):
        calls.append(cancel)
        while not gate.is_set():
            if cancel is not None and cancel.is_set():
                raise IndexCancelled()
            time.sleep(0.01)
        return open_index(corpus, index_dir, progress=progress, cancel=cancel, **kwargs)

    monkeypatch.setattr(SearchIndex, "open", gated)
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(pilot)
        await until(pilot, lambda: screen.indexing)
        await pilot.press("ctrl+p")
        await pilot.press(*"Stop indexing")
        await palette_shows(pilot, "Stop indexing")
        await pilot.press("enter")
        await until(pilot, lambda: not screen.indexing, timeout=10)
        assert status(screen) == "indexing stopped"
        assert calls[0].is_set()
        gate.set()
        await pilot.press("ctrl+p")
        await pilot.press(*"Resume indexing")
        await palette_shows(pilot, "Resume indexing")
        await pilot.press("enter")
        await until(pilot, lambda: app.index is not None, timeout=30)
        assert len(calls) == 2
        assert status(screen) == ""


@pytest.mark.slow
async def test_quitting_in_the_middle_of_a_build_does_not_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_batches(monkeypatch)
    folder = write_corpus(tmp_path / "corpus", 800)
    app = reader(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(pilot)
        await until(pilot, lambda: "indexing" in status(screen), timeout=60)
        await app.action_quit()
    deadline = time.monotonic() + 30
    while screen.indexing and time.monotonic() < deadline:
        time.sleep(0.05)
    # The build stopped rather than ran to its end, and left no indexing process behind.
    assert not screen.indexing
    assert manifest_count(folder) < 800
    assert multiprocessing.active_children() == []
