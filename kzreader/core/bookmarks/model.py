"""What a bookmark is: a passage anchor plus the reader's note and tags.

The anchor follows the selector model of annotation tools such as Hypothesis: a
position (paragraph and offsets) for speed, and the exact quote with a little
context on either side so the passage can be found again after the text changes.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from ..text import strip_controls

#: Characters of context kept before and after a quote.
CONTEXT_CHARS = 32

_TAG_SPLIT = re.compile(r"[,\s]+")


def now_iso() -> str:
    """The current time as ISO 8601 UTC to the second, e.g. ``2026-11-21T12:53:14Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id(taken: Iterable[str] = ()) -> str:
    """A short id (8 hex digits) that is not in ``taken``."""
    taken = set(taken)
    while True:
        candidate = uuid.uuid4().hex[:8]
        if candidate not in taken:
            return candidate


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, without a leading ``#``, no empties, no case-blind repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = " ".join(strip_controls(str(raw)).split()).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed in one line, separated by commas or spaces: ``"russia, #csto law"``."""
    return normalize_tags(_TAG_SPLIT.split(text))


def clean_note(note: str) -> str:
    """A note as stored: no control characters, no trailing blank space."""
    return strip_controls(note).rstrip()


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a passage was when it was bookmarked.

    ``start``/``end`` are offsets into the paragraph's text; a whole paragraph is
    ``start=0, end=len(text)``. ``prefix``/``suffix`` are up to 32 characters of
    the article's text around the quote (paragraphs joined by a newline), which
    tells apart a quote that occurs more than once.
    """

    article: str
    paragraph: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""

    @property
    def whole_paragraph(self) -> bool:
        """True when the passage was a whole paragraph (its context ends at paragraph breaks)."""
        return (
            self.start == 0
            and (self.prefix == "" or self.prefix.endswith("\n"))
            and (self.suffix == "" or self.suffix.startswith("\n"))
        )


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked passage with the reader's note and tags. Times are ISO 8601 UTC."""

    id: str
    anchor: Anchor
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    #: Keys of the stored entry this version does not know; written back unchanged.
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def article(self) -> str:
        return self.anchor.article

    @property
    def quote(self) -> str:
        return self.anchor.quote

    def edited(
        self,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        anchor: Anchor | None = None,
        when: str | None = None,
    ) -> Bookmark:
        """A copy with the given fields changed and ``updated`` set to now."""
        return replace(
            self,
            note=self.note if note is None else clean_note(note),
            tags=self.tags if tags is None else normalize_tags(tags),
            anchor=self.anchor if anchor is None else anchor,
            updated=when or now_iso(),
        )

    def has_tag(self, tag: str) -> bool:
        wanted = tag.lstrip("#").casefold()
        return any(t.casefold() == wanted for t in self.tags)


class Match(StrEnum):
    """How a bookmark was found in the current text."""

    EXACT = "exact"  # the stored paragraph and offsets still hold the quote
    QUOTE = "quote"  # the quote, found elsewhere in the article (context picks among several)
    FUZZY = "fuzzy"  # a close match of the quote: the text was edited


@dataclass(frozen=True, slots=True)
class Location:
    """Where a bookmark is in the current text of its article."""

    paragraph: int
    start: int
    end: int
    match: Match
    score: float = 1.0  # similarity of the current text to the quote (1.0 unless fuzzy)


@dataclass(frozen=True, slots=True)
class Placed:
    """A bookmark with its place in the current corpus: a view, never stored.

    ``location`` is None for an orphan: its article is gone or the quote is no
    longer found. ``reason`` then says which, in a few words.
    """

    bookmark: Bookmark
    location: Location | None
    text: str = ""  # the current text at the location ("" for an orphan)
    reason: str = ""

    @property
    def id(self) -> str:
        return self.bookmark.id

    @property
    def article(self) -> str:
        return self.bookmark.anchor.article

    @property
    def orphan(self) -> bool:
        return self.location is None

    @property
    def paragraph(self) -> int:
        """The current paragraph (the stored one for an orphan)."""
        return self.location.paragraph if self.location else self.bookmark.anchor.paragraph

    @property
    def start(self) -> int:
        return self.location.start if self.location else self.bookmark.anchor.start

    @property
    def end(self) -> int:
        return self.location.end if self.location else self.bookmark.anchor.end

    @property
    def match(self) -> Match | None:
        return self.location.match if self.location else None

    def to_json(self) -> dict[str, object]:
        """The record ``bookmarks list --json`` prints."""
        mark = self.bookmark
        return {
            "id": mark.id,
            "article": mark.anchor.article,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "quote": mark.anchor.quote,
            "note": mark.note,
            "tags": list(mark.tags),
            "created": mark.created,
            "updated": mark.updated,
            "orphan": self.orphan,
        }
