"""The main screen's entity features: the graph worker, mention marks, `]`/`[`, cards.

``EntitiesController`` holds this state for the main screen. The graph is built in a
thread worker once the corpus is open, so the first frame never waits for it; the result
goes to the sidebar, to ``app.entities`` (cards read it there) and to the search
index (the Library hands it over), which turns on ``person:``/``place:``/``org:`` searches.
Overlay edits (merge, rename, retype, hide) append to the overlay file and rebuild
from the cache, which costs a file read, not an extraction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.worker import get_current_worker

from ...messages import OpenArticle
from ...widgets.article_view import ArticleView
from ...widgets.entity_sidebar import EntitySidebar
from .corrections import Corrections
from .mentions import LAYERS, EntityState, has_entity_marks, next_mention, reading_order

if TYPE_CHECKING:
    from textual.widget import Widget

    from ....core.entities import EntityGraph, Overlay
    from .host import Host

PROGRESS_EVERY = 0.1  # seconds between progress updates
#: Keys of the main screen for entities (the sidebar adds Enter, a and f of its own).
FIELDS = ("person:", "people:", "place:", "org:", "organisation:", "organization:", "entity:")


class EntitiesController:
    """Graph worker → sidebar; the highlighted entity's marks; `]`/`[`; cards; related."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.state = EntityState()
        self.corrections = Corrections(host, self.state.redirect, self.build_entities)
        self._stop: threading.Event | None = None  # the build under way stops when set

    @property
    def entities(self) -> EntityGraph | None:
        return self.host.reader.entities  # the app holds it as Any (until a typed Library)

    @property
    def selected_entity(self) -> str | None:
        """The entity whose mentions are marked and stepped through with `]`/`[`."""
        return self.state.selected

    # -- building the graph ----------------------------------------------------

    def start_entities(self) -> None:
        """Build the graph once the index is open (or could not be): both hold the GIL
        for most of their work, and search matters first."""
        running = any(w.group == "entities" and w.is_running for w in self.host.reader.workers)
        if self.host.reader.corpus is not None and self.entities is None and not running:
            self.build_entities()

    def stop_entities(self) -> None:
        """Tell an entity build under way to stop at its next article."""
        if self._stop is not None:
            self._stop.set()

    def build_entities(self) -> None:
        """Build (or rebuild from the cache) the entity graph of the open corpus, in a worker."""
        self.host.run_in_thread(self._build, group="entities", name="build_entities")

    def _build(self) -> None:
        app = self.host.reader
        corpus = app.corpus
        if corpus is None:
            return
        worker = get_current_worker()
        cancel = self._stop = threading.Event()
        last = [0.0]
        sidebar = self.host.entity_sidebar
        # Imported here, not at the top: the entity core is not needed for the first frame.
        from ....core.entities import Cancelled

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                cancel.set()
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY and done < total:
                last[0] = now
                app.call_from_thread(sidebar.show_progress, done, total)

        try:
            graph = app.library.build_entities(corpus, progress=progress, cancel=cancel)
        except Cancelled:  # stop_indexing has said so; the cached articles are kept
            return
        except Exception as error:  # the reader works without entities
            app.call_from_thread(self._entities_failed, f"{type(error).__name__}: {error}")
            return
        if not worker.is_cancelled:
            app.call_from_thread(self._entities_ready, graph)

    def _entities_failed(self, reason: str) -> None:
        self.host.entity_sidebar.set_failed(reason)
        self.host.reader.notify(
            f"People, places and organisations are unavailable: {reason}",
            severity="error",
            markup=False,
        )

    def _entities_ready(self, graph: EntityGraph) -> None:
        state = self.state
        first = self.host.reader.entities is None
        self.host.reader.entities = graph  # the Library hands it to the index too
        self.host.reader.settle()
        self._report_entity_messages(graph)
        if state.selected is not None and state.selected not in graph:
            state.selected = state.redirect.get(state.selected)
        state.redirect.clear()
        sidebar = self.host.entity_sidebar
        sidebar.set_graph(graph)
        sidebar.set_article(self._active_article_id())
        sidebar.entity_list.set_marked(state.selected)
        if state.selected is not None:
            sidebar.select(state.selected)
        for view in self._views():
            self._mark_view(view)
        from ...dialogs.entity_card import EntityCard

        for screen in self.host.reader.screen_stack:
            if isinstance(screen, EntityCard):
                screen.graph_changed(graph)
        if first:
            self._rerun_entity_search()

    def _report_entity_messages(self, graph: EntityGraph) -> None:
        """Each message of a build once per session (a rebuild repeats the overlay's notes)."""
        state = self.state
        report = graph.report
        new = [m for m in (report.messages if report else ()) if m not in state.reported]
        state.reported.update(new)
        if not new:
            return
        more = f" (and {len(new) - 3} more)" if len(new) > 3 else ""
        self.host.reader.notify(
            "; ".join(new[:3]) + more,
            title="People, places and organisations",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _rerun_entity_search(self) -> None:
        """A ``person:`` search typed before the graph was ready runs again now."""
        query = self.host.search_input.value.strip()
        if self.host.reader.index is not None and any(f in query.casefold() for f in FIELDS):
            self.host.search(query)

    # -- following the active article ---------------------------------------------

    def _active_article_id(self) -> str | None:
        try:
            article = self.host.active_view.article
        except (NoMatches, IndexError):  # a pane being closed has no view any more
            return None
        return article.id if article is not None else None

    def _views(self) -> list[ArticleView]:
        """The article views on screen (a pane being closed is skipped)."""
        return [v for pane in self.host.panes for v in pane.query(ArticleView)]

    def follow_cursor(self, view: ArticleView) -> None:
        """A view moved or shows another article: its marks and the sidebar follow it."""
        state = self.state
        article_id = view.article.id if view.article is not None else None
        seen = state.marked.get(view)
        if seen is None or seen[0] != article_id or (seen[1] and not has_entity_marks(view)):
            self._mark_view(view)
        if article_id == self._active_article_id():
            self.host.entity_sidebar.set_article(article_id)

    def follow_focus(self, widget: Widget) -> None:
        """The sidebar is styled while it has focus, and shows the active article's entities."""
        in_sidebar = any(isinstance(n, EntitySidebar) for n in widget.ancestors_with_self)
        self.host.set_class(in_sidebar, "-sidebar-focus")
        self.host.entity_sidebar.set_article(self._active_article_id())

    # -- marks ----------------------------------------------------------------------

    def mark_entity(self, entity_id: str | None) -> None:
        """Mark ``entity_id``'s mentions in every pane (None: mark nothing)."""
        self.state.selected = entity_id
        self.state.position.clear()
        self.host.entity_sidebar.entity_list.set_marked(entity_id)
        for view in self._views():
            self._mark_view(view)

    def _mark_view(self, view: ArticleView) -> None:
        state = self.state
        graph = self.entities
        article = view.article
        spans: dict[int, list[tuple[int, int]]] = {}
        layer = None
        if graph is not None and article is not None and state.selected is not None:
            entity = graph.entity(state.selected)
            if entity is not None:
                layer = f"entity-{entity.type}"
                for m in graph.mentions_in(article.id):
                    if m.entity_id == entity.id:
                        spans.setdefault(m.paragraph, []).append((m.start, m.end))
        for name in LAYERS:
            if name != layer and view.marks(name):
                view.set_marks(name, {})
        if layer is not None:
            view.set_marks(layer, spans)
        state.marked[view] = (article.id if article else None, bool(spans))

    def entity_highlighted(self, entity_id: str | None) -> None:
        """The sidebar's cursor is on ``entity_id``: its mentions are marked."""
        if entity_id != self.host.entity_sidebar.entity_list.current:
            return  # the cursor has moved on since (keys typed fast)
        if entity_id != self.selected_entity:
            self.mark_entity(entity_id)

    def card_requested(self, entity_id: str) -> None:
        """Enter on an entity: marked, and its card opened."""
        self.mark_entity(entity_id)
        self.open_entity_card(entity_id)

    # -- `]` / `[` -------------------------------------------------------------------

    def mention(self, step: int) -> None:
        """Go to the next (step 1) or previous (-1) mention of the highlighted entity."""
        graph = self.entities
        view = self.host.active_view
        state = self.state
        listing = self.host.entity_sidebar.entity_list
        if listing.has_focus and listing.current and listing.current != state.selected:
            self.mark_entity(listing.current)  # keys typed fast outrun the list's message
        if graph is None:
            self.host.reader.notify(
                "People, places and organisations are still being gathered", timeout=2
            )
            return
        entity = graph.entity(state.selected) if state.selected else None
        if entity is None:
            self.host.reader.notify(
                "Highlight a person, place or organisation in the sidebar (e) first", timeout=3
            )
            return
        article = view.article
        if article is None:
            self.host.reader.notify("Open an article first", timeout=2)
            return
        mentions = reading_order(
            article, [m for m in graph.mentions_in(article.id) if m.entity_id == entity.id]
        )
        if not mentions:
            self.host.reader.notify(
                f"{entity.name} is not mentioned in this article (Enter on it lists where it is)",
                timeout=3,
                markup=False,
            )
            return
        index, wrapped = next_mention(view, mentions, step, state.position.get(view))
        mention = mentions[index]
        state.position[view] = (article.id, mention.paragraph, mention.start)
        view.show_offset(mention.paragraph, mention.start)
        note = " (from the top)" if wrapped and step > 0 else " (from the end)" if wrapped else ""
        if len(mentions) == 1:
            note = " (the only one)"
        self.host.reader.notify(
            f"{entity.name}: mention {index + 1}/{len(mentions)}{note}", timeout=2, markup=False
        )

    # -- the card, related articles ----------------------------------------------------

    def focus_entities(self) -> None:
        """`E`: into the entity list (shown first if it was hidden)."""
        if self.host.has_class("-sidebar-off"):
            self.toggle_entity_sidebar()
        else:
            self._enter_entity_list()

    def open_entity_card(self, entity_id: str) -> None:
        from ...dialogs.entity_card import EntityCard

        if self.entities is None or self.entities.entity(entity_id) is None:
            self.host.reader.notify("That entity is no longer listed", timeout=2)
            return
        self.host.reader.push_screen(EntityCard(entity_id))

    def open_mention(self, entity_id: str, article_id: str, paragraph: int, start: int) -> None:
        """From a card: close the cards, open the article at the mention, mark the entity."""
        app = self.host.reader
        while app.screen is not self.host and len(app.screen_stack) > 1:
            app.pop_screen()
        if self.selected_entity != entity_id:
            self.mark_entity(entity_id)
        self.host.entity_sidebar.select(entity_id)
        view = self.host.active_view
        self.state.position[view] = (article_id, paragraph, start)
        self.host.post_message(OpenArticle(article_id, paragraph))

    def related_articles(self) -> None:
        from ...dialogs.related_articles import RelatedArticles

        graph = self.entities
        article = self.host.active_view.article
        if article is None:
            self.host.reader.notify(
                "Open an article first; r lists the articles related to it", timeout=3
            )
            return
        if graph is None:
            self.host.reader.notify(
                "People, places and organisations are still being gathered", timeout=2
            )
            return

        def opened(article_id: str | None) -> None:
            if article_id:
                self.host.post_message(OpenArticle(article_id))

        self.host.reader.push_screen(
            RelatedArticles(article, graph, self.host.reader.corpus), opened
        )

    # -- overlay edits (Corrections) ------------------------------------------------------

    def edit_entities(
        self, done: str, change: Callable[[Overlay], object], redirect: dict[str, str] | None = None
    ) -> bool:
        """Append one correction to the overlay file, then rebuild; False (and a line) on error."""
        return self.corrections.edit(done, change, redirect)

    def entity_retype(self) -> None:
        """`t` in the entity list: say what the highlighted entity is."""
        self.corrections.retype_highlighted()

    def undo_entity_edit(self) -> bool:
        """Take the last correction out of the overlay file, then rebuild."""
        return self.corrections.undo()

    # -- the sidebar: shown, hidden, focused ------------------------------------------------

    def toggle_entity_sidebar(self) -> None:
        """`e`: show the sidebar and go into it, or hide it and go back to the article."""
        sidebar = self.host.entity_sidebar
        focused = self.host.focused
        inside = focused is not None and sidebar in focused.ancestors_with_self
        if self.host.has_class("-no-sidebar"):
            # Too narrow to keep it open: it shows (over the left panel) while it has focus.
            if inside:
                self.host.active_view.focus()
            else:
                self._enter_entity_list()
            return
        hidden = not self.host.has_class("-sidebar-off")
        self.host.set_class(hidden, "-sidebar-off")
        self.host.reader.update_settings(sidebar_visible=not hidden)
        if hidden and inside:
            self.host.active_view.focus()
        elif not hidden:
            self._enter_entity_list()

    def _enter_entity_list(self) -> None:
        """Focus the entity list; Esc there returns to where the focus was."""
        listing = self.host.entity_sidebar.entity_list
        if self.host.focused is not None and self.host.focused is not listing:
            self.host.push_back(self.host.focused)
        listing.focus()
