"""Word lists, patterns and word shapes shared by every stage of detection.

Kept apart from the passes so that each pass module reads as its own rules, and so that
``resolve`` can share ``FIRST_NAME_KEYS`` without reaching into a pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import lexicon as lx
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap

CONNECTORS = frozenset({"of", "for", "and", "the", "de", "on", "&"})
PREFIXES = frozenset({"pro", "anti", "post", "pre", "non", "neo", "ex", "then"})
STOP_CONTINUATION = (
    frozenset(
        "of in on at to by with from who which that is was were are has had have said says told "
        "the a an as for".split()
    )
    | lx.SAY_VERBS
)
EPITHETS = frozenset({"great", "terrible", "elder", "younger", "wise", "bold"})
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = ARTICLES | {"this", "that", "these", "those", "its", "their", "our"}
SHOUT = re.compile(r"[A-ZА-ЯЁ]{3,}[a-zа-яё]")
ADJECTIVE_SUFFIXES = (
    "ism", "ist", "ists", "ite", "ites", "ic", "ish", "ese", "ian", "ians", "ean", "eans",
    "ovs", "evs",
)  # fmt: skip
GENERIC_LOWER = frozenset({"foreign", "interior", "defence", "defense", "justice", "finance"})
KNOWN_NOUNS = (
    lx.ROLE_NOUNS | lx.ORG_NOUNS_AFTER | lx.PLACE_NOUNS_JOINED | lx.WORK_NOUNS | lx.SAY_VERBS
)
#: Credits: ``Reporting by``, ``Editing by``, ``Photo:``, ``Credit:`` (what follows is a
#: person, or after a slash the agency).
CREDIT_WORDS = frozenset(
    "reporting editing writing compiled photo photos reported written edited translated "
    "additional".split()
)
#: Place heads after a known name that make another place (``Naryn River``, not Naryn).
NATURAL = frozenset("river lake valley mountains mountain gorge reservoir dam pass".split())
#: Endings of towns named after a person (Kurchatov, Satpayev, Tursunzoda): after a
#: capitalised word, the person.
SURNAME_PLACES = ("ov", "ev", "zoda")

#: Endings that make a word a surname beyond doubt (after a first word, in a run).
STRONG_SURNAME_ENDS = (
    "ov", "ova", "ev", "eva", "yev", "yeva", "enko", "uly", "kyzy", "bayev", "ovich",
    "evich", "ovna", "evna", "shvili", "dze", "zoda",
)  # fmt: skip

#: Lower-case particles inside a person's name.
NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "al", "bin", "ibn"})
CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ым", "ой", "ей", "ом", "ем", "ам", "ям",
               "ах", "ях", "ы", "и", "е", "у", "ю", "а", "я")  # fmt: skip
#: Site navigation kept by a copy-paste: "1. Home", "2. Environment".
NAVIGATION = re.compile(r"^\s*\d{1,2}\.\s+\w+(?:\s+\w+)?\s*$")
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zа-яё][\w'’]{2,}")
DOMAIN = re.compile(r"\.(kz|ru|com|org|net|ua|kg|uz|info|news)$", re.IGNORECASE)
FIRST_NAME_KEYS = frozenset(name_key(n) for n in lx.FIRST_NAMES)

#: Weight of the optional model's opinion: a cue word outweighs it, several agree with it.
MODEL_VOTE = 0.75

#: A proposer adds (start, end, type) spans for a paragraph's text (spaCy, when enabled).
Proposer = Callable[[str], list[tuple[int, int, str]]]


def is_calendar(token: Token) -> bool:
    return token.lower in lx.CALENDAR


#: ``QazaqGaz``, ``KazMunayGas``, and with capitals after the inner one (``UxC``, ``KazISS``).
CAMEL = re.compile(r"^(?!Mc|Mac|O'|O’|De|Di|La|Le|Van|Von)[A-Z][a-z]+[A-Z](?:[a-z]{2,}|[A-Z]*$)")


def company_word(word: str) -> bool:
    """A one-word company name by its shape: ``QazaqGaz``, ``TotalEnergies``, ``Rosatom``."""
    if CAMEL.match(word):
        return True
    low = word.lower()
    # A long stem is evidence enough after a two-letter country prefix (``Uzhydromet``).
    return any(
        low.endswith(stem) and len(low) >= len(stem) + (2 if len(stem) >= 6 else 3)
        for stem in lx.COMPANY_STEMS
    )


def head_of(word: str) -> str:
    """A word as a name's head: lower case, no possessive, no number after a hyphen
    (``GRES-1`` is a ``gres``), a body's head after one (``Telecom-Service``)."""
    low = strip_possessive(word).lower()
    stem, dash, number = low.rpartition("-")
    if dash and stem and number.isdigit():
        return stem
    return number if dash and stem and number in lx.ORG_HEADS else low


#: A match's score after a name: "beating Ordabasy 2-1" (a team; en dashes split "2–1").
SCORE = re.compile(r"\d{1,2}(?:-\d{1,2})?$")


def score_at(text: str, tokens: list[Token], k: int) -> bool:
    """Whether a match's score starts at token ``k`` (``2-1``, ``3–0``, not ``2025``)."""
    word = tokens[k].text
    if not SCORE.match(word):
        return False
    if "-" in word:
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        nxt is not None
        and _gap(text, tokens[k], nxt) in ("–", "—")
        and nxt.text.isdigit()
        and len(nxt.text) <= 2
    )


def org_noun(low: str) -> bool:
    """A kind of organisation, or its plural (``bank``, ``companies``, ``services``)."""
    if low in lx.ORG_NOUNS_AFTER:
        return True
    if not low.endswith("s") or len(low) < 5:
        return False
    if low.endswith("ies") and low[:-3] + "y" in lx.ORG_NOUNS_AFTER:
        return True
    return low[:-1] in lx.ORG_NOUNS_AFTER and low[:-1] not in ("new", "site", "unit")


def surname_shaped(key: str) -> bool:
    """A word shaped like a surname (``Solntsev``, ``Turegaliyeva``)."""
    return len(key) >= 5 and key.endswith(lx.SURNAME_SUFFIXES)


def role_noun(low: str) -> bool:
    """A role noun or its plural (``analyst``, ``economists``)."""
    return low in lx.ROLE_NOUNS or (low.endswith("s") and low[:-1] in lx.ROLE_NOUNS)


def office_before(text: str, tokens: list[Token], a: int) -> bool:
    """``the president of Cameco, <span>``: an office of a named body before the comma."""
    k = a - 1
    while (
        k > 0 and a - k <= 4 and tokens[k].cap and not _gap(text, tokens[k - 1], tokens[k]).strip()
    ):
        k -= 1
    if k < 1 or tokens[k].lower != "of" or k == a - 1:
        return False
    office = tokens[k - 1].lower
    return office in lx.OFFICES_OF_ORGS or office in lx.ROLE_NOUNS


#: A number written as an ordinal (``98th``, ``31st``) and the military units named with
#: one (``the 98th Guards Airborne Division``).
ORDINAL = re.compile(r"^\d{1,4}(?:st|nd|rd|th)$")
UNITS = frozenset("division brigade regiment battalion army corps fleet squadron".split())
