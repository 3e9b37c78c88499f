"""Making anchors, and finding them again in text that may have changed.

A bookmark is looked for in this order: at its stored position; else its exact
quote anywhere in the article (the context and then the nearest paragraph pick
among several); else a close match of the quote, paragraph by paragraph; else it
is an orphan. Orphans are a result, never an error: the article may be gone.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..corpus.collection import Corpus
from ..corpus.model import Article
from ..corpus.reading import ArticleError
from .fuzzy import common_prefix, common_suffix, fuzzy_locate
from .model import CONTEXT_CHARS, Anchor, Bookmark, Location, Match, Placed

#: Occurrences of a quote considered (a quote like "the" can occur thousands of times).
MAX_OCCURRENCES = 5000


class AnchorError(ValueError):
    """A passage that cannot be bookmarked (no such article, paragraph or range)."""


@dataclass
class _Text:
    """One article's text as a single string, for searching across paragraphs."""

    texts: tuple[str, ...]
    joined: str
    starts: list[int]
    _lowered: tuple[str, list[int]] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, article: Article) -> _Text:
        texts = tuple(p.text for p in article.paragraphs)
        starts: list[int] = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        return cls(texts, "\n".join(texts), starts)

    def paragraph_at(self, offset: int) -> int:
        """The 0-based paragraph holding a joined-text offset."""
        return bisect.bisect_right(self.starts, offset) - 1

    def context(self, number: int, start: int, end: int) -> tuple[str, str]:
        base = self.starts[number - 1]
        a, b = base + start, base + end
        return self.joined[max(0, a - CONTEXT_CHARS) : a], self.joined[b : b + CONTEXT_CHARS]

    @property
    def lowered(self) -> tuple[str, list[int]]:
        """The text in lower case, with its own paragraph starts (lowering may change lengths)."""
        if self._lowered is None:
            lowered = [t.lower() for t in self.texts]
            starts: list[int] = []
            offset = 0
            for text in lowered:
                starts.append(offset)
                offset += len(text) + 1
            self._lowered = ("\n".join(lowered), starts)
        return self._lowered

    def paragraphs_with(self, words: list[str]) -> dict[int, int]:
        """0-based paragraphs holding some of ``words`` (as substrings), with how many."""
        joined, starts = self.lowered
        counts: dict[int, int] = {}
        for word in words:
            found: set[int] = set()
            at = joined.find(word)
            while at >= 0:
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                if len(found) > MAX_OCCURRENCES:
                    break  # too common to tell paragraphs apart
                at = joined.find(
                    word, starts[index + 1] if index + 1 < len(starts) else len(joined)
                )
            if len(found) > MAX_OCCURRENCES:
                continue
            for index in found:
                counts[index] = counts.get(index, 0) + 1
        return counts


def make_anchor(
    article: Article, paragraph: int, start: int | None = None, end: int | None = None
) -> Anchor:
    """An anchor for a passage of ``article``: a whole paragraph, or ``[start, end)`` in it.

    Whitespace at either end of a range is left out. Raises AnchorError with a
    one-line reason for a paragraph or range that does not exist or is blank.
    """
    return _make_anchor(article, _Text.of(article), paragraph, start, end)


