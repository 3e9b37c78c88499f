"""Reading one article file: safely (no FIFO, device or runaway file), then parsing it.

A folder handed over by someone else may hold anything, and a file may change
between the scan and the read: a regular file can become a FIFO (``open`` would
block a worker for ever) or a link to ``~/.ssh/id_rsa``. So the file is checked
before it is opened, opened without blocking, checked again on the descriptor, and
read in chunks that stop at the size limit whatever ``stat`` said.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_mode
from dataclasses import dataclass
from pathlib import Path

from .classify import classify as classify_blocks
from .classify import fallback_title
from .formats import (
    MAX_PARAGRAPHS,
    META_KEYS,
    Block,
    FormatError,
    bound_note,
    clean_url,
)
from .model import Article
from .parsers import parser_for

MAX_FILE_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


class ArticleError(Exception):
    """An article file that cannot be loaded; the message says why."""


@dataclass(frozen=True, slots=True)
class Raw:
    """A file's bytes as read, with what ``fstat`` said of it."""

    data: bytes
    size: int
    mtime_ns: int


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links resolved, is within ``root`` (itself resolved)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except (OSError, ValueError):
        return False


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> Raw:
    """The bytes of a regular file, refusing special files and anything over ``limit``.

    Raises ArticleError with a one-line reason.
    """
    try:
        before = os.stat(path)
    except OSError as error:
        raise ArticleError(f"skipped: cannot be read ({error.strerror or error})") from error
    _check_regular(before.st_mode)
    _check_size(before.st_size, limit)
    try:
        # O_NONBLOCK: if the file became a FIFO since the stat, open returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArticleError(f"skipped: cannot be read ({error.strerror or error})") from error
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode)
        _check_size(info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            _check_size(total, limit)  # it grew while we read
            chunks.append(chunk)
    except OSError as error:
        raise ArticleError(f"skipped: cannot be read ({error.strerror or error})") from error
    finally:
        os.close(fd)
    return Raw(b"".join(chunks), total, info.st_mtime_ns)


def _check_regular(mode: int) -> None:
    if stat_mode.S_ISREG(mode):
        return
    what = (
        "a FIFO"
        if stat_mode.S_ISFIFO(mode)
        else "a device"
        if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode)
        else "a socket"
        if stat_mode.S_ISSOCK(mode)
        else "a folder"
        if stat_mode.S_ISDIR(mode)
        else "not a regular file"
    )
    raise ArticleError(f"skipped: {what}, not a file")


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ArticleError(
            f"skipped: {size / 2**20:.0f} MB is larger than the "
            f"{limit // 2**20} MB an article may be"
        )


def bound_paragraphs(blocks: list[Block], limit: int = MAX_PARAGRAPHS) -> tuple[list[Block], str]:
    """At most ``limit`` blocks: consecutive plain ones joined when there are more."""
    if len(blocks) <= limit:
        return blocks, ""
    per = -(-len(blocks) // limit)
    joined = [
        Block(" ".join(b.text for b in blocks[i : i + per]), blocks[i].kind)
        for i in range(0, len(blocks), per)
    ]
    return joined, bound_note(len(blocks), per)


def read_article(
    path: Path,
    article_id: str,
    meta: dict[str, str] | None = None,
    *,
    root: Path | None = None,
    outside_links: bool = False,
) -> tuple[Article, str | None]:
    """Load one article file. Returns the article and a warning worth showing, if any.

    With ``root``, a file whose real place is outside it (a link to somewhere else)
    is refused unless ``outside_links``. Raises ArticleError (with a one-line reason)
    for files that cannot be used.
    """
    if root is not None and not outside_links and not inside(path, root):
        raise ArticleError(
            "skipped: a link to a file outside the folder "
            f"({os.path.realpath(path)}); allow it with --follow-outside-links"
        )
    parser = parser_for(path.suffix.lower())
    if parser is None:
        raise ArticleError(f"skipped: {path.suffix or 'no suffix'} is not a format kzreader reads")
    raw = read_bounded(path)
    if not raw.data.strip():
        raise ArticleError("skipped: the file is empty")
    try:
        extracted = parser.parse(raw.data)
    except FormatError as error:
        raise ArticleError(f"skipped: {error}") from error
    except RecursionError as error:  # a pathologically nested page or PDF
        raise ArticleError(f"skipped: the {parser.name} is nested too deeply to read") from error
    blocks, bounded = bound_paragraphs(extracted.blocks)
    bounded = bounded or extracted.bounded
    if not any(block.text.strip() for block in blocks):
        raise ArticleError("skipped: the file is empty")
    file_meta = {k: v for k, v in extracted.meta.items() if k in META_KEYS and v}
    parsed = classify_blocks(blocks, title=file_meta.get("title"))
    meta = meta or {}
    title = (
        meta.get("title")
        or file_meta.get("title")
        or parsed.title
        or fallback_title(parsed.paragraphs, article_id)
    )
    notes = []
    if parsed.dropped_repeats:
        notes.append(f"{parsed.dropped_repeats} repeated paragraph(s) shown once")
    if bounded:
        notes.append(bounded)
    article = Article(
        id=article_id,
        path=path,
        title=title,
        author=meta.get("author") or file_meta.get("author") or parsed.author,
        outlet=meta.get("outlet") or file_meta.get("outlet") or parsed.outlet,
        date=meta.get("date") or file_meta.get("date") or parsed.date,
        paragraphs=tuple(parsed.paragraphs),
        sha256=hashlib.sha256(raw.data).hexdigest(),
        size=raw.size,
        mtime_ns=raw.mtime_ns,
        encoding=extracted.encoding,
        notes=tuple(notes),
        url=clean_url(meta.get("url")) or file_meta.get("url"),
    )
    warnings = [*extracted.notes, *([bounded] if bounded else [])]
    return article, "; ".join(warnings) or None
