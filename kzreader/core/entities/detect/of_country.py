"""``of [the] [Republic of] <country>`` after a body's name: the country it belongs to."""

from __future__ import annotations

from ..gazetteer import Gazetteer
from ..names import name_key
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
