"""Another place named after a known one: a unit or facility noun after it (``Beineu
district``, ``the Beineu compressor station``), or a field or deposit named after a town
(``the Orenburg field``), a crossing named after a company's word (``the Zhibek Zholy
checkpoint``); and a sea's adjective that names no place (``Caspian ports``). Asked by
the passes, so that none takes the town, the company or the sea. And a maker's name
before a model code (``Airbus A320neo``), which names the product.
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..gazetteer import Gazetteer
from ..model import EntityType
from ..names import strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap


def unit_after(text: str, tokens: list[Token], j: int) -> int:
    """Where the unit noun at ``j`` ends when it makes another place of the known place
    before it (``Beineu district``, ``Moskva station``, ``Leningrad Region``, ``the
    Beineu compressor station``), else 0."""
    if j >= len(tokens) or _gap(text, tokens[j - 1], tokens[j]) != " ":
        return 0
    low = strip_possessive(tokens[j].lower)
    if not tokens[j].cap:
        if low in lx.UNIT_NOUNS:
            return j + 1
        facility = (
            low in lx.FACILITY_KINDS
            and j + 1 < len(tokens)
            and strip_possessive(tokens[j + 1].lower) in lx.FACILITY_NOUNS
            and _gap(text, tokens[j], tokens[j + 1]) == " "
        )
        return j + 2 if facility else 0
    more = j + 1 < len(tokens) and tokens[j + 1].cap and _gap(text, tokens[j], tokens[j + 1]) == " "
    return j + 1 if low in lx.ADMIN_HEADS and not more else 0  # (not "Moscow District … Court")


#: Nouns of a field or deposit named after a place (``the Orenburg gas field``).
_FIELD_NOUNS = ("field", "deposit", "oilfield", "fields", "deposits", "basin")


def field_after(gaz: Gazetteer, text: str, tokens: list[Token], j: int, entry_id: str) -> int:
    """``the Orenburg field``, ``the Orenburg gas field``: a field or deposit named after
    the known place before ``j`` that is no field itself (the gazetteer lists fields with
    their noun: ``Tengiz field``) nor a country (``Uzbekistan's field``). One past the
    noun, else 0. (Plants named after towns stay mentions of them, as annotated so far.)"""
    if j >= len(tokens) or tokens[j - 1].text.endswith(("'s", "’s")):
        return 0
    m = j
    while m < j + 3 and m < len(tokens) and tokens[m].lower in lx.SITE_MODIFIERS:
        m += 1  # "gas processing"
    if m >= len(tokens) or tokens[m].lower not in _FIELD_NOUNS:
        return 0
    if any(_gap(text, tokens[k - 1], tokens[k]) != " " for k in range(j, m + 1)):
        return 0
    entry = gaz.entries[entry_id]
    if entry.type is not EntityType.PLACE or entry.country:
        return 0
    return 0 if any(a.lower().endswith(_FIELD_NOUNS) for a in entry.aliases) else m + 1


#: Nouns a sea's adjective describes (``Caspian ports``): no mention of the sea.
SEA_MODIFIED = frozenset(
    "ports port route routes states countries nations region shelf basin shipping fleet"
    " ferries ferry pipeline pipelines littoral sturgeon seal seals summit corridor".split()
)


def sea_as_modifier(gaz: Gazetteer, text: str, tokens: list[Token], i: int, key: str) -> bool:
    """``Caspian ports``, ``Baltic states``: a sea's adjective before a noun that it
    describes (not ``the Caspian``, nor ``Caspian coast``, the sea's own)."""
    entry_id = gaz.by_key.get(key)
    if entry_id is None or i + 1 >= len(tokens):
        return False
    entry = gaz.entries[entry_id]
    if not entry.name.endswith((" Sea", " Ocean")) or entry.name.split()[0] != tokens[i].text:
        return False
    nxt = tokens[i + 1]
    return _gap(text, tokens[i], nxt) == " " and not nxt.cap and nxt.lower in SEA_MODIFIED


def crossing_after(text: str, tokens: list[Token], i: int, k: int) -> int:
    """One past ``checkpoint``, ``crossing`` or ``border post`` in lower case right after
    the name from ``i`` to ``k``, when "the" comes before the name (``the Zhibek Zholy
    checkpoint``; not "a Taliban checkpoint", nor "KTZ crossing into China"); else 0."""
    if i == 0 or tokens[i - 1].lower != "the":
        return 0
    words: list[str] = []
    for t in tokens[k : k + 3]:
        if t.cap or _gap(text, tokens[len(words) + k - 1], t) != " ":
            break
        words.append(t.lower)
    if words[:1] == ["checkpoint"]:
        return k + 1
    if words[:1] == ["crossing"] and not (words[1:2] and words[1] in _PREPOSITIONS):
        return k + 1  # (a verb before a preposition)
    if words[:1] == ["border"] and words[1:2] and words[1] in ("checkpoint", "crossing", "post"):
        return k + 2
    return 0


_PREPOSITIONS = frozenset({"into", "to", "from", "at", "over", "the", "through"})


#: A product's model code after its maker (``A320neo``, ``737``, ``T-90``).
_MODEL_CODE = re.compile(
    r"^(?:[A-Z]{1,3}-?\d{2,4}[a-zA-Z]{0,4}|\d{3}(?:-\d{1,3})?|(?!19|20)\d{4})$"
)  # (not a year: "Boeing 2025 results")


def model_after(gaz: Gazetteer, text: str, tokens: list[Token], i: int, key: str) -> bool:
    """Whether a known company's name is a maker's before its product's model code
    (``Airbus A320neo``, ``Boeing 737``): the product, no mention of the company."""
    entry_id = gaz.by_key.get(key)
    if entry_id is None or gaz.entries[entry_id].type is not EntityType.ORGANISATION:
        return False
    if i + 1 >= len(tokens) or _gap(text, tokens[i], tokens[i + 1]) != " ":
        return False
    return _MODEL_CODE.match(tokens[i + 1].text) is not None


def no_mention_here(gaz: Gazetteer, text: str, tokens: list[Token], i: int, key: str) -> int:
    """How many words from ``i`` a one-word known name and what follows it name something
    else (a maker's product, a sea's adjective), so no mention of it; 0 when it is one."""
    if model_after(gaz, text, tokens, i, key):
        return 2  # "Airbus A320neo"
    return 1 if sea_as_modifier(gaz, text, tokens, i, key) else 0  # "Caspian ports"
