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
from typing import TYPE_CHECKING, TextIO, cast

from ..core.library import Library
from ..core.paths import DataPaths
from ..core.terminal import PrintableStream

# The core's corpus, index and entities are imported where a command first needs them
# (the Library imports each with its stage): ``kzreader [DIR]`` only starts the app and
# must not wait for whoosh and the rest.
if TYPE_CHECKING:
    from ..core.collection import Collection
    from ..core.corpus.collection import Corpus
    from ..core.entities.graph import EntityGraph
    from ..core.search.service import Progress, SearchService


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
    """What every sub-command needs: the folder's ``Library``, built on first use, and
    the two output streams."""

    corpus_dir: Path
    paths: DataPaths
    # Everything a command prints passes the one sanitiser (core.terminal).
    stdout: TextIO = field(default_factory=lambda: cast(TextIO, PrintableStream(sys.stdout)))
    stderr: TextIO = field(default_factory=lambda: cast(TextIO, PrintableStream(sys.stderr)))
    outside_links: bool = False  # --follow-outside-links
    #: Warn about every file problem, also those shown before (``kzreader index``).
    repeat_warnings: bool = False
    _library: Library | None = None
    _collection: Collection | None = None

    def warn(self, message: str) -> None:
        print(f"kzreader: {message}", file=self.stderr)

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = Library(self.corpus_dir, self.paths, outside_links=self.outside_links)
        return self._library

    @property
    def index_dir(self) -> Path:
        return self.library.index_dir

    def corpus(self) -> Corpus:
        """The corpus, opened once; each file that could not be loaded is reported once
        (and not again by later commands while the file is unchanged)."""
        library = self.library
        if library.corpus is None:
            if not self.corpus_dir.is_dir():
                raise CliError(f"{self.corpus_dir}: no such folder")
            corpus = library.scan()
            library.corpus = corpus
            self.collection()
            fresh = library.unseen_issues(corpus)  # recorded as told, whichever are printed
            for issue in corpus.issues if self.repeat_warnings else fresh:
                self.warn(str(issue))
        return library.corpus

    def collection(self) -> Collection:
        """The collection of the corpus folder: where its bookmarks, corrections and
        positions live (old global files are migrated into it the first time)."""
        if self._collection is None:
            library = self.library
            corpus = self.corpus()
            self._collection = library.collection = library.open_collection(corpus.ids)
            for notice in self._collection.notices:
                self.warn(notice)
        return self._collection

    def index(
        self, *, rebuild: bool = False, progress: Progress | None = None, entities: bool = True
    ) -> SearchService:
        """The search index, built or updated first if the corpus changed.

        With ``entities``, the entity graph too (for ``person:`` and aliases).
        """
        library = self.library
        index = library.search
        if index is None or rebuild:
            from ..core.search.errors import EngineUnsupported

            corpus = self.corpus()
            try:
                index = library.open_search(corpus, rebuild=rebuild, progress=progress)
            except OSError as error:
                raise CliError(
                    f"cannot write the index in {self.index_dir}: {error.strerror}"
                ) from error
            except EngineUnsupported as error:
                raise CliError(str(error)) from error
            library.search = index
            if index.report.message:
                self.warn(index.report.message)
        if entities and library.entities is None:
            self.entities()
        return index

    def entities(self, *, use_ner: bool | None = None, lines: bool = False) -> EntityGraph:
        """The people, places and organisations of the corpus (cached per article).

        Finding them in a large corpus the first time takes minutes: a progress bar on
        a terminal (and progress lines elsewhere with ``lines``).
        """
        library = self.library
        graph = library.entities
        if graph is None:
            from .progress import progress

            corpus = self.corpus()
            self.collection()  # the overlay is the settled collection's
            label = "finding people, places, organisations"
            with progress(self.stderr, label, lines=lines) as report:
                graph = library.build_entities(corpus, use_ner=use_ner, progress=report)
            library.entities = graph
            for message in graph.report.messages if graph.report else ():
                self.warn(message)
        return graph
