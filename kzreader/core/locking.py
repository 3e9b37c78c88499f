"""An exclusive lock between processes: ``flock`` on a small file beside the data.

The bookmarks store, the collections registry and the one-time migration take it
around each read-modify-write, so two kzreader processes never lose each other's
changes. Where there is no ``fcntl`` (not POSIX) there is no cross-process lock.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


class LockTimeout(TimeoutError):
    """Another process held the lock longer than the caller would wait."""


@contextlib.contextmanager
def file_lock(lock: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` (created with its folder).

    ``timeout`` None waits as long as it takes; otherwise ``LockTimeout`` after that
    many seconds. An ``OSError`` means the lock file cannot be made (a read-only
    folder): the caller decides whether to go on without it.
    """
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            if timeout is None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                _acquire(fd, time.monotonic() + timeout)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, deadline: float) -> None:
    delay = 0.002
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise LockTimeout from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