def _make_anchor(
    article: Article, doc: _Text, paragraph: int, start: int | None, end: int | None
) -> Anchor:
    count = len(doc.texts)
    if not 1 <= paragraph <= count:
        raise AnchorError(
            f"{article.id} has no paragraph {paragraph} (it has {count})"
            if count
            else f"{article.id} has no paragraphs"
        )
    text = doc.texts[paragraph - 1]
    start = 0 if start is None else start
    end = len(text) if end is None else end
    if not 0 <= start < end <= len(text):
        raise AnchorError(
            f"{article.id} ¶{paragraph}: range {start}–{end} is not within its "
            f"{len(text)} characters (need 0 ≤ start < end ≤ {len(text)})"
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise AnchorError(f"{article.id} ¶{paragraph}: the range {start}–{end} is blank")
    prefix, suffix = doc.context(paragraph, start, end)
    return Anchor(article.id, paragraph, start, end, text[start:end], prefix, suffix)


class Anchorer:
    """Finds bookmarks in the current text of a corpus, remembering each article's text."""

    def __init__(self, corpus: Corpus | None) -> None:
        self.corpus = corpus
        self._texts: dict[str, tuple[str, _Text]] = {}

    def forget(self) -> None:
        """Drop remembered texts (after the corpus changed on disk)."""
        self._texts.clear()

    def _load(self, article_id: str) -> tuple[Article | None, _Text | None, str]:
        if self.corpus is None or article_id not in self.corpus:
            return None, None, "article not in the corpus"
        try:
            article = self.corpus.article(article_id)
        except (ArticleError, OSError, KeyError) as error:
            return None, None, f"article cannot be read ({error})"
        cached = self._texts.get(article_id)
        if cached is None or cached[0] != article.sha256:
            cached = (article.sha256, _Text.of(article))
            self._texts[article_id] = cached
        return article, cached[1], ""

    def anchor(
        self, article_id: str, paragraph: int, start: int | None = None, end: int | None = None
    ) -> Anchor:
        """An anchor for a passage of the current text (see ``make_anchor``)."""
        article, doc, reason = self._load(article_id)
        if article is None or doc is None:
            raise AnchorError(f"{article_id}: {reason}")
        return _make_anchor(article, doc, paragraph, start, end)

    def place(self, bookmark: Bookmark) -> Placed:
        """The bookmark with its current location, or as an orphan with the reason."""
        _, doc, reason = self._load(bookmark.anchor.article)
        if doc is None:
            return Placed(bookmark, None, reason=reason)
        location = locate(bookmark.anchor, doc)
        if location is None:
            return Placed(bookmark, None, reason="passage not found in the current text")
        text = doc.texts[location.paragraph - 1][location.start : location.end]
        return Placed(bookmark, location, text=text)

    def place_all(self, bookmarks: Iterable[Bookmark]) -> list[Placed]:
        return [self.place(b) for b in bookmarks]


def locate(anchor: Anchor, doc: _Text) -> Location | None:
    """Where ``anchor`` is in ``doc`` now, or None."""
    if not anchor.quote or not doc.texts:
        return None
    return _exact(anchor, doc) or _by_quote(anchor, doc) or fuzzy_locate(anchor, doc)


def _context_score(anchor: Anchor, doc: _Text, a: int, b: int) -> int:
    """How many characters of the stored context agree with the text around ``[a, b)``."""
    before = doc.joined[max(0, a - len(anchor.prefix)) : a]
    after = doc.joined[b : b + len(anchor.suffix)]
    return common_suffix(anchor.prefix, before) + common_prefix(anchor.suffix, after)


def _exact(anchor: Anchor, doc: _Text) -> Location | None:
    """The stored position, when it still holds the quote with all of its context."""
    if not 1 <= anchor.paragraph <= len(doc.texts):
        return None
    text = doc.texts[anchor.paragraph - 1]
    if text[anchor.start : anchor.end] != anchor.quote:
        return None
    a = doc.starts[anchor.paragraph - 1] + anchor.start
    full = len(anchor.prefix) + len(anchor.suffix)
    if _context_score(anchor, doc, a, a + len(anchor.quote)) < full:
        return None  # maybe the quote now sits elsewhere with its context: let _by_quote decide
    return Location(anchor.paragraph, anchor.start, anchor.end, Match.EXACT)


def _by_quote(anchor: Anchor, doc: _Text) -> Location | None:
    """The exact quote anywhere: best context first, then the stored position, then nearest."""
    quote = anchor.quote
    best: tuple[tuple[int, int, int, int], int, int] | None = None
    at = doc.joined.find(quote)
    seen = 0
    while at >= 0 and seen < MAX_OCCURRENCES:
        index = doc.paragraph_at(at)
        start = at - doc.starts[index]
        if start + len(quote) <= len(doc.texts[index]):  # within one paragraph
            stored = index + 1 == anchor.paragraph and start == anchor.start
            rank = (
                -_context_score(anchor, doc, at, at + len(quote)),
                0 if stored else 1,
                abs(index + 1 - anchor.paragraph),
                abs(start - anchor.start),
            )
            if best is None or rank < best[0]:
                best = (rank, index, start)
        seen += 1
        at = doc.joined.find(quote, at + 1)
    if best is None:
        return None
    rank, index, start = best
    how = Match.EXACT if rank[1] == 0 else Match.QUOTE
    return Location(index + 1, start, start + len(quote), how)
