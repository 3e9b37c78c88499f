"""Clubs named after their city: ``Shakhter Karagandy``, ``Zenit St Petersburg``,
``Akron Tolyatti``. The word before a known city is the club's own name when nothing
else explains it; the gazetteer pass then takes the two as one organisation.
"""

from __future__ import annotations

from .. import lexicon as lx
from ..gazetteer import GazEntry, Gazetteer
from ..names import name_key
from ..tokens import Token

_PLACE_QUALIFIERS = lx.DIRECTIONS | frozenset(
    "greater downtown metropolitan old new inner outer black white".split()
)


def team_before(
    gaz: Gazetteer,
    article_lower: frozenset[str],
    tokens: list[Token],
    i: int,
    n: int,
    entry: GazEntry,
) -> bool:
    """Whether the word right before a known city at ``i`` is a club's own name: a
    word the gazetteer and the article's lower-case words don't know, and the two
    words a name of their own (not inside "Gazprom Dobycha Orenburg LLC")."""
    if not entry.is_town:
        return False
    if i == 0:
        return False
    prev = tokens[i - 1]
    text = prev.paragraph
    if text[prev.end : prev.end + 1] != " ":
        return False  # (not "Nevada–Semipalatinsk")
    if i >= 2 and tokens[i - 2].cap and text[tokens[i - 2].end : prev.start] == " ":
        return False
    if (
        i + n < len(tokens)
        and tokens[i + n].cap
        and text[tokens[i + n - 1].end : tokens[i + n].start] == " "
    ):
        return False
    low = prev.lower
    if low in lx.COMMON or low in _PLACE_QUALIFIERS or low in article_lower or prev.acronym:
        return False
    if low in lx.PLACE_FIRST_HEADS or low in lx.PLACE_PREPOSITIONS:
        return False  # "Lake Shalkar", "Outside Almaty"
    if low.endswith(("ed", "ic", "al", "ing")):
        return False  # "Besieged Mariupol", "Historic Bukhara", "Imperial St Petersburg"
    key = name_key(prev.text)
    return key not in gaz.by_key and key not in gaz.titles and len(key) >= 4
