"""The one small interface every file format's parser meets, and which parser reads what.

A parser turns a file's bytes into blocks of text (paragraphs before numbering)
with what the format itself knows: a kind (a page's comment section, a Markdown
heading), links, and metadata (title, author, date, outlet, URL). The text rules
in ``classify`` then do the rest the same way for every format, so a byline or a
newsletter promo is recognised in a PDF as in a text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..text import BinaryFileError, clean_text, decode_bytes
from .model import Kind, Link

#: Paragraphs an article may have. A 30 MB file of three million one-word lines is not
#: three million paragraphs to index, lay out and draw: past this, neighbours are
#: joined so that every word stays readable and searchable in fewer, longer ones.
MAX_PARAGRAPHS = 50_000

#: Metadata a parser or the sidecar may give (the sidecar wins, then the file's own).
META_KEYS = ("title", "author", "outlet", "date", "url")


class FormatError(ValueError):
    """A file of a known format that holds no text we can use; the message says why."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph as a parser found it. ``kind`` None lets the text rules decide."""

    text: str
    kind: Kind | None = None
    heading: bool = False
    links: tuple[Link, ...] = ()


@dataclass
class Extracted:
    """What a parser read from one file."""

    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)  # worth a warning (a guessed encoding)
    bounded: str = ""  # set when paragraphs were joined to stay within MAX_PARAGRAPHS


def bound_note(found: int, per: int) -> str:
    """The notice for an article whose paragraphs were joined ``per`` to one."""
    return (
        f"{found:,} paragraphs, more than the {MAX_PARAGRAPHS:,} an article may have: "
        f"every {per} shown as one"
    )


class FormatParser(Protocol):
    """Reads one file format. ``parse`` raises FormatError for a file with no usable text."""

    name: str

    def parse(self, data: bytes) -> Extracted: ...


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Text, encoding and notes for the plain-text formats (BinaryFileError → FormatError)."""
    try:
        decoded = decode_bytes(data)
    except BinaryFileError as error:
        raise FormatError(str(error)) from error
    notes = [f"not UTF-8; read as {decoded.encoding}"] if decoded.guessed else []
    return clean_text(decoded.text), decoded.encoding, notes


_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def clean_url(value: str | None) -> str | None:
    """An http(s) address from metadata, or None: other schemes are never opened."""
    if not value:
        return None
    match = _URL.search(clean_text(value).strip())
    return match.group(0).rstrip(".,;)") if match else None


SUFFIX_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUFFIXES = frozenset(SUFFIX_FORMATS)


def assemble(pieces: list[tuple[str, str | None]]) -> tuple[str, tuple[Link, ...]]:
    """One paragraph's text from rendered pieces (text, link address or None).

    Whitespace runs become one space, as in every paragraph; each linked piece's
    span is kept as a Link over the final text.
    """
    out: list[str] = []
    size = 0
    links: list[Link] = []
    pending = False  # whitespace seen since the last word
    for piece, url in pieces:
        start = None
        for part in _RUNS.split(piece):
            if not part:
                continue
            if part[0].isspace():
                pending = True
                continue
            if pending and size:
                out.append(" ")
                size += 1
            pending = False
            if start is None:
                start = size
            out.append(part)
            size += len(part)
        if url and start is not None:
            links.append(Link(start, size, url))
    return "".join(out), tuple(links)


_RUNS = re.compile(r"(\s+)")
