"""The curated gazetteer: known entities and the word lists the detector trusts.

Loaded once from ``gazetteer.yaml`` shipped inside the package. Every name is
indexed by its ``name_key``, so look-ups ignore case, accents, Cyrillic and
romanisation choices.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..yamlsafe import load_yaml
from . import lexicon as lx
from .model import EntityType
from .names import name_key, slugify

REGION_WORDS = ("Region", "Oblast", "Province", "Oblysy")


def entity_id(name: str, type_: EntityType | str) -> str:
    """The stable id of an entity: its type and the slug of its canonical name."""
    return f"{EntityType(type_)}:{slugify(name)}"


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One curated entity."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    country: str | None = None  # set for countries: their own name, for qualifiers
    region: bool = False  # "X region" means X itself (not a province named after a city)

    @property
    def is_town(self) -> bool:
        """A place that is no country and no region: a town, a city (or a site)."""
        return self.type is EntityType.PLACE and not self.country and not self.region


@dataclass(frozen=True, slots=True)
class GenericBody:
    """A state body every country has (``Foreign Ministry``): the qualifier picks the country."""

    template: str
    names: tuple[str, ...]
    short: str

    def name_for(self, country: str) -> str:
        return self.template.format(country=country)


@dataclass(frozen=True)
class Gazetteer:
    """All curated knowledge, indexed by name key."""

    entries: dict[str, GazEntry]
    by_key: dict[str, str]  # full alias key → entry id
    weak_keys: dict[str, str]  # surname-only key → entry id (a full name in the text wins)
    generic: dict[str, GenericBody]  # key → body
    demonyms: dict[str, str]  # demonym key → country name
    countries: dict[str, str]  # country alias key → country name
    non_entities: frozenset[str]
    titles: frozenset[str]  # keys of single- and multi-word titles
    max_tokens: int
    surnames: dict[str, str] = field(default_factory=dict)  # entry id → surname key
    caps_keys: frozenset[str] = frozenset()  # keys only ever written in capitals (US, UN)
    # First word of every listed name (as a key) → the most words a name it starts has.
    first_words: dict[str, int] = field(default_factory=dict)
    _longest: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    nationality: dict[str, str] = field(default_factory=dict)  # person entry id → country
    capitals: dict[str, str] = field(default_factory=dict)  # capital's key → country name
    located: dict[str, str] = field(default_factory=dict)  # place entry id → its country
    # Exact spellings of an entry whose key another entry took first (``Horgos``, the
    # Chinese town, keys as ``Khorgos`` does): the spelling decides.
    spelled: dict[str, str] = field(default_factory=dict)

    def longest_from(self, word: str) -> int:
        """The most words a listed name that begins with this word has; 0 when none
        does. A cheap bound on the n-grams to try: a span of n words keys to n words or
        more. A word with an apostrophe inside keys differently alone (``Kazakhstan's``
        is ``kazakhstan``, but ``kazakhstans`` before another word): no bound then."""
        most = self._longest.get(word)
        if most is None:
            if len(self._longest) > 1 << 17:
                self._longest.clear()
            most = self._longest[word] = self._longest_uncached(word)
        return most

    def _longest_uncached(self, word: str) -> int:
        key = name_key(word)
        if not key:
            return 0
        most = max(
            self.first_words.get(key.split()[0], 0),
            self.first_words.get(name_key(word.lower()).split()[0], 0),
        )
        if most and ("'" in word or "’" in word):
            return self.max_tokens
        return most

    def keys_of(self, entry_id: str) -> list[str]:
        """The name keys an entry answers to (its name and aliases)."""
        entry = self.entries[entry_id]
        return [k for k in (name_key(n) for n in (entry.name, *entry.aliases)) if k]

    def entry(self, key: str) -> GazEntry | None:
        entry_id = self.by_key.get(key)
        return self.entries[entry_id] if entry_id else None

    def country_of(self, key: str) -> str | None:
        """The country a qualifier names: ``Kazakh``, ``Russia's``, ``Russian Federation``."""
        return self.demonyms.get(key) or self.countries.get(key)

    def town(self, key: str) -> GazEntry | None:
        """The town or city a key names (a place that is no country and no region)."""
        entry = self.entry(key)
        return entry if entry is not None and entry.is_town else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _head_last(names: list[str]) -> list[str]:
    """``Balkhash Lake`` for ``Lake Balkhash``: copy writes a lake or a mountain either way."""
    out = []
    for name in names:
        head, _, rest = name.partition(" ")
        if rest and head.lower() in lx.PLACE_FIRST_HEADS:
            out.append(f"{rest} {head}")
    return out


def _first_and_patronymic(names: list[str]) -> list[str]:
    """``Dmitry Anatolyevich`` for ``Dmitry Anatolyevich Medvedev``: Russian usage names a
    person by first name and patronymic, so every listed full name gives that form too."""
    out = []
    for name in names:
        words = name.split()
        if len(words) == 3 and words[1].lower().endswith(lx.PATRONYMIC_SUFFIXES):
            out.append(f"{words[0]} {words[1]}")
    return out


