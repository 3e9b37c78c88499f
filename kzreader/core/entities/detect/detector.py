"""The detector: both passes over each paragraph, the frame's votes and in-text links.

Detection is per article and context-free across articles, so its output can be
cached by the article's content hash.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...corpus.model import Article, Kind, Paragraph
from .. import lexicon as lx
from ..candidate import DROP, ORG, ORG_ID_PREFIX, PLACE, Candidate
from ..gazetteer import Gazetteer, load_gazetteer
from ..names import name_key, strip_possessive
from ..tokens import Token, tokenize
from .aliases import link_within
from .courts import courts
from .frame import dateline_agency, dateline_end, frame_votes
from .known import KnownNames
from .patterns import (
    LOWER_WORD,
    MODEL_VOTE,
    NAVIGATION,
    Proposer,
)
from .registered import registered
from .routes import routes
from .shapes import DOCUMENT_TITLE, DOCUMENT_WORDS, document_title_end
from .vessels import vessels

#: A stock ticker and its exchange in parentheses (``(KAP LI)``, ``(CCJ US)``, ``(KZAP KZ)``).
_TICKER = re.compile(r"\((?:[A-Z0-9.]{1,6} (?:[A-Z]{2}|Equity)(?:, |; )?)+\)")

#: Awards named after someone or something: ``Order of Lenin``, ``Medal of Honour``.
_AWARD = re.compile(r"\b(?:Order|Medal|Orders|Medals) of (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?")

#: A link to another story (``Read also: Kazakh Court Jails Blogger``): a headline.
_RELATED = re.compile(
    r"^\s*(?:read (?:also|more)|see also|related|more on this|also read)\s*:", re.I
)

#: A month's abbreviation standing alone, anywhere: the condition for looking for "Aug
#: 23" (letters and digits as the bounds, so it finds every word the tokens would).
_MONTHS = "|".join(sorted(lx.MONTH_ABBREVIATIONS))
_MONTH_WORD = re.compile(rf"(?<![A-Za-z0-9])(?:{_MONTHS})(?![A-Za-z0-9])", re.IGNORECASE)


#: What joins a Soviet-style name to the person it honours: ``Kazakhfilm named after
#: Shaken Aimanov``, ``the Corporation named after S. P. Korolev`` (initials and all).
_NAMED_AFTER = re.compile(r" named after (?:[A-ZА-ЯЁ]\. ?){0,3}")


def _named_after(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A name followed at once by "named after" and a person's name is one name: the
    person is honoured, not mentioned (", named after the bard …" is another matter)."""
    out: list[Candidate] = []
    joining = False  # the last name took a person: initials may go on ("S. P" "Korolev")
    for cand in cands:
        prev = out[-1] if out else None
        gap = text[prev.end : cand.start] if prev is not None else ""
        if (
            prev is not None
            and cand.tokens <= 4
            and (_NAMED_AFTER.fullmatch(gap) or (joining and gap in (" ", ". ", ".")))
        ):
            prev.end = cand.end
            prev.surface = text[prev.start : cand.end]
            prev.key = name_key(prev.surface)
            prev.tokens += cand.tokens + 2
            prev.last = cand.last
            joining = True
            continue
        joining = False
        out.append(cand)
    return out


def _soften(tokens: list[Token], start: int, end: int) -> None:
    """Mark the words between two offsets as no names, before the passes run."""
    for token in tokens:
        if start <= token.start < end:
            token.kind = "soft"


