"""Finding a bookmark's quote again when the text around it was edited: close matches.

The last resort of ``anchor.locate``: paragraphs sharing the quote's longest words
are compared with difflib, the best one's span refined to the ends the stored
context agrees with. A match below ``FUZZY_THRESHOLD`` is no match (an orphan).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Protocol

from .model import Anchor, Location, Match

#: A fuzzy match must be at least this similar to the quote (difflib ratio).
FUZZY_THRESHOLD = 0.8
#: Quotes shorter than this are too ambiguous to look for approximately.
FUZZY_MIN_CHARS = 12
#: How many candidate paragraphs a fuzzy search compares in detail.
FUZZY_CANDIDATES = 24
#: How much agreeing context counts beside similarity: when choosing among candidate
#: paragraphs and when choosing a span's ends.
CONTEXT_WEIGHT = 0.25
#: How many of a quote's words pick the paragraphs worth a close look.
FUZZY_KEY_WORDS = 8

_WORDS = re.compile(r"\w+")


class Paragraphs(Protocol):
    """An article's paragraphs, with a fast look-up of those holding some words."""

    @property
    def texts(self) -> Sequence[str]: ...

    def paragraphs_with(self, words: list[str]) -> dict[int, int]: ...


def fuzzy_locate(anchor: Anchor, doc: Paragraphs) -> Location | None:
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
            agree = common_suffix(before, padded[: s + 1]) + common_prefix(after, padded[e + 1 :])
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


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def common_suffix(a: str, b: str) -> int:
    return common_prefix(a[::-1], b[::-1])


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
