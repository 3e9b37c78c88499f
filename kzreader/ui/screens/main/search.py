"""Searching from the main screen: as you type (debounced), on Enter, from the palette.

``SearchController`` owns what a search needs between events (the debounce timer, the
generation, the sort order, a query waiting for the index). The search runs in a thread
worker and hands its result back to ``show_result`` with the generation it was asked
for, so a slow answer to an older query never replaces a newer one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from ....core.search.passages import ArticleHit, SearchResult
    from ...messages import IndexProgress
    from .host import Host

SEARCH_DELAY = 0.25
RESULTS = 50  # articles a search lists
#: Of those, the most hits whose passages come with the first answer, fewer when the
#: results list is full sooner (``ResultsPane.screenful``); the rest follow a moment
#: later. A hit shows up to 5 passages of about 3 lines: a 45-line terminal shows two
#: to seven (finding passages is most of a search's time).
RESULTS_FIRST = 8


class SearchController:
    """Search box → worker → Results tab; "did you mean"; indexing progress."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self._timer: Timer | None = None
        self._generation = 0
        self._focus_results = False  # the next result takes the focus (Enter, not typing)
        self._pending: str | None = None  # typed before the index was open
        self.sort = "relevance"  # how results are ordered (o in the results list switches)

    # -- what the screen routes here ------------------------------------------------

    def typed(self, value: str) -> None:
        """The search box changed: search once the typing pauses."""
        self._stop_timer()
        query = value.strip()
        if not query:
            self._generation += 1
            results = self.host.results
            results.set_status("Type in the search box ( / ) to search every article.")
            results.list.clear_options()
            return
        self._timer = self.host.set_timer(SEARCH_DELAY, lambda: self.search(query))

    def submitted(self, value: str) -> None:
        """Enter in the search box: search now (or show the last answer) and go to it."""
        self._stop_timer()
        query = value.strip()
        if not query:
            return
        app = self.host.reader
        self.host.search_input.remember(query)
        app.state.add_search(query)
        app.schedule_state_save()
        self._focus_results = True
        last = self.host.results.result
        if last is not None and last.query == query and not last.error:
            self.show_result(last, self._generation)
        else:
            self.search(query)

    def run(self, query: str) -> None:
        """A search asked for elsewhere (the palette, a suggestion): typed in and run."""
        search_input = self.host.search_input
        search_input.value = query
        search_input.remember(query)
        self.host.reader.state.add_search(query)
        self._focus_results = True
        self._stop_timer()
        self.search(query)

    def toggle_sort(self) -> None:
        """o in the results list: newest first, or best first, and the search again."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.host.notify(
            "Results newest first" if self.sort == "date" else "Results best first", timeout=2
        )
        last = self.host.results.result
        if last is not None and not last.error:
            self.search(last.query)

    def export(self) -> None:
        """x in the results list: the results as shown (titles, outlet, date, passages
        with ¶) to a file the export dialog names."""
        from ....core.atomic import atomic_write_text
        from ....core.search.passages import export
        from ...dialogs.export import ExportBookmarksScreen, ExportRequest, shown_path

        result = self.host.results.result
        if result is None or result.error or not result.hits:
            self.host.notify("No results to export yet", timeout=3)
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            try:
                atomic_write_text(request.path, export(result, request.fmt))
            except OSError as error:
                self.host.notify(
                    f"Cannot write {shown_path(request.path)}: {error.strerror}",
                    severity="error",
                    markup=False,
                )
                return
            self.host.notify(
                f"Exported {len(result.hits)} results to {shown_path(request.path)}",
                timeout=6,
                markup=False,
            )

        count = len(result.hits)
        dialog = ExportBookmarksScreen(
            count,
            title="Export results",
            what=f"{count} result{'s' if count != 1 else ''} of {result.query!r}, "
            "with their passages.",
            stem="kzreader-results",
        )
        self.host.reader.push_screen(dialog, chosen)

    def search(self, query: str) -> None:
        """Search for ``query`` in a worker; older searches still running are dropped."""
        self._generation += 1
        self.host.show_tab("results")
        results = self.host.results
        if self.host.reader.index is None:
            self._pending = query
            results.set_status(f"The index is not ready yet; {query!r} runs when it is.")
            return
        generation, enough, sort = self._generation, results.screenful(), self.sort
        self.host.run_in_thread(
            lambda: self._search_in_thread(query, generation, enough, sort),
            group="search",
            name="run_search",
        )

    def show_result(self, result: SearchResult, generation: int) -> None:
        """A worker's answer (UI thread): shown unless a newer query was asked since."""
        if generation != self._generation:
            return
        self.host.results.show_result(result)
        if self._focus_results:
            self._focus_results = False
            results = self.host.results.list
            if results.option_count:
                self.host.push_back(self.host.search_input)
                results.focus()
                # The first passage, not the article header, is what Enter should open.
                results.highlighted = 1 if results.option_count > 1 else 0

    def index_progress(self, message: IndexProgress) -> None:
        done, total = message.done + message.offset, message.total + message.offset
        status = f"indexing {done:,}/{total:,}" + (" (resumed)" if message.resumed else "")
        self.host.header.set_index_status(status)
        self.host.results.show_progress(done, total)

    def index_ready(self) -> None:
        """The index is open: run what was typed while it was being built."""
        self.host.results.show_progress(None, None)
        self.host.header.set_index_status("")
        if self._pending:
            query, self._pending = self._pending, None
            self.search(query)

    # -- the worker -----------------------------------------------------------------------

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _search_in_thread(
        self,
        query: str,
        generation: int,
        enough: Callable[[Sequence[ArticleHit]], bool] | None,
        sort: str,
    ) -> None:
        from textual.worker import get_current_worker

        app = self.host.reader
        index = app.index
        if index is None:
            return
        # The hits in sight with their passages first (``enough``: the list is full);
        # the rest follow a moment later (reading the hit articles is most of the time
        # of a search in a large corpus).
        # A newer search (the group is exclusive) or quitting cancels the worker, and the
        # search with it, at once: the core checks the flag as it goes.
        worker = get_current_worker()
        cancel = WorkerCancel(worker)
        result = index.search(
            query,
            limit=RESULTS,
            passages_for=RESULTS_FIRST,
            enough=enough,
            cancel=cancel,
            sort=sort,
        )
        if worker.is_cancelled:
            return
        app.call_from_thread(self.show_result, result, generation)
        if any(hit.pending for hit in result.hits):
            result = index.complete(result, cancel=cancel)
            if not worker.is_cancelled:
                app.call_from_thread(self.show_result, result, generation)


class WorkerCancel:
    """A worker's cancellation as the flag a search checks (``bulk.Cancel``)."""

    def __init__(self, worker: object) -> None:
        self._worker = worker

    def is_set(self) -> bool:
        return bool(getattr(self._worker, "is_cancelled", False))
