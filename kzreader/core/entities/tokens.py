"""Words with offsets, and what the detector needs to know about each one.

Splits what English typography glues together (``Mr.Tokayev``, ``Almaty-based``)
and marks the words that start a sentence, whose capital letter says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import strip_possessive

# A word: letters and digits, inner hyphens, apostrophes and dots (``Rostov-on-Don``,
# ``O'Brien``, ``kz.kursiv``); written as runs rather than a per-letter alternation,
# which the regex engine takes several times longer over.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]\w*(?:[-'’.]\w+)*")
_HONORIFIC_DOT = re.compile(r"^(Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Prof|Sgt|Capt)\.(?=\w)")
_OPENERS = "\"“”'‘’([{«»*-–—…<"
_SENTENCE_END = ".!?:;"
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC))?$", re.I)
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "prof", "no", "vs"})


@dataclass(slots=True)
class Token:
    """A word of a paragraph; ``kind`` is filled in by the detector's passes."""

    text: str
    start: int
    end: int
    cap: bool  # starts with an upper-case letter
    acronym: bool  # all capitals (2+ letters), possibly dotted
    paragraph: str = field(default="", repr=False)  # the text it is in
    lower: str = field(default="", repr=False)  # the text in lower case (asked very often)
    kind: str = ""  # "" | "hard" (gazetteer entity) | "soft" (never an entity) | "title"
    _initial: bool | None = field(default=None, repr=False)

    @property
    def initial(self) -> bool:
        """First word of a sentence; worked out when asked, as most words never are."""
        if self._initial is None:
            self._initial = starts_sentence(self.paragraph, self.start)
        return self._initial


def _splits(word: str) -> bool:
    """Whether a hyphenated word is two words (``Almaty-based``, ``pro-Kremlin``), not
    one name with a particle inside (``Mazar-i-Sharif``, ``Rostov-on-Don``)."""
    parts = word.split("-")
    if not any(p[:1].islower() for p in parts):
        return False
    return not (parts[0][:1].isupper() and parts[-1][:1].isupper() and len(parts) > 2)


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; ``Mr.Tokayev`` and ``Almaty-based`` are split."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        start, word = match.start(), match.group()
        if word.islower() and "-" not in word:  # most words: no capital, nothing to split
            append(Token(word, start, start + len(word), False, False, text, word))
            continue
        pieces: list[tuple[int, str]] = []
        honorific = _HONORIFIC_DOT.match(word) if "." in word else None
        if honorific:
            pieces.append((start, honorific.group(1)))
            cut = honorific.end()
            start, word = start + cut, word[cut:]
        if "-" in word and _splits(word):
            offset = start
            for part in word.split("-"):
                if part:
                    pieces.append((offset, part))
                offset += len(part) + 1
        else:
            pieces.append((start, word))
        for piece_start, piece in pieces:
            acronym = False
            if not piece.islower():  # a word in lower case is no acronym: skip the letters
                core = strip_possessive(piece)
                acronym = core.isupper() and sum(c.isalpha() for c in core) >= 2
            tokens.append(
                Token(
                    text=piece,
                    start=piece_start,
                    end=piece_start + len(piece),
                    cap=piece[:1].isupper(),
                    acronym=acronym,
                    paragraph=text,
                    lower=piece.lower(),
                )
            )
    return tokens


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or the paragraph)."""
    before = text[max(0, start - 64) : start].rstrip()
    while before and before[-1] in _OPENERS:
        before = before[:-1].rstrip()
    if not before and start > 64:
        before = text[:start].rstrip()
    while before and before[-1] in _OPENERS:
        before = before[:-1].rstrip()
    if not before or (start <= 64 and _TIME_STAMP.match(before)):
        return True  # "20:05 — Polls have closed": a live blog's entry starts after its time
    if before[-1] not in _SENTENCE_END:
        return False
    if before[-1] == ".":
        word = re.search(r"(\w+)\.$", before)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            return False
    return True


def gap(text: str, left: Token, right: Token) -> str:
    """The text between two tokens (spaces, punctuation)."""
    return text[left.end : right.start]
