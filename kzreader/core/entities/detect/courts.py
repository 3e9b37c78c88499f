"""Courts written in lower case after the place they sit in: ``the Almaty city court``,
``the Medeu district court``, ``the West Kazakhstan regional court``.

Kazakh and Russian copy in English writes a court's level in lower case, so neither
pass sees an organisation there: the gazetteer's takes the city, the span pass a
district. Found first, on the text; the court is an organisation and, like any name
nested in another, no mention of the place.
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..tokens import Token
from ..tokens import gap as _gap
from .patterns import ARTICLES

_COURT = re.compile(
    r" (?:(?:city|district|regional|region|oblast|municipal|military|garrison|appeals|"
    r"inter-district|interdistrict|specialised|specialized|economic|criminal|"
    r"administrative|juvenile|raion) )+court\b"
)


def courts(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of such courts' names."""
    if " court" not in text:
        return []
    found = []
    starts = {t.end: k for k, t in enumerate(tokens)}
    for match in _COURT.finditer(text):
        last = starts.get(match.start())
        if last is None or not tokens[last].cap:
            continue
        first = last
        while first > 0 and last - first < 3:
            prev = tokens[first - 1]
            if not prev.cap or prev.kind or _gap(text, prev, tokens[first]) != " ":
                break
            first -= 1
        while first <= last and (
            tokens[first].lower in ARTICLES
            or (tokens[first].initial and tokens[first].lower in lx.COMMON)
        ):
            first += 1
        if first > last:
            continue
        found.append((tokens[first].start, match.end()))
    return found
