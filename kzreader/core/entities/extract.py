"""Detection of many articles at once, on every core, in the order they were given.

Detection is the expensive, per-article part of a build and needs nothing from the
other articles, so a first build of a large collection hands it to worker processes
(one per core; threads would share one core under the GIL). The caller's thread keeps
reading articles and resolving what comes back, in corpus order, so resolution runs
alongside. Workers write each article's cache file themselves.

A few articles (an update, a small folder) are not worth starting processes for:
they are detected in the caller's process, and the pool starts only once a build has
met ``POOL_AFTER`` articles to extract. The optional spaCy proposer (a model in
memory) always runs in-process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..corpus.model import Article
from .cache import CandidateCache
from .candidate import Candidate
from .detect import Detector, Proposer

#: Articles to extract before a build starts worker processes (start-up costs ~0.5 s).
POOL_AFTER = 48
#: Articles per task sent to a worker, and tasks in flight per worker.
BATCH = 8
AHEAD = 4

_detector: Detector | None = None
_cache: CandidateCache | None = None


def _init(folder: str | None, version: str) -> None:
    global _detector, _cache
    _detector = Detector()
    _cache = CandidateCache(Path(folder) if folder else None, version)


def _detect_batch(articles: list[Article]) -> tuple[list[list[Candidate]], list[str]]:
    """In a worker: detect and cache a batch; returns the candidates and messages."""
    assert _detector is not None and _cache is not None
    out: list[list[Candidate]] = []
    for article in articles:
        found = _detector.detect(article)
        _cache.store(article.id, article.sha256, found)
        out.append(found)
    messages = _cache.errors
    _cache.errors = []
    return out, messages


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own stderr while workers start: a UI that captures ``sys.stderr``
    (Textual does) gives an object without a usable file descriptor, and starting the
    processes (their resource tracker inherits stderr) fails on it."""
    saved = sys.stderr
    real = sys.__stderr__
    try:
        usable = saved is not None and saved.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if not usable and real is not None:
        sys.stderr = real
    try:
        yield
    finally:
        sys.stderr = saved


def workers() -> int:
    """Worker processes for a build: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: An article to detect, or the candidates already known for one.
Item = Article | list[Candidate]


def detect_in_order(
    items: Iterable[Item],
    cache: CandidateCache,
    proposer: Proposer | None = None,
    pool_workers: int | None = None,
    on_message: Callable[[str], None] | None = None,
) -> Iterator[list[Candidate]]:
    """Each item's candidates, in order: cached ones as they are, articles detected.

    Articles are detected (and stored in ``cache``) in this process until ``POOL_AFTER``
    of them have been seen, then by a pool of ``pool_workers`` processes (default: one
    per core; 1 or a proposer: never). Closing the iterator stops the pool. Cache
    failures in workers are reported through ``on_message``; if the pool cannot run (a
    worker killed, processes not allowed), its articles are detected here instead.
    """
    count = workers() if pool_workers is None else pool_workers
    local: Detector | None = None
    pool: ProcessPoolExecutor | None = None
    pending: deque[tuple[Future, list[Article]] | list[Candidate]] = deque()
    broken = False
    batch: list[Article] = []
    seen = 0

    def flush() -> None:
        assert pool is not None
        if batch and broken:
            pending.extend(here(a) for a in batch)
        elif batch:
            try:
                with _real_stderr():
                    pending.append((pool.submit(_detect_batch, list(batch)), list(batch)))
            except (BrokenProcessPool, OSError, ValueError, RuntimeError) as error:
                stop(error)
                pending.extend(here(a) for a in batch)
        batch.clear()

    def stop(error: BaseException) -> None:
        nonlocal broken
        if not broken and on_message is not None:
            on_message(f"entities: worker processes stopped ({error}); going on in one")
        broken = True

    def here(article: Article) -> list[Candidate]:
        nonlocal local
        local = local or Detector(proposer=proposer)
        found = local.detect(article)
        cache.store(article.id, article.sha256, found)
        return found

    def drain(limit: int) -> Iterator[list[Candidate]]:
        while len(pending) > limit:
            head = pending.popleft()
            if isinstance(head, list):
                yield head
                continue
            future, articles = head
            try:
                found, messages = future.result()
            except BrokenProcessPool as error:
                stop(error)
                found, messages = [here(a) for a in articles], []
            for message in messages:
                if on_message is not None:
                    on_message(message)
            yield from found

    try:
        for item in items:
            if isinstance(item, list):
                if pool is None:
                    yield item
                else:
                    flush()  # keep the order: what is before this item goes first
                    pending.append(item)
                continue
            seen += 1
            alone = proposer is not None or count < 2 or seen <= POOL_AFTER
            if (pool is None and alone) or broken:
                if pool is not None:
                    flush()  # what came before goes first
                yield from drain(0)
                yield here(item)
                continue
            if pool is None:
                try:
                    with _real_stderr():  # creating it starts the resource tracker
                        pool = ProcessPoolExecutor(
                            max_workers=count,
                            mp_context=multiprocessing.get_context("spawn"),
                            initializer=_init,
                            initargs=(str(cache.folder) if cache.folder else None, cache.version),
                        )
                except (OSError, ValueError, RuntimeError) as error:
                    stop(error)
                    yield here(item)
                    continue
            batch.append(item)
            if len(batch) >= BATCH:
                flush()
                yield from drain(count * AHEAD)
        if pool is not None:
            flush()
        yield from drain(0)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
