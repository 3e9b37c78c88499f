"""Making anchors, and finding them again in text that may have changed.

A bookmark is looked for in this order: at its stored position; else its exact
quote anywhere in the article (the context and then the nearest paragraph pick
among several); else a close match of the quote, paragraph by paragraph; else it
is an orphan. Orphans are a result, never an error: the article may be gone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..corpus.collection import Corpus
from ..corpus.model import Article
from ..corpus.reading import ArticleError
from .model import CONTEXT_CHARS, Anchor, Bookmark, Location, Match, Placed

#: How much the surrounding context counts beside the quote when choosing a fuzzy candidate.
CONTEXT_WEIGHT = 0.2
#: A fuzzy match must be at least this similar to the quote (difflib ratio).
FUZZY_THRESHOLD = 0.8
#: Quotes shorter than this are too ambiguous to look for approximately.
FUZZY_MIN_CHARS = 12
#: How many candidate paragraphs a fuzzy search compares in detail.
FUZZY_CANDIDATES = 24
#: How much agreeing context counts, against similarity, when choosing a fuzzy span's ends.
CONTEXT_WEIGHT = 0.25
#: How many of a quote's words pick the paragraphs worth a close look.
FUZZY_KEY_WORDS = 8
#: Occurrences of a quote considered (a quote like "the" can occur thousands of times).
MAX_OCCURRENCES = 5000

_WORDS = re.compile(r"\w+")


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
    return _exact(anchor, doc) or _by_quote(anchor, doc) or _fuzzy(anchor, doc)


def _context_score(anchor: Anchor, doc: _Text, a: int, b: int) -> int:
    """How many characters of the stored context agree with the text around ``[a, b)``."""
    before = doc.joined[max(0, a - len(anchor.prefix)) : a]
    after = doc.joined[b : b + len(anchor.suffix)]
    return _common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)


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


def _fuzzy(anchor: Anchor, doc: _Text) -> Location | None:
    """The closest passage to the quote, if it is similar enough, looking paragraph by paragraph."""
    quote = anchor.quote
    if len(quote.strip()) < FUZZY_MIN_CHARS:
        return None
    # Cheap first pass: paragraphs holding at least half of the quote's longest words.
    words = sorted(set(_WORDS.findall(quote.lower())), key=lambda w: (-len(w), w))
    keys = [w for w in words if len(w) >= 4][:FUZZY_KEY_WORDS] or words[:FUZZY_KEY_WORDS]
    if not keys:
        return None
    need = max(1, len(keys) // 2)
    candidates = sorted(
        (-shared, abs(index + 1 - anchor.paragraph), index)
        for index, shared in doc.paragraphs_with(keys).items()
        if shared >= need
    )
    # Second pass: a rough span per candidate; only the best one gets its ends refined.
    whole = anchor.whole_paragraph
    best: tuple[tuple[float, int], int, int, int] | None = None
    for _, distance, index in candidates[:FUZZY_CANDIDATES]:
        text = doc.texts[index]
        found = _whole_match(text, quote) if whole else _rough_span(text, quote)
        if found is None:
            continue
        start, end, score = found
        # The stored context breaks near-ties: a near-duplicate sentence elsewhere (001
        # repeats the opening of its ¶52 in ¶49) must not pull the anchor away from its place.
        key = (score + CONTEXT_WEIGHT * _context_similarity(anchor, text, start, end), -distance)
        if best is None or key > best[0]:
            best = (key, index, start, end)
    if best is None:
        return None
    (score, _), index, start, end = best
    if not whole:
        start, end, score = _refine(doc.texts[index], quote, start, end, anchor)
    if score < FUZZY_THRESHOLD:
        return None
    return Location(index + 1, start, end, Match.FUZZY, round(score, 3))


def _context_similarity(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around a candidate span matches the anchor's stored context (0..1)."""
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    parts = [
        _ratio(before, anchor.prefix) if anchor.prefix or before else 1.0,
        _ratio(after, anchor.suffix) if anchor.suffix or after else 1.0,
    ]
    return sum(parts) / len(parts)


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _whole_match(text: str, quote: str) -> tuple[int, int, float] | None:
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return None
    return 0, len(text), matcher.ratio()


