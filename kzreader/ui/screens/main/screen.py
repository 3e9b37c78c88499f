"""The reading screen: library and results on the left, article panes in the middle.

It composes the widgets and routes: each key's action and each message lands here
and goes to the controller that owns the work (``search``, ``loading``, ``entities``,
``bookmarks``, ``panes``, ``live_folder``), in a fixed order where several care (one
cursor move: position, entity marks, bookmark markers). Loading and searching run in
thread workers so the first frame paints at once.

Why this module is over 400 lines: Textual finds a binding's action and a message's
handler only as methods of the screen (or the app, or the focused widget), so the
screen keeps one short method per action and message of every controller; the work
itself is in the controllers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from ....core.corpus.model import Article
from ... import bindings
from ...messages import GoBack, IndexProgress, OpenArticle, RunSearch
from ...reader import reader_app
from ...widgets.article_pane import ArticlePane
from ...widgets.article_view import ArticleView
from ...widgets.bookmarks_panel import BookmarksList, BookmarksPanel
from ...widgets.entity_sidebar import EntitySidebar
from ...widgets.header_bar import HeaderBar
from ...widgets.library import LibraryPane, LibraryTable
from ...widgets.results import ResultsList, ResultsPane
from ...widgets.search_input import SearchInput
from .bookmarks import BookmarksController
from .entities import EntitiesController
from .focus import FocusTrail, in_left_panel, next_in_ring, pane_of
from .layout import size_classes
from .live_folder import LiveFolder
from .loading import LoadingController
from .panes import PanesController
from .search import SearchController

if TYPE_CHECKING:
    from ....core.bookmarks import Placed
    from ....core.corpus.collection import Corpus
    from ...app import KzReaderApp
    from ...bookmarks_worker import ShelfDone
    from ...dialogs.entity_card import EntityCard


class MainScreen(Screen):
    """Library · Results · Bookmarks, article pane(s), entity sidebar, footer."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.MAIN)

    def __init__(self) -> None:
        super().__init__()
        self.searching = SearchController(self)
        self._trail = FocusTrail()  # where Esc returns the focus to
        self.pane_control = PanesController(self)
        self.loader = LoadingController(self)
        self.bookmarker = BookmarksController(self)
        self.entity_control = EntitiesController(self)
        self._live_folder = LiveFolder(self)

    def compose(self) -> ComposeResult:
        settings = self.reader.settings_value
        # The screen's classes as on_mount will leave them (the focus goes to the library,
        # in the left panel), set before the children are styled: set later, each class
        # restyles every widget of the screen, which delays the first frame.
        self.set_class(not settings("sidebar_visible", True), "-sidebar-off")
        self.set_class(True, "-left-focus")
        self._apply_size(self.reader.size.width)
        pane = ArticlePane(
            measure=settings("reader_width", 80), show_comments=settings("show_comments", True)
        )
        pane.add_class("-active", update=False)  # styled when mounted
        yield HeaderBar(id="header")
        with Horizontal(id="body"):
            with TabbedContent(id="left", initial="library"):
                with TabPane("Library", id="library"):
                    yield LibraryPane(id="library-pane")
                with TabPane("Results", id="results"):
                    yield ResultsPane(id="results-pane")
                with TabPane("Bookmarks", id="bookmarks"):
                    yield BookmarksPanel(id="bookmarks-panel")
            with Horizontal(id="articles"):
                yield pane
            yield EntitySidebar(id="sidebar")
        yield Footer()

    def on_mount(self) -> None:
        pane = self.pane_control.active = self.query_one(ArticlePane)
        pane.add_class("-active")
        pane.view.show(None)
        self.set_class(not self.reader.settings_value("sidebar_visible", True), "-sidebar-off")
        self.header.set_corpus(self.reader.corpus_dir.name, None)
        self.search_input.history = list(self.reader.state.history)
        self.query_one(LibraryTable).focus()
        self._apply_size(self.size.width)
        # After the first frame: the loading thread would otherwise compete with it.
        self.call_after_refresh(self.loader.start)

    def on_unmount(self) -> None:
        self.live_folder.stop()

    def action_rescan(self) -> None:
        """Look at the folder again (the palette's "Rescan the folder")."""
        self.notify("Looking at the folder again…", timeout=2)
        self.live_folder.rescan(manual=True)

    # -- parts ---------------------------------------------------------------

    @property
    def reader(self) -> KzReaderApp:
        """The app, as the reader's own class (its services, settings and state)."""
        return reader_app(self)

    @property
    def header(self) -> HeaderBar:
        return self.query_one(HeaderBar)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def library(self) -> LibraryPane:
        return self.query_one(LibraryPane)

    @property
    def results(self) -> ResultsPane:
        return self.query_one(ResultsPane)

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query(ArticlePane))

    @property
    def active_pane(self) -> ArticlePane | None:
        """The pane articles open in (the one last focused)."""
        return self.pane_control.active

    @property
    def active_view(self) -> ArticleView:
        pane = self.active_pane if self.active_pane in self.panes else self.panes[0]
        return pane.view

    # -- opening articles -----------------------------------------------------

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        message.stop()
        focused = self.focused
        if focused is not None and not pane_of(focused):
            self._trail.push(focused)
        self.open_article(message.article_id, message.paragraph, message.query)

    def show_article(
        self,
        pane: ArticlePane,
        article: Article,
        paragraph: int | None,
        spans: dict[int, list[tuple[int, int]]] | None,
    ) -> None:
        """Put a loaded article in ``pane`` (called on the UI thread by the open worker)."""
        self.pane_control.show_article(pane, article, paragraph, spans)

    def remember_position(self, pane: ArticlePane | None = None) -> None:
        """Note where the cursor is in the article(s) shown, for the next time they open."""
        self.pane_control.remember_position(pane)

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        """The one place a cursor move is routed: position, entity marks, bookmark markers.

        Also sent when a view shows another article: the marks follow it.
        """
        view = event.view
        self.pane_control.cursor_moved(view.article.id if view.article else None, event.paragraph)
        self.entity_control.follow_cursor(view)
        self.bookmarker.mark_view(view)

    def corpus_ready(self, corpus: Corpus) -> None:
        """The folder has been scanned: the library first, then the shelf."""
        self.loader.corpus_ready(corpus)
        self.bookmarker.corpus_ready(corpus)

    # -- entities (EntitiesController) --------------------------------------------------

    @property
    def entity_sidebar(self) -> EntitySidebar:
        return self.query_one(EntitySidebar)

    @property
    def selected_entity(self) -> str | None:
        """The entity whose mentions are marked and stepped through with `]`/`[`."""
        return self.entity_control.selected_entity

    def start_entities(self) -> None:
        """Build the entity graph unless it is built or being built."""
        self.entity_control.start_entities()

    def build_entities(self) -> None:
        """Build (or rebuild from the cache) the entity graph."""
        self.entity_control.build_entities()

    def stop_entities(self) -> None:
        """Tell an entity build under way to stop at its next article."""
        self.entity_control.stop_entities()

    def on_entity_sidebar_entity_highlighted(self, event: EntitySidebar.EntityHighlighted) -> None:
        event.stop()
        self.entity_control.entity_highlighted(event.entity_id)

    def on_entity_sidebar_card_requested(self, event: EntitySidebar.CardRequested) -> None:
        event.stop()
        self.entity_control.card_requested(event.entity_id)

    def on_entity_card_mention_chosen(self, message: EntityCard.MentionChosen) -> None:
        message.stop()
        self.entity_control.open_mention(
            message.entity_id, message.article_id, message.paragraph, message.start
        )

    def on_entity_card_correction_asked(self, message: EntityCard.CorrectionAsked) -> None:
        message.stop()
        done = self.entity_control.edit_entities(message.done, message.change, message.redirect)
        if message.then is not None:
            message.then(done)

    def on_entity_card_undo_asked(self, message: EntityCard.UndoAsked) -> None:
        message.stop()
        self.entity_control.undo_entity_edit()

    def action_mention(self, step: int) -> None:
        """Go to the next (step 1) or previous (-1) mention of the highlighted entity."""
        self.entity_control.mention(step)

    def action_related_articles(self) -> None:
        self.entity_control.related_articles()

    def action_focus_entities(self) -> None:
        """`E`: into the entity list (shown first if it was hidden)."""
        self.entity_control.focus_entities()

    def action_entity_retype(self) -> None:
        """`t` in the entity list: say what the highlighted entity is."""
        self.entity_control.entity_retype()

    def action_entity_undo(self) -> None:
        """`u` in the entity list: the last merge, rename, retype or hide is undone."""
        self.entity_control.undo_entity_edit()

    # -- bookmarks (BookmarksController) ----------------------------------------------

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        return self.query_one(BookmarksPanel)

    @property
    def bookmarks(self) -> Sequence[Placed]:
        """The bookmarks as the last shelf job left them."""
        return self.bookmarker.bookmarks

    def on_shelf_done(self, message: ShelfDone) -> None:
        message.stop()
        self.bookmarker.shelf_done(message)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.bookmarker.tab_shown(event.pane.id)

    def on_bookmarks_panel_backup_choice(self, message: BookmarksPanel.BackupChoice) -> None:
        message.stop()
        self.bookmarker.backup_choice(message.restore)

    def action_bookmark(self) -> None:
        self.bookmarker.bookmark()

    def action_bookmark_note(self) -> None:
        self.bookmarker.bookmark_note()

    def action_bookmark_edit(self) -> None:
        self.bookmarker.bookmark_edit()

    def action_bookmark_delete(self) -> None:
        self.bookmarker.bookmark_delete()

    def action_bookmark_undo(self) -> None:
        self.bookmarker.bookmark_undo()

    def action_bookmarks_grouping(self) -> None:
        self.bookmarker.bookmarks_grouping()

    def action_bookmarks_everywhere(self) -> None:
        """A: show (or hide) the bookmarks of every other collection below this one's."""
        self.bookmarker.bookmarks_everywhere()

    def action_bookmarks_filter(self) -> None:
        self.bookmarker.bookmarks_filter()

    def action_bookmarks_export(self) -> None:
        self.bookmarker.bookmarks_export()

    def action_bookmarks_restore_backup(self) -> None:
        self.bookmarker.backup_choice(True)

    # -- loading and indexing (LoadingController) ------------------------------------

    @property
    def live_folder(self) -> LiveFolder:
        return self._live_folder

    @property
    def indexing(self) -> bool:
        """Whether an index build's thread is still at work."""
        return self.loader.indexing

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
        self.loader.open_article(article_id, paragraph, query, pane=pane, refocus=refocus)

    def note_issues(self, corpus: Corpus) -> None:
        """Warn about files with problems not shown before (from a worker thread)."""
        self.loader.note_issues(corpus)

    def start_indexing(self) -> None:
        """Open the index, building or updating it."""
        self.loader.start_indexing()

    def resume_indexing(self) -> None:
        """The palette's "Resume indexing": the index or the entity graph, whichever is missing."""
        self.loader.resume_indexing()

    def stop_indexing(self) -> bool:
        """Stop building the index and the entity graph; whether anything was running."""
        return self.loader.stop_indexing()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is one line for the user, not a traceback; the reader goes on."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        what = {
            "load": "Loading the articles",
            "open": "Opening the article",
            "index": "Indexing",
        }.get(event.worker.group, "Searching")
        line = f"{what} failed: {type(error).__name__}: {error}"
        if event.worker.group == "search":
            self.results.set_status(line)
        self.reader.notify(line, severity="error", markup=False)

    def index_ready(self) -> None:
        """The index is open (the Library has handed it the entity graph, if built):
        a search typed meanwhile runs."""
        self.searching.index_ready()

    # -- searching (SearchController) ---------------------------------------------

    def search(self, query: str) -> None:
        """Search for ``query`` (in a worker); the Results tab shows the answer."""
        self.searching.search(query)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.search_input:
            self.searching.typed(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.search_input:
            event.stop()
            self.searching.submitted(event.value)

    def on_run_search(self, message: RunSearch) -> None:
        self.searching.run(message.query)

    def on_results_list_sort_toggled(self, event: ResultsList.SortToggled) -> None:
        event.stop()
        self.searching.toggle_sort()

    def on_results_list_export_asked(self, event: ResultsList.ExportAsked) -> None:
        event.stop()
        self.searching.export()

    def on_results_pane_suggestion_accepted(self, event: ResultsPane.SuggestionAccepted) -> None:
        self.post_message(RunSearch(event.query))

    def action_accept_suggestion(self) -> None:
        suggestion = self.results.suggestion
        if suggestion:
            self.post_message(RunSearch(suggestion))
        else:
            self.notify("No spelling suggestion for this search", timeout=2)

    def on_index_progress(self, message: IndexProgress) -> None:
        self.searching.index_progress(message)

    def on_article_view_comments_toggled(self, event: ArticleView.CommentsToggled) -> None:
        self.reader.update_settings(show_comments=event.shown)

    def on_article_view_width_changed(self, event: ArticleView.WidthChanged) -> None:
        for pane in self.panes:
            if pane.view is not event.control:
                pane.view.set_measure(event.width)
        self.reader.update_settings(reader_width=event.width)

    # -- actions ---------------------------------------------------------------

    def action_focus_search(self) -> None:
        focused = self.focused
        if focused is not self.search_input:
            self._trail.push(focused)
        self.search_input.focus()

    def action_find(self) -> None:
        pane = self.active_pane or self.panes[0]
        pane.action_find()

    def action_help(self) -> None:
        from ...dialogs.help import HelpScreen

        self.reader.push_screen(HelpScreen())

    async def action_split(self) -> None:
        """Open a second pane beside the active one, on the same article and search."""
        if len(self.panes) > 1:
            self.notify("The view is already split; S closes the active pane", timeout=3)
            return
        await self.pane_control.split(self.query_one("#articles"))
        self.set_class(True, "-split")
        self._apply_size(self.size.width)

    async def action_unsplit(self) -> None:
        """Close the active pane of a split (its position is remembered)."""
        if len(self.panes) < 2:
            self.notify("There is no split to close", timeout=2)
            return
        await self.pane_control.unsplit()
        self.set_class(False, "-split")
        self._apply_size(self.size.width)

    def action_toggle_sidebar(self) -> None:
        self.entity_control.toggle_entity_sidebar()  # shows it and goes into it, or hides it

    def action_toggle_zen(self) -> None:
        self.set_class(not self.has_class("-zen"), "-zen")
        if self.has_class("-zen"):
            self.active_view.focus()

    def action_tab(self, name: str) -> None:
        self.set_class(False, "-zen")
        self.query_one(TabbedContent).active = name
        target = {
            "library": "#library-table",
            "results": "#results-list",
            "bookmarks": "#bookmarks-list",
        }.get(name)
        if target:
            self.query_one(target).focus()
        else:
            self.query_one(TabbedContent).query_one("Tabs").focus()

    def action_cycle_focus(self, step: int) -> None:
        """Move between the left list and the article panes (the text boxes are skipped:
        typing a key meant as a command into a search box is the trap this avoids)."""
        ring: list[Widget] = []
        if not self.has_class("-zen"):
            active = self.query_one(TabbedContent).active
            ring.append(
                self.library.table
                if active == "library"
                else self.query_one(ResultsList)
                if active == "results"
                else self.query_one(BookmarksList)
                if active == "bookmarks"
                else self.query_one(TabbedContent).query_one("Tabs")
            )
        ring.extend(pane.view for pane in self.panes)
        next_in_ring(ring, self.focused, step).focus()

    @on(GoBack)
    def _go_back(self, message: GoBack) -> None:
        message.stop()
        focused = self.focused
        target = self._trail.pop(focused)
        in_left = in_left_panel(focused)
        if target is not None:
            target.focus()
        elif (focused is self.search_input or in_left) and self.active_view.article:
            self.active_view.focus()
        elif not in_left:
            self.library.table.focus()

    # -- focus and size ---------------------------------------------------------

    def show_tab(self, name: str) -> None:
        """Make ``name`` the left panel's tab, leaving the focus where it is."""
        self.query_one(TabbedContent).active = name

    def run_in_thread(
        self, work: Callable[[], object], *, group: str, name: str, exclusive: bool = True
    ) -> None:
        """A controller's slow part in a thread worker (``on_worker_state_changed``
        reports its errors); if ``exclusive``, a new one of ``group`` cancels the one running."""
        self.run_worker(
            work, name=name, group=group, thread=True, exclusive=exclusive, exit_on_error=False
        )

    def push_back(self, widget: Widget | None) -> None:
        """Remember ``widget`` as where Esc returns the focus to."""
        self._trail.push(widget)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = pane_of(event.widget)
        if pane is not None:
            self.pane_control.set_active(pane)
        # The search box counts as the left panel: its results are shown there as you type.
        in_left = event.widget is self.search_input or in_left_panel(event.widget)
        self.set_class(in_left, "-left-focus")
        self.entity_control.follow_focus(event.widget)

    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width)

    def _apply_size(self, width: int) -> None:
        for name, wanted in size_classes(width, split=len(self.panes) > 1).items():
            self.set_class(wanted, name)
