"""Shapes of names that a run of capitalised words does not show by itself.

A minister's portfolio before a name, companies joined by "and", a ministry named by a
list, a site or facility named by the lower-case words after a name, a street or a
place that a common word or a direction starts. Each is a function of the tokens (and
the gazetteer where it must know a name), shared by the passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import lexicon as lx
from ..gazetteer import Gazetteer
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .patterns import FIRST_NAME_KEYS, KNOWN_NOUNS, STRONG_SURNAME_ENDS, head_of

_MINISTER = frozenset({"minister", "ministers"})


def street_after(text: str, tokens: list[Token], i: int) -> bool:
    """Whether a capitalised street head (Square, Avenue) follows ``i`` and ends the run."""
    if i + 1 >= len(tokens) or _gap(text, tokens[i], tokens[i + 1]) != " ":
        return False
    head = tokens[i + 1]
    if not head.cap or head.kind or strip_possessive(head.lower) not in lx.STREET_HEADS:
        return False
    return i + 2 >= len(tokens) or not tokens[i + 2].cap or _gap(text, head, tokens[i + 2]) != " "


def street_title(text: str, tokens: list[Token], i: int, n: int) -> bool:
    """Whether the title at ``i`` (``n`` tokens) is a word of a street's, station's or
    prize's name (``Abylai Khan Avenue``, ``Raiymbek Batyr station``, ``Billie Jean King
    Cup``): a name before it, a street head or a capitalised event's head after it."""
    if i == 0 or i + n >= len(tokens):
        return False
    before, head = tokens[i - 1], tokens[i + n]
    return (
        before.cap
        and _gap(text, before, tokens[i]) == " "
        and _gap(text, tokens[i + n - 1], head) == " "
        and (
            strip_possessive(head.lower) in lx.STREET_HEADS
            or (head.cap and head.lower in lx.DROP_HEADS)
        )
    )


def head_after_title(text: str, tokens: list[Token], i: int, n: int) -> bool:
    """Whether a capitalised organisation's head follows the title at ``i`` (``Premier
    League``, ``Khan Bank``): the title word is a word of the body's name."""
    k = i + n
    return (
        k < len(tokens)
        and tokens[k].cap
        and _gap(text, tokens[k - 1], tokens[k]) == " "
        and (head_of(tokens[k].text) in lx.ORG_HEADS or tokens[k].lower in lx.BUSINESS_WORDS)
    )  # ("Al Noor Horizon General Trading")


def listed_units(text: str, tokens: list[Token], i: int) -> tuple[list[tuple[int, int]], int]:
    """``Akmola, Kostanay and North Kazakhstan regions``: names listed before one plural
    unit noun are each that unit (``Akmola Region``), not the towns they are named
    after. The items' token spans and the noun's index, or ``([], 0)``."""
    items: list[tuple[int, int]] = []
    k, closed = i, False
    while k < len(tokens) and len(items) < 8:
        start = k
        while k < len(tokens) and k < start + 3 and tokens[k].cap:
            if k > start and _gap(text, tokens[k - 1], tokens[k]) != " ":
                break
            if tokens[k].text.endswith(("'s", "’s")):
                return [], 0  # "Iran's Amirabad and Anzali ports": the country's, not a list
            k += 1
        first = tokens[start].lower if k > start else ""
        if k == start or k >= len(tokens) or (first in lx.COMMON and first not in lx.DIRECTIONS):
            return [], 0  # ("In Almaty and Astana regions" lists no "In Almaty")
        items.append((start, k))
        gap = _gap(text, tokens[k - 1], tokens[k])
        low = tokens[k].lower
        if closed:
            if gap == " " and low in lx.PLURAL_UNITS and len(items) >= 2:
                return items, k
            return [], 0
        if gap == ", " and tokens[k].cap:
            continue
        if gap in (" ", ", ") and low in ("and", "or") and k + 1 < len(tokens):
            if _gap(text, tokens[k], tokens[k + 1]) != " ":
                return [], 0
            k, closed = k + 1, True
            continue
        return [], 0
    return [], 0


