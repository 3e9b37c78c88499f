"""Issue 15, the search's part: bounded work per query, cancellable searches, odd queries
and batch files (slop, NOT NOT, invalid UTF-8, /dev/zero, non-UTF-8 lines)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from reader_helpers import main_screen, reader, settle, until
from seed_ids import A003

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import bundled_seeds
from kzreader.core.search import engine
from kzreader.core.search.engine import positions
from kzreader.core.search.index import SearchIndex

# As the messages say them (not imported: each test here must fail on its own on code
# without the bound or the cancelling).
MAX_SLOP = 100
CANCELLED = "search cancelled"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    return SearchIndex.open(Corpus.open(bundled_seeds()), tmp_path_factory.mktemp("index"))


def cli(home: Path, *args: str | bytes, limit_memory: bool = False, timeout: float = 120):  # type: ignore[no-untyped-def]
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KZREADER_HOME": str(home)}
    env.pop("KZREADER_DEBUG", None)

    def bounded() -> None:  # 1.5 GB of address space: an unbounded read fails, not the machine
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"kzreader", *(os.fsencode(a) for a in args)],
        capture_output=True,
        env=env,
        timeout=timeout,
        preexec_fn=bounded if limit_memory else None,
        check=False,
        cwd=home.parent,  # not the repository: the installed package is what runs
    )


def test_slop_is_bounded_and_says_so(index: SearchIndex) -> None:
    result = index.search('"Almaty Tokayev"~1000000000')
    assert result.error is None
    assert f"~{MAX_SLOP}" in (result.notice or "")
    parsed = index.parse('"Almaty Tokayev"~1000000000')
    assert {leaf.slop for leaf in parsed.strict.leaves()} == {MAX_SLOP}


def test_not_not_is_the_word_itself(index: SearchIndex) -> None:
    double = index.search("NOT NOT Borat")
    assert double.error is None
    assert [h.article for h in double.hits] == [A003]
    assert index.search("NOT NOT NOT Borat").total == 4  # every article but 003


def test_a_cancelled_search_stops_and_says_so(index: SearchIndex) -> None:
    cancel = threading.Event()
    cancel.set()
    assert index.search("Kazakhstan", cancel=cancel).error == CANCELLED


def test_a_search_cancelled_while_it_runs_stops_at_once(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled from inside the phrase matching (where an endless slop used to loop), the
    search stops at the next check instead of running to the end."""
    cancel = threading.Event()
    calls: list[int] = []
    original = positions.in_order

    def slow(positions, slop):  # type: ignore[no-untyped-def]
        calls.append(1)
        cancel.set()  # as a newer query would, while this one is still matching
        return original(positions, slop)

    monkeypatch.setattr(positions, "in_order", slow)
    engine.clear_caches()
    result = index.search('"Republic of Kazakhstan" "the Kremlin"', cancel=cancel)
    assert result.error == CANCELLED
    assert len(calls) == 1
    assert index.search("Borat").hits  # the next search runs as usual


async def test_a_new_query_in_the_app_cancels_the_running_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = reader()
    seen: list[object] = []
    released = threading.Event()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        original = type(app.index).search

        def stuck(self, text, **kw):  # type: ignore[no-untyped-def]
            cancel = kw.get("cancel")
            seen.append(cancel)
            if text == "Kazakhstan":  # the slow one: runs until it is cancelled
                while cancel is not None and not cancel.is_set():
                    if released.wait(0.01):
                        break
                if cancel is not None and cancel.is_set():
                    released.set()
                    return original(self, "zzzz-cancelled", **kw)
            return original(self, text, **kw)

        monkeypatch.setattr(type(app.index), "search", stuck)
        screen.search("Kazakhstan")
        await until(pilot, lambda: seen, "the first search running")
        screen.search("Borat")
        cancelled = await _wait(pilot, released)
        await settle(pilot)
        assert cancelled, "the first search was never told to stop"
        assert seen[0] is not None
        result = screen.results.result
        assert result is not None and result.query == "Borat"


async def _wait(pilot, event: threading.Event) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if event.is_set():
            return True
        await pilot.pause(0.02)
    event.set()  # let the stuck search end either way
    return False


def test_invalid_utf8_in_a_query_never_reaches_json_raw(tmp_path: Path) -> None:
    out = cli(tmp_path / "home", "search", b"Kazakhstan \xff\xfe", "--json")
    assert b"internal error" not in out.stderr
    text = out.stdout.decode("utf-8")  # strict: raises on any raw byte
    data = json.loads(text)
    assert data["query"] == "Kazakhstan \ufffd\ufffd"
    assert data["total"] == 5


def test_batch_from_dev_zero_is_bounded(tmp_path: Path) -> None:
    out = cli(tmp_path / "home", "search", "--batch", "/dev/zero", limit_memory=True)
    assert out.returncode != 0
    message = out.stderr.decode()
    assert "longer than" in message and "internal error" not in message
    assert len(message.strip().splitlines()) == 1


def test_batch_file_not_utf8_is_a_clear_message(tmp_path: Path) -> None:
    batch = tmp_path / "queries.txt"
    batch.write_bytes(b"Borat\nKazakh\xe9 steppe\n")
    out = cli(tmp_path / "home", "search", "--batch", str(batch))
    message = out.stderr.decode()
    assert out.returncode != 0
    assert "line 2 is not UTF-8" in message and "internal error" not in message
    first = json.loads(out.stdout.decode().splitlines()[0])  # the lines before it ran
    assert first["query"] == "Borat" and first["total"] == 1
