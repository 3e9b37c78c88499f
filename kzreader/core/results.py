"""What a search returns: articles in rank order, each with its matching passages."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Passage:
    """A matching paragraph: its full text and where the hits are in it."""

    paragraph: int
    kind: str
    text: str
    highlights: tuple[Span, ...]
    score: float

    def to_json(self) -> dict[str, object]:
        return {
            "paragraph": self.paragraph,
            "kind": self.kind,
            "text": self.text,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """One article in the results, with its best passages first."""

    article: str
    title: str
    score: float
    passages: tuple[Passage, ...]
    all_words: bool = True  # False for articles that match only some of the words
    pending: bool = False  # passages not looked for yet (SearchIndex.complete finds them)
    matched: tuple[str, ...] = ()  # of a partial hit: the query's words it has
    aliases: tuple[str, ...] = ()  # found through these other names only (widening)
    outlet: str | None = None
    date: str | None = None

    @property
    def partial(self) -> bool:
        return not self.all_words

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "article": self.article,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "score": round(self.score, 4),
            "partial": self.partial,
        }
        if self.partial:
            data["matched"] = list(self.matched)
        if self.aliases:
            data["via"] = "alias"
            data["aliases"] = list(self.aliases)
        data["passages"] = [p.to_json() for p in self.passages]
        return data


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The outcome of one query. ``error`` is a one-line message when it could not run."""

    query: str
    corrected: str | None = None
    total: int = 0
    hits: tuple[ArticleHit, ...] = field(default=())
    error: str | None = None
    notice: str | None = None
    elapsed_ms: float = 0.0
    all_words_total: int | None = None  # of ``total``, those with every word (None: all)
    widened: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name typed, other names searched)

    @property
    def complete_total(self) -> int:
        return self.total if self.all_words_total is None else self.all_words_total

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "query": self.query,
            "corrected": self.corrected,
            "total": self.total,
            "total_all_words": self.complete_total,
            "widened": [{"name": name, "aliases": list(aliases)} for name, aliases in self.widened],
            "results": [hit.to_json() for hit in self.hits],
        }
        if self.error:
            data["error"] = self.error
        if self.notice:
            data["notice"] = self.notice
        return data


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sort and join overlapping or touching spans."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
