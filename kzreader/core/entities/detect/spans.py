"""The span pass: capitalised runs the gazetteer did not claim, made into candidates.

A run is kept whole across of/and/for, digits, name particles and hyphens when it
belongs to one name (``Caspian Pipeline Consortium``, ``Rossiya 24``), and split where
a sentence-initial word, a month or a common word is not part of it.
"""

from __future__ import annotations

from ...corpus.model import Paragraph
from .. import lexicon as lx
from ..candidate import DROP, ORG, PERSON, PLACE, Candidate, drop_known_within
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .joins import lower_portfolio_end
from .known_at import of_country
from .patterns import (
    ARTICLES,
    CONNECTORS,
    DETERMINERS,
    DOMAIN,
    EPITHETS,
    NAME_PARTICLES,
    ORDINAL,
    SHOUT,
    UNITS,
    head_of,
)
from .runs import Runs
from .shapes import (
    after_portfolio,
    direction_place,
    head_after_title,
    known_noun,
    legal_prefix_end,
    plain_noun,
    portfolio_list_end,
    singular,
    site_after,
    street_after,
    street_title,
    two_companies,
)
from .sites import field_after, unit_after


class Spans(Runs):
    """Groups capitalised tokens into candidate names (the second pass)."""

    _article_lower: frozenset[str]

    def _span_pass(
        self,
        paragraph: Paragraph,
        tokens: list[Token],
        out: list[Candidate],
        heading: bool,
        shouting: bool,
    ) -> None:
        text = paragraph.text
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not (token.cap or token.kind or token.text[:1].isdigit()):
                i += 1  # most words: lower case, not marked by the first pass
                continue
            first = self._demonym_org(text, tokens, i) if token.kind == "soft" else 0
            if first and not heading:
                j = self._run_end(text, tokens, first)
                cand = self._span_candidate(paragraph, tokens, (i, j), heading)
                if cand is not None:
                    out.append(cand)
                i = j
                continue
            if token.kind == "soft" and token.lower in lx.DIRECTIONS and not heading:
                j = direction_place(text, tokens, i, self._run_end)
                if j:  # "the Southern Gas Corridor": a direction starts the place's name
                    cand = self._span_candidate(paragraph, tokens, (i, j), heading)
                    if cand is not None:
                        cand.vote(PLACE, 4.0)
                        out.append(cand)
                    i = j
                    continue
            if token.kind == "soft" and token.cap and street_after(text, tokens, i):
                # "Republic Square", "Independence Avenue": a common word names the street.
                cand = self._span_candidate(paragraph, tokens, (i, i + 2), heading)
                if cand is not None:
                    cand.vote(PLACE, 3.0)
                    out.append(cand)
                i += 2
                continue
            if token.text[:1].isdigit() and DOMAIN.search(token.text) and not token.kind:
                cand = self._span_candidate(paragraph, tokens, (i, i + 1), heading)
                if cand is not None:
                    out.append(cand)  # "24.kg": a site's name, though it starts with digits
                i += 1
                continue
            if not token.cap or token.kind:
                i += 1
                continue
            if (
                i > 0
                and tokens[i - 1].lower in ("of", "for")
                and token.lower in lx.DEPARTMENTS
                and (
                    i + 1 >= len(tokens)
                    or not tokens[i + 1].cap
                    or _gap(text, token, tokens[i + 1]).strip()
                )
            ):
                token.kind = "soft"  # "Head of Communications": a department, not a body
                i += 1
                continue
            prefixed = legal_prefix_end(text, tokens, i)
            if prefixed:  # "AO Tau-Ken Samruk": the form before a known company's name
                for t in tokens[i:prefixed]:
                    t.kind = "soft"
                i = prefixed
                continue
            if (
                name_key(token.text) in self.gaz.titles
                and not self._starts_a_body(text, tokens, i + 1)
                and not street_title(text, tokens, i, 1)
                and not self._names_a_school(text, tokens, i, 1)
                and not head_after_title(text, tokens, i, 1)
            ):
                token.kind = "title"
                i += 1
                continue
            j = self._run_end(text, tokens, i)
            h = i + 1 if token.lower in ARTICLES else i
            # "Ministry of Digital Development, Innovation and Aerospace Industry [of …]"
            if (
                j - h >= 3
                and head_of(tokens[h].text) in lx.ORG_HEADS
                and (listed := portfolio_list_end(self.gaz, text, tokens, h, j - h))
            ):
                j = of_country(self.gaz, text, tokens, listed)[0] or listed
            if (
                j < len(tokens)
                and tokens[j].kind == "hard"
                and _gap(text, tokens[j - 1], tokens[j]) in (' "', " «", " “")
                and head_of(tokens[j - 1].text) in lx.ORG_HEADS
            ):
                # 'Sovereign Wealth Fund "Samruk-Kazyna" JSC': the kind of body before
                # its quoted name, the Kazakh registers' way, names nothing of its own.
                for t in tokens[i:j]:
                    t.kind = "soft"
                i = j
                continue
            named = after_portfolio(text, tokens, i, j)
            if named:
                for t in tokens[i:named]:
                    t.kind = "soft"
                i = named
                continue
            if self._not_a_name(text, tokens, i, j):
                # Kept with a veto, so other mentions of the same words are dropped too.
                surface = strip_possessive(text[token.start : tokens[j - 1].end])
                cand = self._candidate(
                    paragraph, token.start, token.start + len(surface), heading, tokens[i:j]
                )
                cand.vote(DROP, 6.0)
                out.append(cand)
                i = j
                continue
            for span in self._split_run(text, tokens, i, j, heading, shouting):
                cand = self._span_candidate(paragraph, tokens, span, heading)
                if cand is not None:
                    if any(t.kind == "hard" for t in tokens[span[0] : span[1]]):
                        drop_known_within(out, cand)
                    out.append(cand)
            i = j

    def _split_run(
        self, text: str, tokens: list[Token], i: int, j: int, heading: bool, shouting: bool
    ) -> list[tuple[int, int]]:
        run = list(range(i, j))
        headed = len(run) >= 2 and any(self._is_head(tokens[k]) for k in run) and not heading
        if j < len(tokens) and not heading and not _gap(text, tokens[j - 1], tokens[j]).strip():
            follower = tokens[j].lower
            if follower in lx.ORG_NOUNS_JOINED:  # "National institute for human rights"
                headed = True
        last = tokens[j - 1]
        if 2 <= len(run) <= 3 and not heading and last.cap:
            # "Dragon Oil", "Freedom Finance": a company, though its last word is common.
            headed = headed or strip_possessive(last.text).lower() in lx.BUSINESS_WORDS
        spans: list[tuple[int, int]] = []
        if headed:
            # Keep the name whole, dropping leading function words and demonyms.
            start = i
            while start < j - 1 and not self._is_head(tokens[start]):
                token = tokens[start]
                common = strip_possessive(token.lower) in lx.COMMON
                if token.kind == "soft" and start > i and self._demonym_org(text, tokens, start):
                    break  # "The European Bank for …": the adjective after "The" starts it
                if (  # "Member of the Australasian Institute …", "Shares of Jiangxi Copper"
                    start == i
                    and tokens[start + 1].lower == "of"
                    and (token.lower in lx.ROLE_NOUNS or token.initial)
                    and not self._is_head(token)
                    and any(self._is_head(t) for t in tokens[start + 2 : j])
                    and (
                        token.lower in lx.ROLE_NOUNS or plain_noun(token.lower, self._article_lower)
                    )
                ):
                    start += 2
                    continue
                if start == j - 2 and token.lower in lx.CAUSE_NOUNS:
                    break  # "Freedom Telecom": no name is left of its head alone
                if (
                    start == j - 2
                    and token.lower not in ARTICLES
                    and strip_possessive(tokens[j - 1].lower) in lx.STREET_HEADS
                ):
                    break  # "Republic Square", "Independence Avenue"
                if not (
                    token.kind == "soft"
                    or token.lower in ARTICLES | {"in", "on", "at", "by"}
                    or (common and (token.initial or token.acronym))
                    or (token.initial and known_noun(strip_possessive(token.lower)))
                ):
                    break
                start += 1
            # "Steppe Trade Logistics LLP and Altyn Electronics LLP", "Wizz Air and
            # Turkish Airlines": two companies, each ending as a company does.
            while True:
                cut = next(
                    (m for m in range(start + 2, j - 2) if two_companies(tokens, start, m, j)),
                    None,
                )
                if cut is None:
                    break
                spans.append((start, cut))
                start = cut + 1
            spans.append((start, j))
        else:
            current: list[int] = []
            for k in run:
                if (
                    len(current) == 1
                    and k == j - 1
                    and tokens[k - 1].acronym
                    and tokens[k].cap
                    and not tokens[k].kind
                    and not tokens[k].initial
                    and not heading
                ):
                    current.append(k)  # "DP World", "IT Park": an acronym's common word
                    continue
                if self._weak(tokens[k], heading) and not (
                    current
                    and (
                        tokens[k].text in lx.ROMAN_NUMERALS
                        # "Al Noor Horizon General Trading": a common word before the
                        # company's business word
                        or (
                            not heading
                            and k + 1 in run
                            and tokens[k + 1].lower in lx.BUSINESS_WORDS
                        )
                    )
                ):
                    if current and tokens[k].lower not in CONNECTORS | {"the"} | EPITHETS:
                        spans.append((current[0], current[-1] + 1))
                        current = []
                    elif current and tokens[k].lower in EPITHETS:
                        current.append(k)
                    continue
                if current and tokens[k].text.isdigit():
                    current.append(k)  # Katun 24
                    continue
                if current and tokens[k].text in NAME_PARTICLES and k + 1 in run:
                    current.append(k)  # Anna van Densky (joined by _run_end)
                    continue
                if not tokens[k].cap and tokens[k].lower not in EPITHETS:
                    if current:
                        spans.append((current[0], current[-1] + 1))
                        current = []
                    continue
                current.append(k)
            if current:
                spans.append((current[0], current[-1] + 1))
        result = []
        for a, b in spans:
            while (
                b > a
                and not tokens[b - 1].cap
                and tokens[b - 1].lower not in EPITHETS
                and not (b - 1 > a and tokens[b - 1].text.isdigit())
            ):
                b -= 1
            if b <= a:
                continue
            words = tokens[a:b]
            if shouting and all(t.acronym for t in words):
                continue
            if len(words) == 1 and words[0].text in lx.VENTURE_PREFIXES | lx.LEGAL_PREFIXES:
                continue  # "the JV will employ": a form alone names nothing
            if any(SHOUT.match(t.text) for t in words):
                continue
            if (
                words[0].initial
                and words[0].lower.endswith("ly")
                and all(t.text[:1].isdigit() for t in words[1:])
            ):  # "Roughly 80"
                continue
            if len(words) == 1:
                word = words[0].text
                letters = sum(c.isalpha() for c in word)
                if letters < 2 or (words[0].acronym and "." in word):
                    continue
                if (words[0].acronym and letters > 5) or word in lx.ROMAN_NUMERALS:
                    continue
            result.append((a, b))
        return result

    def _span_candidate(
        self, paragraph: Paragraph, tokens: list[Token], span: tuple[int, int], heading: bool
    ) -> Candidate | None:
        text = paragraph.text
        a, b = span
        if a and ORDINAL.match(tokens[a - 1].text) and head_of(tokens[b - 1].text) in UNITS:
            a -= 1  # "the 98th Guards Airborne Division": a unit is named with its number
        words = tokens[a:b]
        if all(w.lower in DETERMINERS for w in words):
            return None  # "The fund also holds …": a determiner names nothing
        end = words[-1].end
        # Lower-case continuation: "Shet district", "Strategy center for ... research".
        joined_place = joined_org = joined_person = False
        k = b
        if k < len(tokens) and not _gap(text, tokens[k - 1], tokens[k]).strip():
            low = tokens[k].lower
            if low in lx.PATRONYMIC_WORDS and not tokens[k].cap and b - a >= 2:
                end, joined_person, k = tokens[k].end, True, k + 1  # "Aizada Sharshenbek kyzy"
        if (
            not joined_person
            and k < len(tokens)
            and not _gap(text, tokens[k - 1], tokens[k]).strip()
        ):
            low = tokens[k].lower
            unit = unit_after(text, tokens, k)
            known = self.gaz.by_key.get(name_key(text[words[0].start : words[-1].end]))
            if not unit and known:
                unit = field_after(self.gaz, text, tokens, k, known)  # "the Orenburg field"
            if unit and known:
                # "Saryagash station", not a mention of the town named with its noun
                end, joined_place, k = tokens[unit - 1].end, True, unit
            elif (
                low in lx.PLACE_NOUNS_JOINED
                and not words[-1].text.endswith(("'s", "’s"))
                and head_of(words[-1].text) not in lx.PLACE_HEADS  # "the Auezov Avenue bridge"
            ):
                end, joined_place, k = tokens[k].end, True, k + 1
            elif low in lx.ORG_NOUNS_JOINED and not words[-1].text.endswith(("'s", "’s")):
                end, joined_org, k = tokens[k].end, True, k + 1
                if m := lower_portfolio_end(text, tokens, k):  # "center for … research"
                    end, k = tokens[m - 1].end, m
        possessive = words[-1].text.endswith(("'s", "’s"))  # (not "Mechel's plants")
        site = 0 if joined_place or joined_org or possessive else site_after(text, tokens, k)
        if site and len(words) == 1 and words[0].initial and words[0].lower in lx.SITE_MODIFIERS:
            site = 0  # "Solar and wind plants are due …": a kind of site, not a name
        surface = strip_possessive(text[words[0].start : end])
        end = words[0].start + len(surface)
        if not surface:
            return None
        cand = self._candidate(paragraph, words[0].start, end, heading, words)
        if site:
            cand.vote(PLACE, 3.0)
            # The mention is the name ("Galkynysh"); the place is called with its noun
            # where the text does ("the Galkynysh field"), which names it more fully.
            noun = tokens[site - 1]
            middle = text[words[-1].end : noun.start]
            cand.site = text[words[0].start : words[-1].end] + middle + singular(noun.text)
        if cand.key in self.gaz.non_entities or cand.key in self.gaz.demonyms:
            return None
        if joined_person:
            cand.vote(PERSON, 4.0)
        if joined_place:
            cand.vote(PLACE, 4.0)
        if joined_org:
            cand.vote(ORG, 4.0)
        if (
            a
            and len(words) >= 2
            and tokens[a - 1].cap
            and _gap(text, tokens[a - 1], words[0]) == " "
        ):
            # "Russia's Social Fund": whose body it is, to tell it from another's
            cand.country = self.gaz.country_of(name_key(strip_possessive(tokens[a - 1].text)))
        self._shape_votes(cand, words)
        self._context_votes(text, tokens, a, k, cand, paragraph)
        return cand
