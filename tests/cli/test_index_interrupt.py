"""Ctrl-C in ``kzreader index`` on a large folder: one line, no stray process, and it resumes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cancelling import cancel_after

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import DataPaths
from kzreader.core.search.errors import IndexCancelled
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.store import committed_articles


def write_corpus(root: Path, count: int) -> None:
    """Articles of a few hundred words: a build long enough for a Ctrl-C to land in it
    (one-line articles indexed so fast that the interrupt could come after the end)."""
    root.mkdir(parents=True)
    for n in range(count):
        body = " ".join(
            f"News from Taraz about item{n}, the border and the grain trade on day {k}."
            for k in range(25)
        )
        (root / f"a{n:04d}.txt").write_text(f"Report {n}\n\n{body}\n", encoding="utf-8")


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_stops_every_indexing_process_with_one_line(tmp_path: Path) -> None:
    root, home = tmp_path / "corpus", tmp_path / "home"
    write_corpus(root, 1200)  # large enough for several indexing processes
    env = {**os.environ, "KZREADER_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kzreader", "--corpus", str(root), "index"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
        # As from a terminal: a suite started in the background (`cmd &` in a script)
        # ignores Ctrl-C, and an ignored signal stays ignored across exec.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # "indexing: 120/1200": the build is under way
    assert first.startswith("indexing: "), first
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("indexing: ")]
    assert len(lines) == 1 and lines[0].startswith("kzreader: interrupted; "), stderr
    assert "run 'kzreader index' again" in lines[0]
    deadline = 50
    while group_alive(process.pid) and deadline:
        threading.Event().wait(0.1)
        deadline -= 1
    assert not group_alive(process.pid), "an indexing process outlived the command"

    again = subprocess.run(
        [sys.executable, "-m", "kzreader", "--corpus", str(root), "index"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert committed_articles(DataPaths.resolve(home).index_dir(root)) == 1200


def test_indexing_processes_ignore_ctrl_c_and_end_on_cancel(tmp_path: Path) -> None:
    """The parent decides: a child that took SIGINT itself printed a traceback."""
    from kzreader.core.search.engine import ParallelWriter
    from kzreader.core.search.store import create

    ix = create(tmp_path / "store")
    writer = ParallelWriter(ix, procs=2, multisegment=True, timeout=0.0)
    for n in range(120):  # more than whoosh's 100 documents per job: a process starts
        writer.add_document(article=f"a{n}", body=f"news from Taraz {n}")
    assert writer.tasks
    task = writer.tasks[0]
    os.kill(task.pid, signal.SIGINT)
    task.join(timeout=0.5)
    assert task.is_alive()
    writer.cancel()
    assert not task.is_alive()
    assert multiprocessing.active_children() == []


def test_cancelling_a_parallel_build_ends_its_processes(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_corpus(root, 600)
    cancel, progress = cancel_after(450)

    with pytest.raises(IndexCancelled):
        SearchIndex.open(
            Corpus.open(root), tmp_path / "index", procs=2, progress=progress, cancel=cancel
        )
    assert multiprocessing.active_children() == []
    assert committed_articles(tmp_path / "index") == 0  # the one batch was not committed
    resumed = SearchIndex.open(Corpus.open(root), tmp_path / "index", procs=2)
    assert resumed.search("news").total == 600


def test_finding_entities_in_a_large_folder_reports_progress(tmp_path: Path) -> None:
    root, home = tmp_path / "corpus", tmp_path / "home"
    write_corpus(root, 250)
    done = subprocess.run(
        [sys.executable, "-m", "kzreader", "--corpus", str(root), "entities", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "KZREADER_HOME": str(home)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("finding people, places, organisations: ")
    assert lines[-1] == "finding people, places, organisations: 250/250"
    assert '"entities"' in done.stdout
