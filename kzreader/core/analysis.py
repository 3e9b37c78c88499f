"""Whoosh analyzers: how text becomes index terms, the same way at index and query time.

* ``text`` fields: words, lowercased, Cyrillic transliterated and accents folded,
  stop words dropped, English stemming (``sanctions`` finds ``sanctioned``).
* ``names``: capitalised words only (at index time), under a transliteration-variant
  key, so ``Jovtis`` finds ``Zhovtis`` and ``Токаев`` finds ``Tokayev``.
* ``words``: unstemmed folded words, the dictionary for "did you mean".

Filters are module-level classes so that whoosh's multiprocessing writer can pickle them.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import (
    STOP_WORDS,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.acore import Token

from .translit import name_key, to_latin

#: Words: letters/digits, keeping inner apostrophes (don't, Tokayev’s) for the
#: possessive filter to strip.
WORD_PATTERN = r"\w+(?:['’]\w+)*"


class PossessiveFilter(Filter):
    """``Tokayev’s`` → ``Tokayev``; curly apostrophes become straight ones."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            text = token.text.replace("’", "'")
            if text.endswith(("'s", "'S")):
                text = text[:-2]
            token.text = text
            yield token


class FoldFilter(Filter):
    """Transliterate Cyrillic and drop accents, so both scripts meet in one term."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = to_latin(token.text)
            yield token


class NameFilter(Filter):
    """Keep capitalised words at index time (all words at query time), as name keys."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            text = token.text
            if token.mode == "index" and not text[:1].isupper():
                continue
            if text.lower() in STOP_WORDS:
                continue
            key = name_key(text)
            if len(key) < 2:
                continue
            token.text = key
            yield token


def text_analyzer():
    return (
        RegexTokenizer(WORD_PATTERN)
        | PossessiveFilter()
        | LowercaseFilter()
        | FoldFilter()
        | StopFilter()
        | StemFilter(cachesize=50000)
    )


def names_analyzer():
    return RegexTokenizer(WORD_PATTERN) | PossessiveFilter() | NameFilter()


def words_analyzer():
    return (
        RegexTokenizer(WORD_PATTERN)
        | PossessiveFilter()
        | LowercaseFilter()
        | FoldFilter()
        | StopFilter()
    )
