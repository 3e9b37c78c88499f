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

    def to_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "title": self.title,
            "score": round(self.score, 4),
            "passages": [p.to_json() for p in self.passages],
        }


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

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "query": self.query,
            "corrected": self.corrected,
            "total": self.total,
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
