"""Name helpers for the resolver: slugs, edit distance, and the name keys of ``core.translit``.

Names of the region reach English in several romanisations (``Kassym-Jomart`` /
``Kassym-Zhomart``, ``Yevgeny`` / ``Evgeny``, ``Sergey`` / ``Sergei``) and in
Cyrillic. ``name_key`` maps all of them to one key: Cyrillic (Russian and Kazakh
letters) is transliterated, accents folded, case dropped, and the spelling choices
that differ between romanisation systems are collapsed.
"""

from __future__ import annotations

import re

from ..text import fold_accents
from ..translit import name_key, plain, strip_possessive, transliterate

__all__ = [
    "edit_distance",
    "name_key",
    "plain",
    "slugify",
    "strip_possessive",
    "token_key",
    "transliterate",
]


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
