"""The slow parts of the reading screen, run in thread workers: loading and indexing.

Opening the corpus, building the index and parsing a long article all happen off the
UI thread; each worker hands its result back to a method of ``LoadingController``
with ``call_from_thread``, so the screen is only ever changed on the UI thread.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from ...messages import IndexProgress

if TYPE_CHECKING:
    from textual.widget import Widget

    from ....core.collection import Collection
    from ....core.corpus.collection import Corpus
    from ....core.corpus.model import Article
    from ....core.search.service import SearchService
    from ...widgets.article_pane import ArticlePane
    from .host import Host

PROGRESS_EVERY = 0.1  # seconds between progress messages
SLOW_ARTICLE = 512 * 1024  # bytes; larger articles show a loading indicator while parsed
#: A file beside the index while a build is under way: found at start-up, the build resumes.
BUILDING_MARKER = "ui-build-under-way"


def end_indexing_processes() -> None:
    """End whoosh's indexing processes, if any are left, when the app exits.

    A cancelled build ends its own processes (core.search.engine.ParallelWriter); this is for
    quitting while a batch is being committed, when the build thread is still waiting
    for them and Python's exit would wait too.
    """
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:  # never imported (no build ran): no process to end
        return
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=1)
        if child.is_alive():
            child.kill()


class _Stopped(Exception):
    """The screen is going away: stop scanning the folder."""


class LoadingController:
    """The corpus listed, scanned and indexed; articles parsed and shown."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self._index_threads = 0  # index worker threads still running (cancelled or not)
        self._index_stop: threading.Event | None = None

    # -- the corpus --------------------------------------------------------------

    def start(self) -> None:
        """Load the corpus in a worker (after the first frame: not to compete with it)."""
        self.host.run_in_thread(self._load, group="load", name="start_loading")

    def _load(self) -> None:
        """List the library from the catalog at once, then check the folder and index it.

        Scanning 50,000 files takes seconds; the catalog (the metadata as the last run
        saw it) takes a fraction of that, so the library is usable first and the scan
        only refreshes it if a file changed.
        """
        app = self.host.reader
        worker = get_current_worker()
        try:
            collection = app.library.open_collection()
        except OSError as error:  # the reader still reads; the data stays where planned
            app.call_from_thread(
                app.notify, f"cannot set up this folder's data: {error}", severity="warning"
            )
        else:
            if not worker.is_cancelled:
                app.call_from_thread(self._collection_ready, collection)
        try:
            listed = app.library.list_catalog()
        except Exception:  # a cache: at worst the library waits for the scan
            listed = None
        if listed is not None and not worker.is_cancelled:
            app.call_from_thread(self._corpus_listed, listed)

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Stopped

        if not worker.is_cancelled:  # before the scan: a change during it is seen after it
            app.call_from_thread(self.host.live_folder.start)
        try:
            corpus = app.library.scan(progress)
        except _Stopped:
            return
        except (OSError, ValueError) as error:
            app.call_from_thread(
                app.notify, f"{app.corpus_dir}: cannot be opened ({error})", severity="error"
            )
            return
        if not worker.is_cancelled:
            app.call_from_thread(self.host.corpus_ready, corpus)
            app.call_from_thread(self.start_indexing)
            self.note_issues(corpus)

    def note_issues(self, corpus: Corpus) -> None:
        """Warn about the files with problems not shown before (worker thread); the
        folder's fingerprint is brought up to date on the way (for a later move)."""
        app = self.host.reader
        library = app.library
        with contextlib.suppress(OSError):
            library.register(corpus)
        try:
            fresh = library.unseen_issues(corpus)
        except OSError:
            fresh = list(corpus.issues)
        if fresh:
            app.call_from_thread(self._show_issues, fresh)

    def _collection_ready(self, collection: Collection) -> None:
        app = self.host.reader
        if app.use_collection(collection):
            self.host.search_input.history = list(app.state.history)

    def _show_issues(self, issues: Sequence[object]) -> None:
        shown = "; ".join(str(issue) for issue in issues[:3])
        more = f"; and {len(issues) - 3} more" if len(issues) > 3 else ""
        self.host.reader.notify(
            f"{len(issues)} file(s) need attention: {shown}{more}",
            title="Loading the articles",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _corpus_listed(self, corpus: Corpus) -> None:
        """The library as the catalog knows it, before the folder has been checked."""
        app = self.host.reader
        if app.corpus is not None:
            return
        app.corpus = corpus
        self.host.header.set_corpus(corpus.name, len(corpus))
        self.host.library.set_articles(list(corpus))
        self._open_last_article(corpus)

    def corpus_ready(self, corpus: Corpus) -> None:
        """The folder has been scanned: the corpus every other part works on."""
        app = self.host.reader
        listed = app.corpus
        app.corpus = corpus
        app.settle()
        self.host.header.set_corpus(corpus.name, len(corpus))
        if listed is None or not listed.same_articles(corpus):
            self.host.library.set_articles(list(corpus), keep_view=listed is not None)
        if listed is None:
            self._open_last_article(corpus)
        if app.entities is None:  # a rescan keeps the graph shown until it is rebuilt
            self.host.entity_sidebar.set_waiting(
                "People, places and organisations are found once the search index is ready…"
            )

    def _open_last_article(self, corpus: Corpus) -> None:
        app = self.host.reader
        last = app.state.last_article(app.corpus_key)
        if last is not None and last in corpus:
            pane = self.host.active_pane or self.host.panes[0]
            self.open_article(last, None, None, pane=pane, refocus=self.host.focused)

    # -- the search index -------------------------------------------------------

    @property
    def indexing(self) -> bool:
        """Whether the index worker's thread is still at work (a cancelled worker is no
        longer "running" for Textual, but its thread goes on until it notices)."""
        return self._index_threads > 0

    def start_indexing(self) -> None:
        """Open the index, building or updating it (resumes what a stopped build left)."""
        app = self.host.reader
        corpus = app.corpus
        if corpus is not None and not self.indexing and app.index is None:
            cancel = self._index_stop = threading.Event()
            self.host.run_in_thread(
                lambda: self._open_index(corpus, cancel), group="index", name="_open_index"
            )

    def resume_indexing(self) -> None:
        """Go on with a stopped build: the index and the entity graph, whichever is missing."""
        app = self.host.reader
        if app.corpus is None:
            self.host.notify("The articles are still being listed", timeout=2)
            return
        busy = {w.group for w in app.workers if w.is_running}
        if app.index is None and not self.indexing:
            self.host.header.set_index_status("indexing…")
            self.start_indexing()  # the entity graph follows it
        elif app.entities is None and "entities" not in busy:
            self.host.build_entities()

    def stop_indexing(self) -> bool:
        """Stop building the index (and the entity graph); what is committed is kept.

        Returns whether anything was running. Never waits: the workers notice at their
        next article, and the index worker then ends whoosh's indexing processes (not
        here: a batch being committed needs them to finish).
        """
        app = self.host.reader
        stopped = set()
        for worker in list(app.workers):
            if worker.group in ("index", "entities") and worker.is_running:
                worker.cancel()
                stopped.add(worker.group)
        if self._index_stop is not None:
            self._index_stop.set()
        self.host.stop_entities()
        if "index" in stopped:
            self._index_stopped()
        if "entities" in stopped or app.entities is None:
            self.host.entity_sidebar.set_stopped()
        return bool(stopped)

    def _open_index(self, corpus: Corpus, cancel: threading.Event) -> None:
        """In the index worker: open the index, building or updating it."""
        host = self.host
        app = host.reader
        worker = get_current_worker()
        last = [0.0]
        marker = app.library.index_dir / BUILDING_MARKER
        resumed = marker.exists()
        offset = [-1]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                cancel.set()
            if offset[0] < 0:  # the first article of a build: note it, for a resume
                offset[0] = max(0, len(corpus) - total)
                with contextlib.suppress(OSError):
                    marker.touch()
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY or done == total:
                last[0] = now
                host.post_message(IndexProgress(done, total, offset=offset[0], resumed=resumed))

        from ....core.search.errors import EngineUnsupported, IndexCancelled

        self._index_threads += 1
        try:
            index = app.library.open_search(corpus, progress=progress, cancel=cancel)
        except IndexCancelled:  # stop_indexing has said so in the header
            return
        except EngineUnsupported as error:  # its message is the one line to show
            app.call_from_thread(self._index_failed, str(error))
            return
        except Exception as error:  # the reader stays usable without search
            app.call_from_thread(self._index_failed, f"{type(error).__name__}: {error}")
            return
        finally:
            self._index_threads -= 1
            if not cancel.is_set():
                app.call_from_thread(host.start_entities)
        with contextlib.suppress(OSError):
            marker.unlink(missing_ok=True)
        if worker.is_cancelled:
            return
        app.call_from_thread(self._index_opened, index)
        index.warm_up()  # searching meanwhile: this reads ahead for the first wildcard

    def _index_stopped(self) -> None:
        self.host.results.show_progress(None, None)
        self.host.header.set_index_status("indexing stopped")
        self.host.results.set_status(
            "Indexing stopped: what was indexed is kept, and the next start (or "
            "“Resume indexing” in the palette, ctrl+p) goes on from there."
        )

    def _index_opened(self, index: SearchService) -> None:
        app = self.host.reader
        app.index = index
        app.settle()
        message = index.report.message
        if message:
            app.notify(message, title="Search index", severity="warning", markup=False)
        self.host.index_ready()

    def _index_failed(self, reason: str) -> None:
        self.host.results.show_progress(None, None)
        self.host.header.set_index_status("no search")
        self.host.results.set_status(f"Search is unavailable: {reason}")
        self.host.reader.notify(f"Search is unavailable: {reason}", severity="error", markup=False)

    # -- articles ----------------------------------------------------------------------

    def open_article(
        self,
        article_id: str,
        paragraph: int | None,
        query: str | None,
        *,
        pane: ArticlePane | None = None,
        refocus: Widget | None = None,
    ) -> None:
        """Parse the article in a worker (and find every hit of ``query`` in it), then show it."""
        target = pane or self.host.active_pane or self.host.panes[0]
        self.host.run_in_thread(
            lambda: self._open(article_id, paragraph, query, target, refocus),
            group="open",
            name="open_article",
        )

    def _open(
        self,
        article_id: str,
        paragraph: int | None,
        query: str | None,
        target: ArticlePane,
        refocus: Widget | None,
    ) -> None:
        app = self.host.reader
        corpus = app.corpus
        if corpus is None:
            return
        try:
            slow = corpus.info(article_id).size > SLOW_ARTICLE
        except KeyError:
            slow = False
        if slow:  # a long parse: say so in the pane rather than look frozen
            app.call_from_thread(setattr, target, "loading", True)
        from ....core.corpus.reading import ArticleError  # loaded with the corpus by now

        article: Article
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
        app.call_from_thread(self.host.show_article, target, article, paragraph, spans)
        if refocus is not None:
            app.call_from_thread(refocus.focus)
