"""Whose a generic state body is: the country that qualifies it in the text.

``Kazakh``/``Russia's`` before it, ``of [the] X`` after it, a known official named right
after it (``Security Council Secretary Sergei Shoigu`` is Russia's), and Russian case
forms of known names (``Астане``). Kept apart from the gazetteer pass, which asks.
"""

from __future__ import annotations

from itertools import product

from .. import lexicon as lx
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .known_at import of_country
from .patterns import RU_ENDINGS
from .spans import Spans

#: Bodies that stand in another country's capital.
_ABROAD = frozenset({"embassy", "consulate", "mission", "representation", "office"})


class Countries(Spans):
    """Finds the country a generic body belongs to."""

    def _official_after(self, text: str, tokens: list[Token], j: int) -> str | None:
        """``Security Council Secretary Sergei Shoigu``: the country of a known official
        named right after the body (a title or role word between)."""
        gaz = self.gaz
        k = j
        while k < len(tokens) and k < j + 2 and not _gap(text, tokens[k - 1], tokens[k]).strip():
            word = tokens[k].lower
            if not (word in lx.ROLE_NOUNS or word in ("secretary", "spokesman") or
                    name_key(tokens[k].text) in gaz.titles):  # fmt: skip
                break
            k += 1
        if k == j:
            return None
        for width in (3, 2):
            if k + width <= len(tokens):
                key = name_key(strip_possessive(text[tokens[k].start : tokens[k + width - 1].end]))
                entry_id = gaz.by_key.get(key)
                if entry_id and entry_id in gaz.nationality:
                    return gaz.nationality[entry_id]
        return None

    def _of_country_end(self, text: str, tokens: list[Token], j: int) -> int:
        """One past ``of [the] <country>`` right after a generic body, or 0."""
        return self._of_country(text, tokens, j)[0]

    def _of_country(self, text: str, tokens: list[Token], j: int) -> tuple[int, str | None]:
        """``of_country`` with this detector's gazetteer."""
        return of_country(self.gaz, text, tokens, j)

    def _own_country_end(self, text: str, tokens: list[Token], j: int, entry_id: str) -> int:
        """Where ``of [the] <country>`` after a known body ends when its listed name ends
        with that country (``Atomic Energy Agency of Kazakhstan`` written ``… of the
        Republic of Kazakhstan``): part of its name, no mention of the country. Else 0:
        ``Lesha Bank of Qatar`` says where a bank is from."""
        entry = self.gaz.entries[entry_id]
        if entry.type is not EntityType.ORGANISATION:
            return 0
        tail = self._of_country_end(text, tokens, j)
        if not tail:
            return 0
        k = j + 2 if tokens[j + 1].lower == "the" else j + 1
        country = self.gaz.country_of(name_key(text[tokens[k].start : tokens[tail - 1].end]))
        if country is None:
            return 0
        own = f" of {name_key(country)}"
        return tail if any(key.endswith(own) for key in self.gaz.keys_of(entry_id)) else 0

    def _inflected(self, word: str) -> str | None:
        """The gazetteer key of a Russian case form: ``Астане`` → Astana, ``Токаева`` →
        Tokayev, and of a name of several words: ``Владимиром Путиным`` → Putin."""
        for form in product(*(_nominatives(w) for w in word.split()[:3])):
            key = name_key(" ".join(form))
            if key in self.gaz.by_key:
                return key
        return None

    def _qualifier(self, text: str, tokens: list[Token], i: int, n: int) -> str | None:
        """The country a generic body belongs to: ``Kazakh``/``Russia's`` before, ``of X`` after."""
        gaz = self.gaz
        k = i - 1
        if k >= 0 and tokens[k].lower == "the":
            k -= 1
        if k >= 0:
            gap = _gap(text, tokens[k], tokens[i]).strip(" []()\"'“”‘’")
            if not gap:
                for width in (3, 2, 1):
                    if k - width + 1 < 0:
                        continue
                    words = text[tokens[k - width + 1].start : tokens[k].end]
                    country = gaz.country_of(name_key(words))
                    if country:
                        return country
        if k >= 2 and tokens[k].lower == "of" and name_key(tokens[k - 1].text) in gaz.titles:
            # "Russia's Chief of the General Staff": the official's country is the body's
            country = gaz.country_of(name_key(tokens[k - 2].text))
            if country:
                return country
        if k >= 0 and tokens[k].lower in ("its", "own"):
            for back in range(k - 1, max(-1, k - 15), -1):
                country = gaz.country_of(name_key(strip_possessive(tokens[back].text)))
                if country:
                    return country
        j = i + n
        country = self._official_after(text, tokens, j)
        if country:
            return country
        if (
            j + 1 < len(tokens)
            and tokens[j].lower == "in"
            and not _gap(text, tokens[j - 1], tokens[j]).strip()
            and not any(t.lower in _ABROAD for t in tokens[i:j])
        ):
            # "the Foreign Ministry in Astana": a capital names the government (but
            # "the embassy in Moscow" is another country's).
            country = gaz.capitals.get(name_key(strip_possessive(tokens[j + 1].text)))
            if country:
                return country
        return self._of_country(text, tokens, j)[1]


def _nominatives(word: str) -> list[str]:
    """The forms a Russian word in some case may have in the nominative (the word first)."""
    forms = [word]
    for ending in RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            forms.extend(stem + restore for restore in ("", "а", "я", "ь", "й"))
    return forms
