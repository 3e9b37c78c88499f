"""The Library tab: every article, sortable and filtered as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ...core.article import ArticleInfo
from ..messages import OpenArticle

TITLE_WIDTH = 26
BY_WIDTH = 28


@dataclass(frozen=True)
class SortKey:
    """One way to order the library."""

    column: str
    label: str
    key: Callable[[ArticleInfo], object]
    reverse: bool = False


SORTS = (
    SortKey("title", "title", lambda i: (i.title.casefold(), i.id)),
    SortKey("date", "newest first", lambda i: (i.date or "", i.id), reverse=True),
    SortKey("words", "longest first", lambda i: (i.words, i.id), reverse=True),
    SortKey("by", "outlet/author", lambda i: (_by(i).casefold() or "\uffff", i.id)),
    SortKey("file", "file order", lambda i: i.path),
)


def _by(info: ArticleInfo) -> str:
    return " · ".join(part for part in (info.author, info.outlet) if part)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def matches_filter(info: ArticleInfo, words: Sequence[str]) -> bool:
    """True when every word occurs in the title, author, outlet, date or id."""
    haystack = " ".join(
        part for part in (info.title, info.author, info.outlet, info.date, info.id) if part
    ).casefold()
    return all(word in haystack for word in words)


class LibraryTable(DataTable):
    """The table of articles (rows keyed by article id)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="kz.library.open"),
        Binding("o", "cycle_sort", "Sort", id="kz.library.sort"),
        Binding("f", "filter", "Filter", id="kz.library.filter"),
    ]

    def action_cycle_sort(self) -> None:
        self.app.call_later(self._library().cycle_sort)

    def action_filter(self) -> None:
        self._library().filter_input.focus()

    def _library(self) -> LibraryPane:
        return self.query_ancestor(LibraryPane)


class LibraryFilter(Input):
    """Type words to narrow the library; down or Enter moves into the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,enter", "to_table", "To the list", id="kz.library.to_table", show=False),
        Binding("escape", "clear", "Clear filter", id="kz.library.clear"),
    ]

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
        self.shown: list[ArticleInfo] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield LibraryFilter(placeholder="filter: words in title, author, outlet…", compact=True)
        table = LibraryTable(cursor_type="row", zebra_stripes=False, id="library-table")
        table.add_column("Title", key="title")
        table.add_column("Date", key="date")
        table.add_column("Words", key="words")
        table.add_column("By", key="by")
        yield table
        yield Static("Loading the articles…", id="library-detail", markup=False)

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    @property
    def filter_input(self) -> LibraryFilter:
        return self.query_one(LibraryFilter)

    def set_articles(self, infos: Sequence[ArticleInfo]) -> None:
        self.infos = list(infos)
        self.refill()

    def cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.refill(keep_cursor=True)
        self.notify(f"Library sorted by {SORTS[self.sort_index].label}", timeout=2)

    def sort_by(self, column: str) -> None:
        for index, sort in enumerate(SORTS):
            if sort.column == column:
                self.sort_index = index
        self.refill(keep_cursor=True)

    def refill(self, *, keep_cursor: bool = False) -> None:
        """Rebuild the rows from the articles, the sort and the filter."""
        table = self.table
        current = self.highlighted if keep_cursor else None
        words = self.filter_input.value.casefold().split()
        sort = SORTS[self.sort_index]
        shown = [i for i in self.infos if matches_filter(i, words)] if words else list(self.infos)
        shown.sort(key=sort.key, reverse=sort.reverse)
        self.shown = shown
        table.clear()
        table.add_rows(
            (
                [
                    Text(_cut(info.title, TITLE_WIDTH)),
                    Text(info.date or "", style="dim"),
                    Text(f"{info.words:,}", justify="right"),
                    Text(_cut(_by(info), BY_WIDTH), style="dim"),
                ]
                for info in shown
            ),
        )
        self._label_columns()
        if current is not None:
            for index, info in enumerate(shown):
                if info.id == current:
                    table.move_cursor(row=index, animate=False)
                    break
        self._describe()

    def _label_columns(self) -> None:
        sort = SORTS[self.sort_index]
        labels = {"title": "Title", "date": "Date", "words": "Words", "by": "By"}
        for key, column in self.table.columns.items():
            label = labels.get(str(key.value), "")
            if key.value == sort.column:
                label += " ↓" if sort.reverse else " ↑"
            column.label = Text(label)
        self.table.refresh()

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
        by = _by(info) or "author unknown"
        detail.update(Text(f"{info.title}\n{by} · {info.date or 'undated'} · {count}"))

    # -- events --------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        delay = 0.0 if len(self.infos) < 2000 else 0.15
        self._timer = self.set_timer(delay, self.refill)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        article_id = self.highlighted
        if article_id is not None:
            self.post_message(OpenArticle(article_id))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(str(event.column_key.value))
