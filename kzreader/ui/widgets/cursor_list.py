"""The base of the reader's long lists (library table, entity list): rows, one cursor.

Both draw only the rows on screen (the line API) from a plain list, so a list of
10,000 rows costs what one of ten does. What they share is here: the cursor and
its keys (j/k, page, g/G), keeping the cursor in view, Esc back, and the component
styles resolved once per theme. A subclass says how many header lines it draws
(``HEADER_LINES``), draws its rows, and where the cursor may stop (``move_cursor``).
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView

from ..messages import GoBack

RowT = TypeVar("RowT")


class CursorList(ScrollView, Generic[RowT], can_focus=True):
    """Rows of ``RowT`` with a cursor row; the keys move it and the view follows."""

    #: Lines drawn above the rows (a column header): not rows, never scrolled past.
    HEADER_LINES: ClassVar[int] = 0
    #: The prefix of the subclass's component classes ("library-table--").
    COMPONENT_PREFIX: ClassVar[str] = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[RowT] = []
        self.cursor_row = 0
        self._style_map: dict[str, Style] | None = None

    def move_cursor(self, row: int, direction: int = 1) -> None:
        """Put the cursor on ``row`` (``direction``: where to look if it cannot stop there)."""
        raise NotImplementedError

    # -- styles ---------------------------------------------------------------

    def _styles_for(self) -> dict[str, Style]:
        """The base style and each component's (partial), by name without the prefix."""
        if self._style_map is None:
            self._style_map = {"base": self.rich_style}
            for name in self.COMPONENT_CLASSES:
                partial = self.get_component_rich_style(name, partial=True)
                self._style_map[name.removeprefix(self.COMPONENT_PREFIX)] = partial
        return self._style_map

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_map = None

    # -- keys -------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step, step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * self._page, step)

    def action_edge(self, direction: int) -> None:
        self.move_cursor(0 if direction < 0 else len(self.rows) - 1, -direction)

    def action_back(self) -> None:
        self.post_message(GoBack())

    # -- the view follows the cursor ------------------------------------------------

    def _update_virtual_size(self, width: int | None = None) -> None:
        width = self.scrollable_content_region.width if width is None else width
        self.virtual_size = Size(width, len(self.rows) + self.HEADER_LINES)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._keep_cursor_visible()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    def _top_for(self, row: int) -> int:
        """The first row to show when the cursor goes above the view onto ``row``."""
        return row

    def _keep_cursor_visible(self, *, center: bool = False) -> None:
        """Scroll as little as shows the cursor row (``center``: a third of the way down)."""
        visible = max(1, self.scrollable_content_region.height - self.HEADER_LINES)
        top = round(self.scroll_y)
        if center and not top <= self.cursor_row < top + visible:
            target = max(0, self.cursor_row - visible // 3)
        elif self.cursor_row < top:
            target = self._top_for(self.cursor_row)
        elif self.cursor_row >= top + visible:
            target = self.cursor_row - visible + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