def title_after(text: str, tokens: list[Token], j: int) -> bool:
    """Whether an office's word and a name follow a body's name (``Senate speaker Maulen
    Ashimbayev``, ``Cabinet Chairman Adylbek Kasymaliev``): the body is part of a title."""
    if j + 1 >= len(tokens) or _gap(text, tokens[j - 1], tokens[j]) != " ":
        return False
    office, name = tokens[j], tokens[j + 1]
    return (
        office.lower in lx.BODY_OFFICES
        and name.cap
        and _gap(text, office, name) == " "
        and name_key(name.text) in FIRST_NAME_KEYS
    )


def two_companies(tokens: list[Token], start: int, m: int, j: int) -> bool:
    """Whether "and" at ``m`` joins two companies' names, not words of one name: both
    sides end with a legal form, a head or a business word, and the word after "and"
    is none, nor an adjective ("Kazakh Oil and Gas Institute" is one name)."""

    def ends(token: Token) -> bool:
        low = head_of(token.text)
        return token.cap and (
            low in lx.LEGAL_FORM_ENDS or low in lx.ORG_HEADS or low in lx.BUSINESS_WORDS
        )

    if tokens[m].lower != "and" or any(t.lower in ("of", "for") for t in tokens[start:m]):
        return False
    after = tokens[m + 1].lower
    if after in lx.BUSINESS_WORDS or after in lx.ORG_HEADS:
        return False
    if after.endswith(("al", "ing", "ic", "ive")):
        return False  # "Almalyk Mining and Metallurgical Combine": an adjective goes on
    return ends(tokens[m - 1]) and ends(tokens[j - 1])


def after_portfolio(text: str, tokens: list[Token], i: int, j: int) -> int:
    """A minister's portfolio is part of the title, not a name (``Minister of Culture
    and Information Aida Balayeva``, ``Energy and Water Resources Minister``): where
    the name after it starts (the portfolio's end when none does), or 0 for a run
    that is no portfolio."""
    before = (
        i >= 2
        and tokens[i - 1].lower in ("of", "for")
        and strip_possessive(tokens[i - 2].lower) in _MINISTER
        and _gap(text, tokens[i - 2], tokens[i - 1]) == " "
    )
    # The stretch of capitalised words, joined by "and", "of" and commas.
    m = i
    while m < len(tokens):
        token = tokens[m]
        if m > i and _gap(text, tokens[m - 1], token) not in (" ", ", "):
            break
        if not ((token.cap and not token.kind) or (m > i and token.lower in ("and", "of"))):
            break
        m += 1
    while m > i and not tokens[m - 1].cap:
        m -= 1
    after = (
        m < len(tokens)
        and strip_possessive(tokens[m].lower) in _MINISTER
        and _gap(text, tokens[m - 1], tokens[m]) == " "
    )
    if not (before or after):
        return 0
    for k in range(i, m):
        key = name_key(strip_possessive(tokens[k].text))
        if key in FIRST_NAME_KEYS or (len(key) >= 5 and key.endswith(lx.SURNAME_SUFFIXES)):
            return k if k > i and before and not after else 0
    return m


def site_after(text: str, tokens: list[Token], k: int) -> int:
    """``X field``, ``X gas condensate field``, ``X migration centre``: where the
    lower-case words naming a site that follow end (0 when none do)."""
    m = k
    while m < len(tokens) and m < k + 4 and not _gap(text, tokens[m - 1], tokens[m]).strip():
        low = tokens[m].lower
        if low in lx.SITE_NOUNS:
            return m + 1
        if low in lx.FACILITY_NOUNS and m > k and tokens[m - 1].lower in lx.FACILITY_KINDS:
            return m + 1
        if low not in lx.SITE_MODIFIERS and low not in lx.FACILITY_KINDS:
            return 0
        m += 1
    return 0


