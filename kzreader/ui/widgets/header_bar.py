"""The top line: the app's name, the search box, and what corpus is open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from .search_input import SearchInput


class HeaderBar(Horizontal):
    """Name, search box, corpus name and size, indexing status."""

    def compose(self) -> ComposeResult:
        yield Label("kzreader", id="app-name")
        yield SearchInput()
        yield Label("", id="index-status", markup=False)
        yield Label("", id="corpus-info", markup=False)

    def set_corpus(self, name: str, count: int | None) -> None:
        size = "loading…" if count is None else f"{count:,} article{'s' if count != 1 else ''}"
        self.query_one("#corpus-info", Label).update(f"{name} · {size}")

    def set_index_status(self, text: str) -> None:
        self.query_one("#index-status", Label).update(text)
