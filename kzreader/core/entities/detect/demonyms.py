"""Names that start with a people's or a region's adjective: ``Kazakh National
University``, ``Eurasian Development Bank``, ``Kazakh-British Technical University``.

The adjectives are marked soft by the gazetteer pass (a demonym is no mention); these
tell the span pass where such a name's own words begin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .. import lexicon as lx
from ..gazetteer import Gazetteer
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap

#: Where a capitalised run from a token ends (``Runs._run_end``).
RunEnd = Callable[[str, list[Token], int], int]


def demonym_pair(demonyms: Mapping[str, str], word: str) -> bool:
    """``Kazakh-British``, ``Russian-Kazakh``: demonyms joined by a hyphen."""
    parts = word.split("-")
    return len(parts) > 1 and all(name_key(p) in demonyms for p in parts)


def demonym_org(gaz: Gazetteer, run_end: RunEnd, text: str, tokens: list[Token], i: int) -> int:
    """``Kazakh National University``, ``Eurasian Development Bank``, ``Central Asian
    Power System``: adjectives of a people or region start the name. Returns the index
    of the name's first word after them, or 0."""
    k = i
    while k < len(tokens) and k < i + 2 and tokens[k].kind == "soft" and tokens[k].cap:
        key = name_key(tokens[k].text)
        two = name_key(text[tokens[i].start : tokens[k].end])
        pair = name_key(text[tokens[k].start : tokens[k + 1].end]) if k + 1 < len(tokens) else ""
        if not (
            key in gaz.demonyms
            or demonym_pair(gaz.demonyms, tokens[k].text)  # "Kazakh-British"
            or two in gaz.non_entities
            or key in gaz.non_entities
            or (k == i and pair in gaz.non_entities)  # "Central Asian Power System"
        ):
            break
        k += 1
    if k == i or k >= len(tokens):
        return 0
    nxt = tokens[k]
    if not nxt.cap or nxt.kind or _gap(text, tokens[k - 1], nxt) != " ":
        return 0
    j = run_end(text, tokens, k)
    if not tokens[j - 1].cap or strip_possessive(tokens[j - 1].text).lower() in lx.DROP_HEADS:
        return 0
    if j == k + 1 and nxt.lower in lx.COMMON:
        return 0  # "Russian TV", "Kazakh Police": a description, not a name
    headed = any(t.cap and strip_possessive(t.text).lower() in lx.ORG_HEADS for t in tokens[k:j])
    return k if headed else 0
