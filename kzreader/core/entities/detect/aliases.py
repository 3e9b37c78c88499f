"""Names the text gives as one within a paragraph: a short form in brackets
(``Interior Ministry (MVD)``, ``Rosselkhoznadzor (the Federal Service for …)``), a short
name between commas after a long one, "known as", a first name in square brackets; and
names listed together (``A, B and C``), which lend each other a type later.
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..candidate import ORG_ID_PREFIX, Candidate
from .patterns import FIRST_NAME_KEYS, head_of, surname_shaped

#: An alias given after a name: ``…, known as TAPI``, ``, better known as TALCO,``.
_KNOWN_AS = re.compile(r",?\s+(?:also |better |commonly |locally )?known as\s+")

#: Between two quoted short names in one bracket: ``("Kazatomprom", "KAP" or …)``.
_NEXT_QUOTED = frozenset({'", "', '" or "', '", or "', '" and "', '", and "', "”, “", "” or “"})
#: After an apposition's closing comma: the lower-case word that goes on the sentence.
_APPOSITION_END = re.compile(r", ([a-z]+)\b")
#: Words after that comma that go on a list or a phrase instead of the clause.
_NO_CLAUSE = frozenset({"and", "or", "as", "plus", "the", "a", "an", "its", "their", "his", "her"})


def _org_headed(cand: Candidate) -> bool:
    """Whether a word of the candidate is an organisation's head (``Service``, ``Agency``)."""
    return any(head_of(w) in lx.ORG_HEADS for w in cand.surface.split())


def _official(cand: Candidate) -> bool:
    """Whether a name starts the way a state body's does (``Federal Service for …``,
    ``Agency for …``), not with a name of its own (``Budenovskoye Joint Venture …``)."""
    first = cand.surface.split()[0].lower()
    return first in lx.ORG_HEADS or first in _OFFICIAL_FIRST


_OFFICIAL_FIRST = frozenset(
    "federal state national republican central main chief supreme interstate".split()
)


def _shares_a_stem(short: str, long: str) -> bool:
    """Whether a short name holds the first four letters of a word of the long one that
    is no head or common word (``uzatom`` and "Atomic")."""
    return any(
        len(w) >= 4
        and w[:4].lower() in short
        and w.lower() not in lx.ORG_HEADS
        and w.lower() not in lx.COMMON
        for w in long.split()
    )


def _apposed_short_name(text: str, prev: Candidate, cand: Candidate) -> bool:
    """``The Russian Federal Agency for Water Resources, Rosvodresursy, has asked``:
    one unknown word between commas after a long body's name, and no list going on
    (not ``the Energy Ministry, Kazatomprom, and …``), is that body's short name."""
    after = _APPOSITION_END.match(text, cand.end)
    return (
        after is not None
        and after.group(1) not in _NO_CLAUSE
        and cand.tokens == 1
        and prev.tokens >= 3
        and not (cand.gaz or cand.generic or prev.gaz or prev.generic or cand.acronym)
        and cand.first not in FIRST_NAME_KEYS
        and not surname_shaped(cand.last)  # "the … Energy Department, Seitkaliyev, said"
        and _org_headed(prev)
    )


def link_within(
    text: str, out: list[Candidate], first: int, agency: tuple[int, int] | None
) -> None:
    """Parenthesised aliases (``Interior Ministry (MVD)``) and lists (``A, B and C``);
    a dateline's agency in parentheses (``DUSHANBE (AFP)``) is no alias of the place."""
    defined: int | None = None  # the name a bracket of quoted short names follows
    for index in range(first + 1, len(out)):
        cand, prev = out[index], out[index - 1]
        gap = text[prev.end : cand.start]
        after = text[cand.end : cand.end + 1]
        quoted = after in ('"', "”")
        if defined is not None and quoted and gap in _NEXT_QUOTED:
            if not cand.gaz and not cand.generic:
                cand.alias_of = defined  # '("Kazatomprom", "KAP" or "the Company")'
            continue
        defined = None
        if gap.strip().removeprefix(".").strip() in ('("', "(“") and quoted and prev.tokens >= 2:
            defined = index - 1
        if (
            text[prev.end : prev.end + 1] == "]"
            and gap.strip() == "]"
            and prev.tokens == 1
            and prev.first in FIRST_NAME_KEYS
            and cand.tokens == 1
            and cand.first not in FIRST_NAME_KEYS
        ):
            prev.full = f"{prev.surface} {cand.surface}"  # "[Sergey] Kiriyenko"
            cand.alias_of = index - 1
            continue
        if (
            gap.strip().removeprefix(".").strip() in ('("', "(“")
            and after in ('"', "”")
            and prev.tokens >= 2
            and not cand.gaz
            and not cand.generic
        ):
            cand.alias_of = index - 1  # 'Zhejiang Lanxin … Co., Ltd. ("Lanxin Auto")'
            continue
        if _KNOWN_AS.fullmatch(gap) and not (cand.gaz and prev.gaz) and not cand.generic:
            cand.alias_of = index - 1  # "the TAPI pipeline, known as TAPI"
            continue
        if gap.strip() in ("(", "[", "(the") and after in (")", "]"):
            if agency and agency[0] <= cand.start < agency[1]:
                continue
            bare = not cand.gaz and not cand.generic
            definable = cand.acronym or (cand.tokens == 1 and prev.tokens >= 2 and bare)
            # "Rosselkhoznadzor (the Federal Service for Veterinary …)": the long name
            long_name = cand.tokens >= 3 and _org_headed(cand)
            definable = definable or (prev.tokens == 1 and bare and long_name)
            # "the Agency for Atomic Energy Development under … (Uzatom)": a known
            # body's short name after its full name, a state body's or made of its
            # words (not "the Budenovskoye Joint Venture Company (Kazatomprom)", its
            # owner)
            definable = definable or (
                cand.tokens == 1
                and (cand.gaz or "").startswith(ORG_ID_PREFIX)
                and not (prev.gaz or prev.generic)
                and prev.tokens >= 3
                and _org_headed(prev)
                and (_official(prev) or _shares_a_stem(cand.key, prev.surface))
            )
            # "China Energy Engineering Corporation (Energy China)": its own words, fewer
            definable = definable or (
                1 < cand.tokens < prev.tokens
                and not cand.gaz
                and set(cand.key.split()) <= set(prev.key.split())
            )
            if definable or (prev.acronym and cand.tokens >= 2):
                cand.alias_of = index - 1
            continue
        if gap == ", " and _apposed_short_name(text, prev, cand):
            cand.alias_of = index - 1  # "the Federal Agency for …, Rosvodresursy, said"
            continue
        if gap.strip(" ‘’'“”\"") in (",", "and", ", and", "–", "-", "—", "or", ", or"):
            cand.after = index - 1
            if (
                gap.strip() == "and"
                and prev.tokens == 1
                and prev.first in FIRST_NAME_KEYS
                and cand.tokens == 2
                and cand.first in FIRST_NAME_KEYS
                and not prev.gaz
            ):
                prev.full = f"{prev.surface} {cand.surface.split()[-1]}"
