"""Name helpers for the resolver: slugs, edit distance, and the name keys of ``core.translit``.

Names of the region reach English in several romanisations (``Kassym-Jomart`` /
``Kassym-Zhomart``, ``Yevgeny`` / ``Evgeny``, ``Sergey`` / ``Sergei``) and in
Cyrillic. ``name_key`` maps all of them to one key: Cyrillic (Russian and Kazakh
letters) is transliterated, accents folded, case dropped, and the spelling choices
that differ between romanisation systems are collapsed.
"""

from __future__ import annotations

import functools
import re

import fingerprints

from ..text import fold_accents
from ..translit import name_key, plain, strip_possessive, transliterate

__all__ = [
    "edit_distance",
    "legal_form_free",
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


@functools.lru_cache(maxsize=65536)
def legal_form_free(surface: str) -> str | None:
    """The key of a company's name without its legal form, or None when it has none:
    ``Qazaq Silver LLP``, ``Steppe Metals Joint Stock Company``, ``ТОО Qazaq Silver`` →
    ``qazaq silver``. The forms of every jurisdiction (LLP, JSC, ТОО, АО, S.p.A., plc…)
    are OpenSanctions' ``fingerprints`` list, not one of ours; only whole words at either
    end are cut, so the rest of the name keeps its own spelling and key."""
    words = surface.split()
    if len(words) < 2:
        return None
    bare = fingerprints.remove_types(surface)
    if not bare or bare == fingerprints.clean_name_light(surface):
        return None
    for cut in range(1, min(4, len(words))):
        for kept in (words[:-cut], words[cut:]):
            if fingerprints.remove_types(" ".join(kept)) == bare:
                return name_key(" ".join(kept)) or None
    return None
