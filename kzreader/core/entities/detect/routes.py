"""Routes named after their ends, whatever the ends are: ``the Dostyk–Alashankou
crossing``, ``the new Darbaza–Maktaaral and Bakhty–Ayagoz lines``.

Found before the other passes, on the text, because a dash between two capitalised
words splits them into two tokens that each pass would take for a town. A route noun
in the singular is part of the name (``the Dostyk–Moyinty line``); after a list, in the
plural, it belongs to every route listed and to none (``Darbaza–Maktaaral``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PART = r"[A-Z][\w'’]+"
_PAIR = re.compile(rf"{_PART}(?:[–—]{_PART}){{1,2}}")
_NOUNS = (
    "line railway railroad pipeline highway road crossing corridor route link checkpoint "
    "motorway bridge"
).split()
_NOUN = re.compile(
    r" (?:(?:rail|railway|road|gas|oil|power|transmission|high-speed|motor|border|new) )?"
    rf"({'|'.join(_NOUNS)})(s?)\b"
)
_LIST = re.compile(r",? and |, ")


def routes(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the routes' names in ``text``."""
    if "–" not in text and "—" not in text:
        return
    pending: list[tuple[int, int]] = []
    position = 0
    while (pair := _PAIR.search(text, position)) is not None:
        start, end = pair.span()
        position = end
        continued = bool(pending) and _LIST.fullmatch(text[pending[-1][1] : start]) is not None
        if not continued:
            pending = []
            if re.search(rf"{_PART} $", text[max(0, start - 40) : start]):
                continue  # "Central Asia–Center pipeline": the gazetteer's pass takes it
        pending.append((start, end))
        noun = _NOUN.match(text, end)
        if noun is None:
            if not _LIST.match(text, end):
                pending = []
            continue
        plural = bool(noun.group(2))
        if plural and len(pending) >= 2:
            yield from pending
        elif not plural and len(pending) == 1:
            yield start, noun.end()
        pending = []
