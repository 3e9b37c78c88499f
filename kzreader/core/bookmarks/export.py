"""Bookmarks out of kzreader: a Markdown reading list, JSON, or CSV.

Text (quotes, notes, tags) is written literally: nothing is escaped or
reformatted, so what the reader saved is what comes out.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import atomic_write_text
from ..corpus.collection import Corpus
from .model import Match, Placed
from .query import by_position, group_by_article, split_orphans, title_of

FORMATS = ("md", "json", "csv")
_SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json", ".csv": "csv"}

CSV_COLUMNS = (
    "id", "article", "title", "paragraph", "start", "end", "quote", "note", "tags",
    "created", "updated", "orphan", "match", "url",
)  # fmt: skip


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for (``notes.csv`` → ``csv``), if any."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def export_text(
    placed: Sequence[Placed], fmt: str = "md", corpus: Corpus | None = None, *, now: str = ""
) -> str:
    """The bookmarks as text in ``fmt`` (one of FORMATS). ``now`` stamps the export."""
    now = now or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "md":
        return export_markdown(placed, corpus, now=now)
    if fmt == "json":
        return export_json(placed, corpus, now=now)
    if fmt == "csv":
        return export_csv(placed, corpus)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def export_file(
    path: str | os.PathLike[str],
    placed: Sequence[Placed],
    fmt: str | None = None,
    corpus: Corpus | None = None,
) -> str:
    """Write an export atomically; the format defaults to the file's suffix, else Markdown.

    Returns the format used. Raises OSError when the file cannot be written.
    """
    fmt = fmt or format_for(path) or "md"
    atomic_write_text(Path(path), export_text(placed, fmt, corpus))
    return fmt


def _block_quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.split("\n")]


def _entry_md(item: Placed, citation: str) -> list[str]:
    mark = item.bookmark
    lines = _block_quote(mark.quote)
    lines += [">", f"> — {citation}", ""]
    if mark.note:
        lines += [mark.note, ""]
    if mark.tags:
        lines += ["Tags: " + ", ".join(mark.tags), ""]
    return lines


def export_markdown(
    placed: Sequence[Placed], corpus: Corpus | None = None, *, now: str = ""
) -> str:
    """A reading list: grouped by article (title, author, outlet, date), quotes with citations."""
    anchored, orphans = split_orphans(placed)
    groups = group_by_article(anchored, corpus)
    count = len(placed)
    articles = len({p.article for p in placed})
    summary = (
        f"{count} passage{'s' if count != 1 else ''} from {articles} "
        f"article{'s' if articles != 1 else ''}"
    )
    if orphans:
        summary += f" ({len(orphans)} no longer found in the text)"
    stamp = f", exported {now.replace('T', ' ').replace('Z', ' UTC')}" if now else ""
    lines = ["# Bookmarks", "", f"{summary}{stamp}.", ""]
    for group in groups:
        lines += [f"## {group.title}", ""]
        about = [v for v in (group.author, group.outlet, group.date) if v]
        if group.url:
            about.append(f"<{group.url}>")
        lines += [" · ".join([*about, f"`{group.article}`"]), ""]
        for item in group.items:
            citation = f"{item.article} ¶{item.paragraph}"
            if item.match is Match.FUZZY:
                citation += " (the text has changed since it was bookmarked)"
            lines += _entry_md(item, citation)
    if orphans:
        lines += [
            "## Orphans",
            "",
            "Passages not found in the current text, as they were when bookmarked.",
            "",
        ]
        for item in by_position(orphans, corpus):
            title = title_of(corpus, item.article)
            where = f"{item.article} ¶{item.paragraph}"
            if title != item.article:
                where += f", {title}"
            lines += _entry_md(item, f"{where} ({item.reason or 'not found'})")
    return "\n".join(lines).rstrip("\n") + "\n"


def _record(item: Placed, corpus: Corpus | None) -> dict[str, object]:
    record = item.to_json()
    mark = item.bookmark
    record.update(
        title=title_of(corpus, item.article),
        url=corpus.info(item.article).url
        if corpus is not None and item.article in corpus
        else None,
        prefix=mark.anchor.prefix,
        suffix=mark.anchor.suffix,
        match=item.match.value if item.match else None,
        reason=item.reason or None,
    )
    return record


def _ordered(placed: Sequence[Placed], corpus: Corpus | None) -> list[Placed]:
    anchored, orphans = split_orphans(placed)
    return by_position(anchored, corpus) + by_position(orphans, corpus)


def export_json(placed: Sequence[Placed], corpus: Corpus | None = None, *, now: str = "") -> str:
    """Every bookmark as a JSON record (the ``list --json`` fields, plus title and context)."""
    document = {
        "version": 1,
        "exported": now or None,
        "bookmarks": [_record(item, corpus) for item in _ordered(placed, corpus)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_csv(placed: Sequence[Placed], corpus: Corpus | None = None) -> str:
    """One row per bookmark; tags joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in _ordered(placed, corpus):
        record = _record(item, corpus)
        record["tags"] = "; ".join(item.bookmark.tags)
        record["orphan"] = "yes" if item.orphan else "no"
        record["match"] = record["match"] or ""
        record["url"] = record["url"] or ""
        writer.writerow([record[column] for column in CSV_COLUMNS])
    return out.getvalue()