class Detector(KnownNames):
    """Finds candidates in articles; one instance per process (it holds the gazetteer)."""

    def __init__(self, gazetteer: Gazetteer | None = None, proposer: Proposer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.proposer = proposer
        self._article_lower: frozenset[str] = frozenset()

    # ----------------------------------------------------------------- articles
    def detect(self, article: Article) -> list[Candidate]:
        """Every candidate in the article's paragraphs (boilerplate is skipped)."""
        out: list[Candidate] = []
        # Words the article writes in lower case: in a title-case headline or at the
        # start of a sentence, "Residents", "Shares" or "Deleted" are those words.
        found = set(LOWER_WORD.findall("\n".join(p.text for p in article.paragraphs)))
        self._article_lower = frozenset(map(str.lower, found))
        for paragraph in article.paragraphs:
            if paragraph.kind is Kind.BOILERPLATE or NAVIGATION.match(paragraph.text):
                continue
            self.detect_paragraph(paragraph, out)
        self._trim_headings(article, out)
        return out

    def _trim_headings(self, article: Article, out: list[Candidate]) -> None:
        """``Backs New Terms for Jerooy`` in a title-case headline is ``Jerooy``: a heading's
        unknown name the body never uses is cut to the longest part of it the body does;
        that part may run on into the headline's next words (``Fines Bereke`` before
        ``Bank``, when the body says ``Bereke Bank``)."""
        body = {c.key for c in out if not c.heading}
        for index, cand in enumerate(out):
            if not cand.heading or cand.gaz or cand.generic or cand.key in body:
                continue
            paragraph = article.paragraph(cand.paragraph)
            tokens = tokenize(paragraph.text)
            words = [t for t in tokens if cand.start <= t.start < cand.end]
            if any(self._is_head(w) for w in words):
                continue  # "The Moscow District Military Court": a headed name is whole
            own = len(words)
            for t in [t for t in tokens if t.start >= cand.end][:3]:
                if not t.cap or paragraph.text[words[-1].end : t.start] != " ":
                    break
                words.append(t)
            best: tuple[int, int] | None = None
            for a in range(own):
                for b in range(len(words), a, -1):
                    if (a, b) == (0, own) or (best and b - a <= best[1] - best[0]):
                        continue
                    surface = paragraph.text[words[a].start : words[b - 1].end]
                    if words[a].cap and name_key(strip_possessive(surface)) in body:
                        best = (a, b)
            if best is not None:
                a, b = best
                start = words[a].start
                end = start + len(strip_possessive(paragraph.text[start : words[b - 1].end]))
                out[index] = self._candidate(paragraph, start, end, True, words[a:b])
            elif sum(w.lower in self._article_lower for w in words[:own]) * 2 >= own:
                cand.vote(DROP, 6.0)  # "Signs Coke Supply Deal": the body's own words

    def detect_paragraph(self, paragraph: Paragraph, out: list[Candidate]) -> None:
        text = paragraph.text
        tokens = tokenize(text)
        if not tokens:
            return
        place_end = dateline_end(paragraph, tokens)
        if _MONTH_WORD.search(text):  # (most paragraphs have none: no walk over the words)
            for a, b in pairwise(tokens):
                if a.lower in lx.MONTH_ABBREVIATIONS and b.text[:1].isdigit():
                    a.kind = "soft"  # "Aug 23", but "Jan Harvey" is a man
        if "(" in text:
            for ticker in _TICKER.finditer(text):  # "Kazatomprom JSC (KAP LI)": a quote code
                _soften(tokens, ticker.start(), ticker.end())
        if any(w in text for w in DOCUMENT_WORDS) and DOCUMENT_TITLE.search(text):
            # "the Convention on the Protection and Use of …"
            for k, token in enumerate(tokens):
                titled = document_title_end(text, tokens, k) if token.cap else 0
                for t in tokens[k + 1 : titled]:
                    t.kind = "soft"
        for start, end in vessels(text, self._country_or_company):
            _soften(tokens, start, end)  # "its tankers Taraz and Aral": ships, not the towns
        if "Order" in text or "Medal" in text:
            for award in _AWARD.finditer(text):  # "the Order of Lenin": an award, not Lenin
                _soften(tokens, award.start(), award.end())
        heading = paragraph.heading or paragraph.kind is Kind.TITLE or bool(_RELATED.match(text))
        first_new = len(out)
        # Names found on the text before the passes, whose words no pass may take apart:
        # "VTB Bank (Kazakhstan)", "the Almaty city court", "the Dostyk–Alashankou crossing".
        framed = [(s, e, ORG, 5.0) for s, e in registered(text, tokens, self.gaz.country_of)]
        framed += [(s, e, ORG, 5.0) for s, e in courts(text, tokens)]
        framed += [(s, e, PLACE, 4.0) for s, e in routes(text)]
        for start, end, type_, weight in framed:
            words = [t for t in tokens if start <= t.start < end]
            if words and not any(t.kind for t in words):
                cand = self._candidate(paragraph, start, end, heading, words)
                cand.vote(type_, weight)
                out.append(cand)
                _soften(tokens, start, end)
        shouting = self._shouting(tokens, paragraph.kind is Kind.COMMENT)
        self._gazetteer_pass(paragraph, tokens, out, heading)
        self._span_pass(paragraph, tokens, out, heading, shouting)
        if self.proposer is not None:
            self._propose(paragraph, tokens, out, first_new, heading)
        new = _named_after(text, sorted(out[first_new:], key=lambda c: c.start))
        out[first_new:] = new
        frame_votes(paragraph, new, place_end)
        agency = self._agency(paragraph, tokens, out, first_new, heading)
        link_within(text, out, first_new, agency)

    def _agency(
        self,
        paragraph: Paragraph,
        tokens: list[Token],
        out: list[Candidate],
        first: int,
        heading: bool,
    ) -> tuple[int, int] | None:
        """The dateline's agency is one organisation, though its parts are known names
        (``Interfax-Kazakhstan`` is neither Interfax nor Kazakhstan)."""
        span = dateline_agency(paragraph)
        if span is None:
            return None
        start, end = span
        inside = [c for c in out[first:] if start <= c.start and c.end <= end]
        if len(inside) == 1 and (inside[0].start, inside[0].end) == span:
            if not inside[0].gaz:
                inside[0].vote(ORG, 5.0)
            return span
        words = [t for t in tokens if start <= t.start and t.end <= end]
        if not words:
            return span
        cand = self._candidate(paragraph, start, end, heading, words)
        cand.vote(ORG, 5.0)
        out[first:] = sorted(
            [c for c in out[first:] if c not in inside] + [cand], key=lambda c: c.start
        )
        return span

    def _shouting(self, tokens: list[Token], comment: bool) -> bool:
        """A paragraph that writes many words in capitals for emphasis (reader comments).

        Outside comments only capitals that are words (the article writes them in lower
        case, or they are common words) count: "China's CNNC and France's EDF" are
        acronyms of an article's prose."""
        caps = {
            t.text
            for t in tokens
            if t.acronym
            and len(t.text) >= 3
            and name_key(t.text) not in self.gaz.by_key
            and (comment or t.lower in self._article_lower or t.lower in lx.COMMON)
        }
        return len(caps) >= 3

    # ----------------------------------------------------------- optional model
    def _propose(
        self,
        paragraph: Paragraph,
        tokens: list[Token],
        out: list[Candidate],
        first_new: int,
        heading: bool,
    ) -> None:
        """Let the optional model vote on our spans and add the capitalised ones we missed."""
        assert self.proposer is not None
        spans = self.proposer(paragraph.text)
        shouting = self._shouting(tokens, paragraph.kind is Kind.COMMENT)
        mine = out[first_new:]
        for start, end, type_ in spans:
            overlapping = [c for c in mine if c.start < end and start < c.end]
            for cand in overlapping:
                if cand.gaz is None and cand.generic is None:
                    cand.vote(type_, MODEL_VOTE)
            if overlapping or type_ == DROP:
                continue
            words = [t for t in tokens if t.start >= start and t.end <= end]
            if not words or not words[0].cap or any(t.kind for t in words):
                continue
            if (
                shouting
                or any(t.acronym for t in words)
                or sum(c.isalpha() for c in words[0].text) < 2
            ):
                continue
            if all(self._weak(t, heading) for t in words):
                continue
            surface = strip_possessive(paragraph.text[words[0].start : words[-1].end])
            cand = self._candidate(
                paragraph, words[0].start, words[0].start + len(surface), heading, words
            )
            if cand.key in self.gaz.non_entities or cand.key in self.gaz.demonyms:
                continue
            cand.vote(type_, MODEL_VOTE)
            out.append(cand)

    def _country_or_company(self, name: str) -> bool:
        """Whether a name is a known country's or organisation's (possessive or not)."""
        key = name_key(strip_possessive(name))
        entry_id = self.gaz.by_key.get(key)
        return self.gaz.country_of(key) is not None or (
            entry_id is not None and entry_id.startswith(ORG_ID_PREFIX)
        )
