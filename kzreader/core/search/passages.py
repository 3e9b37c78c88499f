"""What a search returns: articles in rank order, each with its matching passages."""

from __future__ import annotations

import csv
import io
import json
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
    url: str | None = None  # the article's source, where its file or metadata names one

    @property
    def partial(self) -> bool:
        return not self.all_words

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "article": self.article,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
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


#: What a results list can be exported as (the CLI's ``--format``, the app's export).
FORMATS = ("json", "md", "csv")


def export(result: SearchResult, form: str) -> str:
    """The results as JSON, Markdown (titles, outlet, date, the passages with ¶ numbers,
    hits in bold) or CSV (one row per passage)."""
    if form == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    if form == "md":
        return _markdown(result)
    if form == "csv":
        return _csv(result)
    raise ValueError(f"unknown format {form!r}")


def _marks(hit: ArticleHit) -> list[str]:
    marks = []
    if hit.partial:
        marks.append("only some words: " + ", ".join(hit.matched))
    if hit.aliases:
        marks.append("as " + ", ".join(hit.aliases))
    return marks


def _bold(text: str, spans: tuple[Span, ...]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [_md(text[last:start]), "**", _md(text[start:end]), "**"]
        last = end
    out.append(_md(text[last:]))
    return "".join(out)


def _md(text: str) -> str:
    """Text safe inside Markdown: its markup characters escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _markdown(result: SearchResult) -> str:
    lines = [f"# Search: {_md(result.query)}", ""]
    count = f"{result.total} article{'s' if result.total != 1 else ''}"
    if result.complete_total != result.total:
        count += f" ({result.complete_total} with every word)"
    lines += [count, ""]
    for name, aliases in result.widened:
        lines += [f"*{_md(name)}* also searched as: {_md(', '.join(aliases))}", ""]
    for rank, hit in enumerate(result.hits, 1):
        about = " · ".join(_md(x) for x in (hit.outlet, hit.date) if x)
        lines.append(f"## {rank}. {_md(hit.title)}")
        lines.append("")
        lines.append(f"`{hit.article}`" + (f" · {about}" if about else ""))
        if hit.url:  # a link where it is one, else shown as text
            plain = any(c.isspace() or c in "<>" for c in hit.url)
            lines.append(_md(hit.url) if plain else f"<{hit.url}>")
        for mark in _marks(hit):
            lines.append(f"*({_md(mark)})*")
        lines.append("")
        for passage in hit.passages:
            kind = "" if passage.kind == "body" else f" ({passage.kind})"
            lines.append(f"> ¶{passage.paragraph}{kind}: {_bold(passage.text, passage.highlights)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _csv(result: SearchResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "rank",
            "article",
            "title",
            "outlet",
            "date",
            "url",
            "partial",
            "matched",
            "via",
            "paragraph",
            "kind",
            "text",
        ]
    )
    for rank, hit in enumerate(result.hits, 1):
        row = [
            rank,
            hit.article,
            hit.title,
            hit.outlet or "",
            hit.date or "",
            hit.url or "",
            "yes" if hit.partial else "",
            "; ".join(hit.matched),
            "; ".join(hit.aliases),
        ]
        for passage in hit.passages or (None,):
            if passage is None:
                writer.writerow([*row, "", "", ""])
            else:
                writer.writerow([*row, passage.paragraph, passage.kind, passage.text])
    return out.getvalue()
