"""The bookmarks file: one YAML document, written atomically under a lock, merged on write.

Bookmarks are the only data the user makes, so the store is careful:

- every change is a read-modify-write under an exclusive lock (``flock`` on a lock
  file beside the data), and the change is applied to what is on disk *now*, so two
  processes adding at once lose nothing;
- the file is replaced atomically (``kzreader.core.atomic``), and after each write a
  copy of it is kept as ``bookmarks.yaml.bak``;
- a file that cannot be parsed is never overwritten: it is renamed to
  ``bookmarks.yaml.broken-YYYYMMDDTHHMMSS``, the user is told where it went, the
  store starts empty, and the last good backup is offered (``restore_backup``);
- a file from a newer schema version is shown (best effort) but never written.

One module, over 400 lines on purpose: every path that changes the file (each edit,
moving a broken file aside, restoring a backup) goes through the one lock and commit
of ``BookmarkStore``; split, the care that keeps the user's only data would be spread
over modules that each could get it wrong.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..atomic import (
    atomic_write_bytes,
    move_aside,
    read_user_file,
    read_user_file_stat,
    write_target,
)
from ..locking import LockTimeout, file_lock
from .document import SCHEMA_VERSION, DocumentError, dump_document, parse_document, peek_version
from .errors import (
    BookmarkError,
    StoreLocked,
    StoreReadOnly,
    StoreWriteError,
    UnknownBookmark,
)
from .model import Anchor, Bookmark, new_id

LOCK_TIMEOUT = 10.0
#: 20,000 bookmarks with notes take about 10 MB (parsed in 3-9 s on a busy 2-core
#: machine); a larger file would cost that many seconds and GB on every command, so
#: it is refused (left as it is, bookmarks read-only) with a message.
MAX_BOOKMARKS_BYTES = 16 << 20

T = TypeVar("T")


@dataclass
class _Snapshot:
    """The file as read: its bytes, schema version and bookmarks."""

    raw: bytes | None  # None: there is no file
    version: int = SCHEMA_VERSION
    bookmarks: tuple[Bookmark, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
    stamp: tuple[int, int, int] | None = None
    notes: tuple[str, ...] = ()  # what reading it repaired (a repeated id), to tell the user


# -- the store -------------------------------------------------------------


class BookmarkStore:
    """The bookmarks of one file, with safe writes. Knows nothing of the corpus.

    Safe between processes (a file lock); within one process, use it from one
    thread at a time (e.g. the app's worker or its main thread, not both at once).

    ``bookmarks`` is what the file held when last read or written. Every change
    (``add``, ``update``, ``remove``, ``restore``) re-reads the file under the lock,
    applies itself to that, and writes; on failure it raises a ``BookmarkError``
    and ``bookmarks`` shows what is on disk. ``notices`` holds one-line messages
    for the user from the last load (a file moved aside, a newer version…).
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = LOCK_TIMEOUT):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.lock_timeout = lock_timeout
        self.notices: list[str] = []
        #: Why the store will not write, or None when it will.
        self.read_only: str | None = None
        #: The last good file kept when an unreadable one was moved aside (by this process
        #: or an earlier one), until it is restored or dismissed: offer it to the user.
        self.offered_backup: Path | None = None
        #: Where the unreadable file was moved, if that happened in this process.
        self.moved_aside: Path | None = None
        self._bookmarks: tuple[Bookmark, ...] = ()
        self._stamp: tuple[int, int, int] | None = None
        # The last file parsed or written: the same bytes need not be parsed again.
        self._snapshot: _Snapshot | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], **kwargs: float) -> BookmarkStore:
        """A store with the file read (see ``load``)."""
        store = cls(path, **kwargs)
        store.load()
        return store

    # -- reading -----------------------------------------------------------

    @property
    def bookmarks(self) -> tuple[Bookmark, ...]:
        return self._bookmarks

    def __iter__(self) -> Iterator[Bookmark]:
        return iter(self._bookmarks)

    def __len__(self) -> int:
        return len(self._bookmarks)

    def get(self, bookmark_id: str) -> Bookmark | None:
        return next((b for b in self._bookmarks if b.id == bookmark_id), None)

    @property
    def writable(self) -> bool:
        return self.read_only is None

    def load(self) -> None:
        """Read the file again. Never raises for a bad file: see ``notices``."""
        self.notices = []
        self.read_only = None
        try:
            snapshot = self._read()
        except DocumentError as problem:
            # Move it aside under the lock, after checking it is still the same bad file.
            try:
                with self._locked():
                    snapshot = self._read_locked()
            except StoreWriteError as error:  # no lock file: the folder is read-only
                cause = error.__cause__
                why = getattr(cause, "strerror", None) or cause or error
                message = (
                    f"{self.path}: cannot be read ({problem}); left as it is, since it "
                    f"cannot be moved aside ({why}); bookmarks are read-only"
                )
                snapshot = _Snapshot(raw=None)
                self._say(message)
                self.read_only = message
            except BookmarkError as error:
                snapshot = _Snapshot(raw=None)
                self._say(str(error))
                self.read_only = str(error)
        except OSError as error:
            message = (
                f"{self.path}: cannot be read ({error.strerror or error}); bookmarks are read-only"
            )
            self._say(message)
            self.read_only = message
            snapshot = _Snapshot(raw=None)
        self._adopt(snapshot)
        if self.offered_backup is None or not self.offered_backup.exists():
            self.offered_backup = self._find_offer()

    def changed_on_disk(self) -> bool:
        """True when the file differs from what was last read or written (cheap: a stat)."""
        return _stamp(self.path) != self._stamp

    def reload_if_changed(self) -> bool:
        """Read the file again if another process changed it; True if it did."""
        if not self.changed_on_disk():
            return False
        self.load()
        return True

    def take_notices(self) -> list[str]:
        """The messages not yet shown (from a load, or a save that found a bad file), cleared."""
        taken, self.notices = self.notices, []
        return taken

    def _say(self, message: str) -> None:
        self.notices.append(message)

    def _adopt(self, snapshot: _Snapshot) -> None:
        self._bookmarks = snapshot.bookmarks
        self._stamp = snapshot.stamp
        for note in snapshot.notes:
            message = f"{self.path}: {note}"
            if message not in self.notices:
                self._say(message)
        if snapshot.version > SCHEMA_VERSION:
            message = (
                f"{self.path} was written by a newer kzreader (schema version "
                f"{snapshot.version}, this one knows {SCHEMA_VERSION}); bookmarks are read-only"
            )
            if message not in self.notices:
                self._say(message)
            self.read_only = message

    def _read(self) -> _Snapshot:
        """The file as it is now. Raises DocumentError or OSError."""
        try:
            raw, info = read_user_file_stat(self.path, MAX_BOOKMARKS_BYTES)
        except FileNotFoundError:
            return _Snapshot(raw=None)
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        cached = self._snapshot
        if cached is not None and cached.raw == raw:
            return dataclasses.replace(cached, stamp=stamp)
        try:
            text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is fine
        except UnicodeDecodeError as error:
            raise DocumentError(f"not UTF-8 text (byte {error.start})") from error
        notes: list[str] = []
        try:
            version, marks, extra = parse_document(text, notes)
        except DocumentError:
            newer = peek_version(text)
            if newer is None or newer <= SCHEMA_VERSION:
                raise
            # A newer format we cannot read: show nothing, touch nothing.
            version, marks, extra = newer, (), {}
        snapshot = _Snapshot(raw, version, marks, extra, stamp, tuple(notes))
        self._snapshot = snapshot
        return snapshot

    def _read_locked(self) -> _Snapshot:
        """Like ``_read`` but, holding the lock, moves an unreadable file aside."""
        try:
            return self._read()
        except DocumentError as problem:
            self._move_aside(str(problem))
            return _Snapshot(raw=None)
        except OSError as error:
            raise StoreReadOnly(
                f"{self.path}: cannot be read ({error.strerror or error}); not saved"
            ) from error

    def _move_aside(self, reason: str) -> Path:
        try:
            aside = move_aside(self.path)
        except OSError as error:
            raise StoreReadOnly(
                f"{self.path}: cannot be read ({reason}) nor moved aside "
                f"({error.strerror or error}); left as it is, bookmarks are read-only"
            ) from error
        self.moved_aside = aside
        offered = ""
        if _readable_backup(self.backup_path):
            # Keep the last good file beside the broken one: later saves rotate .bak.
            keep = aside.with_name(aside.name + ".bak")
            try:
                atomic_write_bytes(keep, self.backup_path.read_bytes())
                os.utime(keep, ns=(time.time_ns(), self.backup_path.stat().st_mtime_ns))
            except OSError:
                keep = self.backup_path
            self.offered_backup = keep
            offered = f"; a backup of the last good file is at {keep}"
        self._say(
            f"{self.path}: cannot be read ({reason}); moved it to {aside} and started "
            f"an empty list{offered}"
        )
        return aside

    # -- writing -----------------------------------------------------------

    def add(self, bookmark: Bookmark) -> Bookmark:
        """Save a new bookmark (given a fresh id if another already has its id)."""

        def apply(marks: list[Bookmark]) -> Bookmark:
            mark = bookmark
            taken = {m.id for m in marks}
            if mark.id in taken:
                mark = Bookmark(
                    new_id(taken), mark.anchor, mark.note, mark.tags, mark.created,
                    mark.updated, mark.extra,
                )  # fmt: skip
            marks.append(mark)
            return mark

        return self._commit(apply)

    def update(
        self,
        bookmark_id: str,
        *,
        note: str | None = None,
        tags: list[str] | tuple[str, ...] | None = None,
        anchor: Anchor | None = None,
    ) -> Bookmark:
        """Change a bookmark's note, tags or anchor; ``updated`` is set to now."""

        def apply(marks: list[Bookmark]) -> Bookmark:
            index = self._find(marks, bookmark_id)
            marks[index] = marks[index].edited(note=note, tags=tags, anchor=anchor)
            return marks[index]

        return self._commit(apply)

    def remove(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark; returns it so it can be restored (undo)."""
        return self._commit(lambda marks: marks.pop(self._find(marks, bookmark_id)))

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put back a removed bookmark with its id and times (a no-op if it is there)."""

        def apply(marks: list[Bookmark]) -> Bookmark:
            for mark in marks:
                if mark.id == bookmark.id:
                    return mark
            marks.append(bookmark)
            return bookmark

        return self._commit(apply)

    def take_in(self, bookmarks: Iterable[Bookmark]) -> int:
        """Add bookmarks from elsewhere with their ids and times, in one write (those
        whose id is already here are skipped); returns how many were added."""
        incoming = list(bookmarks)

        def apply(marks: list[Bookmark]) -> int:
            present = {m.id for m in marks}
            new = [m for m in incoming if m.id not in present]
            marks.extend(new)
            return len(new)

        return self._commit(apply)

    def give_away(self, bookmark_ids: Iterable[str]) -> int:
        """Remove the bookmarks with these ids in one write; returns how many were here."""
        wanted = set(bookmark_ids)

        def apply(marks: list[Bookmark]) -> int:
            kept = [m for m in marks if m.id not in wanted]
            gone = len(marks) - len(kept)
            marks[:] = kept
            return gone

        return self._commit(apply)

    def restore_backup(self, path: str | os.PathLike[str] | None = None) -> int:
        """Merge the bookmarks of a backup into the store; returns how many were added.

        ``path`` defaults to the backup offered after a file was moved aside (see
        ``offered_backup``), else ``bookmarks.yaml.bak``. Bookmarks already present
        (same id) are kept as they are. A restored offer is renamed ``….restored`` and
        no longer offered.
        """
        source = Path(path) if path else (self.offered_backup or self.backup_path)
        try:
            _, found, _ = parse_document(
                read_user_file(source, MAX_BOOKMARKS_BYTES).decode("utf-8-sig")
            )
        except FileNotFoundError as error:
            raise BookmarkError(f"{source}: no such backup") from error
        except OSError as error:
            raise BookmarkError(f"{source}: cannot be read ({error.strerror or error})") from error
        except UnicodeDecodeError as error:
            raise BookmarkError(f"{source}: cannot be read (not UTF-8 text)") from error
        except DocumentError as error:
            raise BookmarkError(f"{source}: cannot be read ({error})") from error

        added = self.take_in(found)
        if source == self.offered_backup:
            self._retire_offer(".restored")
        return added

    def dismiss_backup(self) -> None:
        """Stop offering the backup kept when a file was moved aside (it stays on disk)."""
        if self.offered_backup is not None:
            self._retire_offer(".declined")

    def _retire_offer(self, suffix: str) -> None:
        offered, self.offered_backup = self.offered_backup, None
        if offered is not None and offered != self.backup_path:
            with contextlib.suppress(OSError):
                offered.rename(offered.with_name(offered.name + suffix))

    def _find_offer(self) -> Path | None:
        """The newest last-good copy kept beside a moved-aside file, not restored or declined."""
        try:
            kept = list(self.path.parent.glob(f"{self.path.name}.broken-*.bak"))
        except OSError:
            return None
        found = []
        for path in kept:
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime_ns, path.name, path))
        return max(found)[2] if found else None

    @staticmethod
    def _find(marks: list[Bookmark], bookmark_id: str) -> int:
        for index, mark in enumerate(marks):
            if mark.id == bookmark_id:
                return index
        raise UnknownBookmark(f"no bookmark {bookmark_id!r} (it may have been removed elsewhere)")

    def _commit(self, apply: Callable[[list[Bookmark]], T]) -> T:
        """Read-modify-write under the lock: ``apply`` changes the list as it is on disk."""
        with self._locked():
            snapshot = self._read_locked()
            self._adopt(snapshot)
            if snapshot.version > SCHEMA_VERSION:
                raise StoreReadOnly(self.read_only or "bookmarks are read-only")
            marks = list(snapshot.bookmarks)
            result = apply(marks)
            data = dump_document(marks, snapshot.extra).encode("utf-8")
            try:
                self._clean_temporaries()
                atomic_write_bytes(self.path, data)
            except OSError as error:
                raise StoreWriteError(
                    f"cannot save bookmarks to {self.path}: {error.strerror or error}; "
                    "nothing was changed"
                ) from error
            # The copy is a convenience: failing to make it must not fail the save.
            with contextlib.suppress(OSError):
                atomic_write_bytes(self.backup_path, data)
            self._bookmarks = tuple(marks)
            self._stamp = _stamp(self.path)
            self._snapshot = _Snapshot(
                data, SCHEMA_VERSION, self._bookmarks, snapshot.extra, self._stamp
            )  # written: the notes of the old file (a repeated id) are settled
            self.read_only = None
        return result

    def _clean_temporaries(self) -> None:
        """Temporary files left by a writer that was killed mid-write (we hold the lock).

        They lie beside the file written: a symlink's target, not the link.
        """
        for path in (self.path, self.backup_path):
            with contextlib.suppress(OSError):
                target = write_target(path)
                for stale in target.parent.glob(f".{target.name}.*.tmp"):
                    with contextlib.suppress(OSError):
                        stale.unlink()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = file_lock(self.lock_path, timeout=self.lock_timeout)
        try:
            lock.__enter__()
        except LockTimeout:
            raise StoreLocked(
                f"{self.lock_path}: another kzreader kept the bookmarks "
                f"locked for {self.lock_timeout:.0f} s; try again"
            ) from None
        except OSError as error:
            raise StoreWriteError(
                f"cannot save bookmarks in {self.path.parent}: {error.strerror or error}"
            ) from error
        with contextlib.ExitStack() as held:  # the body's own errors pass as they are
            held.push(lock)
            yield


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _readable_backup(path: Path) -> bool:
    try:
        _, marks, _ = parse_document(read_user_file(path, MAX_BOOKMARKS_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, DocumentError):
        return False
    return bool(marks)
