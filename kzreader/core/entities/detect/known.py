"""The gazetteer pass: the longest known name at each capitalised token.

Entities the gazetteer lists, generic state bodies with the country that qualifies them
(``Kazakhstan's Interior Ministry``, ``Security Council of Kazakhstan``), and the words
that are never entities (demonyms, titles, months). A known place inside a longer
organisation's name (``Petropavlovsk City Court``) makes the organisation, not the place.
"""

from __future__ import annotations

from ...corpus.model import Paragraph
from .. import lexicon as lx
from ..candidate import DROP, ORG, PLACE, Candidate
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .classify import classify
from .longer import LongerNames
from .patterns import (
    ARTICLES,
    CYRILLIC,
    DOMAIN,
    GENERIC_LOWER,
    NATURAL,
    head_of,
    is_calendar,
)
from .shapes import (
    direction_before,
    head_after_title,
    may_end,
    name_reach,
    of_population,
    portfolio_list_end,
    route_end,
    site_after,
    street_title,
    title_after,
)
from .sites import crossing_after, field_after, no_mention_here, unit_after


class KnownNames(LongerNames):
    """Matches gazetteer names, generic bodies and non-entities (the first pass)."""

    def _gazetteer_pass(
        self, paragraph: Paragraph, tokens: list[Token], out: list[Candidate], heading: bool
    ) -> None:
        gaz, text = self.gaz, paragraph.text
        units = any(noun in text for noun in lx.PLURAL_UNITS)  # "Akmola and Kostanay regions"
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
            if CYRILLIC.match(token.text) and i + 1 < len(tokens) and tokens[i + 1].cap:
                longest = max(longest, 2)  # "Владимиром Путиным": a name in a case
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
                kind = classify(gaz, self._article_lower, key, tokens, i, n)
                if kind is None and len(stripped) >= 5 and stripped.isupper():
                    # "MOSCOW, May 7", "SHYMKENT —": capitals key as letters (like an
                    # acronym), but a long word in capitals is a name shouted.
                    shouted = name_key(stripped.lower())
                    if shouted != key and (
                        found := classify(gaz, self._article_lower, shouted, tokens, i, n)
                    ):
                        key, kind = shouted, found
                if kind == "title" and (
                    self._starts_a_body(text, tokens, i + n)
                    or street_title(text, tokens, i, n)
                    or self._names_a_school(text, tokens, i, n)
                    or head_after_title(text, tokens, i, n)
                ):
                    kind = None  # "Justice for Journalists Foundation", "Abylai Khan Avenue"
                if (
                    kind == "entity"
                    and n == 1
                    and (words := no_mention_here(gaz, text, tokens, i, key))
                ):
                    for t in tokens[i : i + words]:
                        t.kind = "soft"  # "Airbus A320neo", "Caspian ports": no mention
                    matched = True
                    i += words
                    break
                if kind == "entity" and self._names_another_place(text, tokens, i, n, key):
                    kind = None  # "Beineu district", "Lake Shalkar": not the town itself
                if kind is None and n <= 2 and CYRILLIC.search(stripped):
                    key = self._inflected(stripped) or key
                    kind = "entity" if key in gaz.by_key else None
                if kind is None:
                    continue
                if kind == "team":
                    cand = self._candidate(
                        paragraph, tokens[i - 1].start, end, heading, tokens[i - 1 : i + n]
                    )
                    cand.vote(ORG, 2.5)
                    for t in tokens[i - 1 : i + n]:
                        t.kind = "hard"
                    out.append(cand)
                    matched = True
                    i += n
                    break
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
                            if people := of_population(text, tokens, i + n):
                                n = _stretch(text, tokens, cand, i, n, people)
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
                            entry_id = (
                                gaz.spelled.get(stripped)
                                or gaz.by_key.get(key)
                                or gaz.weak_keys[key]
                            )
                            entry_type = gaz.entries[entry_id].type
                            if entry_type is EntityType.ORGANISATION and not heading:
                                kind_at = self._descriptor_before(text, tokens, i)
                                if kind_at < i:  # "State Space Corporation Roscosmos"
                                    cand = self._candidate(
                                        paragraph, tokens[kind_at].start, end, heading,
                                        tokens[kind_at : i + n],
                                    )  # fmt: skip
                                    for t in tokens[kind_at:i]:
                                        t.kind = "hard"
                            cand.gaz = entry_id
                            cand.weak = kind == "weak"
                            tail = self._own_country_end(text, tokens, i + n, entry_id)
                            named_site = (  # one past the site's noun, if a site is named so
                                crossing_after(text, tokens, i, i + n)
                                if entry_type is EntityType.ORGANISATION
                                else site_after(text, tokens, i + n)
                                if entry_type is EntityType.PERSON
                                else 0
                            )
                            if tail:  # "Atomic Energy Agency of the Republic of Kazakhstan"
                                n = _stretch(text, tokens, cand, i, n, tail)
                            elif named_site:
                                # "the Zhibek Zholy checkpoint", "the Lenin mine": a place
                                # named after a known body or person
                                cand.gaz = None
                                cand.site = text[cand.start : tokens[named_site - 1].end]
                                cand.vote(PLACE, 4.0)
                            elif entry_type is EntityType.PLACE and (
                                site := site_after(text, tokens, i + n)
                            ):  # "the Toktogul reservoir": the place called with its noun
                                n = _stretch(text, tokens, cand, i, n, site)
                                # unless the gazetteer knows the site apart from the town
                                cand.gaz = gaz.by_key.get(name_key(cand.surface)) or entry_id
                        out.append(cand)
                i += n
                break
            if not matched and "-" in token.text and token.cap:
                self._hyphen_parts(paragraph, token, out, heading)
            if not matched:
                i += 1

    def _lower_generic(self, tokens: list[Token], i: int) -> bool:
        """``Russia's foreign ministry``: a generic body in lower case after a qualifier."""
        if i == 0 or tokens[i].cap or tokens[i].lower not in GENERIC_LOWER:
            return False
        two = " ".join(t.lower for t in tokens[i : i + 2])
        if name_key(two) not in self.gaz.generic:
            return False
        return self.gaz.country_of(name_key(tokens[i - 1].text)) is not None

    def _names_another_place(
        self, text: str, tokens: list[Token], i: int, n: int, key: str
    ) -> bool:
        """A known place with a unit noun after it (``Beineu district``, ``Moskva
        station``) or a lake's or mountain's word before it (``Lake Shalkar``) is another
        place, named after it; the span pass makes that one."""
        entry_id = self.gaz.by_key.get(key)
        if entry_id is None or self.gaz.entries[entry_id].type is not EntityType.PLACE:
            return False
        if unit_after(text, tokens, i + n) or field_after(self.gaz, text, tokens, i + n, entry_id):
            return True
        prev = tokens[i - 1] if i else None
        return (
            prev is not None
            and prev.cap
            and prev.lower in lx.PLACE_FIRST_HEADS
            and _gap(text, prev, tokens[i]) == " "
        )

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
