"""Known names that run into longer or other names, for the gazetteer pass.

A known place or company inside an organisation's name (``Petropavlovsk City Court``,
``Halyk Finance``), a body named after a place (``Kazakhstan Gharysh Sapary``), a
group's national chapter (``Transparency Kazakhstan``) or a company's national arm
(``Rosneft Deutschland``), names listed before one plural unit or site noun (``Akmola
and Kostanay regions``) and known names joined by a hyphen. Apart from the pass itself,
which asks these at each match.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...corpus.model import Paragraph
from .. import lexicon as lx
from ..candidate import ORG, PLACE, Candidate
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .countries import Countries
from .known_at import place_end
from .patterns import (
    ARTICLES,
    FIRST_NAME_KEYS,
    NATURAL,
    STRONG_SURNAME_ENDS,
    head_of,
)
from .shapes import (
    listed_units,
)

#: What follows two names paired by a hyphen (``Kazatomprom-Uzbekistan cooperation``),
#: where they are two parties, not a company's arm.
_PAIRED = re.compile(
    r" (?:[A-Z]\w*|relations|ties|talks|cooperation|trade|partnership|agreement|deal|venture"
    r"|summit|forum|commission|border|dialogue|contract|project)\b"
)

#: A lower-case word right after a hyphenated name (``Russia-China pipeline``).
_ROUTE_AFTER = re.compile(r" ([a-z]+)\b")


#: Continents after a known company's name that make it its arm there.
_MARKETS = frozenset({"Eurasia", "Asia", "Europe", "Africa"})

#: Heads of a body's office somewhere, named with the place (``… Office in Astana``).
_OFFICES = frozenset({"office", "mission", "representation", "branch"})

#: Kinds of body written before a company's own name, capitalised, in official styles.
_DESCRIPTOR_HEADS = frozenset({"corporation", "company", "holding"})


class LongerNames(Countries):
    """Where a known name goes on into another (used by the gazetteer pass)."""

    def _extend_org(
        self, text: str, tokens: list[Token], i: int, n: int, heading: bool
    ) -> tuple[int, int]:
        """``Petropavlovsk City Court``, ``SNURDC Astana Mining Company Limited``: a known
        place inside an organisation's name. Returns (tokens added before, new length).
        In a title-case heading every word is capitalised, so only a short run of
        capitalised words extends it (not "Rosatom Starts Work on … Nuclear Plant")."""
        j = i + n
        if (
            i
            and tokens[i - 1].text in lx.CLUB_PREFIXES
            and _gap(text, tokens[i - 1], tokens[i]) == " "
        ):
            return 1, n  # "FC Astana": a club named after the city
        if tokens[j - 1].text.endswith(("'s", "’s")):
            return 0, 0  # "China's Ministry of Defense" is China's, not named after it
        if j >= len(tokens) or not tokens[j].cap or tokens[j].kind:
            return (1, n) if self._chapter_before(text, tokens, i, n) else (0, 0)
        if _gap(text, tokens[j - 1], tokens[j]).strip():
            return (1, n) if self._chapter_before(text, tokens, i, n) else (0, 0)
        end = self._run_end(text, tokens, j)
        run = tokens[j:end]
        if heading and (len(run) > 3 or not all(t.cap for t in run)):
            return 0, 0
        numbered = len(run) > 2 and run[-2].text == "No" and run[-1].text.isdigit()
        head = head_of(run[-3 if numbered else -1].text)  # "City Court No. 2"
        if (
            head in _OFFICES
            and end + 1 < len(tokens)
            and tokens[end].lower == "in"
            and (seat := place_end(self.gaz, text, tokens, end + 1))
        ):
            end = seat  # "OSCE Programme Office in Astana": a known body's office there
            run = tokens[j:end]
        # "Kazakhstan International Bureau for Human Rights": a head, then "for" or "of".
        headed = (
            head in lx.ORG_HEADS
            or any(
                t.cap and t.lower in lx.ORG_HEADS and after.lower in ("for", "of", "on")
                for t, after in pairwise(run)
            )
            # "Aktau International Sea Trade Port": the port company's registered name
            or (
                head in ("port", "seaport")
                and any(t.lower in ("trade", "commercial", "international") for t in run)
            )
        )
        arm = n <= 3 and len(run) <= 2 and head in lx.BUSINESS_WORDS
        if arm and self._known_org(text, tokens[i], tokens[j - 1]):
            # "Halyk Finance", "Kaspi Logistics", "Freedom Finance Insurance": a known
            # company's arm
            return 0, end - i
        if head in lx.DROP_HEADS and (headed or len(run) <= 2):
            # "St Petersburg International Economic Forum", "WTA Finals", "Bishkek
            # Declaration": an event or a document, and no mention of the city or body
            # it is named after (the caller vetoes the whole name).
            return 0, end - i
        if not headed and not (
            head in lx.STREET_HEADS or head in NATURAL or head in lx.PLANT_CODES
        ):
            return 0, 0
        if head in lx.DROP_HEADS:
            return 0, 0
        run_key = name_key(text[run[0].start : run[-1].end])
        if run_key in self.gaz.generic or run_key in self.gaz.by_key:
            return 0, 0
        left = 0
        while i - left > 0 and left < 4 and headed:
            prev = tokens[i - left - 1]
            gap = _gap(text, prev, tokens[i - left])
            if left and gap == ". " and len(prev.text) <= 2 and prev.text.istitle():
                left += 1  # "Kh. Dosmukhamedov Atyrau University": the initial too
                break
            if gap != " " or not prev.cap:
                break
            if prev.kind and not (prev.kind == "soft" and name_key(prev.text) in self.gaz.demonyms):
                break
            if (prev.initial and prev.lower in lx.COMMON) or prev.text in lx.LEGAL_PREFIXES:
                break  # (and "NAC Kazatomprom JSC" is Kazatomprom: the form is no part of it)
            left += 1
        return left, end - i

    def _descriptor_before(self, text: str, tokens: list[Token], i: int) -> int:
        """``State Space Corporation Roscosmos``, ``National Company KazMunayGas``: the
        kind of body written before a known company's name is part of that name (no body
        of its own). The index of the descriptor's first word, else ``i`` (also for a
        one-word kind, "Company Kaspi", which is no official style)."""
        if i == 0 or head_of(tokens[i - 1].text) not in _DESCRIPTOR_HEADS:
            return i
        first = i
        while first > 0 and i - first < 5:
            prev = tokens[first - 1]
            if not prev.cap or prev.kind or _gap(text, prev, tokens[first]) != " ":
                break
            if prev.lower in ARTICLES or (prev.initial and prev.lower in lx.COMMON):
                break
            first -= 1
        return first if first < i - 1 else i

    def _known_org(self, text: str, token: Token, last: Token | None = None) -> bool:
        """Whether the words from ``token`` to ``last`` (or it alone) are a known company."""
        words = text[token.start : (last or token).end]
        entry_id = self.gaz.by_key.get(name_key(strip_possessive(words)))
        return entry_id is not None and self.gaz.entries[entry_id].type is EntityType.ORGANISATION

    def _chapter_before(self, text: str, tokens: list[Token], i: int, n: int) -> bool:
        """``Transparency Kazakhstan``, ``Freedom Tajikistan``: an abstract noun before a
        country's name (and nothing capitalised after it) names a group's national chapter."""
        if n != 1 or i == 0 or not self._country_at(tokens, i):
            return False
        prev = tokens[i - 1]
        if not prev.cap or prev.kind or _gap(text, prev, tokens[i]) != " ":
            return False
        low = prev.lower
        if low in lx.CAUSE_NOUNS:
            return True
        if low in lx.COMMON or name_key(prev.text) in self.gaz.by_key:
            return False
        return len(low) >= 7 and low.endswith(lx.ABSTRACT_SUFFIXES)

    def _named_after_place(self, text: str, tokens: list[Token], i: int, n: int) -> int:
        """``Kazakhstan Gharysh Sapary``: a known place followed by one to three capitalised
        words that are no name, role or common word of their own is a body named after
        the place (not a mention of it). Returns the whole name's length, or 0."""
        entry_id = self.gaz.by_key.get(name_key(text[tokens[i].start : tokens[i + n - 1].end]))
        if not entry_id or self.gaz.entries[entry_id].type is not EntityType.PLACE:
            return 0
        j = i + n
        if tokens[j - 1].text.endswith(("'s", "’s")):
            return 0
        k = j
        while k < len(tokens) and k < j + 3:
            word = tokens[k]
            if not word.cap or word.kind or _gap(text, tokens[k - 1], word) != " ":
                break
            low = strip_possessive(word.text).lower()
            if low in lx.COMMON or low in lx.CALENDAR or low in lx.ROLE_NOUNS:
                return 0
            key = name_key(strip_possessive(word.text))
            if key in FIRST_NAME_KEYS or key in self.gaz.titles:
                return 0
            if len(key) >= 6 and key.endswith(STRONG_SURNAME_ENDS):
                return 0  # "… Region Nariman Turegaliyev", "Toktogul Satylganov": a person
            singular = key[:-1] if key.endswith("s") else key  # "Kuban Nogais": a people
            if singular in self.gaz.demonyms or singular in self.gaz.non_entities:
                return 0
            k += 1
        if k == j:
            return 0
        if k < len(tokens) and tokens[k].cap and not _gap(text, tokens[k - 1], tokens[k]):
            return 0
        return k - i

    def _subsidiary(self, text: str, tokens: list[Token], i: int, n: int, key: str) -> int:
        """``Rosneft Deutschland``, ``Freedom Bank Kazakhstan``, ``Channel One Eurasia``: a
        known company and a country or a continent after it name its arm there, another
        company. Its length, else 0."""
        entry_id = self.gaz.by_key.get(key)
        j = i + n
        if (
            entry_id is None
            or self.gaz.entries[entry_id].type is not EntityType.ORGANISATION
            or j >= len(tokens)
            or tokens[j - 1].text.endswith(("'s", "’s"))
            or _gap(text, tokens[j - 1], tokens[j]) != " "
            or not (self._country_at(tokens, j) or tokens[j].text in _MARKETS)
            or tokens[j].text.endswith(("'s", "’s"))
        ):
            return 0
        after = j + 1
        if (
            after < len(tokens)
            and tokens[after].cap
            and _gap(text, tokens[j], tokens[after]) == " "
        ):
            return 0
        return after - i

    def _listed_units(
        self, paragraph: Paragraph, tokens: list[Token], i: int, out: list[Candidate], heading: bool
    ) -> int:
        """``in Turkistan, Zhambyl and Kyzylorda regions``: each name is a region, the
        listed one where the gazetteer has it. Where the list ends, else 0."""
        text = paragraph.text
        items, noun = listed_units(text, tokens, i)
        if not items:
            return 0
        head = lx.PLURAL_UNITS[tokens[noun].lower]
        spans = [text[tokens[a].start : tokens[b - 1].end] for a, b in items]
        if any(self.gaz.country_of(name_key(s)) for s in spans):
            return 0  # "Russia and China regions": countries' regions, not regions named so
        for a, b in items:
            surface = text[tokens[a].start : tokens[b - 1].end]
            cand = self._candidate(
                paragraph, tokens[a].start, tokens[b - 1].end, heading, tokens[a:b]
            )
            unit = f"{surface} {head}"
            entry_id = self.gaz.by_key.get(name_key(unit))
            if entry_id and self.gaz.entries[entry_id].type is EntityType.PLACE:
                cand.gaz = entry_id
            elif head[0].isupper():  # a region of its own, not the town named
                cand.key, cand.site = name_key(unit), unit
                cand.vote(PLACE, 4.0)
            else:  # a site: called by its name, which is its mention ("Shurtan")
                known = self.gaz.by_key.get(cand.key)
                if known and self.gaz.entries[known].type is EntityType.PLACE:
                    cand.gaz = known
                else:
                    cand.site = unit
                    cand.vote(PLACE, 4.0)
            for t in tokens[a:b]:
                t.kind = "hard"
            out.append(cand)
        return items[-1][1]

    def _hyphen_parts(
        self, paragraph: Paragraph, token: Token, out: list[Candidate], heading: bool
    ) -> None:
        """``Russia-Kazakhstan relations``: two known names joined by a hyphen."""
        parts, offset = [], token.start
        for part in token.text.split("-"):
            parts.append((offset, part))
            offset += len(part) + 1
        keys = [name_key(p) for _, p in parts]
        if len(parts) < 2 or not all(k in self.gaz.by_key for k in keys):
            return
        route = _ROUTE_AFTER.match(paragraph.text, token.end)
        if route and route.group(1).lower() in lx.ROUTE_NOUNS:
            # "the Russia-China pipeline" is one thing, named after both ends.
            cand = self._candidate(paragraph, token.start, route.end(), heading, [token])
            cand.vote(PLACE, 4.0)
            token.kind = "hard"
            out.append(cand)
            return
        types = [self.gaz.entries[self.gaz.by_key[k]].type for k in keys]
        if (
            types[0] is EntityType.ORGANISATION
            and all(t is EntityType.PLACE for t in types[1:])
            and not parts[0][1].isupper()  # "EU-Kazakhstan relations", "NATO-Russia Council"
            and not _PAIRED.match(paragraph.text, token.end)
        ):
            # "Interfax-Kazakhstan": a known company's national arm, one name
            cand = self._candidate(paragraph, token.start, token.end, heading, [token])
            cand.vote(ORG, 4.0)
            token.kind = "hard"
            out.append(cand)
            return
        for (start, part), key in zip(parts, keys, strict=True):
            cand = self._candidate(paragraph, start, start + len(part), heading, [token])
            cand.key, cand.first, cand.last, cand.initial = key, key, key, False
            cand.gaz = self.gaz.by_key[key]
            out.append(cand)
        token.kind = "hard"
