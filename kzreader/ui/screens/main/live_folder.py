"""The folder as it is now: files added, changed or removed while the reader runs.

A watcher thread (``core.watch``) reports each settled batch of changes; the screen
then scans the folder again (only changed files are read, thanks to the catalog),
updates the index incrementally, and rebuilds the entity graph (cached per article),
so the library, search and the sidebar follow the folder within seconds. "Rescan the
folder" in the palette does the same on demand (a network drive may not report
changes). The watcher is a plain daemon thread, not a Textual worker: it runs for
the life of the screen, and waiting for workers must not wait for it.

``LiveFolder`` is a controller the main screen holds; it reaches the screen through
the ``Host`` protocol (``host.py``).
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ....core.corpus.collection import Corpus
    from ....core.watch import Changes
    from .host import Host

#: Seconds before trying a rescan again while the first load or a build is under way.
RETRY_DELAY = 0.5


@dataclass(frozen=True)
class Difference:
    """What a rescan found: article ids added, changed (new text) and removed."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    other: bool = False  # metadata only (the sidecar): the library is refreshed

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.other)

    def summary(self) -> str:
        parts = [
            f"{len(ids)} {what}"
            for ids, what in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if ids
        ]
        return ", ".join(parts) or "metadata changed"


def difference(before: Corpus | None, after: Corpus) -> Difference:
    """The articles that differ between two scans of one folder."""
    old = {info.id: info.sha256 for info in before} if before is not None else {}
    new = {info.id: info.sha256 for info in after}
    return Difference(
        added=tuple(i for i in new if i not in old),
        changed=tuple(i for i in new if i in old and old[i] != new[i]),
        removed=tuple(i for i in old if i not in new),
        other=before is not None and not before.same_articles(after),
    )


class LiveFolder:
    """Watches the screen's corpus folder and scans it again when it changes."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self._stop: threading.Event | None = None
        self._wanted = False  # a rescan is waiting for the load or a build to end
        self._manual = False  # ... and it was asked for (say so if nothing changed)

    # -- watching ----------------------------------------------------------------

    def start(self) -> None:
        """Watch the corpus folder until ``stop`` (once; called when loading starts)."""
        if self._stop is not None:
            return
        stop = self._stop = threading.Event()
        thread = threading.Thread(
            target=self._watch, args=(stop,), name="kzreader-watch", daemon=True
        )
        thread.start()

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()

    def _watch(self, stop: threading.Event) -> None:
        from ....core.watch import watch_folder

        app = self.host.reader

        def changed(changes: Changes) -> None:
            if not stop.is_set():
                with contextlib.suppress(RuntimeError):  # the app has gone meanwhile
                    app.call_from_thread(self.rescan)

        try:
            watch_folder(app.corpus_dir, changed, stop)
        except Exception as error:  # e.g. no inotify watches left: rescanning still works
            if not stop.is_set():
                with contextlib.suppress(RuntimeError):
                    app.call_from_thread(
                        app.notify,
                        f"{app.corpus_dir}: changes are not watched ({error}); "
                        "“Rescan the folder” (ctrl+p) picks them up",
                        severity="warning",
                        markup=False,
                    )

    # -- scanning again -------------------------------------------------------------

    def rescan(self, *, manual: bool = False) -> None:
        """Scan the folder again: new, changed and removed files reach the library,
        the index and the entities. Waits for a first load or build under way."""
        host = self.host
        self._manual = self._manual or manual
        busy = {w.group for w in host.reader.workers if w.is_running}
        if host.reader.corpus is None or busy & {"load", "rescan"} or host.indexing:
            if not self._wanted:
                self._wanted = True
                host.set_timer(RETRY_DELAY, self._again)
            return
        manual, self._manual = self._manual, False
        host.run_in_thread(lambda: self._scan(manual), group="rescan", name="rescan")

    def _again(self) -> None:
        self._wanted = False
        self.rescan()

    def _scan(self, manual: bool) -> None:
        """In a worker thread: the folder scanned, the index updated."""
        host = self.host
        app = host.reader
        before = app.corpus
        try:
            corpus = app.library.scan()
        except (OSError, ValueError) as error:
            app.call_from_thread(
                app.notify, f"{app.corpus_dir}: cannot be read ({error})", severity="error"
            )
            return
        found = difference(before, corpus)
        host.note_issues(corpus)
        if not found:
            if manual:
                app.call_from_thread(app.notify, "No changes in the folder", timeout=3)
            return
        app.call_from_thread(host.corpus_ready, corpus)
        index = None
        try:
            index = app.library.open_search(corpus)
        except Exception as error:  # the library is current; search stays as it was
            app.call_from_thread(
                app.notify, f"The search index was not updated: {error}", severity="warning"
            )
        app.call_from_thread(self._done, index, found)

    def _done(self, index: Any, found: Difference) -> None:
        """On the UI thread: the new index in, the entities rebuilt, open articles re-read."""
        host = self.host
        app = host.reader
        if index is not None:
            old, app.index = app.index, index
            app.settle()
            host.index_ready()
            if old is not None and old is not index and hasattr(old, "close"):
                old.close()
        host.build_entities()
        line = f"The folder changed: {found.summary()}"
        focused = host.focused
        for pane in host.panes:
            article = pane.view.article
            if article is None:
                continue
            if article.id in found.changed:  # the new text, at the same paragraph
                host.open_article(article.id, pane.view.cursor, None, pane=pane, refocus=focused)
            elif article.id in found.removed:
                line += f"; {article.title} is no longer in the folder (still shown)"
        app.notify(line, title="Library", timeout=5, markup=False)
