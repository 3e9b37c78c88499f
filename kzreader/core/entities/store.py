"""Per-article rows of resolved mentions: one JSON line per article, read when it is opened.

A corpus has about a hundred mentions per article; holding them all as objects is
what made a large corpus slow to load and heavy to keep. They are written once,
article by article, to a file (``MentionWriter``) and read back one article at a
time by byte offset (``MentionStore``). Without a folder, or on a disk that refuses
the file, the same lines are kept in memory as bytes: slower to build nothing,
heavier, but correct.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import marshal
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

Row = list  # [entity number or handle, paragraph, start, end, surface, in comment (0/1)]


def _encode(rows: list[Row]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _decode(data: bytes) -> list[Row]:
    return json.loads(data)


def _decode_spool(data: bytes) -> list[Row]:
    rows: list[Row] = marshal.loads(data)
    return rows


#: How lines are written and read: JSON for the store a graph keeps (a stable,
#: readable format), marshal for a build's own spool, written and read back by the
#: same process minutes later (several times quicker both ways).
CODECS: dict[str, tuple[Callable[[list[Row]], bytes], Callable[[bytes], list[Row]]]] = {
    "json": (_encode, _decode),
    "spool": (marshal.dumps, _decode_spool),
}


class MentionStore:
    """Rows per article number, from a file (by offsets) or from memory."""

    def __init__(
        self,
        lines: list[bytes] | None = None,
        path: Path | None = None,
        offsets: list[int] | None = None,
        codec: str = "json",
    ) -> None:
        self._decode = CODECS[codec][1]
        self._lines = lines
        self._fd: int | None = None
        self.path = path
        self.offsets = offsets or []
        if path is not None:
            # Kept open: a newer build may replace the file while this graph is in use.
            self._fd = os.open(path, os.O_RDONLY)

    @classmethod
    def open(cls, path: Path, offsets: list[int]) -> MentionStore | None:
        """The store of a snapshot, or None when the file is missing or not the size expected."""
        try:
            if not offsets or path.stat().st_size != offsets[-1]:
                return None
            return cls(path=path, offsets=offsets)
        except OSError:
            return None

    def __len__(self) -> int:
        return len(self._lines) if self._lines is not None else max(len(self.offsets) - 1, 0)

    def rows(self, article: int) -> list[Row]:
        """One article's rows (empty when it has none or the file cannot be read)."""
        if not 0 <= article < len(self):
            return []
        if self._lines is not None:
            data = self._lines[article]
        else:
            start, end = self.offsets[article], self.offsets[article + 1]
            try:
                data = os.pread(self._fd, end - start, start)  # type: ignore[arg-type]
            except OSError:
                return []
        try:
            return self._decode(data)
        except (ValueError, EOFError, TypeError):
            return []

    def __iter__(self) -> Iterator[list[Row]]:
        for article in range(len(self)):
            yield self.rows(article)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()


class MentionWriter:
    """Appends one line of rows per article; ``close`` gives the store to read them back.

    With a folder the lines go to a temporary file renamed to ``name`` at the end; if
    the disk refuses, what was written so far moves to memory and the rest follows.
    """

    def __init__(
        self, folder: Path | None, name: str, codec: str = "json", durable: bool = True
    ) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.durable = durable  # fsync before the rename (not for a spool read back at once)
        self.name = name
        self.codec = codec
        self._encode = CODECS[codec][0]
        self.error: str | None = None
        self.offsets = [0]
        self._lines: list[bytes] | None = None
        self._handle = None
        self._tmp: str | None = None
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
                self._handle = os.fdopen(fd, "wb")
            except OSError as error:
                self._fail(error)
        if self._handle is None:
            self._lines = []

    def _fail(self, error: OSError) -> None:
        self.error = f"{self.folder}: entity mentions kept in memory ({error.strerror})"
        lines: list[bytes] = []
        if self._handle is not None and self._tmp is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            try:
                with open(self._tmp, "rb") as handle:
                    data = handle.read()
                ends = itertools.pairwise(self.offsets)
                lines = [data[a:b] for a, b in ends if b <= len(data)]
            except OSError:
                lines = []
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
        if len(lines) != len(self.offsets) - 1:
            # What was written cannot be read back: those articles lose their mentions
            # (the caller reports it), the others keep their places.
            lines = [self._encode([])] * (len(self.offsets) - 1)
            self.error = f"{self.folder}: entity mentions lost ({error.strerror})"
        self._handle, self._tmp, self._lines = None, None, lines

    def add(self, rows: list[Row]) -> None:
        data = self._encode(rows)
        if self._handle is not None:
            try:
                self._handle.write(data)
            except OSError as error:
                self._fail(error)
            else:
                self.offsets.append(self.offsets[-1] + len(data))
                return
        assert self._lines is not None
        self._lines.append(data)
        self.offsets.append(self.offsets[-1] + len(data))

    def close(self) -> MentionStore:
        if self._handle is not None and self._tmp is not None and self.folder is not None:
            target = self.folder / self.name
            try:
                self._handle.flush()
                if self.durable:
                    os.fsync(self._handle.fileno())
                self._handle.close()
                os.replace(self._tmp, target)
                return MentionStore(path=target, offsets=self.offsets, codec=self.codec)
            except OSError as error:
                self._fail(error)
        return MentionStore(lines=self._lines or [], offsets=self.offsets, codec=self.codec)

    def discard(self) -> None:
        """Drop a spool that is no longer needed."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
        self._handle, self._tmp = None, None
