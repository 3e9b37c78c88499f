"""Registered names with their country in brackets: ``VTB Bank (Kazakhstan)``, ``SRK
Consulting (UK) Limited``, ``Caspian Offshore Construction (Kazakhstan) LLP``.

A company's local arm is registered so; the bracket would otherwise end the name and
leave the country a mention of its own. Found first, on the text, where the words before
the bracket end as a company's name does or a legal form follows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import lexicon as lx
from ..names import name_key
from ..tokens import Token
from ..tokens import gap as _gap
from .patterns import ARTICLES, head_of

_BRACKET = re.compile(
    r" \((?P<country>[A-Z][\w .'’-]{1,30}?)\)(?: (?P<form>LLP|LLC|Ltd\.?|Limited|JSC|B\.V\.|"
    r"GmbH|Inc\.?|AG|PLC|plc|S\.A\.|TOO|AO))?"
)
_SHORT_COUNTRIES = frozenset({"UK", "US", "USA", "UAE", "KZ", "RK"})


def registered(
    text: str, tokens: list[Token], country_of: Callable[[str], str | None]
) -> list[tuple[int, int]]:
    """Character spans of such names; ``country_of`` knows countries' keys."""
    if " (" not in text:
        return []
    ends = {t.end: k for k, t in enumerate(tokens)}
    found = []
    for match in _BRACKET.finditer(text):
        inner = match.group("country")
        if inner not in _SHORT_COUNTRIES and not country_of(name_key(inner)):
            continue
        last = ends.get(match.start())
        if last is None or not tokens[last].cap:
            continue
        head = head_of(tokens[last].text)
        if not match.group("form") and head not in lx.ORG_HEADS and head not in lx.BUSINESS_WORDS:
            continue
        first = last
        while first > 0 and last - first < 5:
            prev = tokens[first - 1]
            gap = _gap(text, prev, tokens[first])
            if prev.cap and gap in (" & ", "&"):
                first -= 1  # "Ernst & Young (Kazakhstan) LLP"
                continue
            if not prev.cap or gap != " ":
                break
            first -= 1
        while first < last and (
            tokens[first].lower in ARTICLES
            or (tokens[first].initial and tokens[first].lower in lx.COMMON)
        ):
            first += 1
        found.append((tokens[first].start, match.end()))
    return found
