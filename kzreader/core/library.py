"""One collection, wired once: its folder, data, articles, search, entities and bookmarks.

The app and the command line both read a folder through a ``Library``, so the order
things are built in (collection, catalog, scan, index, entity graph with the user's
overlay, the graph handed to the index for ``person:`` and aliases) lives here and
nowhere else.

The app builds each stage in a worker thread and installs the result on its own
thread, so the stages that take time (``scan``, ``open_search``, ``build_entities``)
return what they made and leave ``corpus``/``search``/``entities`` to the caller;
assigning ``entities`` or ``search`` hands the graph to the index either way. The
heavy modules (parsers, whoosh, the entity core) are imported by the stage that
needs them: ``kzreader DIR`` draws its first frame before any of them is loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .collection import Collection, Collections
from .paths import DataPaths
from .state import ReadingState

if TYPE_CHECKING:
    from .bookmarks.shelf import Shelf
    from .corpus.collection import Corpus
    from .corpus.scan import LoadIssue
    from .entities.graph import EntityGraph
    from .entities.overlay import Overlay
    from .search.service import SearchService

#: ``progress(done, total)``, called from the thread doing the work.
Progress = Callable[[int, int], None]


class Library:
    """The services of one folder of articles; see the module docstring."""

    def __init__(self, folder: Path, paths: DataPaths, *, outside_links: bool = False) -> None:
        self.folder = Path(folder)
        self.paths = paths
        self.outside_links = outside_links  # --follow-outside-links
        #: Where this folder's own data lives: planned at once (no I/O beyond the
        #: registry), settled by ``open_collection`` (a moved folder, old data migrated).
        self.collection: Collection = Collections(paths).planned(self.folder)
        self.corpus: Corpus | None = None
        self._search: SearchService | None = None
        self._entities: EntityGraph | None = None

    # -- where things are ------------------------------------------------------

    @property
    def index_dir(self) -> Path:
        return self.paths.index_dir(self.folder)

    @property
    def catalog_file(self) -> Path:
        return self.index_dir / "catalog.json"

    @property
    def entity_cache(self) -> Path:
        return self.index_dir / "entities"

    # -- the stages ------------------------------------------------------------

    def open_collection(self, ids: Iterable[str] | None = None) -> Collection:
        """Find this folder's collection, migrating old global data into it (any thread).

        It is returned, not installed: the app takes it on its own thread."""
        from .migrate import open_collection

        return open_collection(self.paths, self.folder, ids)

    def load_state(self) -> tuple[ReadingState, list[str]]:
        """The collection's reading state (positions, history) and warnings to show once."""
        return ReadingState.load(self.collection.state_file)

    def register(self, corpus: Corpus) -> Collection:
        """Record the folder's article ids in the registry (a moved folder is found by
        them next time) and return its collection."""
        return Collections(self.paths).open(corpus.root, corpus.ids)

    def list_catalog(self) -> Corpus | None:
        """The articles as the catalog last saw them (a large folder lists at once)."""
        from .corpus.collection import Corpus

        return Corpus.from_catalog(self.folder, self.catalog_file)

    def scan(self, progress: Progress | None = None) -> Corpus:
        """Scan the folder (the catalog spares re-reading unchanged files)."""
        from .corpus.collection import Corpus

        return Corpus.open(
            self.folder,
            catalog=self.catalog_file,
            progress=progress,
            outside_links=self.outside_links,
        )

    def unseen_issues(self, corpus: Corpus) -> Sequence[LoadIssue]:
        """The corpus's file problems not shown before (each is told once per change)."""
        from .warned import unseen

        return unseen(corpus.issues, corpus.root, self.collection.warned_file)

    def open_search(
        self,
        corpus: Corpus,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> SearchService:
        """Open the search index of ``corpus``, building or updating it first."""
        from .search.index import SearchIndex

        return SearchIndex.open(
            corpus, self.index_dir, rebuild=rebuild, progress=progress, cancel=cancel
        )

    def load_overlay(self) -> Overlay:
        """The user's entity corrections for this collection."""
        from .entities.overlay import Overlay

        return Overlay.load(self.collection.overlay_file)

    def build_entities(
        self,
        corpus: Corpus,
        *,
        use_ner: bool | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> EntityGraph:
        """Find the people, places and organisations of ``corpus`` with the overlay
        applied (cached per article: an unchanged collection costs next to nothing)."""
        from .entities.graph import EntityGraph

        return EntityGraph.build(
            corpus,
            cache_dir=self.entity_cache,
            overlay=self.load_overlay(),
            use_ner=use_ner,
            progress=progress,
            cancel=cancel,
        )

    def open_shelf(self, corpus: Corpus | None) -> Shelf:
        """The collection's bookmarks, anchored in ``corpus``."""
        from .bookmarks.shelf import Shelf

        return Shelf.open(self.collection.bookmarks_file, corpus)

    # -- what is installed -----------------------------------------------------

    @property
    def search(self) -> SearchService | None:
        return self._search

    @search.setter
    def search(self, index: SearchService | None) -> None:
        """A new index gets the graph already built (its searches widen names at once)."""
        self._search = index
        if index is not None and self._entities is not None:
            index.use_entities(self._entities)

    @property
    def entities(self) -> EntityGraph | None:
        return self._entities

    @entities.setter
    def entities(self, graph: EntityGraph | None) -> None:
        """The graph goes to the index too: ``person:``, ``org:`` and aliases use it."""
        self._entities = graph
        if graph is not None and self._search is not None:
            self._search.use_entities(graph)

    def close(self) -> None:
        """Close the index (its files and any build processes)."""
        if self._search is not None:
            self._search.close()
            self._search = None
