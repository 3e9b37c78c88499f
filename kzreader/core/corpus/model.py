"""The document model: an article is a file, a paragraph is the unit of reading.

Paragraphs carry a kind so the reader can show reader comments and boilerplate
apart from the body, and search, entities and bookmarks can all point at
``(article, paragraph)``. Whatever the file's format (text, Markdown, a saved
page, a PDF), its parser ends in these same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    """What a paragraph is, as far as reading goes."""

    TITLE = "title"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    COMMENT = "comment"
    BOILERPLATE = "boilerplate"


#: Kinds that belong to the article proper (shown in the main flow).
ARTICLE_KINDS = frozenset({Kind.TITLE, Kind.BYLINE, Kind.BODY, Kind.CAPTION})

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a paragraph: the span of its shown text, and where it points.

    The address is kept beside the text, never in it, so a search cannot match
    inside a URL and a quote reads as the page did.
    """

    start: int
    end: int
    url: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph. ``number`` is 1-based and stable for a given text."""

    number: int
    kind: Kind
    text: str
    heading: bool = False  # a short section heading inside the body
    links: tuple[Link, ...] = ()

    @property
    def is_article(self) -> bool:
        return self.kind in ARTICLE_KINDS


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the library needs to list an article without holding its text."""

    id: str
    path: str  # relative to the corpus folder, with forward slashes
    title: str
    author: str | None
    outlet: str | None
    date: str | None
    paragraphs: int
    words: int
    sha256: str
    size: int
    mtime_ns: int
    encoding: str = "utf-8"
    url: str | None = None  # where the article was published, when the file tells

    def to_json(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ArticleInfo:
        # ``url`` came with catalog version 4; older entries are not read (version check).
        return cls(**{name: data[name] for name in cls.__slots__})  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: metadata and its paragraphs in reading order."""

    id: str
    path: Path
    title: str
    author: str | None
    outlet: str | None
    date: str | None
    paragraphs: tuple[Paragraph, ...]
    sha256: str
    size: int = 0
    mtime_ns: int = 0
    encoding: str = "utf-8"
    notes: tuple[str, ...] = field(default=())  # what the loader noticed (e.g. dropped repeats)
    url: str | None = None  # where the article was published, when the file tells

    def paragraph(self, number: int) -> Paragraph:
        """The paragraph with this 1-based number (IndexError if there is none)."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(f"{self.id} has no paragraph {number}")
        return self.paragraphs[number - 1]

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.is_article)

    @property
    def comments(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind is Kind.COMMENT)

    @property
    def words(self) -> int:
        return sum(count_words(p.text) for p in self.paragraphs if p.kind is Kind.BODY)

    def info(self, relpath: str) -> ArticleInfo:
        return ArticleInfo(
            id=self.id,
            path=relpath,
            title=self.title,
            author=self.author,
            outlet=self.outlet,
            date=self.date,
            paragraphs=len(self.paragraphs),
            words=self.words,
            sha256=self.sha256,
            size=self.size,
            mtime_ns=self.mtime_ns,
            encoding=self.encoding,
            url=self.url,
        )
