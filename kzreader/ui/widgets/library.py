"""The Library tab: every article, sortable and filtered as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static

from ...core.corpus.model import ArticleInfo
from .. import bindings
from ..messages import OpenArticle
from .library_table import LibraryTable, by_line

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


@dataclass(frozen=True)
class SortKey:
    """One way to order the library."""

    column: str
    label: str
    key: Callable[[ArticleInfo], SupportsRichComparison]
    reverse: bool = False


SORTS = (
    SortKey("title", "title", lambda i: (i.title.casefold(), i.id)),
    SortKey("date", "newest first", lambda i: (i.date or "", i.id), reverse=True),
    SortKey("words", "longest first", lambda i: (i.words, i.id), reverse=True),
    SortKey("by", "outlet/author", lambda i: (by_line(i).casefold() or "\uffff", i.id)),
    SortKey("file", "file order", lambda i: i.path),
)


def haystack(info: ArticleInfo) -> str:
    """What the filter looks in: title, author, outlet, date and id, case-folded."""
    parts = (info.title, info.author, info.outlet, info.date, info.id)
    return " ".join(part for part in parts if part).casefold()


class LibraryFilter(Input):
    """Type words to narrow the library; down or Enter moves into the table."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.LIBRARY_FILTER)

    def action_to_table(self) -> None:
        self.query_ancestor(LibraryPane).table.focus()

    def action_clear(self) -> None:
        self.value = ""
        self.query_ancestor(LibraryPane).table.focus()


class LibraryPane(Vertical):
    """Filter box, table and a line about the highlighted article."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.infos: list[ArticleInfo] = []
        self.sort_index = 0
        self.flipped = False  # a second click on the sorted column reverses it
        self.shown: list[ArticleInfo] = []
        self._haystacks: list[str] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield LibraryFilter(placeholder="filter: words in title, author, outlet…", compact=True)
        yield LibraryTable(id="library-table")
        yield Static("Loading the articles…", id="library-detail", markup=False)

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    @property
    def filter_input(self) -> LibraryFilter:
        return self.query_one(LibraryFilter)

    def set_articles(self, infos: Sequence[ArticleInfo], *, keep_view: bool = False) -> None:
        """Show these articles; ``keep_view`` keeps the cursor on the same article and the
        scroll position (the scan refreshing a library listed from the catalog)."""
        self.infos = list(infos)
        self._haystacks = [haystack(info) for info in self.infos]
        top = self.table.scroll_y
        self.refill(keep_cursor=keep_view)
        if keep_view:
            self.table.scroll_to(y=top, animate=False, immediate=True)
            self.table._keep_cursor_visible()

    def cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.flipped = False
        self.refill(keep_cursor=True)
        self.notify(f"Library sorted by {SORTS[self.sort_index].label}", timeout=2)

    def sort_by(self, column: str) -> None:
        for index, sort in enumerate(SORTS):
            if sort.column == column:
                self.flipped = not self.flipped if index == self.sort_index else False
                self.sort_index = index
        self.refill(keep_cursor=True)

    def refill(self, *, keep_cursor: bool = False) -> None:
        """Rebuild the rows from the articles, the sort and the filter."""
        current = self.highlighted if keep_cursor else None
        words = self.filter_input.value.casefold().split()
        sort = SORTS[self.sort_index]
        if words:
            pairs = zip(self.infos, self._haystacks, strict=True)
            shown = [info for info, text in pairs if all(word in text for word in words)]
        else:
            shown = list(self.infos)
        reverse = sort.reverse != self.flipped
        shown.sort(key=sort.key, reverse=reverse)
        self.shown = shown
        cursor = 0
        if current is not None:
            cursor = next((n for n, info in enumerate(shown) if info.id == current), 0)
        table = self.table
        table.sort_column = sort.column
        table.sort_reverse = reverse
        table.set_rows(shown, cursor=cursor)
        self._describe()

    @property
    def highlighted(self) -> str | None:
        row = self.table.cursor_row
        return self.shown[row].id if 0 <= row < len(self.shown) else None

    def _describe(self) -> None:
        detail = self.query_one("#library-detail", Static)
        row = self.table.cursor_row
        if not self.shown:
            detail.update("No article matches the filter." if self.infos else "No articles.")
            return
        if not 0 <= row < len(self.shown):
            return
        info = self.shown[row]
        count = (
            f"{len(self.shown)} of {len(self.infos)}"
            if len(self.shown) != len(self.infos)
            else f"{len(self.infos)} articles"
        )
        by = by_line(info) or "author unknown"
        detail.update(Text(f"{info.title}\n{by} · {info.date or 'undated'} · {count}"))

    # -- events --------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        delay = 0.01 if len(self.infos) < 2000 else 0.15
        self._timer = self.set_timer(delay, self.refill)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def on_library_table_highlighted(self, event: LibraryTable.Highlighted) -> None:
        event.stop()
        self._describe()

    def on_library_table_selected(self, event: LibraryTable.Selected) -> None:
        event.stop()
        if 0 <= event.row < len(self.shown):
            self.post_message(OpenArticle(self.shown[event.row].id))

    def on_library_table_sort_requested(self, event: LibraryTable.SortRequested) -> None:
        event.stop()
        if event.column is None:
            self.cycle_sort()
        else:
            self.sort_by(event.column)

    def on_library_table_filter_requested(self, event: LibraryTable.FilterRequested) -> None:
        event.stop()
        self.filter_input.focus()
