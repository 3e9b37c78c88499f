"""The search box in the header, with the search history on up/down."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import Input

from .. import bindings
from ..messages import GoBack


class SearchInput(Input):
    """Results follow the typing; Enter moves to them; up/down recall earlier searches."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.SEARCH_INPUT)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder="Search all articles  ( / )",
            compact=True,
            id="search",
            **kwargs,  # type: ignore[arg-type]
        )
        self.history: list[str] = []
        self._history_index: int | None = None
        self._draft = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._history_index is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.history) - 1
        else:
            index = self._history_index + step
        if index >= len(self.history):
            self._history_index = None
            self.value = self._draft
        else:
            self._history_index = max(0, index)
            self.value = self.history[self._history_index]
        self.cursor_position = len(self.value)

    def action_back(self) -> None:
        self.post_message(GoBack())

    def remember(self, query: str) -> None:
        """Add a query to the history (most recent last) and leave history browsing."""
        query = " ".join(query.split())
        if query:
            if query in self.history:
                self.history.remove(query)
            self.history.append(query)
        self._history_index = None
