"""Cyrillic → Latin transliteration and a key under which spelling variants of a name meet.

Names from the region reach English text in several spellings (Kassym-Jomart /
Kassym-Zhomart, Yevgeny / Evgeny, Tokayev / Токаев). Search folds words with
:func:`to_latin` (so a Cyrillic query meets Latin text and back) and matches
names on :func:`name_key`, which collapses the usual transliteration variants.
"""

from __future__ import annotations

import re

from .text import fold_accents

# One plain scheme (close to BGN/PCGN without diacritics), covering Russian,
# Kazakh and Ukrainian letters.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Ukrainian
    "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_TABLE = str.maketrans(
    {**_CYRILLIC, **{k.upper(): v.capitalize() for k, v in _CYRILLIC.items() if v}}
    | {k.upper(): "" for k, v in _CYRILLIC.items() if not v}
)


def to_latin(text: str) -> str:
    """Transliterate Cyrillic letters and drop accents: ``Медведев`` → ``Medvedev``."""
    return fold_accents(text.translate(_TABLE))


_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"dzh|dj", "j"),
        (r"zh", "j"),
        (r"kh", "h"),
        (r"shch|sch", "sh"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"x", "ks"),
        (r"q", "k"),
        (r"c(?!h)", "k"),
        (r"t[sz]", "c"),
        (r"^y(?=[aeiou])", ""),  # Yevgeny → Evgeny, Yuri → Uri
        (r"(?<=[aeiou])y(?=[aeiou])", ""),  # Tokayev → Tokaev
        (r"iy$|yy$|ii$|y$", "i"),  # Evgeniy / Yevgeny / Yurii → …i
        (r"y", "i"),
        (r"(.)\1+", r"\1"),  # Kassym → Kasym
    )
)


def name_key(word: str) -> str:
    """A key shared by the usual transliteration variants of one name (lowercase, Latin)."""
    key = to_latin(word.lower())
    for pattern, replacement in _VARIANTS:
        key = pattern.sub(replacement, key)
    return key