def portfolio_list_end(gaz: Gazetteer, text: str, tokens: list[Token], i: int, n: int) -> int:
    """Where a ministry's name goes on as a list of its portfolios (``Ministry of
    Culture, Information, Sports and Youth Policy``): the end of the list, else 0.
    The list must close with "and"; no item may be a known name or a body's head
    (``Ministry of Energy, the Finance Ministry and …`` lists bodies)."""
    if n < 3 or tokens[i + 1].lower not in ("of", "on", "for") or not tokens[i + n - 1].cap:
        return 0  # ("Committee on Budget, Economy and Fiscal Policy" too)
    k, closed = i + n, False
    while k < len(tokens) and not closed:
        gap = _gap(text, tokens[k - 1], tokens[k])
        if tokens[k].lower == "and" and gap in (" ", ", "):
            closed, k = True, k + 1
        elif gap != ", ":
            return 0
        item = k
        while k < len(tokens) and (k == item or _gap(text, tokens[k - 1], tokens[k]) == " "):
            word = tokens[k]
            if not word.cap or word.kind or word.lower in lx.ORG_HEADS:
                break
            if name_key(strip_possessive(word.text)) in gaz.by_key:
                return 0
            k += 1
        if k == item:
            return 0
    return k if closed else 0


def document_title_end(text: str, tokens: list[Token], i: int) -> int:
    """``Convention on the Protection and Use of Transboundary Watercourses and
    International Lakes``: a document named by its subject is no entity, nor are the
    names in its title. Where the title ends, else 0."""
    if i + 2 >= len(tokens) or tokens[i].lower not in _DOCUMENTS or not tokens[i].cap:
        return 0
    if tokens[i + 1].lower not in ("on", "of") or _gap(text, tokens[i], tokens[i + 1]) != " ":
        return 0
    k, last_cap = i + 1, 0
    while k < len(tokens) and _gap(text, tokens[k - 1], tokens[k]) == " ":
        if tokens[k].cap:
            last_cap = k
        elif tokens[k].lower not in _TITLE_JOINERS:
            break
        k += 1
    return last_cap + 1 if last_cap else 0


_TITLE_JOINERS = frozenset({"the", "and", "of", "on", "for", "in", "to", "between"})
#: Documents named by their subject (not "Conference on Interaction …", a body).
_DOCUMENTS = frozenset(
    "convention treaty agreement accord law code act declaration decree resolution bill "
    "constitution doctrine concept strategy programme program plan memorandum protocol "
    "charter".split()
)
#: A quick look for one in a paragraph's text, before its tokens are walked.
DOCUMENT_WORDS = tuple(f"{w.capitalize()} o" for w in sorted(_DOCUMENTS))
DOCUMENT_TITLE = re.compile(
    r"\b(?:" + "|".join(sorted(w.capitalize() for w in _DOCUMENTS)) + r") (?:on|of) "
)


def of_population(text: str, tokens: list[Token], j: int) -> int:
    """``Ministry of Labour and Social Protection of Population``: Central Asian
    ministries' names go on with "of (the) Population". Where that ends, else 0."""
    k = j + 1 if j + 1 < len(tokens) and tokens[j + 1].lower == "the" else j
    if (
        k + 1 < len(tokens)
        and tokens[j].lower == "of"
        and tokens[k + 1].lower == "population"
        and tokens[k + 1].cap
        and _gap(text, tokens[j - 1], tokens[j]) == " "
    ):
        return k + 2
    return 0


def direction_before(gaz: Gazetteer, text: str, tokens: list[Token], i: int, key: str) -> bool:
    """Whether a capitalised direction before a known natural place (a sea, a lake, a
    basin: its name ends with a place head) makes another place of it."""
    entry_id = gaz.by_key.get(key)
    if entry_id is None or i == 0:
        return False
    entry = gaz.entries[entry_id]
    prev = tokens[i - 1]
    if (
        entry.type is not EntityType.PLACE
        or not prev.cap
        or prev.kind not in ("", "soft")
        or _gap(text, prev, tokens[i]) != " "
    ):
        return False
    if prev.lower in ("black", "white"):  # "the Black Irtysh": a river's headwater
        return gaz.country_of(key) is None
    return prev.lower in lx.DIRECTIONS and head_of(entry.name.split()[-1]) in lx.PLACE_HEADS


def name_reach(text: str, tokens: list[Token], i: int, longest: int) -> int:
    """How many tokens from ``i`` on (at most ``longest``) are close enough to be one name."""
    n = 1
    while n < longest:
        left, right = tokens[i + n - 1], tokens[i + n]
        if _gap(text, left, right).strip() not in ("", ".", "/", "&"):
            break
        if left.text.endswith(("'s", "’s")) and not right.text[:1].isupper():
            break
        n += 1
    return n


