"""What can go wrong with bookmarks; ``str()`` of each is one line for the user."""

from __future__ import annotations


class BookmarkError(Exception):
    """A bookmark operation that failed; ``str()`` is one line for the user."""


class StoreReadOnly(BookmarkError):
    """The file must not be written (newer schema, unreadable file left in place)."""


class StoreWriteError(BookmarkError):
    """Saving failed (read-only folder, disk full…); nothing on disk was changed."""


class StoreLocked(BookmarkError):
    """Another process held the bookmarks lock for too long."""


class UnknownBookmark(BookmarkError, KeyError):
    """No bookmark has this id (perhaps another process removed it)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown bookmark"
