"""Name keys: one spelling-insensitive form per name, for matching and look-up.

Names of the region reach English in several romanisations (``Kassym-Jomart`` /
``Kassym-Zhomart``, ``Yevgeny`` / ``Evgeny``, ``Sergey`` / ``Sergei``) and in
Cyrillic. ``name_key`` maps all of them to one key: Cyrillic (Russian and Kazakh
letters) is transliterated, accents folded, case dropped, and the spelling choices
that differ between romanisation systems are collapsed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..text import fold_accents

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip

# Applied in order to the lower-cased Latin form; each collapses a choice that
# romanisation systems make differently.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"x", "ks"),
        (r"dzh|zh|dj", "j"),
        (r"kh", "h"),
        (r"ph", "f"),
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

_ACRONYM = re.compile(r"^(?:[A-ZА-ЯЁ]\.?){2,}[0-9]*$")
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w']+")


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin ones (a plain scholarly-ish scheme); other text unchanged."""
    out: list[str] = []
    for char in text:
        lower = char.lower()
        if lower in _CYRILLIC:
            latin = _CYRILLIC[lower]
            out.append(latin.capitalize() if char != lower and latin else latin)
        else:
            out.append(char)
    return "".join(out)


def strip_possessive(text: str) -> str:
    """``Tokayev’s`` → ``Tokayev``, ``Kazakhstans'`` → ``Kazakhstans``."""
    return _POSSESSIVE.sub("", text)


def plain(text: str) -> str:
    """Latin letters, no accents, lower case, words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = fold_accents(transliterate(text)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The spelling-insensitive key of a name: equal keys are the same name."""
    stripped = strip_possessive(text.strip())
    key = plain(stripped).replace("'", "")
    if _ACRONYM.match(stripped):
        return key  # CSTO, EEU, МВД: letters, not sounds
    for pattern, repl in _FOLDS:
        key = pattern.sub(repl, key)
    return key


def token_key(token: str) -> str:
    """The key of one word (``name_key`` for a single token)."""
    return name_key(token)


def slugify(text: str) -> str:
    """A readable, stable id fragment: ``Kassym-Jomart Tokayev`` → ``kassym-jomart-tokayev``."""
    text = fold_accents(transliterate(text)).lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
