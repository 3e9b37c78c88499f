"""What the UI and the CLI use of search: a small typed Protocol, whoosh-free.

``SearchIndex`` (``index``) satisfies it; a second search backend would plug in
here. Queries are text in and results out (``passages``): no whoosh query object
crosses this seam.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..corpus.collection import Corpus
from ..corpus.model import Article
from .cancel import Cancel
from .passages import ArticleHit, SearchResult, Span
from .widening import EntityLookup

#: Indexing progress: (articles done, articles in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexReport:
    """What opening the index did, for the user."""

    action: str  # "built", "updated", "unchanged", "read-only", "unavailable"
    added: int = 0
    changed: int = 0
    removed: int = 0
    total: int = 0
    seconds: float = 0.0
    message: str | None = None  # a one-line notice worth showing (rebuilt, read-only…)

    def summary(self) -> str:
        if self.action == "unchanged":
            text = f"index unchanged ({self.total} articles)"
        elif self.action == "built":
            text = f"index built: {self.total} articles in {self.seconds:.2f} s"
        elif self.action == "updated":
            text = (
                f"index updated: {self.added} added, {self.changed} changed, "
                f"{self.removed} removed in {self.seconds:.2f} s"
            )
        else:
            text = f"index {self.action}"
        return f"{text}; {self.message}" if self.message else text


class SearchService(Protocol):
    """Search over one corpus, as the UI and the CLI call it."""

    corpus: Corpus
    index_dir: Path
    report: IndexReport
    #: The entity graph, once built: entity fields and alias widening use it.
    entities: EntityLookup | None

    @property
    def available(self) -> bool: ...

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        passages: int = 5,
        passages_for: int | None = None,
        enough: Callable[[Sequence[ArticleHit]], bool] | None = None,
        sort: str = "relevance",
        widen: bool = True,
        cancel: Cancel | None = None,
    ) -> SearchResult: ...

    def complete(
        self, result: SearchResult, *, passages: int = 5, cancel: Cancel | None = None
    ) -> SearchResult: ...

    def highlight(self, text: str, article: Article) -> dict[int, list[Span]]: ...

    def use_entities(self, entities: EntityLookup | None) -> None:
        """Look names up in ``entities`` from now on (None: no entity graph)."""
        ...

    def warm_up(self) -> None:
        """Warm up: read ahead what a first wildcard or fuzzy search needs."""
        ...

    def close(self) -> None: ...
