"""Watching a folder: batches of changes, hidden and temporary files ignored, and a file
still being written handed on only once it has stopped growing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from kzreader.core.watch import Changes, classify, interesting, wait_until_stable, watch_folder


def test_temporary_and_hidden_files_do_not_count() -> None:
    assert interesting("note.txt") and interesting("sub/page.html")
    for name in (".hidden.txt", ".git/index", "sub/.cache/x.txt", "page.html.part",
                 "report.pdf.crdownload", "draft.md~", "note.txt.tmp"):  # fmt: skip
        assert not interesting(name), name


def test_a_renamed_temporary_counts_as_added(tmp_path: Path) -> None:
    from watchfiles import Change

    there = tmp_path / "there.txt"
    there.write_text("x", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    changes = classify([(Change.deleted, str(there)), (Change.deleted, str(gone))])
    assert changes == Changes(added=frozenset({there}), deleted=frozenset({gone}))


def test_waiting_ends_when_the_file_stops_growing(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_text("", encoding="utf-8")
    stop = threading.Event()
    writing = threading.Event()

    def writer() -> None:
        with path.open("a", encoding="utf-8") as handle:
            for n in range(8):
                handle.write(f"line {n}\n")
                handle.flush()
                time.sleep(0.1)  # a slow download
        writing.clear()

    writing.set()
    thread = threading.Thread(target=writer)
    thread.start()
    assert wait_until_stable([path], stop, interval=0.25)
    assert not writing.is_set()  # not before the writer was done
    thread.join()
    stop.set()
    assert not wait_until_stable([path], stop, interval=0.25)  # stopped: False at once


def test_watching_hands_on_whole_files_in_batches(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "old.txt").write_text("Old\n\nText.\n", encoding="utf-8")
    batches: list[Changes] = []
    sizes: list[int] = []
    seen = threading.Event()
    stop = threading.Event()
    final = "Title\n\n" + "A paragraph of a page being saved. " * 400 + "\n"

    armed = threading.Event()

    def changed(changes: Changes) -> None:
        names = {p.name for p in changes.added | changes.modified}
        if "probe.txt" in names:
            armed.set()
            return
        batches.append(changes)
        sizes.extend(p.stat().st_size for p in changes.added | changes.modified)
        if "new.txt" in names:
            seen.set()

    thread = threading.Thread(
        target=watch_folder, args=(root, changed, stop), kwargs={"debounce_ms": 100}
    )
    thread.start()
    try:
        for n in range(20):  # until the watcher is armed: it sees a probe file
            (root / "probe.txt").write_text(str(n), encoding="utf-8")
            if armed.wait(1.0):
                break
        assert armed.is_set()
        (root / ".hidden.txt").write_text("ignored", encoding="utf-8")
        with (root / "new.txt").open("w", encoding="utf-8") as handle:
            for start in range(0, len(final), 2000):  # written in pieces, slowly
                handle.write(final[start : start + 2000])
                handle.flush()
                time.sleep(0.15)
        (root / "old.txt").unlink()
        assert seen.wait(20), batches
        deadline = time.monotonic() + 20
        while not any(p.name == "old.txt" for b in batches for p in b.deleted):
            assert time.monotonic() < deadline, batches
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert sizes and all(size == len(final.encode()) for size in sizes)  # never half a file
    assert not any(p.name.startswith(".") for b in batches for p in b.added | b.modified)
