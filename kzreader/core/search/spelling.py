"""The word list behind "did you mean": every distinct word of the corpus, beside the index.

It lives outside whoosh on purpose. As an index field, the unstemmed words were
46 % of all postings written, for a feature that only needs the list itself.
Words of articles since removed may linger until the next full build; that is
harmless, because a suggestion is only offered when it finds more than the query.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from whoosh.automata.fsa import DFA, find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein

from ..atomic import atomic_write_text
from ..translit import to_latin
from .analysis import WORD, text_term, word_term
from .query_text import query_words

#: The shortest word worth respelling: short words have too many neighbours.
MIN_LENGTH = 3


def automaton_matches(dfa: DFA, words: Sequence[str]) -> Iterator[str]:
    """The sorted ``words`` that ``dfa`` accepts, found by skipping through them (whoosh's
    own walk), so the cost grows with the answers, not with the number of words."""

    def at_or_after(key: str) -> str | None:
        i = bisect.bisect_left(words, key)
        return words[i] if i < len(words) else None

    return find_all_matches(dfa, at_or_after)


class Dictionary:
    """A sorted list of folded words, searched within an edit distance by automaton."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: set[str] = set(words)
        self._sorted: list[str] | None = None
        self._seen: set[str] = set()  # raw words already folded (a cheap skip)
        self.dirty = False

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def add_text(self, text: str) -> None:
        """Add the words of ``text``, folded as the index folds them (stop words left out)."""
        seen = self._seen
        for raw in set(WORD.findall(text)) - seen:
            seen.add(raw)
            term = word_term(raw)
            if term is not None and term not in self._words:
                self._words.add(term)
                self._sorted = None
                self.dirty = True

    def near(self, word: str, maxdist: int = 2, prefix: int = 1) -> Iterator[str]:
        """Words within ``maxdist`` edits of ``word`` sharing its first ``prefix`` letters.

        A Levenshtein automaton walked over the sorted list (whoosh's own machinery),
        so the cost grows with the answers, not with the size of the dictionary.
        """
        if self._sorted is None:
            self._sorted = sorted(self._words)
        return automaton_matches(
            levenshtein_automaton(word, maxdist, prefix).to_dfa(), self._sorted
        )

    @classmethod
    def load(cls, path: Path) -> Dictionary:
        """The saved list, or an empty one when the file is missing or unreadable."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return cls()
        return cls(line for line in text.splitlines() if line)

    def save(self, path: Path) -> None:
        atomic_write_text(path, "\n".join(sorted(self._words)) + "\n")
        self.dirty = False


def respell(text: str, words: Dictionary, reader: IndexReader) -> str | None:
    """``text`` with each word the corpus lacks replaced by its nearest word of the corpus
    (fewest edits, then the most articles); None if there is none or a word has no
    respelling (no suggestion is better than half of one)."""

    def rank(candidate: str, typed: str) -> tuple[int, int, str]:
        term = text_term(candidate)
        df = reader.doc_frequency("body", term) if term else 0
        return (damerau_levenshtein(candidate, typed), -df, candidate)

    corrected = text
    changed = False
    for start, end, word in reversed(query_words(text)):
        term = to_latin(word.lower())
        if len(term) < MIN_LENGTH or term in words:
            continue
        options = list(words.near(term))
        if not options:
            return None
        best = min(options, key=lambda option: rank(option, term))
        corrected = corrected[:start] + _same_case(best, word) + corrected[end:]
        changed = True
    return corrected if changed and corrected != text else None


def _same_case(word: str, typed: str) -> str:
    """``word`` written as the user wrote theirs: Capitalised, UPPER or lower."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