def _rough_span(text: str, quote: str) -> tuple[int, int, float] | None:
    """Where in ``text`` the quote roughly is, from the matching runs around the longest one."""
    size = len(quote)
    longest = SequenceMatcher(None, text, quote, autojunk=False).find_longest_match(
        0, len(text), 0, size
    )
    if longest.size < 3:
        return None
    slack = max(8, size // 4)
    guess = longest.a - longest.b
    lo, hi = max(0, guess - slack), min(len(text), guess + size + slack)
    window = SequenceMatcher(None, text[lo:hi], quote, autojunk=False)
    blocks = [b for b in window.get_matching_blocks() if b.size >= 3]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = max(0, lo + first.a - first.b)
    end = min(len(text), lo + last.a + last.size + (size - last.b - last.size))
    if end <= start:
        return None
    return start, end, _ratio(text[start:end], quote)


def _refine(text: str, quote: str, start: int, end: int, anchor: Anchor) -> tuple[int, int, float]:
    """Better ends for a rough span: nearby word boundaries, and where the stored context fits.

    Candidates are judged by similarity plus agreement with the context, so an
    edited first or last word stays inside the span and a mid-word start is kept.
    """
    reach = max(12, len(quote) // 4)
    # The paragraph with its breaks, so context that ends at a break can agree with it.
    padded = "\n" + text + "\n"
    before = anchor.prefix[anchor.prefix.rfind("\n") :] if "\n" in anchor.prefix else anchor.prefix
    cut = anchor.suffix.find("\n")
    after = anchor.suffix[: cut + 1] if cut >= 0 else anchor.suffix
    starts = set(_near(text, start, starts=True))
    starts |= _fits(padded, before, start, (start - reach, end), after=True)
    ends = set(_near(text, end, starts=False))
    ends |= _fits(padded, after, end, (start, end + reach), after=False)
    context = max(1, len(before) + len(after))
    best: tuple[float, float, int, int] | None = None
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            score = _ratio(text[s:e], quote)
            agree = _common_suffix(before, padded[: s + 1]) + _common_prefix(after, padded[e + 1 :])
            key = score + CONTEXT_WEIGHT * agree / context
            if best is None or key > best[0]:
                best = (key, score, s, e)
    if best is None:
        return start, end, _ratio(text[start:end], quote)
    _, score, s, e = best
    return s, e, score


def _fits(padded: str, context: str, pos: int, within: tuple[int, int], *, after: bool) -> set[int]:
    """Offsets in ``within`` next to which (up to 12 characters of) the context occurs.

    ``after=True``: offsets just after the context (a start); else just before it (an
    end). The three nearest ``pos`` are returned, as offsets into the unpadded text.
    """
    piece = context[-12:] if after else context[:12]
    if not piece:
        return set()
    found: list[int] = []
    lo = max(0, within[0] + 1 - len(piece))
    hi = min(len(padded), within[1] + 1 + len(piece))
    at = padded.find(piece, lo, hi)
    while at >= 0:
        offset = (at + len(piece) if after else at) - 1
        if 0 <= offset <= len(padded) - 2:
            found.append(offset)
        at = padded.find(piece, at + 1, hi)
    return set(sorted(found, key=lambda o: abs(o - pos))[:3])


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _near(text: str, pos: int, *, starts: bool, reach: int = 12) -> list[int]:
    """``pos`` and the word boundaries closest to it on either side."""
    out = {pos}
    lo, hi = max(0, pos - reach), min(len(text), pos + reach)
    for i in range(lo, hi + 1):
        if starts:
            boundary = i == 0 or (not text[i - 1].isalnum() and i < len(text) and text[i].isalnum())
        else:
            boundary = i == len(text) or (i > 0 and text[i - 1].isalnum() and not text[i].isalnum())
        if boundary:
            out.add(i)
    return sorted(out, key=lambda i: abs(i - pos))[:5]
