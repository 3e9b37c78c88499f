"""What a gazetteer match is in its context: the entity, a generic body, a title, a word
of no name, a surname alone, a club named after a city, or nobody it lists ("Farrukh
Karimov" is not Islam Karimov, "Igor Kurchatov" is not the town). Asked by the
gazetteer pass for every span it matches.
"""

from __future__ import annotations

from .. import lexicon as lx
from ..gazetteer import Gazetteer
from ..model import EntityType
from ..names import name_key
from ..tokens import Token
from .clubs import team_before
from .patterns import FIRST_NAME_KEYS, PREFIXES, SURNAME_PLACES
from .shapes import arm_head, surname_next

#: Endings of Russian adjectives that start a name of their own before a known one.
_RUSSIAN_ADJECTIVES = ("skiye", "skaya", "skoye", "skiy", "skii", "nyye", "naya", "noye")


def classify(
    gaz: Gazetteer, article_lower: frozenset[str], key: str, tokens: list[Token], i: int, n: int
) -> str | None:
    """What a known name at ``i`` (``n`` tokens, keyed ``key``) is here: "entity", "generic",
    "title", "soft" (no name), "weak" (a surname alone), "team" (a club named after the
    city), or None (no match: the words are someone or something else)."""
    token = tokens[i]
    if key in gaz.by_key:
        entry = gaz.entries[gaz.by_key[key]]
        # Short all-capital aliases (US, UN, RT) only match when written in capitals.
        if key in gaz.caps_keys and n == 1 and not token.acronym:
            return None
        prev = tokens[i - 1] if i else None
        named_before = (  # a capitalised word right before a one-word known name
            n == 1
            and prev is not None
            and prev.cap
            and not prev.kind
            and prev.end + 1 == token.start
        )
        if named_before and entry.type is EntityType.PERSON:
            return None  # "Farrukh Karimov" is not Islam Karimov
        if (
            named_before
            and prev is not None
            and entry.type is EntityType.ORGANISATION
            and prev.lower.endswith(_RUSSIAN_ADJECTIVES)
        ):
            return None  # "Tyumenskiye Izvestiya": another paper, named so
        if (
            named_before
            and prev is not None
            and entry.type is EntityType.PLACE
            and (
                name_key(prev.text) in FIRST_NAME_KEYS
                or (entry.name.endswith(SURNAME_PLACES) and prev.lower not in lx.COMMON)
            )
        ):
            return None  # "Igor Kurchatov" is the physicist, not the town named after him
        if n == 1 and entry.type is EntityType.PLACE and surname_next(tokens, i):
            return None  # "Toktogul Satylganov": the poet, whom the town is named after
        if named_before and prev is not None and entry.country and arm_head(prev):
            return None  # "TBC Bank Uzbekistan": a company's national arm, one name
        if (
            n <= 2
            and prev is not None
            and prev.cap
            and not prev.kind
            and team_before(gaz, article_lower, tokens, i, n, entry)
        ):
            return "team"  # "Shakhter Karagandy", "Zenit St Petersburg": a club of the city
        if (
            prev is not None
            and prev.text in lx.VENTURE_PREFIXES
            and prev.end + 1 == token.start
            and entry.type is not EntityType.ORGANISATION
        ):
            return None  # "JV Inkai" is the venture, not the deposit (but JSC Kazatomprom)
        return "entity"
    if key in gaz.generic:
        if not token.cap and (i == 0 or not gaz.country_of(name_key(tokens[i - 1].text))):
            return None
        return "generic"
    if key in gaz.titles and not tokens[i + n - 1].text.endswith(("'s", "’s")):
        return "title"
    if key in gaz.non_entities or key in gaz.demonyms or (n == 1 and token.lower in lx.CALENDAR):
        if n == 1 and key in FIRST_NAME_KEYS and surname_next(tokens, i):
            return None  # "Roman Yefimov", "Islam Zhaksylykov": a first name here
        return "soft"
    if n == 1 and key in gaz.weak_keys:
        # A surname alone; if a capitalised word precedes it, it is someone else's
        # full name (Rakhat Aliyev is not Ilham Aliyev).
        prev = tokens[i - 1] if i else None
        if prev and prev.cap and not prev.kind and prev.end + 1 >= token.start:
            return None
        return "weak"
    if n == 1 and "-" in token.text:
        parts = [name_key(p) for p in token.text.split("-")]
        if any(p in gaz.demonyms for p in parts) and all(
            p in gaz.demonyms or p in gaz.non_entities or p in PREFIXES for p in parts
        ):
            return "soft"
        if all(p in gaz.titles for p in parts):
            return "title"  # "Colonel-General", "Lieutenant-Colonel"
    return None
