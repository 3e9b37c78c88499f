"""Typing evidence: the votes a candidate's shape and the words around it cast.

A type comes from evidence, never by default: a head word (Ministry, Bank, Region), a
company-shaped word, a given name or a surname's ending, a title or role before it, a
verb of speech or an apposition after it. ``Evidence`` is the base of the detector's
passes: it needs only the gazetteer (for titles).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...corpus.model import Kind, Paragraph
from .. import lexicon as lx
from ..candidate import DROP, ORG, PERSON, PLACE, Candidate
from ..gazetteer import Gazetteer
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .known_at import place_end
from .patterns import (
    ADJECTIVE_SUFFIXES,
    ARTICLES,
    CREDIT_WORDS,
    DOMAIN,
    FIRST_NAME_KEYS,
    SURNAME_PLACES,
    company_word,
    head_of,
    office_before,
    org_noun,
    role_noun,
    score_at,
    surname_shaped,
)

#: A model's or a grade's code: capitals, a hyphen and a number (``VVER-1200``, ``AI-92``).
_MODEL = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,4}-\d{2,4}[A-Z]?|[A-Z]{2,5}-\d|[A-Z][a-z]+-\d\.\d[a-z]?)$"
)  # (and "SPM-1", a mooring buoy; "Soyuz-2.1a", a rocket)
#: An exercise's or an event's code name with its year (``Interaction-2026``).
_CODE_NAME = re.compile(r"^[A-Z][a-z]+-(?:19|20)\d\d$")

#: Participles of a seat after a place and a hyphen (``Ankara-based``).
_SEATED = frozenset({"based", "headquartered", "registered"})
_HONOURS = frozenset({"honoured", "honored", "merited"})
_SHIP_TITLES = frozenset({"Akademik", "Kapitan"})
_STAKES = frozenset({"shares", "share", "stake", "stakes", "shareholders", "bonds"})
#: Participles of where someone or something is: "born in", "stationed in".
_LOCATED = frozenset({"located", "born", "situated", "raised", "stationed"})
_SPORTS = frozenset(
    "tennis ice sports football hockey boxing equestrian swimming aquatics cycling skating".split()
)


class Evidence:
    """Votes on a candidate's type from its words and their neighbours."""

    gaz: Gazetteer

    def _shape_votes(self, cand: Candidate, words: list[Token]) -> None:
        last = strip_possessive(words[-1].text)
        low_last = last.lower()
        head = head_of(last)
        if len(words) >= 2 and low_last in lx.ROUTE_NOUNS and words[0].lower.startswith("trans-"):
            cand.vote(PLACE, 4.0)  # "Trans-Afghan Railway": a route across, not a company
        elif len(words) >= 2 and low_last in ("centre", "center") and words[-2].lower in _SPORTS:
            cand.vote(PLACE, 4.0)  # "National Tennis Centre": a venue
        elif len(words) >= 2 and (
            (head in lx.ORG_HEADS and words[-1].cap) or last in lx.CAPS_LEGAL_FORMS
        ):
            cand.vote(ORG, 4.0)
        elif any(
            w.cap and w.lower in lx.ORG_HEADS and after.lower in ("of", "for")
            for w, after in pairwise(words)
        ):
            cand.vote(ORG, 4.0)  # "Criminal Court of Abai Region": a body of the place
        elif len(words) >= 2 and head in lx.PLACE_HEADS and words[-1].cap:
            cand.vote(PLACE, 4.0)
        elif (
            len(words) >= 3
            and words[0].lower in lx.STREET_HEADS
            and cand.surface.split()[1:2] == ["of"]
        ):
            cand.vote(PLACE, 4.0)  # "Mausoleum of Khoja Ahmed Yasawi", "Palace of the Republic"
        elif len(words) >= 3 and any(
            strip_possessive(w.text).lower() in lx.ORG_HEADS and w.cap for w in words[:-1]
        ):
            cand.vote(ORG, 3.0)  # Council of Atamans of the Cossack People
        elif len(words) == 2 and words[0].cap and words[0].lower in lx.ORG_FIRST_HEADS:
            cand.vote(ORG, 2.0)  # "Alliance Altyn", "Radio Azattyk"
        elif 2 <= len(words) <= 3 and words[0].cap and words[0].lower in lx.PLACE_FIRST_HEADS:
            cand.vote(PLACE, 3.0)  # "Lake Chagan", "Mount Belukha"
        if len(words) >= 2 and words[0].text in lx.CLUB_PREFIXES:
            cand.vote(ORG, 4.0)  # "FC Kairat", "HC Barys"
        if len(words) == 1 and low_last in lx.ORG_HEADS and not cand.acronym:
            cand.vote(DROP, 4.0)  # "the Company", "the Concern": a body's kind, not its name
        if words[0].text in _SHIP_TITLES and len(words) > 1:
            cand.vote(DROP, 5.0)  # "the Akademik Topchubashov": a ship, named after a man
        if words[0].lower in _HONOURS and len(words) > 1:
            cand.vote(DROP, 5.0)  # "Honoured Geologist of the Republic": a title of honour
        if low_last in lx.DROP_HEADS and len(words) > 1:
            cand.vote(DROP, 5.0)
        if DOMAIN.search(last):
            cand.vote(ORG, 3.0)
        if len(words) == 1 and _CODE_NAME.match(last):
            cand.vote(DROP, 6.0)  # "Interaction-2026": an exercise
        if len(words) == 1 and _MODEL.match(last) and head not in lx.PLANT_CODES:
            cand.vote(DROP, 4.0)  # "VVER-1200", "AI-92", "Il-76": a model or a grade
        first_is_name = cand.first in FIRST_NAME_KEYS
        if 2 <= len(words) <= 3 and not first_is_name and self._city(*words[1:]):
            cand.vote(ORG, 2.0)  # "Shakhter Karagandy", "Zenit St Petersburg": a club
        if len(words) == 2 and words[0].lower in lx.FAMILY_NAMES_FIRST and not first_is_name:
            cand.vote(PERSON, 2.5)  # "Wang Jianguo", "Li Hongwei"
        if len(words) == 1 and company_word(last):
            cand.vote(ORG, 2.5)  # "ExxonMobil", "Uztransgaz", "Kazmortransflot"
        elif len(words) >= 2 and low_last in lx.BUSINESS_WORDS and words[-1].cap:
            cand.vote(ORG, 2.5)  # "Halyk Finance", "Globalink Logistics"
        if first_is_name and len(words) >= 2 and low_last in lx.BUSINESS_WORDS:
            cand.vote(PERSON, 1.0)  # "Qanat Air", "Altyn Electronics": a company's last word
        elif first_is_name and len(words) >= 2:
            cand.vote(PERSON, 2.5)
        elif first_is_name:
            cand.vote(PERSON, 1.0)
        if (
            len(words) == 3
            and name_key(words[1].text) in FIRST_NAME_KEYS
            and surname_shaped(name_key(words[0].text))
            and cand.last.endswith(lx.PATRONYMIC_SUFFIXES)
        ):
            # "Kovalyova Natalya Sergeyevna": the Russian official order, surname first
            cand.full = f"{words[1].text} {words[0].text}"
            cand.vote(PERSON, 3.0)
        if len(words) >= 2 and words[-1].text in lx.ROMAN_NUMERALS:
            cand.vote(PERSON, 2.0)
        if cand.acronym:
            cand.vote(ORG, 1.0)
            return
        if len(words) == 1 and not first_is_name:
            if low_last.endswith(ADJECTIVE_SUFFIXES):  # Putinite, Jacksonian, Romanovs
                cand.vote(DROP, 2.0)
            if low_last.endswith("stan"):
                cand.vote(PLACE, 2.0)
            elif low_last.endswith(("grad", "burg", "polis", "pol", "kent", "abad", "sk", "bad")):
                cand.vote(PLACE, 1.0)
        if len(low_last) >= 5 and low_last.endswith(lx.SURNAME_SUFFIXES):
            cand.vote(PERSON, 1.0)

    def _city(self, word: Token, *more: Token) -> bool:
        """Whether the words are a known town or city, not named after a person (Satpayev)."""
        last = more[-1] if more else word
        town = self.gaz.town(name_key(strip_possessive(word.paragraph[word.start : last.end])))
        return town is not None and not town.name.endswith(SURNAME_PLACES)

    def _context_votes(
        self,
        text: str,
        tokens: list[Token],
        a: int,
        k: int,
        cand: Candidate,
        paragraph: Paragraph,
    ) -> None:
        """Votes from the words around a span (tokens ``a`` to ``k``, exclusive)."""
        before = [t for t in tokens[max(0, a - 3) : a]]
        prev = before[-1] if before else None
        prev_gap = _gap(text, prev, tokens[a]) if prev else ""
        adjacent = prev is not None and not prev_gap.strip()
        if prev is not None and adjacent:
            low = prev.lower
            if prev.kind == "title" or name_key(prev.text) in self.gaz.titles:
                # (a title-case headline's "Akim Discuss Cross-Border …" names nobody)
                if not cand.heading or cand.first in FIRST_NAME_KEYS or surname_shaped(cand.last):
                    cand.vote(PERSON, 3.0)
            elif low in lx.COMPANY_ROLES and not (
                cand.first in FIRST_NAME_KEYS or surname_shaped(cand.last)
            ):
                cand.vote(ORG, 2.0)  # "the Uzbek miner Almalyk"
            elif low in lx.ROLE_NOUNS:
                cand.vote(PERSON, 2.0)
            elif low in lx.WORK_NOUNS:
                cand.vote(DROP, 3.0)
            elif low in lx.ORG_NOUNS_BEFORE or org_noun(low):
                cand.vote(ORG, 2.0)  # (and "payment services Click and Payme": a list)
            elif low in _SEATED and len(before) >= 2 and _gap(text, before[-2], prev) == "-":
                cand.vote(ORG, 2.0)  # "Ankara-based Tekin Yapi": bodies have seats
            elif prev.text in lx.LEGAL_PREFIXES:
                cand.vote(ORG, 3.0)  # "AO Nomad Savings Bank", "TOO Arnau Capital"
            elif low == "in" and len(before) >= 2 and before[-2].lower in _SEATED | _LOCATED:
                cand.vote(PLACE, 2.5)  # "based in Kurchatov"
            elif low == "in" and [t.lower for t in before[-3:-1]] == ["grew", "up"]:
                cand.vote(PLACE, 2.5)  # "grew up in Gatchina" (not "caught up in …")
            elif low == "to" and len(before) >= 2 and before[-2].lower == "according":
                cand.vote(PERSON, 0.5)
            elif (
                low == "as"
                and len(before) >= 3
                and before[-2].lower == "such"
                and org_noun(before[-3].lower)
            ):
                cand.vote(ORG, 2.0)  # "channels such as Qyzyljar Info"
            elif low in ("in", "of") and len(before) >= 2 and before[-2].lower in _STAKES:
                cand.vote(ORG, 2.0)  # "shares in Jusan", "a stake in Bereke"
            elif low == "at" and len(before) >= 2 and role_noun(before[-2].lower):
                cand.vote(ORG, 1.5)  # "analysts at Wood Mackenzie": people work at bodies
            elif low in ("near", "neighbouring", "neighboring", "outside") and not (
                cand.first in FIRST_NAME_KEYS or surname_shaped(cand.last)
            ):
                cand.vote(PLACE, 1.5)  # "killed near Rzhev" (not "detained Serikbayev near")
            elif low in lx.PLACE_PREPOSITIONS:
                cand.vote(PLACE, 0.7)
            elif low == "by" and len(before) >= 2 and before[-2].lower in CREDIT_WORDS:
                cand.vote(PERSON, 3.0)  # "Reporting by …; Editing by …"
            elif low == "by":
                cand.vote(PERSON, 0.5)
            elif low == "of" and len(before) >= 2 and before[-2].lower in lx.PLACE_BEFORE:
                cand.vote(PLACE, 3.0)
            elif low == "of" and len(before) >= 2 and before[-2].lower in lx.OFFICES_OF_ORGS:
                cand.vote(ORG, 1.5)  # "the chairman of Kyrgyzaltyn"
            elif low == "of" and len(before) >= 2 and before[-2].lower in lx.OFFICES_OF_PLACES:
                cand.vote(PLACE, 1.5)  # "the akim of Zhanaozen"
            elif low in lx.PLACE_BEFORE:
                cand.vote(PLACE, 1.0)
        elif prev is not None and prev.lower in lx.WORK_NOUNS and prev_gap.strip() in "‘“\"'":
            cand.vote(DROP, 3.0)
        elif prev is not None and prev_gap.strip() in ("‘", "“", '"', "«"):
            if org_noun(prev.lower):
                cand.vote(ORG, 2.5)  # 'the Telegram channel "Zapiski Veterana"'
        elif prev is not None and prev_gap.strip() == "," and prev.lower in lx.ROLE_NOUNS:
            cand.vote(PERSON, 2.0)  # "Its chairman, Wang Jianguo, said"
        elif prev is not None and prev_gap.strip() == "," and office_before(text, tokens, a):
            cand.vote(PERSON, 2.0)  # "The president of Cameco, Tim Gitzel, said"
        if paragraph.kind is Kind.BYLINE:
            cand.vote(PERSON, 1.0)
        # After the span.
        if k < len(tokens):
            nxt = tokens[k]
            gap = _gap(text, tokens[k - 1], nxt)
            plain_gap = gap.strip(" ’'”\"")
            if gap == "-" and (nxt.text in _SEATED or nxt.text == "born"):
                cand.vote(PLACE, 3.0)
            elif gap == " " and score_at(text, tokens, k):
                cand.vote(ORG, 2.5)  # "beating Ordabasy 2-1", "Kairat 3–0": a team
            elif plain_gap == "":
                low = nxt.lower
                if low == "of" and cand.tokens == 1 and self._country_at(tokens, k + 1):
                    if cand.first not in FIRST_NAME_KEYS:
                        cand.vote(ORG, 2.0)  # "Cameco of Canada", "Eni of Italy"
                elif low in lx.SAY_VERBS:
                    cand.vote(PERSON, 1.0)
                elif (
                    low == "near"
                    and place_end(self.gaz, text, tokens, k + 1)
                    and not (cand.first in FIRST_NAME_KEYS or surname_shaped(cand.last))
                ):
                    cand.vote(PLACE, 2.0)  # "Gatchina near St Petersburg"
                elif low == "press" and k + 1 < len(tokens) and tokens[k + 1].lower == "service":
                    cand.vote(ORG, 3.0)  # "the Kerey press service"
                elif (
                    low == "group"
                    and k + 2 < len(tokens)
                    and tokens[k + 1].lower == "of"
                    and tokens[k + 2].lower in lx.SITE_NOUNS
                ):
                    cand.vote(PLACE, 3.0)  # "the Zhilandy group of deposits": sites
                elif low in lx.ORG_NOUNS_AFTER and cand.initial and self._name_at(tokens, k + 1):
                    cand.vote(DROP, 4.0)  # "Ratings agency Fitch": a modifier of the noun
                elif low in lx.ORG_NOUNS_AFTER:
                    cand.vote(ORG, 3.0)
                elif low in ("city", "town", "village", "capital"):
                    cand.vote(PLACE, 3.0)
                elif (
                    low in lx.FACILITY_KINDS
                    and k + 1 < len(tokens)
                    and tokens[k + 1].lower in lx.FACILITY_NOUNS
                ):
                    cand.vote(PLACE, 4.0)  # "Kazansky railway station", "… state residence"
                elif low in lx.WORK_NOUNS and not (
                    k + 1 < len(tokens) and tokens[k + 1].lower in lx.ROLE_NOUNS
                ):
                    cand.vote(DROP, 3.0)
                elif k + 1 < len(tokens) and not nxt.cap:
                    low2 = tokens[k + 1].lower
                    if low2 in lx.ORG_NOUNS_AFTER and low2 not in ("news", "daily"):
                        cand.vote(ORG, 2.0)
                    elif low2 in lx.SAY_VERBS and low in ("has", "had", "also", "then", "later"):
                        cand.vote(PERSON, 0.5)
            self._apposition(text, tokens, k, cand)

    @staticmethod
    def _name_at(tokens: list[Token], k: int) -> bool:
        return k < len(tokens) and tokens[k].cap

    def _country_at(self, tokens: list[Token], k: int) -> bool:
        """Whether token ``k`` is a country's name (not its demonym)."""
        if k >= len(tokens) or not tokens[k].cap:
            return False
        key = name_key(strip_possessive(tokens[k].text))
        entry_id = self.gaz.by_key.get(key)
        return (
            bool(entry_id) and self.gaz.country_of(key) is not None and key not in self.gaz.demonyms
        )

    def _apposition(self, text: str, tokens: list[Token], k: int, cand: Candidate) -> None:
        """Apposition: ``X, a blogger``, ``X [a Turkish newspaper]``, ``X (a city…)``, ``X, 44``."""
        gap = _gap(text, tokens[k - 1], tokens[k]).strip()
        m = k
        if gap in (",", "(", "[", ", (", "—", "–", "-"):
            pass
        elif gap == "" and tokens[k].lower in ("is", "was") and k + 1 < len(tokens):
            m = k + 1
        else:
            if gap.startswith(",") and gap[1:].strip().isdigit():
                cand.vote(PERSON, 2.0)
            return
        window = tokens[m : m + 6]
        if not window:
            return
        if window[0].lower not in ARTICLES and window[0].lower in lx.ROLE_NOUNS:
            cand.vote(PERSON, 2.5)
            return
        if window[0].lower not in ARTICLES and window[0].lower != "another":
            return  # (but "Jusan, another mid-sized lender")
        previous = window[0]
        for n, t in enumerate(window[1:], 1):
            if _gap(text, window[0], t).count(","):
                break
            if t.cap and t.kind != "hard" and t.kind != "soft":
                nxt = window[n + 1].lower if n + 1 < len(window) else ""
                if nxt not in lx.ORG_NOUNS_AFTER or not window[n + 1].text.islower():
                    break  # but "X, the former Kerey subsidiary": a body's own kind of body
            low = t.lower
            if low in lx.TRADE_NOUNS and (
                previous.lower in lx.SITE_MODIFIERS or previous.kind == "soft"
            ):
                cand.vote(ORG, 2.5)  # "X, an oil producer", "X, the Swiss maker"
                return
            before, previous = previous, t
            compound = window[n + 1].lower if n + 1 < len(window) else ""
            if compound in lx.SETTLEMENT_NOUNS and _gap(text, t, window[n + 1]) == " ":
                continue  # "X, a company town", "X, a mining village": the last noun decides
            if (
                low in lx.ROLE_NOUNS
                and low in lx.TRADE_ROLES
                and (cand.acronym or before.lower in lx.SUPERLATIVES)
            ):
                cand.vote(ORG, 2.5)  # "SUEK, the country's largest coal miner"
                return
            if low in lx.ROLE_NOUNS:
                cand.vote(PERSON, 2.5)
                return
            if low in lx.ORG_NOUNS_AFTER:
                cand.vote(ORG, 2.5)
                return
            if low in lx.SETTLEMENT_NOUNS or low in ("region", "province", "district", "country"):
                cand.vote(PLACE, 2.5)
                return
            if low in lx.SITE_NOUNS and before.lower in lx.SITE_MODIFIERS | ARTICLES:
                cand.vote(PLACE, 2.5)  # "X, an offshore block", "X, a gas field"
                return

    def _not_a_name(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """A work's title (``the film Borat``) or a law or event (``Criminal Code``)."""
        if (
            i > 0
            and tokens[i - 1].lower in lx.WORK_NOUNS
            and _gap(text, tokens[i - 1], tokens[i]).strip() in ("", "‘", "“", '"', "'", "«")
        ):
            return True
        last = strip_possessive(tokens[j - 1].text).lower()
        return j - i >= 2 and last in lx.DROP_HEADS

    def _candidate(
        self, paragraph: Paragraph, start: int, end: int, heading: bool, words: list[Token]
    ) -> Candidate:
        surface = paragraph.text[start:end]
        return Candidate(
            paragraph=paragraph.number,
            start=start,
            end=end,
            surface=surface,
            key=name_key(surface),
            in_comment=paragraph.kind is Kind.COMMENT,
            heading=heading,
            # An acronym's capitals are its own, not the sentence's.
            initial=len(words) == 1 and words[0].initial and not words[0].acronym,
            tokens=len(words),
            acronym=len(words) == 1 and words[0].acronym,
            first=name_key(words[0].text),
            last=name_key(strip_possessive(words[-1].text)),
        )
