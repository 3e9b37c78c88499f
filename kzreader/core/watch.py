"""Watching a folder of articles: files added, changed or removed while the reader runs.

``watchfiles`` (the Rust ``notify`` library: inotify, FSEvents, ReadDirectoryChanges)
reports changes, grouped over a short debounce. A file still being written (a
browser saving a page, a copy in progress) must not be read half-way, so a batch is
handed on only once every changed file has kept the same size and modification time
for a moment. What to do with the batch (scan again, re-index) is the caller's.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: Milliseconds over which watchfiles groups changes into one batch.
DEBOUNCE_MS = 400
#: Seconds a changed file's size and mtime must stay the same before it is read.
STABLE_SECONDS = 0.3
#: At most this long (seconds) waiting for a file that keeps growing; then it is read.
STABLE_LIMIT = 30.0
#: Names editors, browsers and downloaders give files while they write them.
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".swp", "~")


@dataclass(frozen=True)
class Changes:
    """Paths (absolute) added, modified and deleted in one batch."""

    added: frozenset[Path] = frozenset()
    modified: frozenset[Path] = frozenset()
    deleted: frozenset[Path] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.deleted)

    def __len__(self) -> int:
        return len(self.added | self.modified | self.deleted)


def interesting(path: str) -> bool:
    """Whether a change to ``path`` may change the library: not a hidden file or folder
    (our own caches, editors' swap files), not a file under a temporary name."""
    parts = Path(path).parts
    if any(part.startswith(".") and part not in (".", "..") for part in parts):
        return False
    return not Path(path).name.lower().endswith(PARTIAL_SUFFIXES)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def wait_until_stable(
    paths: Iterable[Path],
    stop: threading.Event,
    *,
    interval: float = STABLE_SECONDS,
    limit: float = STABLE_LIMIT,
) -> bool:
    """Wait until none of ``paths`` changes size or mtime for ``interval`` seconds (a
    file that disappears counts as settled). False if ``stop`` was set meanwhile."""
    pending = {path: _stamp(path) for path in paths}
    waited = 0.0
    while pending and waited < limit:
        if stop.wait(interval):
            return False
        waited += interval
        now = {path: _stamp(path) for path in pending}
        pending = {p: s for p, s in now.items() if s is not None and s != pending[p]}
    return not stop.is_set()


def classify(raw: Iterable[tuple[object, str]]) -> Changes:
    """watchfiles' (Change, path) pairs as added / modified / deleted paths."""
    from watchfiles import Change

    added, modified, deleted = set(), set(), set()
    for change, name in raw:
        path = Path(name)
        if change == Change.added:
            added.add(path)
        elif change == Change.modified:
            modified.add(path)
        else:
            deleted.add(path)
    # A file written as a temporary then renamed shows up as deleted and added: it is there.
    present = {p for p in deleted if p.exists()}
    return Changes(
        frozenset(added | (present - modified)),
        frozenset(modified - added),
        frozenset(deleted - present - added - modified),
    )


def watch_folder(
    root: Path,
    on_change: Callable[[Changes], None],
    stop: threading.Event,
    *,
    debounce_ms: int = DEBOUNCE_MS,
    stable: float = STABLE_SECONDS,
) -> None:
    """Call ``on_change`` with each settled batch of changes under ``root`` until
    ``stop`` is set (blocking: run it in a thread). Raises OSError if the folder
    cannot be watched (gone, too many watches)."""
    from watchfiles import watch

    def keep(_change: object, path: str) -> bool:
        return interesting(os.path.relpath(path, root))

    for raw in watch(
        root,
        watch_filter=keep,
        debounce=debounce_ms,
        stop_event=stop,
        raise_interrupt=False,
        rust_timeout=1000,
        yield_on_timeout=False,
    ):
        changes = classify(raw)
        if not changes:
            continue
        if not wait_until_stable(changes.added | changes.modified, stop, interval=stable):
            return
        on_change(changes)
