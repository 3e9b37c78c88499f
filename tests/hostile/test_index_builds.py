"""Index builds that die (issue 15, item 7 and the full-disk build of the poor list).

``kill -9`` of ``kzreader index`` while its indexing processes run must not leave them
behind holding the write lock; a lock left by a build that no longer runs (an older
kzreader, a system without a parent-death signal) is taken over with a message; a batch
that fails on a full disk leaves none of its partial segments behind.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import DataPaths
from kzreader.core.search.index import SearchIndex

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 articles: enough for the build to start its indexing processes."""
    folder = tmp_path_factory.mktemp("big") / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(folder), "--articles", "1200"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "KZREADER_HOME": str(home)}
    env.pop("KZREADER_DEBUG", None)
    return env


def index(corpus: Path, home: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kzreader", "--corpus", str(corpus), "index"],
        capture_output=True,
        env=env_for(home),
        timeout=600,
        check=False,
    )


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] not in "ZX"  # a zombie has ended


def wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def reap(pids: set[int]) -> None:
    for pid in pids:
        if running(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_indexing_processes_die_with_a_killed_build(big_corpus: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    build = subprocess.Popen(
        [sys.executable, "-m", "kzreader", "--corpus", str(big_corpus), "index"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env_for(home),
    )
    workers: set[int] = set()
    try:
        assert wait_until(lambda: bool(children_of(build.pid)), 120), "no indexing process"
        # Let the build start all of them, then kill it the way a user or the OOM killer does.
        end = time.monotonic() + 1.5
        while time.monotonic() < end:
            workers |= children_of(build.pid)
            time.sleep(0.05)
        build.kill()
        build.wait()
        assert wait_until(lambda: not any(running(pid) for pid in workers), 10), [
            pid for pid in workers if running(pid)
        ]
    finally:
        reap(workers)
        if build.poll() is None:
            build.kill()
    again = index(big_corpus, home)
    assert again.returncode == 0, again.stderr[-500:]
    assert b"index built" in again.stdout or b"index updated" in again.stdout, again.stdout


def _start_time(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rfind(")") + 2 :].split()[19]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_lock_left_by_a_dead_build_is_taken_over(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert index(seeds_copy, home).returncode == 0
    store = DataPaths.resolve(home).index_dir(seeds_copy) / "whoosh"
    lock = store / "MAIN_WRITELOCK"
    # What a build killed on a system without a parent-death signal (or by an older
    # kzreader) leaves: an indexing process holding the lock, its builder gone.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_WRONLY | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(300)\n",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        dead = subprocess.Popen([sys.executable, "-c", "pass"])  # a builder that has ended
        dead.wait()
        (store / "MAIN_WRITELOCK.owner").write_text(
            f"{dead.pid} -\n{holder.pid} {_start_time(holder.pid)}\n", encoding="ascii"
        )
        article = next(seeds_copy.glob("*.txt"))
        article.write_text(article.read_text() + "\n\nA new paragraph about Zhanaozen.\n")
        done = index(seeds_copy, home)
        assert done.returncode == 0, done.stderr
        assert b"index updated" in done.stdout, done.stdout + done.stderr
        assert b"no longer running" in done.stderr and b"took over" in done.stderr
        assert wait_until(lambda: holder.poll() is not None, 10)  # the leftover was ended
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait()


def test_a_live_build_keeps_its_lock(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert index(seeds_copy, home).returncode == 0
    store = DataPaths.resolve(home).index_dir(seeds_copy) / "whoosh"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, time\n"
            f"fd = os.open({str(store / 'MAIN_WRITELOCK')!r}, os.O_WRONLY | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            f"open({str(store / 'MAIN_WRITELOCK.owner')!r}, 'w').write(f'{{os.getpid()}} -\\n')\n"
            "print('held', flush=True)\n"
            "time.sleep(300)\n",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        article = next(seeds_copy.glob("*.txt"))
        article.write_text(article.read_text() + "\n\nAnother paragraph.\n")
        done = index(seeds_copy, home)
        assert b"read-only" in done.stdout + done.stderr  # waits its turn, takes nothing
        assert holder.poll() is None
    finally:
        holder.kill()
        holder.wait()


def test_a_batch_failing_on_a_full_disk_leaves_no_partial_segment(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = DataPaths.resolve(tmp_path / "home").index_dir(seeds_copy)
    SearchIndex.open(Corpus.open(seeds_copy), index_dir).close()
    store = index_dir / "whoosh"
    before = sorted(p.name for p in store.iterdir())
    article = next(seeds_copy.glob("*.txt"))
    article.write_text(article.read_text() + "\n\nA paragraph written on a full disk.\n")

    def disk_full(self: SegmentWriter, segments: list) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_commit_toc", disk_full)
    with pytest.raises(OSError):
        SearchIndex.open(Corpus.open(seeds_copy), index_dir)
    assert sorted(p.name for p in store.iterdir()) == before  # nothing of the batch is left
    monkeypatch.undo()
    again = SearchIndex.open(Corpus.open(seeds_copy), index_dir)  # and the lock was let go
    assert again.report.action == "updated"
    again.close()


def test_an_index_in_memory_writes_nothing_where_it_runs(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    ix = SearchIndex.open(Corpus.open(seeds_copy), blocker / "index")  # cannot be written
    assert ix.search("Almaty").hits
    ix.close()
    assert list(cwd.iterdir()) == []  # no lock record or partial file dropped in the cwd
