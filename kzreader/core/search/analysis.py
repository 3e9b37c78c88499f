"""How text becomes index terms, the same way at index time, query time and highlighting.

* ``text`` terms: words, lowercased, Cyrillic transliterated and accents folded,
  stop words dropped, English stemming (``sanctions`` finds ``sanctioned``).
* ``names`` terms: capitalised words only (at index time), under a transliteration
  variant key, so ``Jovtis`` finds ``Zhovtis`` and ``Токаев`` finds ``Tokayev``.
* ``words`` terms: unstemmed folded words, the dictionary for "did you mean".
* stop words (and one-letter words) are not terms a word query can find, but the text
  fields index each under ``STOP`` + the folded word, with its position and no weight
  (a field's length, so BM25, is unchanged): phrases match them, so
  ``"fourth decade of its independence"`` is exact, stop words included.

Each field has one tokenizer that does the whole job in a single regex pass, with
the word → term mapping cached: whoosh's chain of generator filters costs several
microseconds per token per filter, which dominated indexing and highlighting.
Classes live at module level so whoosh's multiprocessing writer can pickle them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache

from whoosh.analysis import STOP_WORDS, Analyzer, Token, Tokenizer
from whoosh.formats import Positions
from whoosh.lang.porter import stem

from ..translit import name_key, to_latin

#: Words: letters/digits, keeping inner apostrophes (don't, Tokayev’s) so the
#: possessive can be stripped.
WORD = re.compile(r"\w+(?:['’]\w+)*")
_CACHE = 200_000
#: The prefix of a stop word's term: no word the tokenizer cuts starts with it.
STOP = "\x02"


def _base(word: str) -> str:
    """Possessive stripped, lowercased, Latin, no accents."""
    word = word.replace("’", "'")
    if word.endswith(("'s", "'S")):
        word = word[:-2]
    return to_latin(word.lower())


@lru_cache(maxsize=_CACHE)
def text_term(word: str) -> str | None:
    """The index term for a word in running text, or None for a stop word."""
    base = _base(word)
    if len(base) < 2 or base in STOP_WORDS:
        return None
    return stem(base)


@lru_cache(maxsize=_CACHE)
def stop_term(word: str) -> str | None:
    """The term a stop word is indexed under for phrases, or None for any other word."""
    if text_term(word) is not None:
        return None
    base = _base(word)
    return STOP + base if base else None


def is_stop(term: str | bytes) -> bool:
    return term[:1] in (STOP, STOP.encode())


@lru_cache(maxsize=_CACHE)
def word_term(word: str) -> str | None:
    """The unstemmed term (for spelling suggestions), or None for a stop word."""
    base = _base(word)
    if len(base) < 2 or base in STOP_WORDS:
        return None
    return base


@lru_cache(maxsize=_CACHE)
def name_term(word: str) -> str | None:
    """The spelling-variant key of a word (the entity resolver's), or None for a stop word."""
    if _base(word) in STOP_WORDS:
        return None
    key = name_key(word)
    return key if len(key) >= 2 else None


class _TermTokenizer(Tokenizer):
    """Tokenize with WORD and map each word through a cached term function."""

    capitalised_only = False  # at index time, keep only words starting with a capital
    stops = False  # whether stop words are indexed (as STOP terms) for phrases

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.name == self.name

    def __hash__(self) -> int:
        return hash((type(self), self.name))

    def term(self, word: str) -> str | None:
        return _TERMS[self.name](word)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        convert = _TERMS[self.name]
        only_caps = self.capitalised_only and mode == "index"
        matches = [re.match(r".+", value, re.DOTALL)] if not tokenize else WORD.finditer(value)
        pos = start_pos
        for match in matches:
            if match is None:
                continue
            word = match.group()
            position = pos
            pos += 1  # stop words keep their place, so phrases line up
            if only_caps and not word[:1].isupper():
                continue
            # A prefix, wildcard or fuzzy word (whoosh passes them whole): folded, not
            # stemmed, or "app*" would look for "ap*".
            term = _base(word) if not tokenize and self.name == "text" else convert(word)
            if term is None and mode == "phrase":  # indexed only where self.stops
                term = stop_term(word)
            if term is None:
                if removestops:
                    continue
                token.stopped = True
                term = word.lower()
            else:
                token.stopped = False
            token.text = term
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = position
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each index term of ``value`` and its word positions (index mode; stop words as
        STOP terms if this field keeps them)."""
        convert = _TERMS[self.name]
        only_caps = self.capitalised_only
        stops = self.stops
        out: dict[str, list[int]] = {}
        for position, word in enumerate(WORD.findall(value)):
            if only_caps and not word[:1].isupper():
                continue
            term = convert(word)
            if term is None and stops:
                term = stop_term(word)
            if term is not None:
                if term in out:
                    out[term].append(position)
                else:
                    out[term] = [position]
        return out


class TermPositions(Positions):
    """whoosh's Positions format, fed straight from our tokenizers.

    Indexing through Token objects and whoosh's generic loop cost about three
    microseconds a word; this path asks the tokenizer for term → positions at once.
    The encoding is whoosh's own, so the index reads as usual.
    """

    def word_values(
        self, value: object, analyzer: Analyzer, **kwargs: object
    ) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, _TermTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        encode = self.encode
        for term, positions in analyzer.term_positions(value).items():
            if term[0] == STOP:  # for phrases only: no weight, and not in the field's length
                yield term, 0, 0.0, encode(positions)
            else:
                yield term, len(positions), len(positions) * boost, encode(positions)


class TextTokenizer(_TermTokenizer):
    stops = True

    def __init__(self) -> None:
        super().__init__("text")


class WordsTokenizer(_TermTokenizer):
    def __init__(self) -> None:
        super().__init__("words")


class NamesTokenizer(_TermTokenizer):
    capitalised_only = True

    def __init__(self) -> None:
        super().__init__("names")


_TERMS = {"text": text_term, "words": word_term, "names": name_term}


def text_analyzer() -> TextTokenizer:
    return TextTokenizer()


def names_analyzer() -> NamesTokenizer:
    return NamesTokenizer()


def words_analyzer() -> WordsTokenizer:
    return WordsTokenizer()


_FAST: dict[str, dict[str, str | None]] = {"text": {}, "words": {}, "names": {}}
#: The inverse of ``_FAST``: each term and the words seen that make it.
_BY_TERM: dict[str, dict[str, set[str]]] = {"text": {}, "words": {}, "names": {}}
#: Bumped each time a field's cache is emptied (see ``WordSet``).
_GENERATION: dict[str, int] = {"text": 0, "words": 0, "names": 0}
_FAST_LOCK = threading.Lock()


class WordSet:
    """A text's distinct words, and for which fields the word cache already has them
    all (checking costs a lookup per word: most of finding hits in a cached article)."""

    __slots__ = ("_known", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._known: dict[str, int] = {}  # field -> the cache generation that has them


def words_for(
    terms: Collection[str], words: WordSet | AbstractSet[str], field: str
) -> dict[str, list[str]]:
    """Which of ``words`` (the distinct words of some text) ``field`` turns into each of
    ``terms``: how a query's hits are found in an article before any paragraph is read.

    Words are converted once and remembered both ways, so for an article whose words
    have been seen (most, in a collection about one subject) this is a set intersection
    per term, not a conversion per word.
    """
    if not terms:
        return {}
    text = words if isinstance(words, WordSet) else WordSet(words)
    with _FAST_LOCK:
        cache, by_term = _FAST[field], _BY_TERM[field]
        if len(cache) > _CACHE:
            cache.clear()
            by_term.clear()
            _GENERATION[field] += 1
        if text._known.get(field) != _GENERATION[field]:
            convert = _TERMS[field]
            # Not ``text.words - cache.keys()``: a set minus a dict view walks the whole
            # view (every word the cache holds), not the article's few hundred.
            for word in [w for w in text.words if w not in cache]:
                term = cache[word] = convert(word)
                if term is not None:
                    by_term.setdefault(term, set()).add(word)
            text._known[field] = _GENERATION[field]
        out: dict[str, list[str]] = {}
        for term in terms:
            found = by_term.get(term)
            if found:
                hits = found & text.words
                if hits:
                    out[term] = sorted(hits)  # the same whatever order the sets hold them in
        return out


def iter_terms(
    text: str, field: str, stops: bool = False, capitalised: bool = False
) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) for each word of ``text`` as ``field`` would index it at query time
    (with ``stops``, stop words as their STOP terms, as phrases see them; with
    ``capitalised``, only capitalised words, as the names field indexes them).

    Used for highlighting and passage scoring: no Token objects, just the cached mapping.
    """
    convert = _TERMS[field]
    for match in WORD.finditer(text):
        word = match.group()
        if capitalised and not word[:1].isupper():
            continue
        term = convert(word)
        if term is None and stops:
            term = stop_term(word)
        if term is not None:
            yield term, match.start(), match.end()
