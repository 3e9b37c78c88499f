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
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.timer import Timer
    from textual.widget import Widget

    from ....core.corpus.collection import Corpus
    from ....core.corpus.model import Article
    from ...app import KzReaderApp
    from ...widgets.article_pane import ArticlePane
    from ...widgets.article_view import ArticleView
    from ...widgets.bookmarks_panel import BookmarksPanel
    from ...widgets.entity_sidebar import EntitySidebar
    from ...widgets.header_bar import HeaderBar
    from ...widgets.library import LibraryPane
    from ...widgets.results import ResultsPane
    from ...widgets.search_input import SearchInput
    from .live_folder import LiveFolder


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
    def library(self) -> LibraryPane: ...

    @property
    def entity_sidebar(self) -> EntitySidebar: ...

    @property
    def bookmarks_panel(self) -> BookmarksPanel: ...

    @property
    def panes(self) -> list[ArticlePane]: ...

    @property
    def active_view(self) -> ArticleView:
        """The active pane's article view (the first pane's if none is active)."""
        ...

    @property
    def active_pane(self) -> ArticlePane | None: ...

    @property
    def live_folder(self) -> LiveFolder: ...

    @property
    def indexing(self) -> bool:
        """Whether an index build's thread is still at work."""
        ...

    @property
    def focused(self) -> Widget | None: ...

    def show_tab(self, name: str) -> None:
        """Make ``name`` the left panel's tab (without moving the focus)."""
        ...

    def push_back(self, widget: Widget | None) -> None:
        """Remember ``widget`` as where Esc returns the focus to."""
        ...

    # -- routed by the screen to the controllers, in its fixed order ------------------

    def corpus_ready(self, corpus: Corpus) -> None:
        """The folder has been scanned: every part takes the new corpus."""
        ...

    def index_ready(self) -> None:
        """The index is open (with the entity graph, if built): a waiting search runs."""
        ...

    def note_issues(self, corpus: Corpus) -> None:
        """Warn about files with problems not shown before (from a worker thread)."""
        ...

    def start_entities(self) -> None:
        """Build the entity graph unless it is built or being built."""
        ...

    def build_entities(self) -> object:
        """Build (or rebuild from the cache) the entity graph."""
        ...

    def stop_entities(self) -> None:
        """Tell an entity build under way to stop at its next article."""
        ...

    def open_article(
        self,
        article_id: str,
        paragraph: int | None,
        query: str | None,
        *,
        pane: ArticlePane | None = None,
        refocus: Widget | None = None,
    ) -> None:
        """Parse an article in a worker, then show it (in ``pane``, else the active one)."""
        ...

    def show_article(
        self,
        pane: ArticlePane,
        article: Article,
        paragraph: int | None,
        spans: dict[int, list[tuple[int, int]]] | None,
    ) -> None:
        """Put a parsed article in ``pane`` (UI thread)."""
        ...

    # -- Textual's, as the controllers use them -------------------------------------------

    def post_message(self, message: Message) -> bool: ...

    def search(self, query: str) -> None:
        """Search for ``query`` (in a worker); the Results tab shows the answer."""
        ...

    def has_class(self, *class_names: str) -> bool: ...

    def set_class(self, add: bool, *class_names: str, update: bool = True) -> object: ...

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

    def run_in_thread(
        self, work: Callable[[], object], *, group: str, name: str, exclusive: bool = True
    ) -> None:
        """Run ``work`` in a thread worker of ``group``: if ``exclusive``, a new one cancels
        the group's running one; an error in it is one line for the user (the screen says it)."""
        ...
