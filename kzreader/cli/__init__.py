"""The command line: one module per sub-command, each with ``add_arguments`` and ``run``.

A sub-command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args, ctx) -> int``. Output that shows article text goes through Rich
``Text`` objects (never markup) or JSON, so nothing in an article can style or
escape the terminal.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from ..core.paths import DataPaths
from ..core.terminal import PrintableStream

# The core's corpus, index and entities are imported where a command first needs them:
# ``kzreader [DIR]`` only starts the app and must not wait for whoosh and the rest.
if TYPE_CHECKING:
    from ..core.collection import Collection
    from ..core.corpus import Corpus
    from ..core.entities import EntityGraph
    from ..core.search.index import SearchIndex
    from ..core.search.service import Progress

#: Sub-commands in the order ``--help`` lists them.
COMMANDS = ("articles", "search", "index", "entities", "bookmarks", "themes")


class CliError(Exception):
    """A failure to report to the user as one line, with an exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def command_module(name: str) -> ModuleType | None:
    """The module for a sub-command, or None while that command does not exist yet."""
    qualified = f"{__name__}.{name}"
    if importlib.util.find_spec(qualified) is None:
        return None
    return importlib.import_module(qualified)


@dataclass
class Context:
    """What every sub-command needs: where the corpus is and where data goes."""

    corpus_dir: Path
    paths: DataPaths
    # Everything a command prints passes the one sanitiser (core.terminal).
    stdout: TextIO = field(default_factory=lambda: PrintableStream(sys.stdout))  # type: ignore[assignment]
    stderr: TextIO = field(default_factory=lambda: PrintableStream(sys.stderr))  # type: ignore[assignment]
    outside_links: bool = False  # --follow-outside-links
    #: Warn about every file problem, also those shown before (``kzreader index``).
    repeat_warnings: bool = False
    _corpus: Corpus | None = None
    _collection: Collection | None = None
    _index: SearchIndex | None = None
    _entities: EntityGraph | None = None

    def warn(self, message: str) -> None:
        print(f"kzreader: {message}", file=self.stderr)

    @property
    def index_dir(self) -> Path:
        return self.paths.index_dir(self.corpus_dir)

    def corpus(self) -> Corpus:
        """The corpus, opened once; each file that could not be loaded is reported once
        (and not again by later commands while the file is unchanged)."""
        if self._corpus is None:
            if not self.corpus_dir.is_dir():
                raise CliError(f"{self.corpus_dir}: no such folder")
            from ..core.corpus import Corpus
            from ..core.warned import unseen

            self._corpus = Corpus.open(
                self.corpus_dir,
                catalog=self.index_dir / "catalog.json",
                outside_links=self.outside_links,
            )
            collection = self.collection()
            issues = self._corpus.issues
            fresh = unseen(issues, self._corpus.root, collection.warned_file)
            for issue in issues if self.repeat_warnings else fresh:
                self.warn(str(issue))
        return self._corpus

    def collection(self) -> Collection:
        """The collection of the corpus folder: where its bookmarks, corrections and
        positions live (old global files are migrated into it the first time)."""
        if self._collection is None:
            from ..core.migrate import open_collection

            corpus = self.corpus()
            self._collection = open_collection(self.paths, self.corpus_dir, corpus.ids)
            for notice in self._collection.notices:
                self.warn(notice)
        return self._collection

    def index(
        self, *, rebuild: bool = False, progress: Progress | None = None, entities: bool = True
    ) -> SearchIndex:
        """The search index, built or updated first if the corpus changed.

        With ``entities``, the entity graph too (for ``person:`` and aliases).
        """
        if self._index is None or rebuild:
            from ..core.search.errors import EngineUnsupported
            from ..core.search.index import SearchIndex

            corpus = self.corpus()
            try:
                self._index = SearchIndex.open(
                    corpus, self.index_dir, rebuild=rebuild, progress=progress
                )
            except OSError as error:
                raise CliError(
                    f"cannot write the index in {self.index_dir}: {error.strerror}"
                ) from error
            except EngineUnsupported as error:
                raise CliError(str(error)) from error
            if self._index.report.message:
                self.warn(self._index.report.message)
        if entities and self._index.entities is None:
            self._index.entities = self.entities()
        return self._index

    def entities(self, *, use_ner: bool | None = None, lines: bool = False) -> EntityGraph:
        """The people, places and organisations of the corpus (cached per article).

        Finding them in a large corpus the first time takes minutes: a progress bar on
        a terminal (and progress lines elsewhere with ``lines``).
        """
        if self._entities is None:
            from ..core.entities import EntityGraph, Overlay
            from .progress import progress

            corpus = self.corpus()
            label = "finding people, places, organisations"
            with progress(self.stderr, label, lines=lines) as report:
                self._entities = EntityGraph.build(
                    corpus,
                    cache_dir=self.index_dir / "entities",
                    overlay=Overlay.load(self.collection().overlay_file),
                    use_ner=use_ner,
                    progress=report,
                )
            for message in self._entities.report.messages if self._entities.report else ():
                self.warn(message)
        return self._entities
