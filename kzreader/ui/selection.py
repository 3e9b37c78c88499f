"""A keyboard selection inside one paragraph, word by word: what ``b`` bookmarks when set.

Kept apart from the article view as plain values and functions: the view only holds
the current ``Selection`` and draws its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len

from .widgets.article_lines import GUTTER

if TYPE_CHECKING:
    from .article_layout import ArticleLayout

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*(?=\s|$)")


def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every run of non-space characters."""
    return tuple(m.span() for m in _WORD.finditer(text))


def sentence_ends(text: str, words: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Indexes of the words that end a sentence (the last word always does)."""
    ends = {m.end() for m in _SENTENCE_END.finditer(text)}
    out = [i for i, (_, end) in enumerate(words) if end in ends]
    if words and (not out or out[-1] != len(words) - 1):
        out.append(len(words) - 1)
    return tuple(out)


@dataclass(frozen=True)
class Selection:
    """Words ``first``..``last`` (inclusive) of paragraph ``paragraph``."""

    paragraph: int
    words: tuple[tuple[int, int], ...]
    ends: tuple[int, ...]  # sentence-ending word indexes
    first: int
    last: int

    @classmethod
    def start(cls, paragraph: int, text: str) -> Selection | None:
        """The first sentence of a paragraph (None for an empty one)."""
        words = word_spans(text)
        if not words:
            return None
        ends = sentence_ends(text, words)
        return cls(paragraph, words, ends, 0, ends[0])

    @property
    def span(self) -> tuple[int, int]:
        """Character offsets [start, end) in the paragraph's text."""
        return self.words[self.first][0], self.words[self.last][1]

    def whole(self) -> bool:
        return self.first == 0 and self.last == len(self.words) - 1

    def extend(self, step: int) -> Selection:
        """Move the end by ``step`` words (never before the start)."""
        last = max(self.first, min(len(self.words) - 1, self.last + step))
        return replace(self, last=last)

    def shift_start(self, step: int) -> Selection:
        """Move the start by ``step`` words (never past the end)."""
        first = max(0, min(self.last, self.first + step))
        return replace(self, first=first)

    def sentence(self, step: int) -> Selection:
        """Move the end to the next (step > 0) or previous sentence end."""
        if step > 0:
            last = next((e for e in self.ends if e > self.last), len(self.words) - 1)
        else:
            last = next((e for e in reversed(self.ends) if e < self.last), self.first)
        return replace(self, last=max(self.first, last))


def covering(paragraph: int, text: str, start: int, end: int) -> Selection | None:
    """The whole words of ``text`` that ``[start, end)`` touches (a mouse selection)."""
    words = word_spans(text)
    if not words:
        return None
    first = next((i for i, (_, e) in enumerate(words) if e > start), len(words) - 1)
    last = max((i for i, (s, _) in enumerate(words) if s < end), default=first)
    return Selection(paragraph, words, sentence_ends(text, words), first, max(first, last))


def point_to_offset(layout: ArticleLayout, width: int, x: int, y: int) -> tuple[int, int] | None:
    """(paragraph, character offset) under screen cell ``(x, y)`` of an article view.

    ``width`` is the view's width in cells (lines are centred in it, after the gutter).
    """
    hit = layout.at(y)
    if hit is None:
        return None
    block, line = hit
    paragraph = block.paragraph
    if paragraph is None:
        return None
    if line >= len(block.lines):  # the gap below a paragraph: its end
        return paragraph, block.lines[-1][1]
    start, end = block.lines[line]
    column = x - max(0, (width - GUTTER - layout.width) // 2) - GUTTER
    if column <= 0:
        return paragraph, start
    cells = 0
    for index in range(start, end):
        cells += cell_len(block.text[index])
        if cells > column:
            return paragraph, index
    return paragraph, end
