"""What the main screen's controllers may ask of it: a small typed Protocol.

The controllers (search, loading, entities, bookmarks, the live folder) own their
state; the screen owns the widgets and the focus. Each controller reaches the
screen only through this Protocol, so what a controller depends on is written
down in one place and a test can stand in for the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.timer import Timer
    from textual.widget import Widget

    from ...app import KzReaderApp
    from ...widgets.article_pane import ArticlePane
    from ...widgets.header_bar import HeaderBar
    from ...widgets.results import ResultsPane
    from ...widgets.search_input import SearchInput


class Host(Protocol):
    """The reading screen as its controllers see it."""

    @property
    def reader(self) -> KzReaderApp:
        """The app, as the reader's own class (its services, settings and state)."""
        ...

    @property
    def header(self) -> HeaderBar: ...

    @property
    def search_input(self) -> SearchInput: ...

    @property
    def results(self) -> ResultsPane: ...

    @property
    def panes(self) -> list[ArticlePane]: ...

    @property
    def focused(self) -> Widget | None: ...

    def show_tab(self, name: str) -> None:
        """Make ``name`` the left panel's tab (without moving the focus)."""
        ...

    def push_back(self, widget: Widget | None) -> None:
        """Remember ``widget`` as where Esc returns the focus to."""
        ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Timer: ...

    def run_in_thread(self, work: Callable[[], object], *, group: str, name: str) -> None:
        """Run ``work`` in a thread worker of ``group``: a new one cancels the group's
        running one, and an error in it is one line for the user (the screen says it)."""
        ...
