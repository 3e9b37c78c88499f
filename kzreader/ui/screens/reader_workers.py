"""The slow parts of the reading screen, run in thread workers.

Opening the corpus, building the index, parsing a long article and searching all
happen off the UI thread; each hands its result back with ``call_from_thread`` so the
screen is only ever changed on the UI thread.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from ...core.corpus import ArticleError, Corpus
from ..messages import IndexProgress

if TYPE_CHECKING:
    from ..widgets.article_pane import ArticlePane

PROGRESS_EVERY = 0.1  # seconds between progress messages
SLOW_ARTICLE = 512 * 1024  # bytes; larger articles show a loading indicator while parsed


class ReaderWorkers:
    """Mixed into the main screen: loading, opening and searching in threads."""

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def start_loading(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            corpus = app.open_corpus()
        except (OSError, ValueError) as error:
            app.call_from_thread(
                app.notify, f"{app.corpus_dir}: cannot be opened ({error})", severity="error"
            )
            return
        app.call_from_thread(self._corpus_ready, corpus)
        self._open_index(corpus)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is one line for the user, not a traceback; the reader goes on."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        what = {"load": "Loading the articles", "open": "Opening the article"}.get(
            event.worker.group, "Searching"
        )
        line = f"{what} failed: {type(error).__name__}: {error}"
        if event.worker.group == "search":
            self.results.set_status(line)  # type: ignore[attr-defined]
        self.app.notify(line, severity="error", markup=False)  # type: ignore[attr-defined]

    def _corpus_ready(self, corpus: Corpus) -> None:
        app = self.app  # type: ignore[attr-defined]
        app.corpus = corpus
        self.header.set_corpus(corpus.name, len(corpus))  # type: ignore[attr-defined]
        self.library.set_articles(list(corpus))  # type: ignore[attr-defined]
        if corpus.issues:
            shown = "; ".join(str(issue) for issue in corpus.issues[:3])
            more = f"; and {len(corpus.issues) - 3} more" if len(corpus.issues) > 3 else ""
            app.notify(
                f"{len(corpus.issues)} file(s) need attention: {shown}{more}",
                title="Loading the articles",
                severity="warning",
                timeout=10,
                markup=False,
            )
        last = app.state.last_article(app.corpus_key)
        if last is not None and last in corpus:
            pane = self.active_pane or self.panes[0]  # type: ignore[attr-defined]
            focused = self.focused  # type: ignore[attr-defined]
            self.open_article(last, None, None, pane=pane, refocus=focused)

    def _open_index(self, corpus: Corpus) -> None:
        app = self.app  # type: ignore[attr-defined]
        worker = get_current_worker()
        cancel = threading.Event()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                cancel.set()
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY or done == total:
                last[0] = now
                self.post_message(IndexProgress(done, total))  # type: ignore[attr-defined]

        try:
            from ...core.index import IndexCancelled, SearchIndex
        except ImportError:
            app.call_from_thread(self._index_failed, "search is not available in this build")
            return
        try:
            index = SearchIndex.open(
                corpus, app.paths.index_dir(corpus.root), progress=progress, cancel=cancel
            )
        except IndexCancelled:
            return
        except Exception as error:  # the reader stays usable without search
            app.call_from_thread(self._index_failed, f"{type(error).__name__}: {error}")
            return
        app.call_from_thread(self._index_opened, index)

    def _index_opened(self, index: object) -> None:
        app = self.app  # type: ignore[attr-defined]
        app.index = index
        message = getattr(getattr(index, "report", None), "message", None)
        if message:
            app.notify(message, title="Search index", severity="warning", markup=False)
        self.index_ready()  # type: ignore[attr-defined]

    def _index_failed(self, reason: str) -> None:
        self.results.show_progress(None, None)  # type: ignore[attr-defined]
        self.header.set_index_status("no search")  # type: ignore[attr-defined]
        self.results.set_status(f"Search is unavailable: {reason}")  # type: ignore[attr-defined]
        self.app.notify(  # type: ignore[attr-defined]
            f"Search is unavailable: {reason}", severity="error", markup=False
        )

    @work(thread=True, group="open", exclusive=True, exit_on_error=False)
    def open_article(
        self,
        article_id: str,
        paragraph: int | None,
        query: str | None,
        *,
        pane: ArticlePane | None = None,
        refocus: object = None,
    ) -> None:
        """Parse the article (and find every hit of ``query`` in it), then show it."""
        app = self.app  # type: ignore[attr-defined]
        corpus = app.corpus
        target = pane or self.active_pane or self.panes[0]  # type: ignore[attr-defined]
        if corpus is None:
            return
        try:
            slow = corpus.info(article_id).size > SLOW_ARTICLE
        except KeyError:
            slow = False
        if slow:  # a long parse: say so in the pane rather than look frozen
            app.call_from_thread(setattr, target, "loading", True)
        try:
            article = corpus.article(article_id)
        except KeyError:
            app.call_from_thread(app.notify, f"{article_id}: no such article", severity="error")
            return
        except ArticleError as error:
            app.call_from_thread(
                app.notify, f"{article_id}: {error}", severity="error", markup=False
            )
            return
        finally:
            if slow:
                app.call_from_thread(setattr, target, "loading", False)
        spans = None
        index = app.index
        if query and index is not None:
            try:
                spans = index.highlight(query, article)
            except Exception:  # highlighting is a nicety; the article still opens
                spans = None
        if get_current_worker().is_cancelled:
            return
        app.call_from_thread(self.show_article, target, article, paragraph, spans)  # type: ignore[attr-defined]
        if refocus is not None:
            app.call_from_thread(refocus.focus)  # type: ignore[attr-defined]

    @work(thread=True, group="search", exclusive=True, exit_on_error=False)
    def run_search(self, query: str, generation: int) -> None:
        app = self.app  # type: ignore[attr-defined]
        index = app.index
        if index is None:
            return
        result = index.search(query, limit=50)
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show_result, result, generation)  # type: ignore[attr-defined]
