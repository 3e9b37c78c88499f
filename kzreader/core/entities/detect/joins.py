"""What lets a capitalised run go on, or makes it stop, beyond its own words: a body
above it written in full with its country, a parliament after its chamber, a legal form
at the end, a portfolio after a country, an amount or a share after a number.

Functions of the tokens (the rules of ``Runs._run_end`` that need no detector state).
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..names import name_key
from ..tokens import Token
from ..tokens import gap as _gap
from .patterns import FIRST_NAME_KEYS, STOP_CONTINUATION, head_of, surname_shaped

#: The end of a state body's name written in full: "… of the Republic of Kazakhstan",
#: "… of the Kyrgyz Republic".
IN_FULL = re.compile(r"\b(?:of the Republic of [A-Z]\w+|[A-Z]\w+ Republic)$")
_SUPERIOR_IN_FULL = re.compile(
    r"[A-Z][\w'’-]*(?:,? (?:[A-Z][\w'’-]*|and|for|of|on|the)){1,14}? of the Republic of [A-Z]\w+"
)


def is_head(token: Token) -> bool:
    """Whether a capitalised word heads an organisation's or a place's name."""
    low = head_of(token.text)
    return token.cap and (
        low in lx.ORG_HEADS or low in lx.PLACE_HEADS or token.text in lx.CAPS_LEGAL_FORMS
    )


def superior_end(text: str, tokens: list[Token], k: int) -> int:
    """One past a known body's name from ``k`` (after "the") written in full with its
    country, the official style (``… of the Ministry of Transport of the Republic of
    Kazakhstan``): the body above the one named, part of its name. Else 0 (``the
    Ecological Inspectorate of the Ministry of Ecology`` names two bodies)."""
    if k < len(tokens) and tokens[k].lower == "the":
        k += 1
    if k >= len(tokens) or not is_head(tokens[k]):
        return 0
    end = hard_end(text, tokens, k)
    if end - k >= 3 and IN_FULL.search(text[tokens[k].start : tokens[end - 1].end]):
        return end
    # The superior unknown, its long name in full: "of the Ministry of Artificial
    # Intelligence and Digital Development of the Republic of Kazakhstan".
    written = _SUPERIOR_IN_FULL.match(text, tokens[k].start)
    if written is None:
        return 0
    ends = {t.end: m for m, t in enumerate(tokens)}
    return ends[written.end()] + 1 if written.end() in ends else 0


def registered_ahead(text: str, tokens: list[Token], k: int) -> bool:
    """Whether the run from ``k`` ends with a legal form: "Financial Settlement Center
    of Renewable Energy LLP" is one company's registered name, not two bodies."""
    end = k
    while end < len(tokens) and end < k + 6 and tokens[end].cap and not tokens[end].kind:
        if end > k and _gap(text, tokens[end - 1], tokens[end]) != " ":
            return False
        end += 1
    return end > k + 1 and head_of(tokens[end - 1].text) in lx.LEGAL_FORM_ENDS


#: Words after a number that make it an amount, not part of a name (``Katun 24``).
_AMOUNTS = frozenset(
    "percent per pct million billion thousand trillion mln bn tons tonnes km years".split()
)


def hard_end(text: str, tokens: list[Token], k: int) -> int:
    """One past the adjacent words from ``k`` that the gazetteer pass matched."""
    end = k
    while (
        end < len(tokens)
        and tokens[end].kind == "hard"
        and (end == k or _gap(text, tokens[end - 1], tokens[end]) == " ")
    ):
        end += 1
    return end


def chamber_of(tokens: list[Token], j: int) -> bool:
    """Whether "Chamber of the" comes before ``j``: a parliament's chamber, named with it."""
    return (
        j >= 3
        and [t.lower for t in tokens[j - 2 : j]] == ["of", "the"]
        and (head_of(tokens[j - 3].text) == "chamber")
    )


def portfolio_after(text: str, tokens: list[Token], k: int) -> bool:
    """Whether "for" and a capitalised word follow at ``k``: a body's portfolio after
    its country, in the order of the official Kazakh names."""
    return (
        k + 1 < len(tokens)
        and tokens[k].lower == "for"
        and tokens[k + 1].cap
        and not tokens[k + 1].kind
        and _gap(text, tokens[k - 1], tokens[k]) == " "
        and _gap(text, tokens[k], tokens[k + 1]) == " "
    )


def share_after(text: str, tokens: list[Token], j: int) -> bool:
    """Whether the number at ``j`` is a percentage or an amount (``5%``, ``5 percent``,
    "fined Bereke 12 million tenge")."""
    if text[tokens[j].end : tokens[j].end + 1] == "%":
        return True
    return j + 1 < len(tokens) and tokens[j + 1].lower in _AMOUNTS


def lower_portfolio_end(text: str, tokens: list[Token], k: int) -> int:
    """One past a lower-case portfolio after "for" at ``k`` (``Strategy center for
    regional research``), up to a word that starts another phrase; else 0."""
    if k >= len(tokens) or tokens[k].lower != "for":
        return 0
    m = k + 1
    while (
        m < len(tokens)
        and m < k + 7
        and not tokens[m].cap
        and not _gap(text, tokens[m - 1], tokens[m]).strip()
        and tokens[m].lower not in STOP_CONTINUATION
    ):
        m += 1
    while m > k + 1 and tokens[m - 1].lower == "and":
        m -= 1
    return m if m > k + 1 else 0


def person_after(text: str, tokens: list[Token], j: int) -> bool:
    """Whether a given name and a surname start at ``j`` after a word of no name (``…
    for Crewed Space Programs Sergey Krikalev``): a person after an office, not part of
    it (not "Zhuravlyov Andrei Nikolayevich", the Russian order, nor "Anna Maria …")."""
    if j == 0 or j + 1 >= len(tokens):
        return False
    left, right, after = tokens[j - 1], tokens[j], tokens[j + 1]
    return (
        name_key(right.text) in FIRST_NAME_KEYS
        and name_key(left.text) not in FIRST_NAME_KEYS
        and not left.acronym
        and surname_shaped(name_key(after.text))
        and not name_key(after.text).endswith(lx.PATRONYMIC_SUFFIXES)
        and _gap(text, right, after) == " "
    )