def route_end(text: str, tokens: list[Token], j: int) -> int:
    """One past ``–Center`` in ``Central Asia–Center pipeline`` (a dash, names, a route
    noun in lower case), or 0."""
    if j >= len(tokens) or _gap(text, tokens[j - 1], tokens[j]) not in ("-", "–", "—"):
        return 0
    k = j
    while k < len(tokens) and k < j + 3 and tokens[k].cap and tokens[k].lower not in lx.ROUTE_NOUNS:
        k += 1  # a headline writes "Atyrau–Samara Pipeline"
    if k == j or k >= len(tokens) or tokens[k].lower not in lx.ROUTE_NOUNS:
        return 0
    return k


def direction_place(
    text: str, tokens: list[Token], i: int, run_end: Callable[[str, list[Token], int], int]
) -> int:
    """The end of a place's name that a capitalised direction starts (``Southern Gas
    Corridor``): the run after it ends with a place head or a route noun; else 0."""
    token = tokens[i]
    if not token.cap or i + 1 >= len(tokens) or _gap(text, token, tokens[i + 1]) != " ":
        return 0
    if not tokens[i + 1].cap or tokens[i + 1].kind:
        return 0
    j = run_end(text, tokens, i + 1)
    head = head_of(tokens[j - 1].text)
    if not tokens[j - 1].cap or not (head in lx.PLACE_HEADS or head in lx.ROUTE_NOUNS):
        return 0
    return j


def may_end(last: Token) -> bool:
    """Whether a multi-word name may end with this token."""
    if last.cap or last.text[:1].isdigit():
        return True
    low = last.lower
    return (
        low in lx.PLACE_NOUNS_JOINED or low in lx.ORG_NOUNS_JOINED or low in ("court", "ministry")
    )


def legal_prefix_end(text: str, tokens: list[Token], i: int) -> int:
    """Where a legal form before a name (``AO``, ``PJSC MMC`` before a known one) ends,
    else 0: the form is no part of the name, whose register it gives."""
    if tokens[i].text not in lx.LEGAL_PREFIXES:
        return 0
    m = i + 1
    while m < len(tokens) and m < i + 3 and tokens[m].acronym and not tokens[m].kind:
        if _gap(text, tokens[m - 1], tokens[m]) != " ":
            return 0
        m += 1
    if m >= len(tokens) or _gap(text, tokens[m - 1], tokens[m]) != " ":
        return 0
    if tokens[m].kind == "hard" or (m == i + 1 and tokens[m].cap and not tokens[m].kind):
        return m  # (before an unknown name the form votes for a company: _context_votes)
    return 0


def singular(noun: str) -> str:
    """``fields`` → ``field``: one site of a plural noun names each of them."""
    if noun.endswith("s") and noun[:-1].lower() in lx.SITE_NOUNS:
        return noun[:-1]
    return noun


def known_noun(low: str) -> bool:
    """A noun the lexicon knows, or its plural (``Retailers Magnit and …``)."""
    return low in KNOWN_NOUNS or (low.endswith("s") and low[:-1] in KNOWN_NOUNS)


def plain_noun(low: str, article_lower: frozenset[str]) -> bool:
    """A sentence's first word that is a common noun: known, written in lower case
    elsewhere in the article, or a plural."""
    return (
        known_noun(low)
        or low in article_lower
        or (low.endswith("s") and not low.endswith("ss") and len(low) > 3)
    )


#: Heads of companies' names that a country's name may follow (``TBC Bank Uzbekistan``).
_ARM_HEADS = frozenset(
    "bank group holding holdings company corporation airlines airways partners".split()
)


def arm_head(prev: Token) -> bool:
    """Whether the word before a country's name ends a company's name (``TBC Bank``,
    ``Home Credit Group``), so that the country names the company's arm."""
    low = head_of(prev.text)
    return low in lx.BUSINESS_WORDS or low in _ARM_HEADS


def surname_next(tokens: list[Token], i: int) -> bool:
    """Whether a surname-shaped word follows token ``i`` (``Roman Yefimov``)."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    key = name_key(strip_possessive(nxt.text))
    return (
        nxt.cap
        and nxt.paragraph[tokens[i].end : nxt.start] == " "
        and len(key) >= 6
        and key.endswith(STRONG_SURNAME_ENDS)
    )
