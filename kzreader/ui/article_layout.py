"""Where every line of an article goes at a given width, computed once per width.

The article view draws with Textual's line API: it asks this layout which block
(title, paragraph, rule…) and which slice of its text sits on screen line ``y``.
Wrapping is done with one regular expression per paragraph (the loop runs in C), so a
5 MB article lays out in a fraction of a second and nothing else is built up front.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from ..core.corpus.model import Article, Kind, Paragraph


class Role(StrEnum):
    """How a block is drawn (each has a component class in the article view)."""

    TITLE = "title"
    META = "meta"
    BYLINE = "byline"
    BODY = "body"
    HEADING = "heading"
    CAPTION = "caption"
    RULE = "rule"
    COMMENT = "comment"
    BOILERPLATE = "boilerplate"
    HINT = "hint"


Line = tuple[int, int]  # start and end offsets into the block's text


@dataclass(frozen=True, slots=True)
class Block:
    """One wrapped run of text; ``paragraph`` is None for decoration (rules, meta line)."""

    role: Role
    paragraph: int | None
    text: str
    lines: tuple[Line, ...]
    top: int

    @property
    def bottom(self) -> int:
        """The first screen line after this block (the gap line below it)."""
        return self.top + len(self.lines)

    def line_of(self, offset: int) -> int:
        """Index of the wrapped line that holds character ``offset``."""
        for index, (start, end) in enumerate(self.lines):
            if offset < end or (start <= offset and index == len(self.lines) - 1):
                return index
        return 0


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    # The longest run that fits and ends before whitespace; else a hard fold of a long word.
    return re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{1,{width}}}")


def wrap_offsets(text: str, width: int) -> list[Line]:
    """Greedy word wrap of ``text`` into lines of at most ``width`` cells, as offsets."""
    width = max(1, width)
    if not text:
        return [(0, 0)]
    text = text.replace("\t", " ")  # a tab is one cell here, as the view draws it
    if not text.isascii() and not _single_cells(text):
        return _wrap_wide(text, width)  # double-width or zero-width characters
    lines = [(m.start(), m.end()) for m in _wrap_pattern(width).finditer(text)]
    return lines or [(0, 0)]


def _single_cells(text: str) -> bool:
    """True when every character of ``text`` takes exactly one cell."""
    return all(_cell_size(char) == 1 for char in set(text))


@lru_cache(maxsize=4096)
def _cell_size(char: str) -> int:
    return get_character_cell_size(char)


def _wrap_wide(text: str, width: int) -> list[Line]:
    """Word wrap by cell width, for text with double-width or zero-width characters."""
    lines: list[Line] = []
    start: int | None = None
    used = 0
    last_space: int | None = None
    for index, char in enumerate(text):
        if start is None:
            if char.isspace():
                continue
            start, used, last_space = index, 0, None
        cells = _cell_size(char)
        while used + cells > width and index > start:
            if char.isspace():  # the line ends here; the space is dropped
                lines.append((start, index))
                start = None
                break
            cut = last_space if last_space is not None and last_space > start else index
            lines.append((start, cut))
            start = cut
            while start < index and text[start].isspace():
                start += 1
            used = cell_len(text[start:index])
            last_space = None
        if start is None:
            continue
        if char.isspace():
            last_space = index
        used += cells
    if start is not None and start < len(text):
        lines.append((start, len(text)))
    return lines or [(0, 0)]


def _role(paragraph: Paragraph) -> Role:
    if paragraph.kind is Kind.BODY:
        return Role.HEADING if paragraph.heading else Role.BODY
    return {
        Kind.TITLE: Role.TITLE,
        Kind.BYLINE: Role.BYLINE,
        Kind.CAPTION: Role.CAPTION,
        Kind.COMMENT: Role.COMMENT,
        Kind.BOILERPLATE: Role.BOILERPLATE,
    }[paragraph.kind]


def meta_line(article: Article, words: int | None) -> str:
    """Outlet, date and length under the title (the author too when no byline says it)."""
    has_byline = any(p.kind is Kind.BYLINE for p in article.paragraphs[:6])
    parts = [
        None if has_byline else article.author,
        article.outlet,
        article.date,
        f"{words:,} words" if words is not None else None,
    ]
    return " · ".join(part for part in parts if part)


class ArticleLayout:
    """The blocks of one article at one text width, in reading order."""

    def __init__(
        self,
        article: Article,
        width: int,
        *,
        show_comments: bool = True,
        words: int | None = None,
    ) -> None:
        self.width = max(1, width)
        self.blocks: list[Block] = []
        self._tops: list[int] = []
        self._by_paragraph: dict[int, int] = {}
        self.order: list[int] = []  # paragraph numbers the cursor visits, top to bottom
        self._order_index: dict[int, int] = {}
        self._build(article, show_comments, words)

    # -- building ------------------------------------------------------------

    def _add(self, role: Role, paragraph: int | None, text: str) -> None:
        text = text.replace("\t", " ")  # same length, so offsets (hits, bookmarks) still hold
        top = self.blocks[-1].bottom + 1 if self.blocks else 0
        block = Block(role, paragraph, text, tuple(wrap_offsets(text, self.width)), top)
        if paragraph is not None:
            self._by_paragraph[paragraph] = len(self.blocks)
            self._order_index[paragraph] = len(self.order)
            self.order.append(paragraph)
        self.blocks.append(block)
        self._tops.append(top)

    def _build(self, article: Article, show_comments: bool, words: int | None) -> None:
        flow = [p for p in article.paragraphs if p.is_article]
        comments = [p for p in article.paragraphs if p.kind is Kind.COMMENT]
        furniture = [p for p in article.paragraphs if p.kind is Kind.BOILERPLATE]
        lead = 0
        if not flow or flow[0].kind is not Kind.TITLE:
            self._add(Role.TITLE, None, article.title)
        while lead < len(flow) and flow[lead].kind in (Kind.TITLE, Kind.BYLINE):
            self._add(_role(flow[lead]), flow[lead].number, flow[lead].text)
            lead += 1
        meta = meta_line(article, words)
        if meta:
            self._add(Role.META, None, meta)
        if article.url:
            self._add(Role.META, None, f"↗ {article.url}  (o opens)")
        for paragraph in flow[lead:]:
            self._add(_role(paragraph), paragraph.number, paragraph.text)
        if comments:
            self._add(Role.RULE, None, f"Reader comments ({len(comments)})")
            if show_comments:
                for paragraph in comments:
                    self._add(Role.COMMENT, paragraph.number, paragraph.text)
            else:
                self._add(Role.HINT, None, f"{len(comments)} hidden; press c to show them")
        if furniture:
            self._add(Role.RULE, None, f"Also on the page ({len(furniture)})")
            for paragraph in furniture:
                self._add(Role.BOILERPLATE, paragraph.number, paragraph.text)

    # -- queries -------------------------------------------------------------

    @property
    def height(self) -> int:
        return self.blocks[-1].bottom if self.blocks else 0

    def at(self, y: int) -> tuple[Block, int] | None:
        """The block on screen line ``y`` and the line within it (None past the end)."""
        if y < 0 or y >= self.height:
            return None
        index = bisect_right(self._tops, y) - 1
        if index < 0:
            return None
        return self.blocks[index], y - self._tops[index]

    def block(self, paragraph: int) -> Block | None:
        """The block that shows ``paragraph`` (None when it is hidden, e.g. a collapsed comment)."""
        index = self._by_paragraph.get(paragraph)
        return None if index is None else self.blocks[index]

    def position(self, paragraph: int) -> int:
        """Where ``paragraph`` comes in the cursor order (-1 if it is not shown)."""
        return self._order_index.get(paragraph, -1)

    def first_at_or_below(self, y: int) -> int | None:
        """The first cursor paragraph whose block starts at or after line ``y``."""
        if not self.order:
            return None
        index = max(0, bisect_right(self._tops, y) - 1)
        if self._tops[index] < y:
            index += 1
        for block in self.blocks[index:]:
            if block.paragraph is not None:
                return block.paragraph
        return self.order[-1]

    def paragraph_at(self, y: int) -> int | None:
        """The paragraph drawn on line ``y`` (None for gaps and decoration)."""
        hit = self.at(y)
        if hit is None:
            return None
        block, line = hit
        return block.paragraph if line < len(block.lines) else None
