"""The library's table of articles, drawn with the line API so 10,000 rows cost nothing.

A DataTable builds every row up front (about a second for 10,000); this draws only
the rows on screen from a plain list, so filling, filtering and sorting are list
operations. Columns adapt to the width: title and date always, length and
author/outlet when there is room.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip

from ...core.corpus.model import ArticleInfo
from .. import bindings
from .cursor_list import CursorList

DATE = 10
WORDS = 7
GAP = 2


def by_line(info: ArticleInfo) -> str:
    return " · ".join(part for part in (info.author, info.outlet) if part)


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…" + " " * (width - 1 - cell_len(out))


class LibraryTable(CursorList[ArticleInfo]):
    """Rows of articles with a cursor; Enter or a click on the cursor row opens one."""

    HEADER_LINES = 1  # the column titles (a click sorts by one)
    COMPONENT_PREFIX = "library-table--"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.LIBRARY_TABLE)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library-table--header",
        "library-table--cursor",
        "library-table--cursor-blurred",
        "library-table--dim",
    }

    class Highlighted(Message):
        """The cursor is on another row."""

    class Selected(Message):
        """Enter (or a click on the cursor row) on ``row``."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class SortRequested(Message):
        """A click on a column header, or `o` (column None: the next sort)."""

        def __init__(self, column: str | None) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort_column = "title"
        self.sort_reverse = False

    # -- data ----------------------------------------------------------------

    def set_rows(self, rows: Sequence[ArticleInfo], *, cursor: int = 0) -> None:
        self.rows = list(rows)
        self.cursor_row = max(0, min(cursor, len(self.rows) - 1))
        self._update_virtual_size(self.size.width)
        self._keep_cursor_visible()
        self.refresh()
        self.post_message(self.Highlighted())

    def move_cursor(self, row: int, direction: int = 1) -> None:
        """Put the cursor on ``row`` (every row is one an article: ``direction`` is moot)."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        if row != self.cursor_row:
            self.cursor_row = row
            self.post_message(self.Highlighted())
        self._keep_cursor_visible()
        self.refresh()

    # -- layout --------------------------------------------------------------

    def _columns(self, width: int) -> list[tuple[str, str, int]]:
        """(key, label, width) of the columns that fit in ``width`` cells."""
        words = WORDS if width >= 40 else 0
        rest = width - 1 - DATE - GAP - (words + GAP if words else 0)
        by = max(0, rest * 2 // 5) if width >= 70 else 0
        title = rest - (by + GAP if by else 0)
        columns = [("title", "Title", max(4, title)), ("date", "Date", DATE)]
        if words:
            columns.append(("words", "Words", words))
        if by:
            columns.append(("by", "By", by))
        return columns

    def _cells(self, info: ArticleInfo, key: str) -> str:
        if key == "title":
            return info.title
        if key == "date":
            return info.date or ""
        if key == "words":
            return f"{info.words:,}"
        return by_line(info)

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._styles_for()
        columns = self._columns(width)
        if y == 0:
            return self._header(columns, width, styles["header"])
        row = round(self.scroll_y) + y - 1
        base = styles["base"]
        if not 0 <= row < len(self.rows):
            return Strip([Segment(" " * width, base)], width)
        info = self.rows[row]
        dim = base + styles["dim"]
        if row == self.cursor_row:
            # The cursor row is not dimmed: muted text is blended for the table's background,
            # not the cursor's, and would be unreadable on it.
            key = "cursor" if self.has_focus else "cursor-blurred"
            base = dim = base + styles[key]
        segments = [Segment(" ", base)]
        for index, (key, _, size) in enumerate(columns):
            text = self._cells(info, key)
            if key == "words":
                cell = " " * max(0, size - len(text)) + text[:size]
            else:
                cell = fit(text, size)
            segments.append(Segment(cell, base if key == "title" else dim))
            if index < len(columns) - 1:
                segments.append(Segment(" " * GAP, base))
        used = sum(cell_len(s.text) for s in segments)
        segments.append(Segment(" " * max(0, width - used), base))
        return Strip(segments, width).crop(0, width)

    def _header(self, columns: list[tuple[str, str, int]], width: int, style: Style) -> Strip:
        text = " "
        for index, (key, label, size) in enumerate(columns):
            if key == self.sort_column:
                label += " ↓" if self.sort_reverse else " ↑"
            cell = fit(label, size)
            if key == "words":
                cell = " " * max(0, size - cell_len(label)) + label[:size]
            text += cell + (" " * GAP if index < len(columns) - 1 else "")
        return Strip([Segment(fit(text, width), style)], width)

    def _styles_for(self) -> dict[str, Style]:
        if self._style_map is None:
            self._style_map = super()._styles_for()
            base = self._style_map["base"]
            # $text-muted has alpha: resolved without the background (partial) it comes out
            # near-white, unreadable on light themes; take its colour blended on ours.
            full_dim = self.get_component_rich_style("library-table--dim", partial=False)
            self._style_map["dim"] = Style(color=full_dim.color)
            self._style_map["header"] = base + self._style_map["header"]
        return self._style_map

    # -- actions and events --------------------------------------------------

    def action_open(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.cursor_row))

    def action_cycle_sort(self) -> None:
        self.post_message(self.SortRequested(None))

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    class FilterRequested(Message):
        """`f`: the user wants to type in the filter box."""

    def on_click(self, event: events.Click) -> None:
        width = self.scrollable_content_region.width
        if event.y == 0:
            x = 1
            for key, _, size in self._columns(width):
                if x <= event.x < x + size + GAP:
                    self.post_message(self.SortRequested(key))
                    return
                x += size + GAP
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor_row or event.chain > 1:
                self.move_cursor(row)
                self.post_message(self.Selected(row))
            else:
                self.move_cursor(row)
