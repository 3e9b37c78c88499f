"""Known names written from a token: ``of [the] [Republic of] <country>`` after a body's
name (the country it belongs to), and a known place's name (``near St Petersburg``)."""

from __future__ import annotations

from itertools import pairwise

from ..gazetteer import Gazetteer
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap


def of_country(gaz: Gazetteer, text: str, tokens: list[Token], j: int) -> tuple[int, str | None]:
    """``of [the] [Republic of] <country>`` at ``j``: one past it and the country."""
    if j >= len(tokens) or tokens[j].lower != "of":
        return 0, None
    if j and _gap(text, tokens[j - 1], tokens[j]) != " ":
        return 0, None  # (not "the CEC) of Kazakhstan": the name ended at the bracket)
    k = j + 1
    if k < len(tokens) and tokens[k].lower == "the":
        k += 1
    if k + 2 < len(tokens) and tokens[k].lower == "republic" and tokens[k + 1].lower == "of":
        k += 2  # "of the Republic of Tajikistan", whether or not the gazetteer lists it
    for width in (3, 2, 1):
        if k + width <= len(tokens):
            key = name_key(text[tokens[k].start : tokens[k + width - 1].end])
            country = gaz.country_of(key)
            if country and key in gaz.by_key:
                return k + width, country
    return 0, None


def place_end(gaz: Gazetteer, text: str, tokens: list[Token], k: int) -> int:
    """One past a known place's name written from token ``k`` (up to three
    capitalised words, matched by a pass or not), or 0."""
    for width in (3, 2, 1):
        last = k + width - 1
        if last >= len(tokens) or not all(t.cap for t in tokens[k : last + 1]):
            continue
        if any(_gap(text, a, b) != " " for a, b in pairwise(tokens[k : last + 1])):
            continue
        key = name_key(strip_possessive(text[tokens[k].start : tokens[last].end]))
        entry_id = gaz.by_key.get(key)
        if entry_id and gaz.entries[entry_id].type is EntityType.PLACE:
            return last + 1
    return 0
