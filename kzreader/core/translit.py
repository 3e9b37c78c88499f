"""Cyrillic → Latin transliteration, and one key under which spellings of a name meet.

Names of the region reach English in several romanisations (``Kassym-Jomart`` /
``Kassym-Zhomart``, ``Yevgeny`` / ``Evgeny``, ``Fyodorov`` / ``Fedorov``) and in
Cyrillic. Search folds words with :func:`to_latin` (so a Cyrillic query meets Latin
text and back) and both search and the entity resolver match names on
:func:`name_key`, which collapses the choices romanisation systems make differently.
This module is the one place those rules live.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .text import fold_accents

# Russian, Kazakh and Ukrainian letters; a plain scholarly-ish scheme (ё → yo, as
# English-language journalism writes Fyodorov, Pyotr).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip
_TABLE = str.maketrans({**CYRILLIC, **{k.upper(): v.capitalize() for k, v in CYRILLIC.items()}})

# Applied in order to the lower-cased Latin form; each collapses a choice that
# romanisation systems make differently.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"x", "ks"),
        (r"shch|sch", "sh"),
        (r"dzh|zh|dj", "j"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"q", "k"),  # Kazakh Latin: Toqaev → tokaev
        (r"\by(?=[aeiou])", ""),  # Yevgeny → evgeny, Yerlan → erlan
        (r"(?<=[aeiou])y(?=[aeiou])", ""),  # Tokayev → tokaev
        (r"(?<=[^aeiou\s])yo", "e"),  # Fyodorov → fedorov
        (r"(?<=[^aeiou\s])ye", "e"),  # Afanasyev → afanasev
        (r"y", "i"),
        (r"ie(?=v\b)", "e"),
        (r"(.)\1", r"\1"),  # Kassym → kasim
        (r"ii", "i"),
        (r"'", ""),
    )
)

_PATTERN = {pattern.pattern: pattern for pattern, _ in _FOLDS}
_SHCH, _ZH, _IEV, _DOUBLE = (_PATTERN[p] for p in ("shch|sch", "dzh|zh|dj", r"ie(?=v\b)", r"(.)\1"))
_Y_FOLDS = tuple((p, r) for p, r in _FOLDS if "y" in p.pattern)
_ACRONYM = re.compile(r"^(?:[A-ZА-ЯЁ]\.?){2,}[0-9]*$")
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w']+")
_APOSTROPHES = ("'", "’")


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin ones, keeping case; other text unchanged."""
    return text.translate(_TABLE)


def to_latin(text: str) -> str:
    """Transliterate Cyrillic and drop accents: ``Медведев`` → ``Medvedev``."""
    return fold_accents(transliterate(text))


def strip_possessive(text: str) -> str:
    """``Tokayev’s`` → ``Tokayev``, ``Kazakhstans'`` → ``Kazakhstans``."""
    # Called for nearly every word of a build: string tests first, the regex only for
    # the rare text that ends in a newline (where ``$`` also matches before it).
    last = text[-1:]
    if last == "s":
        return text[:-2] if text[-2:-1] in _APOSTROPHES else text
    if last in _APOSTROPHES:
        return text[:-1]
    return _POSSESSIVE.sub("", text) if last == "\n" else text


def plain(text: str) -> str:
    """Latin letters, no accents, lower case, words separated by single spaces."""
    if text.isascii():  # most names: nothing to normalise, transliterate or fold
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
        text = to_latin(text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The spelling-insensitive key of a name (one word or several): equal keys, same name."""
    stripped = strip_possessive(text.strip())
    key = plain(stripped).replace("'", "")
    if _ACRONYM.match(stripped):
        return key  # CSTO, EEU, МВД: letters, not sounds
    return fold_romanisation(key)


def fold_romanisation(key: str) -> str:
    """``_FOLDS`` applied in order, each only where its letters occur (the same result
    as running every pattern; a build keys millions of n-grams)."""
    if "x" in key:
        key = key.replace("x", "ks")
    if "sch" in key or "shch" in key:
        key = _SHCH.sub("sh", key)
    if "zh" in key or "dj" in key:
        key = _ZH.sub("j", key)
    if "h" in key:
        key = key.replace("kh", "h").replace("ph", "f")
    key = key.replace("w", "v").replace("q", "k")
    if "y" in key:
        for pattern, repl in _Y_FOLDS:
            key = pattern.sub(repl, key)
    if "iev" in key:
        key = _IEV.sub("e", key)
    key = _DOUBLE.sub(r"\1", key)
    return key.replace("ii", "i").replace("'", "")
