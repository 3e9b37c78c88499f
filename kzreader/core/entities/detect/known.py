"""The gazetteer pass: the longest known name at each capitalised token.

Entities the gazetteer lists, generic state bodies with the country that qualifies them
(``Kazakhstan's Interior Ministry``, ``Security Council of Kazakhstan``), and the words
that are never entities (demonyms, titles, months). A known place inside a longer
organisation's name (``Petropavlovsk City Court``) makes the organisation, not the place.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...corpus.model import Paragraph
from .. import lexicon as lx
from ..candidate import DROP, ORG, PLACE, Candidate
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .countries import Countries
from .patterns import (
    ARTICLES,
    CYRILLIC,
    DOMAIN,
    FIRST_NAME_KEYS,
    GENERIC_LOWER,
    NATURAL,
    PREFIXES,
    head_of,
    is_calendar,
)
from .shapes import (
    direction_before,
    listed_units,
    may_end,
    name_reach,
    portfolio_list_end,
    route_end,
    site_after,
    street_title,
    title_after,
    unit_after,
)

#: Heads that make a known place's longer name a place (``Lenin Street``, ``Ekibastuz GRES-1``).
_PLACE_ENDS = lx.STREET_HEADS | NATURAL | lx.PLANT_CODES

#: Endings of towns named after a person (Kurchatov, Satpayev): after a capitalised
#: word, the person.
_SURNAME_PLACES = ("ov", "ev")

#: A lower-case word right after a hyphenated name (``Russia-China pipeline``).
_ROUTE_AFTER = re.compile(r" ([a-z]+)\b")


class KnownNames(Countries):
    """Matches gazetteer names, generic bodies and non-entities (the first pass)."""

    def _gazetteer_pass(
        self, paragraph: Paragraph, tokens: list[Token], out: list[Candidate], heading: bool
    ) -> None:
        gaz, text = self.gaz, paragraph.text
        units = any(t.lower in lx.PLURAL_UNITS for t in tokens)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "soft":
                i += 1  # marked before this pass: a ticker's code, an award's name
                continue
            if units and token.cap and not token.kind:
                listed = self._listed_units(paragraph, tokens, i, out, heading)
                if listed:
                    i = listed
                    continue
            if (
                not (token.cap or token.text[:1].isdigit())
                and not (token.text in GENERIC_LOWER and self._lower_generic(tokens, i))
                and not (
                    "." in token.text
                    and DOMAIN.search(token.text)
                    and name_key(token.text) in gaz.by_key
                )
            ):
                i += 1
                continue
            matched = False
            longest = min(gaz.max_tokens, len(tokens) - i, gaz.longest_from(token.text))
            if not longest and (is_calendar(token) or CYRILLIC.match(token.text)):
                longest = 1
            reach = name_reach(text, tokens, i, longest)
            for n in range(longest, 0, -1):
                last = tokens[i + n - 1]
                if n > 1 and (n > reach or not may_end(last)):
                    continue
                surface = text[token.start : last.end]
                end = last.end
                stripped = strip_possessive(surface)
                if stripped != surface:
                    end -= len(surface) - len(stripped)
                key = name_key(stripped)
                if not key:
                    continue
                kind = self._classify(key, tokens, i, n)
                if kind is None and len(stripped) >= 5 and stripped.isupper():
                    # "MOSCOW, May 7", "SHYMKENT —": capitals key as letters (like an
                    # acronym), but a long word in capitals is a name shouted.
                    shouted = name_key(stripped.lower())
                    if shouted != key and (found := self._classify(shouted, tokens, i, n)):
                        key, kind = shouted, found
                if kind == "title" and (
                    self._starts_a_body(text, tokens, i + n) or street_title(text, tokens, i, n)
                ):
                    kind = None  # "Justice for Journalists Foundation", "Abylai Khan Avenue"
                if (
                    kind == "entity"
                    and unit_after(text, tokens, i + n)
                    and key in gaz.by_key
                    and gaz.entries[gaz.by_key[key]].type is EntityType.PLACE
                ):
                    kind = None  # "Beineu district", "Moskva station": another place
                if (
                    kind == "entity"
                    and i > 0
                    and tokens[i - 1].cap
                    and tokens[i - 1].lower in lx.PLACE_FIRST_HEADS
                    and _gap(text, tokens[i - 1], token) == " "
                    and key in gaz.by_key
                    and gaz.entries[gaz.by_key[key]].type is EntityType.PLACE
                ):
                    kind = None  # "Lake Shalkar" is a lake, not the town of Shalkar
                if kind is None and n == 1 and CYRILLIC.search(stripped):
                    key = self._inflected(stripped) or key
                    kind = "entity" if key in gaz.by_key else None
                if kind is None:
                    continue
                if kind == "generic" and self._named_before(text, tokens, i):
                    break  # "Collective Security Council" is not a security council
                if kind == "generic" and title_after(text, tokens, i + n):
                    for t in tokens[i : i + n]:
                        t.kind = "soft"  # "Senate speaker Maulen Ashimbayev": a title
                    matched = True
                    i += n
                    break
                matched = True
                site = route_end(text, tokens, i + n) if kind == "entity" else 0
                if site:  # "the Central Asia–Center pipeline": a route, named after both ends
                    cand = self._candidate(
                        paragraph, token.start, tokens[site].end, heading, tokens[i : site + 1]
                    )
                    cand.vote(PLACE, 4.0)
                    site += 1  # the route noun is part of its name: no place is called that
                    for t in tokens[i:site]:
                        t.kind = "hard"
                    out.append(cand)
                    i = site
                    break
                for t in tokens[i : i + n]:
                    t.kind = "hard" if kind in ("entity", "generic", "weak") else kind
                if kind in ("entity", "generic", "weak"):
                    left, extended = self._extend_org(text, tokens, i, n, heading)
                    named = (
                        0 if extended or heading else self._named_after_place(text, tokens, i, n)
                    )
                    if not named and not extended and not heading:
                        named = self._subsidiary(text, tokens, i, n, key)
                    if named:  # "Kazakhstan Gharysh Sapary", "Rosneft Deutschland"
                        cand = self._candidate(
                            paragraph, token.start, tokens[i + named - 1].end, heading,
                            tokens[i : i + named],
                        )  # fmt: skip
                        cand.vote(ORG, 2.5)
                        for t in tokens[i : i + named]:
                            t.kind = "hard"
                        out.append(cand)
                        n = named
                    elif extended:
                        n = extended
                        last = tokens[i + n - 1]
                        first = tokens[i - left]
                        stripped = strip_possessive(text[first.start : last.end])
                        end = first.start + len(stripped)
                        cand = self._candidate(
                            paragraph, first.start, end, heading, tokens[i - left : i + n]
                        )
                        for t in tokens[i - left : i]:
                            t.kind = "hard"
                        head = head_of(tokens[i + n - 1].text)
                        street = (
                            head in lx.STREET_HEADS or head in NATURAL or head in lx.PLANT_CODES
                        )
                        cand.vote(PLACE if street else ORG, 4.0)
                        if head in lx.DROP_HEADS:
                            cand.vote(DROP, 9.0)
                        for t in tokens[i : i + n]:
                            t.kind = "hard"
                        out.append(cand)
                    else:
                        cand = self._candidate(
                            paragraph, token.start, end, heading, tokens[i : i + n]
                        )
                        if kind == "generic":
                            cand.generic = gaz.generic[key].template
                            listed = portfolio_list_end(self.gaz, text, tokens, i, n)
                            if listed:  # "Ministry of Culture, Information, … and Youth Policy"
                                n = _stretch(text, tokens, cand, i, n, listed)
                            cand.country = self._qualifier(text, tokens, i, n)
                            tail = self._of_country_end(text, tokens, i + n)
                            if cand.country and tail:  # "Security Council of Kazakhstan"
                                n = _stretch(text, tokens, cand, i, n, tail)
                        elif direction_before(self.gaz, text, tokens, i, key):
                            # "the North Aral Sea": another place than the Aral Sea.
                            prev = tokens[i - 1]
                            prev.kind = "hard"
                            cand = self._candidate(
                                paragraph, prev.start, end, heading, tokens[i - 1 : i + n]
                            )
                            cand.vote(PLACE, 4.0)
                        else:
                            entry_id = gaz.by_key.get(key) or gaz.weak_keys[key]
                            cand.gaz = entry_id
                            cand.weak = kind == "weak"
                            tail = self._own_country_end(text, tokens, i + n, entry_id)
                            if tail:  # "Atomic Energy Agency of the Republic of Kazakhstan"
                                n = _stretch(text, tokens, cand, i, n, tail)
                            elif gaz.entries[entry_id].type is EntityType.PLACE and (
                                site := site_after(text, tokens, i + n)
                            ):  # "the Toktogul reservoir": the place called with its noun
                                n = _stretch(text, tokens, cand, i, n, site)
                        out.append(cand)
                i += n
                break
            if not matched and "-" in token.text and token.cap:
                self._hyphen_parts(paragraph, token, out, heading)
            if not matched:
                i += 1

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

    def _subsidiary(self, text: str, tokens: list[Token], i: int, n: int, key: str) -> int:
        """``Rosneft Deutschland``, ``Freedom Bank Kazakhstan``: a known company and a
        country after it name its national arm, another company. Its length, else 0."""
        entry_id = self.gaz.by_key.get(key)
        j = i + n
        if (
            entry_id is None
            or self.gaz.entries[entry_id].type is not EntityType.ORGANISATION
            or j >= len(tokens)
            or tokens[j - 1].text.endswith(("'s", "’s"))
            or _gap(text, tokens[j - 1], tokens[j]) != " "
            or not self._country_at(tokens, j)
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
        for (start, part), key in zip(parts, keys, strict=True):
            cand = self._candidate(paragraph, start, start + len(part), heading, [token])
            cand.key, cand.first, cand.last, cand.initial = key, key, key, False
            cand.gaz = self.gaz.by_key[key]
            out.append(cand)
        token.kind = "hard"

    def _lower_generic(self, tokens: list[Token], i: int) -> bool:
        """``Russia's foreign ministry``: a generic body in lower case after a qualifier."""
        if i == 0 or tokens[i].cap or tokens[i].lower not in GENERIC_LOWER:
            return False
        two = " ".join(t.lower for t in tokens[i : i + 2])
        if name_key(two) not in self.gaz.generic:
            return False
        return self.gaz.country_of(name_key(tokens[i - 1].text)) is not None

    def _classify(self, key: str, tokens: list[Token], i: int, n: int) -> str | None:
        gaz = self.gaz
        token = tokens[i]
        if key in gaz.by_key:
            entry = gaz.entries[gaz.by_key[key]]
            # Short all-capital aliases (US, UN, RT) only match when written in capitals.
            if key in gaz.caps_keys and n == 1 and not token.acronym:
                return None
            prev = tokens[i - 1] if i else None
            if (
                n == 1
                and entry.type is EntityType.PERSON
                and prev is not None
                and prev.cap
                and not prev.kind
                and prev.end + 1 == token.start
            ):
                return None  # "Farrukh Karimov" is not Islam Karimov
            if (
                n == 1
                and entry.type is EntityType.PLACE
                and prev is not None
                and prev.cap
                and not prev.kind
                and prev.end + 1 == token.start
                and (
                    name_key(prev.text) in FIRST_NAME_KEYS
                    or (entry.name.endswith(_SURNAME_PLACES) and prev.lower not in lx.COMMON)
                )
            ):
                return None  # "Igor Kurchatov" is the physicist, not the town named after him
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
        if (
            key in gaz.non_entities
            or key in gaz.demonyms
            or (n == 1 and token.lower in lx.CALENDAR)
        ):
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

    def _extend_org(
        self, text: str, tokens: list[Token], i: int, n: int, heading: bool
    ) -> tuple[int, int]:
        """``Petropavlovsk City Court``, ``SNURDC Astana Mining Company Limited``: a known
        place inside an organisation's name. Returns (tokens added before, new length).
        In a title-case heading every word is capitalised, so only a short run of
        capitalised words extends it (not "Rosatom Starts Work on … Nuclear Plant")."""
        j = i + n
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
        head = head_of(run[-1].text)
        # "Kazakhstan International Bureau for Human Rights": a head, then "for" or "of".
        headed = (
            head in lx.ORG_HEADS
            or any(
                t.cap and t.lower in lx.ORG_HEADS and after.lower in ("for", "of")
                for t, after in pairwise(run)
            )
            # "Aktau International Sea Trade Port": the port company's registered name
            or (head == "port" and any(t.lower in ("trade", "commercial") for t in run))
        )
        arm = n == 1 and len(run) <= 2 and head in lx.BUSINESS_WORDS
        if arm and self._known_org(text, tokens[i]):
            return 0, end - i  # "Halyk Finance", "Kaspi Logistics": a known company's arm
        if not headed and not (
            head in lx.STREET_HEADS or head in NATURAL or head in lx.PLANT_CODES
        ):
            return 0, 0
        if head in lx.DROP_HEADS and headed:
            # "St Petersburg International Economic Forum": an event, and no mention
            # of the city (the caller vetoes the whole name).
            return 0, end - i
        if head in lx.DROP_HEADS:
            return 0, 0
        run_key = name_key(text[run[0].start : run[-1].end])
        if run_key in self.gaz.generic or run_key in self.gaz.by_key:
            return 0, 0
        left = 0
        while i - left > 0 and left < 4 and headed:
            prev = tokens[i - left - 1]
            if _gap(text, prev, tokens[i - left]) != " " or not prev.cap:
                break
            if prev.kind and not (prev.kind == "soft" and name_key(prev.text) in self.gaz.demonyms):
                break
            if prev.initial and prev.lower in lx.COMMON:
                break
            left += 1
        return left, end - i

    def _known_org(self, text: str, token: Token) -> bool:
        entry_id = self.gaz.by_key.get(name_key(strip_possessive(token.text)))
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
            singular = key[:-1] if key.endswith("s") else key  # "Kuban Nogais": a people
            if singular in self.gaz.demonyms or singular in self.gaz.non_entities:
                return 0
            k += 1
        if k == j:
            return 0
        if k < len(tokens) and tokens[k].cap and not _gap(text, tokens[k - 1], tokens[k]):
            return 0
        return k - i

    def _named_before(self, text: str, tokens: list[Token], i: int) -> bool:
        """Whether a capitalised word of the same name precedes a generic body's name."""
        if i == 0:
            return False
        prev = tokens[i - 1]
        if not prev.cap or prev.kind or _gap(text, prev, tokens[i]) != " ":
            return False
        low = prev.lower
        if prev.initial and (low in lx.COMMON or low in ARTICLES):
            return False
        key = name_key(prev.text)
        return not (key in self.gaz.titles or self.gaz.country_of(key) or low in lx.COMMON)


def _stretch(text: str, tokens: list[Token], cand: Candidate, i: int, n: int, end: int) -> int:
    """Make a match of ``n`` tokens from ``i`` run on to token ``end`` (the words after
    it are part of its name); returns its new length."""
    for t in tokens[i + n : end]:
        t.kind = "hard"
    cand.end = tokens[end - 1].end
    cand.surface = text[cand.start : cand.end]
    return end - i
