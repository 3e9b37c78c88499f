"""Text outside body prose: datelines, credit lines and author lines.

A dateline's capitals are a place, not an acronym, and the story's first word after it
starts a sentence; a credit's names are a photographer and an agency; a lone line of two
or three capitalised words near the top is an author. These rules read a paragraph's
frame rather than its sentences, so they stand apart from the two passes.
"""

from __future__ import annotations

import re

from ...corpus.model import Kind, Paragraph
from .. import lexicon as lx
from ..candidate import ORG, PERSON, PLACE, Candidate
from ..tokens import Token
from .patterns import FIRST_NAME_KEYS

#: A dateline: ``ALMATY --``, ``MOSCOW, Aug 2 (Reuters) –``, ``URALSK, Kazakhstan, June 14 --``,
#: ``Baikonur Cosmodrome, Kazakhstan –``: a place (in capitals, or followed by more
#: parts), then a country, a date or a news agency, then a dash; or TASS's way,
#: ``MOSCOW, May 7 /TASS/.``, the agency between slashes. Kazinform and Interfax put a
#: full stop after the place: ``ASTANA. KAZINFORM –``, ``ASTANA. Nov 12 (Interfax) -``.
#: Two places may share one: ``BISHKEK/DUSHANBE —``; a date may come day first
#: (``ALMATY, 18 November 2026 —``).
_DATELINE = re.compile(
    r"^(?:(?P<caps>[A-ZА-ЯЁ][A-ZА-ЯЁ .'’/-]*[A-ZА-ЯЁ])"
    r"|(?P<title>[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*){0,3})(?=,))"
    r"(?:(?:,|(?<=[A-ZА-ЯЁ])\.)\s*[A-ZА-ЯЁ0-9][\w'’.-]*(?: [\w'’.-]+){0,3}?)*"
    r"(?:\s*(?:\((?P<agency>[A-Z][\w./ -]{0,24})\))?\s*(?:--|—|–|-)\s+"
    r"|\s+/(?P<slashed>[A-Z][\w. -]{0,24})/\.?\s+)"
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:photo|photos|credit|credits|image|source|picture)s?\b\s*:?", re.I
)
#: An author line without "By": two or three capitalised words alone near the top, or
#: with the date after them (``Joanna Lillis   Jun 18, 2025``, ``Anna Orlova | 03.11.2026``).
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[A-ZА-ЯЁ][\w'’-]+(?: [A-ZА-ЯЁ][\w'’-]+){1,2})"
    r"(?:\s*[|,·•–—-]?\s+(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}))?$"
)


def dateline_end(paragraph: Paragraph, tokens: list[Token]) -> int:
    """Where a dateline's place ends (0 without one); its capitals are no acronym."""
    text = paragraph.text
    dateline = _DATELINE.match(text) if paragraph.number <= 8 else None
    place_end = 0
    if dateline:  # "KENKIYAK, Kazakhstan --": capitals that are a place, not an acronym
        place_end = dateline.end("caps") if dateline.group("caps") else dateline.end("title")
        for token in tokens:
            if token.end <= place_end:
                token.acronym = False
            elif token.start >= dateline.end():
                token._initial = True  # the story's first word starts a sentence
                break
    return place_end


def dateline_agency(paragraph: Paragraph) -> tuple[int, int] | None:
    """Where the news agency of a dateline stands (``MOSCOW (Interfax-Kazakhstan) –``):
    what a dateline's parentheses hold is the agency that filed the story, one name."""
    dateline = _DATELINE.match(paragraph.text) if paragraph.number <= 8 else None
    if dateline is None:
        return None
    for group in ("agency", "slashed"):
        if dateline.group(group) is not None:
            return dateline.span(group)
    return None


def _alone_after_colon(text: str, cand: Candidate) -> bool:
    return text[: cand.start].rstrip().endswith(":") and not text[cand.end :].strip(" .")


def frame_votes(paragraph: Paragraph, cands: list[Candidate], place_end: int) -> None:
    """What a dateline, a credit line or an author line says its names are."""
    text = paragraph.text
    credit = paragraph.kind is Kind.CAPTION or bool(_CREDIT_LINE.match(text))
    line = _AUTHOR_LINE.match(text.strip())
    author = paragraph.number <= 6 and paragraph.kind is not Kind.TITLE and line is not None
    name_end = line.end("name") + len(text) - len(text.lstrip()) if line else 0  # (stripped)
    for cand in cands:
        if cand.gaz or cand.generic:
            continue
        if cand.end <= place_end:
            cand.vote(PLACE, 5.0)
        if credit or " / " in text:
            if text[cand.end : cand.end + 3] == " / " and 2 <= cand.tokens <= 3:
                cand.vote(PERSON, 2.5)  # "Bill Ingalls / NASA"
            elif text[max(0, cand.start - 2) : cand.start] in ("/ ", "/") and credit:
                cand.vote(ORG, 2.0)  # "Yerlan Dzhumabayev / Orda.kz"
            elif credit and cand.tokens == 1 and _alone_after_colon(text, cand):
                cand.vote(ORG, 2.5)  # "Photo: Kabar": an agency's credit, alone
        lead = len(text) - len(text.lstrip())
        if author and cand.start == lead and cand.end >= name_end and cand.tokens >= 2:
            named = cand.first in FIRST_NAME_KEYS or cand.last.endswith(lx.SURNAME_SUFFIXES)
            cand.vote(PERSON, 2.5 if named else 1.0)
