"""Searching from the main screen: as you type (debounced), on Enter, from the palette.

A mixin of the main screen; the search itself runs in a worker (``ReaderWorkers``)
and each result carries the generation it was asked for, so a slow answer to an
older query never replaces a newer one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import Input, TabbedContent

from ...core.atomic import atomic_write_text
from ...core.results import SearchResult, export
from ..messages import IndexProgress, RunSearch
from ..widgets.results import ResultsList, ResultsPane

if TYPE_CHECKING:
    from ..widgets.header_bar import HeaderBar
    from ..widgets.search_input import SearchInput

SEARCH_DELAY = 0.25


class SearchFlow:
    """Search box → worker → Results tab; "did you mean"; indexing progress."""

    _search_timer: Timer | None
    _search_generation: int
    _focus_results: bool
    _pending_query: str | None
    header: HeaderBar
    search_input: SearchInput
    results: ResultsPane

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.search_input:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value.strip()
        if not query:
            self._search_generation += 1
            self.results.set_status("Type in the search box ( / ) to search every article.")
            self.results.list.clear_options()
            return
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.search(query))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.search_input:
            return
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value.strip()
        if not query:
            return
        self.search_input.remember(query)
        self.app.state.add_search(query)
        self.app.schedule_state_save()
        self._focus_results = True
        last = self.results.result
        if last is not None and last.query == query and not last.error:
            self._show_result(last, self._search_generation)
        else:
            self.search(query)

    #: How results are ordered (o in the results list switches).
    _search_sort: str = "relevance"

    def on_results_list_sort_toggled(self, event: ResultsList.SortToggled) -> None:
        event.stop()
        self._search_sort = "date" if self._search_sort == "relevance" else "relevance"
        self.notify(
            "Results newest first" if self._search_sort == "date" else "Results best first",
            timeout=2,
        )
        last = self.results.result
        if last is not None and not last.error:
            self.search(last.query)

    def on_results_list_export_asked(self, event: ResultsList.ExportAsked) -> None:
        """x: the results as shown (titles, outlet, date, passages with ¶) to a file."""
        event.stop()
        result = self.results.result
        if result is None or result.error or not result.hits:
            self.notify("No results to export yet", timeout=3)
            return

        from .export_bookmarks import ExportBookmarksScreen, ExportRequest, shown_path

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            try:
                atomic_write_text(request.path, export(result, request.fmt))
            except OSError as error:
                self.notify(
                    f"Cannot write {shown_path(request.path)}: {error.strerror}",
                    severity="error",
                    markup=False,
                )
                return
            self.notify(
                f"Exported {len(result.hits)} results to {shown_path(request.path)}",
                timeout=6,
                markup=False,
            )

        count = len(result.hits)
        self.app.push_screen(
            ExportBookmarksScreen(
                count,
                title="Export results",
                what=f"{count} result{'s' if count != 1 else ''} of {result.query!r}, "
                "with their passages.",
                stem="kzreader-results",
            ),
            chosen,
        )

    def search(self, query: str) -> None:
        """Search for ``query`` in a worker; older searches still running are dropped."""
        self._search_generation += 1
        self.query_one(TabbedContent).active = "results"
        if self.app.index is None:
            self._pending_query = query
            self.results.set_status(f"The index is not ready yet; {query!r} runs when it is.")
            return
        self.run_search(
            query, self._search_generation, self.results.screenful(), sort=self._search_sort
        )

    def _show_result(self, result: SearchResult, generation: int) -> None:
        if generation != self._search_generation:
            return  # a newer query was typed meanwhile
        self.results.show_result(result)
        if self._focus_results:
            self._focus_results = False
            results = self.query_one(ResultsList)
            if results.option_count:
                self._push_back(self.search_input)
                results.focus()
                # The first passage, not the article header, is what Enter should open.
                results.highlighted = 1 if results.option_count > 1 else 0

    def on_run_search(self, message: RunSearch) -> None:
        self.search_input.value = message.query
        self.search_input.remember(message.query)
        self.app.state.add_search(message.query)
        self._focus_results = True
        if self._search_timer is not None:
            self._search_timer.stop()
        self.search(message.query)

    def on_results_pane_suggestion_accepted(self, event: ResultsPane.SuggestionAccepted) -> None:
        self.post_message(RunSearch(event.query))

    def action_accept_suggestion(self) -> None:
        suggestion = self.results.suggestion
        if suggestion:
            self.post_message(RunSearch(suggestion))
        else:
            self.notify("No spelling suggestion for this search", timeout=2)

    def on_index_progress(self, message: IndexProgress) -> None:
        done, total = message.done + message.offset, message.total + message.offset
        status = f"indexing {done:,}/{total:,}" + (" (resumed)" if message.resumed else "")
        self.header.set_index_status(status)
        self.results.show_progress(done, total)

    def _search_index_ready(self) -> None:
        """Called when the index is open: run what was typed while it was being built."""
        self.results.show_progress(None, None)
        self.header.set_index_status("")
        if self._pending_query:
            query, self._pending_query = self._pending_query, None
            self.search(query)
