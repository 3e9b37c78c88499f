"""The top line: the app's name, the search box, and what corpus is open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from ...core.terminal import printable
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
        # The folder's name is the user's (or whoever handed it over): shown, never obeyed
        # (an escape sequence) nor read as markup.
        self.query_one("#corpus-info", Label).update(Content(f"{printable(name)} · {size}"))

    def set_index_status(self, text: str) -> None:
        self.query_one("#index-status", Label).update(text)