def parse_gazetteer(data: dict[str, Any]) -> Gazetteer:
    """Build the indexes from the YAML structure (exposed for tests with small data)."""
    entries: dict[str, GazEntry] = {}
    by_key: dict[str, str] = {}
    weak: dict[str, str] = {}
    surnames: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    max_tokens = 1
    caps: dict[str, bool] = {}
    spelled: dict[str, str] = {}

    def add(name: str, type_: EntityType, aliases: list[str], **extra: Any) -> GazEntry:
        nonlocal max_tokens
        entry = GazEntry(
            id=entity_id(name, type_),
            name=name,
            type=type_,
            aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
            **extra,
        )
        entries[entry.id] = entry
        for alias in (name, *aliases):
            key = name_key(alias)
            if key:
                if by_key.setdefault(key, entry.id) != entry.id:
                    spelled[alias] = entry.id
                caps[key] = caps.get(key, True) and alias.upper() == alias
                max_tokens = max(max_tokens, len(key.split()))
        return entry

    for item in data.get("countries", []):
        name = str(item["name"])
        entry = add(name, EntityType.PLACE, _as_list(item.get("aliases")), country=name)
        for alias in (name, *entry.aliases):
            countries[name_key(alias)] = name
        for demonym in _as_list(item.get("demonyms")):
            demonyms[name_key(demonym)] = name
        for capital in _as_list(item.get("capital")):
            capitals[name_key(capital)] = name
    for item in data.get("people", []):
        name = str(item["name"])
        aliases = _as_list(item.get("aliases"))
        entry = add(name, EntityType.PERSON, aliases + _first_and_patronymic([name, *aliases]))
        if item.get("surname", True) and " " in name:
            surname = name_key(name.split()[-1])
            surnames[entry.id] = surname
            if surname not in by_key:
                weak.setdefault(surname, entry.id)
    for item in data.get("places", []):
        aliases = _as_list(item.get("aliases"))
        add(
            str(item["name"]),
            EntityType.PLACE,
            aliases + _head_last([str(item["name"]), *aliases]),
            region=bool(item.get("region", False)),
        )
    for item in data.get("regions", []):
        aliases = _as_list(item.get("aliases"))
        for base in _as_list(item.get("bases")):
            aliases.extend(f"{base} {word}" for word in REGION_WORDS)
        add(str(item["name"]), EntityType.PLACE, aliases, region=True)
    for item in data.get("organisations", []):
        add(str(item["name"]), EntityType.ORGANISATION, _as_list(item.get("aliases")))

    generic: dict[str, GenericBody] = {}
    for item in data.get("generic_bodies", []):
        body = GenericBody(
            str(item["template"]), tuple(_as_list(item["names"])), str(item["short"])
        )
        for alias in body.names:
            generic[name_key(alias)] = body
            max_tokens = max(max_tokens, len(name_key(alias).split()))

    first_words: dict[str, int] = {}

    def starts(key: str) -> None:
        words = key.split()
        first_words[words[0]] = max(first_words.get(words[0], 0), len(words))

    names: list[str] = []
    for entry in entries.values():
        names += [entry.name, *entry.aliases]
    for item in data.get("countries", []):
        names += _as_list(item.get("demonyms"))
    names += [n for body in generic.values() for n in body.names]
    names += _as_list(data.get("non_entities")) + _as_list(data.get("titles"))
    for key in list(by_key) + list(weak) + list(generic):
        starts(key)
    for name in names:
        for variant in (name, name.lower()):
            key = name_key(variant)
            if key:
                starts(key)

    nationality: dict[str, str] = {}
    for country, people in (data.get("nationalities") or {}).items():
        for person in _as_list(people):
            nationality[entity_id(str(person), EntityType.PERSON)] = str(country)

    located: dict[str, str] = {}
    for country, places in (data.get("located") or {}).items():
        for place in _as_list(places):
            located[entity_id(str(place), EntityType.PLACE)] = str(country)

    return Gazetteer(
        located=located,
        nationality=nationality,
        capitals=capitals,
        entries=entries,
        by_key=by_key,
        weak_keys=weak,
        generic=generic,
        demonyms=demonyms,
        countries=countries,
        non_entities=frozenset(name_key(w) for w in _as_list(data.get("non_entities"))),
        titles=frozenset(name_key(w) for w in _as_list(data.get("titles"))),
        max_tokens=max_tokens,
        surnames=surnames,
        caps_keys=frozenset(k for k, v in caps.items() if v and len(k) <= 4),
        first_words=first_words,
        spelled=spelled,
    )


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (parsed once per process)."""
    text = resources.files(__package__).joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    return parse_gazetteer(load_yaml(text))
