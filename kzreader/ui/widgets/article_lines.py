"""Drawing one screen line of an article: margins, gutter markers, text and highlights.

Kept apart from the article view (which owns the cursor, scrolling and keys) so the
drawing is a plain function of the layout and what is marked. Text goes out as
plain segments: nothing in an article is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ..article_layout import ArticleLayout, Block, Role

GUTTER = 3  # cursor bar, bookmark marker, space
#: Highlight layers, lowest first (a later layer wins where they overlap).
MARK_LAYERS = (
    "entity-person", "entity-place", "entity-organisation",
    "bookmark-range", "hit", "find", "selection",
)  # fmt: skip
Spans = dict[int, list[tuple[int, int]]]

HINT = (
    "No article open.",
    "",
    "Enter on a title in the Library opens it,",
    "/ searches every article,",
    "? lists the keys.",
)


@dataclass(frozen=True, slots=True)
class Match:
    """One highlighted span that n/N can step to."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LineState:
    """What decides how a line looks, besides the layout."""

    styles: Mapping[str, Style]
    cursor: int | None
    bookmarked: frozenset[int]
    marks: Mapping[str, Spans]
    current: Match | None


def paint_line(layout: ArticleLayout, index: int, width: int, state: LineState) -> Strip:
    """Screen line ``index`` of the laid-out article, ``width`` cells wide, centred."""
    styles = state.styles
    base = styles["base"]
    hit = layout.at(index)
    if hit is None or hit[1] >= len(hit[0].lines):
        return Strip([Segment(" " * width, base)], width)
    block, line = hit
    text_width = layout.width
    left = max(0, (width - GUTTER - text_width) // 2)
    on_cursor = block.paragraph is not None and block.paragraph == state.cursor
    body = styles.get(block.role.value, base)
    if on_cursor:
        body = body + styles["cursor"]
    bar = Segment("▌", styles["cursor-bar"]) if on_cursor else Segment(" ", base)
    marked = block.paragraph in state.bookmarked and line == 0
    mark = Segment("●", styles["bookmark"]) if marked else Segment(" ", base)
    segments = [Segment(" " * left, base), bar, mark, Segment(" ", base)]
    segments.extend(_text(block, line, text_width, body, state))
    used = left + GUTTER + text_width
    segments.append(Segment(" " * max(0, width - used), base))
    return Strip(segments).crop(0, width).extend_cell_length(width, base)


def _text(block: Block, line: int, text_width: int, body: Style, state: LineState) -> list[Segment]:
    start, end = block.lines[line]
    if block.role is Role.RULE:
        label = f" {block.text[start:end]} "
        fill = max(0, text_width - cell_len(label) - 2)
        return [Segment("──" + label + "─" * fill, body)]
    text = block.text[start:end]
    cells = len(text) if text.isascii() else cell_len(text)
    pad = Segment(" " * max(0, text_width - cells), body)
    runs = _runs(block, start, end, state)
    if not runs:
        return [Segment(text, body), pad]
    out: list[Segment] = []
    position = start
    for s, e, style in runs:
        if s > position:
            out.append(Segment(block.text[position:s], body))
        out.append(Segment(block.text[s:e], body + style))
        position = e
    if position < end:
        out.append(Segment(block.text[position:end], body))
    out.append(pad)
    return out


def _runs(block: Block, start: int, end: int, state: LineState) -> list[tuple[int, int, Style]]:
    """Non-overlapping styled runs on one line; later layers win, the current match last."""
    if block.paragraph is None or not state.marks:
        return []
    paint: list[Style | None] = [None] * (end - start)
    for layer in MARK_LAYERS:
        for s, e in state.marks.get(layer, {}).get(block.paragraph, ()):
            for i in range(max(s, start), min(e, end)):
                paint[i - start] = state.styles[layer]
    current = state.current
    if current is not None and current.paragraph == block.paragraph:
        for i in range(max(current.start, start), min(current.end, end)):
            paint[i - start] = state.styles["hit-current"]
    runs: list[tuple[int, int, Style]] = []
    i = 0
    while i < len(paint):
        style = paint[i]
        j = i + 1
        while j < len(paint) and paint[j] is style:
            j += 1
        if style is not None:
            runs.append((start + i, start + j, style))
        i = j
    return runs


def hint_line(index: int, width: int, height: int, base: Style, hint: Style) -> Strip:
    """Line ``index`` of the centred "no article open" hint."""
    middle = max(0, height // 2 - 2)
    text = HINT[index - middle] if 0 <= index - middle < len(HINT) else ""
    text = text[:width]
    left = max(0, (width - len(text)) // 2)
    segments = [Segment(" " * left, base), Segment(text, hint)]
    return Strip(segments).extend_cell_length(width, base)
