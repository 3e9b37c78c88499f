"""Plain text: paragraphs rebuilt whatever the wrapping width, and a ``URL:`` line read.

Text reaches us in two shapes: hard-wrapped prose (a fixed width, 60 to 140
columns or more, paragraphs apart by a blank line or not at all) and one paragraph
per line (scrapers, word processors). Both can sit in one file. A line break is a
wrap when the next line's first word would not have fitted on the line: that is
exactly what a greedy wrapper (``fmt``, an editor's ``gq``, ``textwrap``) does, at
any width, and a paragraph's last line almost never passes that test.
"""

from __future__ import annotations

import re

from .formats import MAX_PARAGRAPHS, Block, Extracted, bound_note, clean_url, decode_text

_BLANK = re.compile(r"\n[ \t]*\n")
_TERMINAL = (".", "!", "?", ":", '"', "”", "»", "’", "'", ")", "…")
#: Lines longer than this are never wrapped lines: nobody wraps prose wider.
WIDEST_WRAP = 200
#: The first word of a line: a wrapper moved it down because it did not fit. (A wrapper
#: that breaks after hyphens may have moved only "Trans-" of "Trans-Caspian"; then the
#: whole word did not fit either, so the whole word is the test for both kinds.)
_FIRST_WORD = re.compile(r"\S+")
#: Lines that start a new paragraph whatever fits: list items, and indented first lines.
_ITEM = re.compile(r"^(?:[-*•–]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
_SOURCE = re.compile(
    r"^(?:url|source|link|original(?:ly published at)?|read online|web)\s*:\s*(?P<url>https?://\S+)$",
    re.IGNORECASE,
)


def wrap_width(lines: list[str]) -> int:
    """The wrapping width as the longest line that could be a wrapped one."""
    return max((len(line) for line in lines if len(line) <= WIDEST_WRAP), default=0)


def _joins(line: str, following: str, width: int) -> bool:
    """Whether the break between two lines is a wrap (the lines belong to one paragraph)."""
    if _ITEM.match(following):
        return False
    chunk = _FIRST_WORD.match(following)
    room = 0 if line.endswith("-") else 1
    if chunk is None or len(line) + room + len(chunk.group(0)) <= width:
        return False  # the next word would have fitted: the line ended on purpose
    # A short line that ends a sentence ended a paragraph, even before a long word.
    return not (line.endswith(_TERMINAL) and len(line) < width * 0.6)


def joins_tight(line: str) -> bool:
    """A wrapper's break after a hyphen ("Trans-" / "Caspian") joins without a space."""
    return line.endswith("-") and len(line) > 1 and line[-2].isalpha()


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        out = out + line if joins_tight(out) else f"{out} {line}"
    return out


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: on blank lines, and inside a block where a line
    ended on purpose (see the module docstring). Whitespace runs become one space."""
    raw_blocks = [block.split("\n") for block in _BLANK.split(text)]
    indented = _indents_paragraphs(raw_blocks)
    blocks: list[list[tuple[str, bool]]] = []
    for raw in raw_blocks:
        marked = [(" ".join(line.split()), indented and line[:1] in " \t") for line in raw]
        kept = [(line, indent) for line, indent in marked if line]
        if kept:
            blocks.append(kept)
    width = wrap_width([line for block in blocks for line, _ in block])
    out: list[str] = []
    for block in blocks:
        lines = [line for line, _ in block]
        starts = paragraph_starts(lines, width, [indent for _, indent in block])
        current: list[str] = []
        for line, start in zip(lines, starts, strict=True):
            if start and current:
                out.append(_join(current))
                current = []
            current.append(line)
        out.append(_join(current))
    return out


def paragraph_starts(lines: list[str], width: int, indents: list[bool] | None = None) -> list[bool]:
    """For each line of a block (no blank lines inside), whether it starts a paragraph."""
    if len(lines) < 2:
        return [True] * len(lines)
    inner = lines[:-1]
    # One paragraph per line: lines wider than anyone wraps, or nearly all lines
    # ending a sentence (in wrapped prose about one line in ten does).
    per_line = any(len(line) > WIDEST_WRAP and " " in line for line in lines) or (
        len(inner) >= 3 and sum(line.endswith(_TERMINAL) for line in inner) > 0.7 * len(inner)
    )
    starts = [True]
    for i in range(1, len(lines)):
        indent = indents is not None and indents[i]
        starts.append(per_line or indent or not _joins(lines[i - 1], lines[i], width))
    return starts


def _indents_paragraphs(blocks: list[list[str]]) -> bool:
    """True for text that marks a paragraph's first line by indenting it (and only it)."""
    lines = [line for block in blocks for line in block if line.strip()]
    indented = sum(1 for line in lines if line[:1] in " \t")
    return 0 < indented < len(lines) * 0.5


def source_url(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """A ``URL:``/``Source:`` line near the top or the end, taken out of the text."""
    near = set(range(min(6, len(paragraphs)))) | set(
        range(max(0, len(paragraphs) - 4), len(paragraphs))
    )
    for i in sorted(near):
        if len(paragraphs[i]) < 300 and (match := _SOURCE.match(paragraphs[i])):
            url = clean_url(match["url"])
            if url:
                return url, paragraphs[:i] + paragraphs[i + 1 :]
    return None, paragraphs


class TextParser:
    """``.txt``: any wrapping width, one paragraph per line, a source line."""

    name = "text"

    def parse(self, data: bytes) -> Extracted:
        text, encoding, notes = decode_text(data)
        paragraphs, bounded = coarse_split(text)
        if not bounded:
            paragraphs = split_paragraphs(text)
        url, paragraphs = source_url(paragraphs)
        return Extracted(
            blocks=[Block(p) for p in paragraphs],
            meta={"url": url} if url else {},
            encoding=encoding,
            notes=notes,
            bounded=bounded,
        )


def coarse_split(text: str, limit: int = MAX_PARAGRAPHS) -> tuple[list[str], str]:
    """For a file of far more lines than an article may have paragraphs (three million
    one-word lines): its lines joined in runs, cheaply, so that there are at most
    ``limit``; ``([], "")`` for any other file. Splitting line by line would take a
    minute and gigabytes there, for paragraphs nobody can read one by one."""
    if text.count("\n") <= 4 * limit:
        return [], ""
    lines = [line for line in text.split("\n") if line and not line.isspace()]
    if len(lines) <= 4 * limit:
        return [], ""
    per = -(-len(lines) // limit)
    runs = [" ".join(" ".join(lines[i : i + per]).split()) for i in range(0, len(lines), per)]
    return runs, bound_note(len(lines), per)
