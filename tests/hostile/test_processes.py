"""The real program in odd terminals, and killed at any moment.

These run ``kzreader`` as a separate process (a pty for the app), so they see what
a user sees: the exit status, and whatever reaches the terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml
from collection_files import collection_of

from kzreader.core.bookmarks.store import BookmarkStore
from kzreader.core.paths import DataPaths, bundled_seeds

CTRL_Q = b"\x11"
READY = b"^p"  # the footer's palette key: the first screen is drawn


def env_with(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KZREADER_HOME": str(home), **extra}
    env.pop("KZREADER_DEBUG", None)
    return env


def cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        capture_output=True,
        env=env,
        timeout=timeout,
        check=False,
    )


class PtyApp:
    """``kzreader`` on a pseudo-terminal of ``size``; collects everything it writes."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)):
        self.master, slave = pty.openpty()
        width, height = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kzreader", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk
            elif self.process.poll() is not None:
                return

    def wait_for(self, text: bytes, seconds: float = 20) -> bool:
        end = time.monotonic() + seconds
        while text not in self.output and time.monotonic() < end:
            self.read_for(0.1)
        return text in self.output

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def finish(self, seconds: float = 15) -> int:
        end = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < end:
            self.read_for(0.1)
        status = self.process.poll()
        self.close()
        return self.process.returncode if status is None else status

    def close(self) -> None:
        """Kill whatever of the app's session is left (its indexing processes too) and
        close the terminal; safe to call twice, and called however a test ends."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------ odd terminals


@pytest.mark.parametrize(
    "extra", [{"TERM": "dumb"}, {"NO_COLOR": "1"}, {"TERM": "dumb", "NO_COLOR": "1"}]
)
def test_cli_in_a_dumb_terminal_or_without_colour(extra: dict[str, str], tmp_path: Path) -> None:
    env = env_with(tmp_path / "home", **extra)
    for args in (["articles"], ["search", "Tokayev"], ["search", "AND"], ["index"]):
        done = cli(*args, env=env)
        assert done.returncode in (0, 1), (args, done.stderr)
        assert b"Traceback" not in done.stderr
        assert b"\x1b" not in done.stdout + done.stderr, args
        assert done.stderr.count(b"\n") <= 1, (args, done.stderr)


@pytest.mark.parametrize(
    "extra",
    [
        {"TERM": "dumb", "NO_COLOR": "1"},
        pytest.param({"TERM": "dumb"}, marks=pytest.mark.slow),
        pytest.param({"NO_COLOR": "1"}, marks=pytest.mark.slow),
    ],
)
def test_app_starts_and_quits_in_a_dumb_terminal(extra: dict[str, str], tmp_path: Path) -> None:
    with PtyApp([], env_with(tmp_path / "home", **extra)) as app:
        assert app.wait_for(READY), app.output[-400:]
        app.send(CTRL_Q)
        assert app.finish() == 0
    assert b"Traceback" not in app.output
    if "NO_COLOR" in extra:  # the terminal's own colours only: no SGR colour codes
        import re

        colours = re.findall(rb"\x1b\[([0-9;]*)m", app.output)
        for params in colours:
            codes = params.split(b";")
            assert not any(
                c in (b"38", b"48") or (c[:1] in b"34" and len(c) == 2 and c[1:] < b"8")
                for c in codes
            ), params


# ------------------------------------------------------------------ killed at any moment


def check_files_parse(home: Path) -> None:
    """Every file kzreader keeps is whole: it parses (or is absent)."""
    paths = DataPaths.resolve(home)
    mine = [paths.collections_file, *paths.collections_root.rglob("*.yaml")]
    for path in (paths.settings_file, *mine):
        if path.exists():
            yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in paths.index_root.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(home.rglob("*.broken-*")), "a file was found broken and moved aside"


def kill_index_many_times(corpus: Path, home: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    env = env_with(home)
    for _ in range(rounds):
        process = subprocess.Popen(
            [sys.executable, "-m", "kzreader", "--corpus", str(corpus), "index", "--rebuild"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        check_files_parse(home)
    done = cli("--corpus", str(corpus), "index", env=env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    found = cli("--corpus", str(corpus), "search", "--json", "Tokayev", env=env)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["results"], found.stdout[:300]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), target)
    return target


def test_index_killed_at_random_moments_then_works(corpus: Path, tmp_path: Path) -> None:
    kill_index_many_times(corpus, tmp_path / "home", rounds=3, seed=8)


@pytest.mark.slow
def test_index_killed_many_times_then_works(corpus: Path, tmp_path: Path) -> None:
    kill_index_many_times(corpus, tmp_path / "home", rounds=25, seed=int(time.time()))


def kill_app_many_times(corpus: Path, home: Path, rounds: int, seed: int) -> None:
    """Start the app, bookmark and move about, SIGKILL it at a random moment; repeat."""
    rng = random.Random(seed)
    env = env_with(home)
    for _ in range(rounds):
        with PtyApp([str(corpus)], env, size=(100, 30)) as app:
            app.wait_for(READY, 15)
            keys_sent = (b"\r", b"j", b"j", b"b", b"j", b"b", b"/", b"Almaty", b"\r", b"\x1b")
            for keys in (*keys_sent, b"\x14"):
                app.send(keys)
                app.read_for(rng.uniform(0.0, 0.3))
            app.read_for(rng.uniform(0.0, 2.5))  # saves happen after a short delay
            os.killpg(app.process.pid, signal.SIGKILL)
            app.finish(5)
        check_files_parse(home)
    store = BookmarkStore.open(collection_of(corpus, home).bookmarks_file)
    assert not store.take_notices(), "the bookmarks file needed repair"
    with PtyApp([str(corpus)], env, size=(100, 30)) as app:
        assert app.wait_for(READY, 20)
        app.send(CTRL_Q)
        assert app.finish() == 0
    assert b"Traceback" not in app.output


@pytest.mark.slow  # each start of the app in a pty takes seconds
def test_app_killed_at_random_moments_then_starts(corpus: Path, tmp_path: Path) -> None:
    kill_app_many_times(corpus, tmp_path / "home", rounds=2, seed=8)


@pytest.mark.slow
def test_app_killed_many_times_then_starts(corpus: Path, tmp_path: Path) -> None:
    kill_app_many_times(corpus, tmp_path / "home", rounds=12, seed=int(time.time()))


# The two moments the random kills above found, made exact (in-process).


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def _index(corpus: Path, home: Path, **kwargs: object):
    from kzreader.core.corpus.collection import Corpus
    from kzreader.core.search.index import SearchIndex

    paths = DataPaths.resolve(home)
    return SearchIndex.open(Corpus.open(corpus), paths.index_dir(corpus), **kwargs)


def test_killed_right_after_a_rebuild_emptied_the_index(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzreader.core.search import build

    home = tmp_path / "home"
    assert _index(corpus, home).search("Tokayev").hits

    def killed(*args: object, **kwargs: object) -> None:
        raise Killed()

    monkeypatch.setattr(build, "_apply", killed)
    with pytest.raises(Killed):
        _index(corpus, home, rebuild=True)
    monkeypatch.undo()
    again = _index(corpus, home)
    assert again.report.action == "built"  # not "unchanged" over an empty index
    assert again.search("Tokayev").hits


def test_killed_between_a_commit_and_the_manifest(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzreader.core.search import build, store

    home = tmp_path / "home"
    monkeypatch.setattr(build, "BATCH", 2)
    real = store.write_manifest
    calls = []

    def killed_on_second(path: Path | None, articles: dict[str, str]) -> None:
        calls.append(len(articles))
        if len(calls) == 2:
            raise Killed()  # the second batch is committed, its manifest never written
        real(path, articles)

    monkeypatch.setattr(store, "write_manifest", killed_on_second)
    with pytest.raises(Killed):
        _index(corpus, home)
    monkeypatch.setattr(store, "write_manifest", real)
    again = _index(corpus, home)
    assert again.report.action == "updated"
    result = again.search("Kazakhstan", limit=20)
    ids = [hit.article for hit in result.hits]
    assert len(ids) == len(set(ids)) == 5, ids  # every article once, none twice
