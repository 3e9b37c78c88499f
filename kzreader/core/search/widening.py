"""Names in queries: ``person:``/``place:``/``org:``/``entity:`` fields and alias expansion.

Both work on the entity graph at query time rather than on indexed entity ids, so
a merge or rename in the user's overlay changes search at once, with no re-index.

* ``person:Tokayev`` finds the articles the graph links to that person, matching any
  of its names there (so passages and highlights land on every form used).
* A plain word or phrase that names a known entity also finds its other names:
  ``KNB`` finds articles that say ``National Security Committee``. Only names that
  stand for that entity alone: never a bare first name or patronymic (``Aleksei`` for
  Aleksei Kotov), a title, or a name the graph gives to several entities. ``=word``
  is never widened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..translit import name_key
from .analysis import WORD

#: Field names users type, and the entity type each asks for (None: any).
ENTITY_FIELDS: dict[str, str | None] = {
    "person": "person",
    "people": "person",
    "place": "place",
    "org": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "entity": None,
}
PLACEHOLDER = "kzentity"
MAX_ALIASES = 12
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})

_FIELD = re.compile(
    r"(?<![\w:])(?P<field>person|people|place|org|organi[sz]ation|entity):"
    r'(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s()"]*))',
    re.IGNORECASE,
)
_TOKEN = re.compile(r'"[^"]*"|[^\s()"]+')
_UNSAFE = re.compile(r'["()*?~^:\\]')
#: Words that make a title, not a name, when they stand alone.
TITLES = frozenset(
    "president minister prime premier mr mrs ms dr general senator governor mayor "
    "king queen prince chairman director ambassador deputy secretary".split()
)


class EntityLike(Protocol):
    """What widening reads of an entity (read-only: the graph's entities are frozen)."""

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...

    @property
    def articles(self) -> Sequence[str]: ...


class EntityLookup(Protocol):
    """What query expansion needs from the entity graph."""

    def lookup(self, name: str, type: str | None = None) -> EntityLike | None: ...


class NoSuchEntity(ValueError):
    """A ``person:``-style field names nothing the graph knows; the message says so."""


@dataclass(frozen=True)
class Widening:
    """A name of the query and the other names it was widened to (with their queries,
    once parsed: what tells which alias an article was found by)."""

    typed: str
    aliases: tuple[str, ...]
    queries: tuple[object, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"typed": self.typed, "aliases": list(self.aliases)}


@dataclass
class Expansion:
    """The query text to parse, the entities its placeholders stand for, and the names
    widened."""

    text: str
    entities: dict[str, EntityLike] = field(default_factory=dict)
    widened: list[Widening] = field(default_factory=list)


def clean_alias(alias: str) -> str:
    """An alias made safe to put inside a quoted phrase of the query language."""
    return " ".join(_UNSAFE.sub(" ", alias).split())


def alias_phrases(entity: EntityLike) -> list[str]:
    """An entity's names as quoted phrases, canonical name first, without repeats."""
    return name_phrases([entity.name, *entity.aliases])


#: The field prefix an acronym is searched with: the names field, whose words are the
#: capitalised ones (``MID`` is not the "mid" of "the mid-17th").
NAMES_FIELD = "kzname"


def name_phrases(names: Sequence[str]) -> list[str]:
    """Names as quoted phrases of the query language (acronyms in the names field)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        cleaned = clean_alias(name)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            acronym = " " not in cleaned and cleaned.isupper() and len(cleaned) > 1
            out.append(f'{NAMES_FIELD}:"{cleaned}"' if acronym else f'"{cleaned}"')
    return out[: MAX_ALIASES + 1]


def bare(phrase: str) -> str:
    """The name in one of ``alias_phrases``."""
    return phrase.removeprefix(f"{NAMES_FIELD}:").strip('"')


def expand(text: str, entities: EntityLookup | None, *, widen: bool = True) -> Expansion:
    """Replace entity fields by placeholders and widen plain names to their aliases.

    Raises NoSuchEntity for a field naming an unknown entity, and when entity
    fields are used before the graph is ready.
    """
    found: dict[str, EntityLike] = {}

    def replace_field(match: re.Match[str]) -> str:
        field_name = match["field"].lower()
        wanted = ENTITY_FIELDS[field_name]
        name = (match["phrase"] if match["phrase"] is not None else match["word"]).strip()
        if not name:
            raise NoSuchEntity(f"{field_name}: needs a name, e.g. {field_name}:Tokayev")
        if entities is None:
            raise NoSuchEntity(
                "people, places and organisations are still being gathered; "
                f"try {field_name}: again in a moment"
            )
        entity = entities.lookup(name, wanted)
        if entity is None:
            what = {"person": "person", "place": "place", "organisation": "organisation"}.get(
                wanted or "", "person, place or organisation"
            )
            raise NoSuchEntity(f"no {what} called {name!r} in these articles")
        key = f"{PLACEHOLDER}{len(found)}"
        found[key] = entity
        return f"article:{key}"

    text = _FIELD.sub(replace_field, text)
    widened: list[Widening] = []
    if entities is not None and widen:
        text = _widen_names(text, entities, widened)
    return Expansion(text, found, widened)


def _covers(typed: str, alias: str) -> bool:
    """Whether every article with ``alias`` is found by ``typed`` alone: the same name,
    or a name containing the typed word (``Tokayev`` and "Kassym-Jomart Tokayev").

    Such aliases add no article, only a phrase query, and phrases are what made a
    widened name slow (a second and a half for some names over 10,000 articles).
    """
    typed = typed.casefold()
    if alias.casefold() == typed:
        return True
    return " " not in typed and typed in (w.casefold() for w in WORD.findall(alias))


def own_names(entity: EntityLike, entities: EntityLookup) -> list[str]:
    """The names of ``entity`` a query may widen to: not a title alone, not a person's
    name without the surname (a first name, or name and patronymic: ``Aleksei``,
    ``Vladimir Vladimirovich``; the surname is the canonical name's last word, in any
    spelling or script; a one-word alias that is no word of a longer name, such as a
    respelling, stays), nor a name the graph also gives to another entity."""
    names = [entity.name, *entity.aliases]
    canonical = WORD.findall(entity.name)
    person = str(getattr(entity, "type", "")).endswith("person") and len(canonical) > 1
    surname = name_key(canonical[-1]) if canonical else ""
    inner = {name_key(w) for n in names for w in WORD.findall(n)[:-1]}
    lookup_all = getattr(entities, "lookup_all", None)
    out = []
    for name in names:
        words = WORD.findall(name)
        if not words or all(w.casefold() in TITLES for w in words):
            continue
        keys = {name_key(w) for w in words}
        if person and surname not in keys and (len(words) > 1 or keys <= inner):
            continue  # a first name, or name and patronymic (a spelling variant stays)
        if lookup_all is not None and len(lookup_all(name)) > 1:
            continue
        out.append(name)
    return out


def _widen_names(text: str, entities: EntityLookup, widened: list[Widening]) -> str:
    """``KNB`` → ``(KNB OR "National Security Committee" OR …)`` for known names."""
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith("=") or text[match.start() - 1 : match.start()] == "=":
            continue  # literally, as typed
        if token.startswith('"'):
            candidate = token.strip('"').strip()
        elif token in _OPERATORS or ":" in token or any(c in token for c in "*?~^"):
            continue
        else:
            candidate = token.strip(".,;!?'’")
        if len(candidate) < 2:
            continue
        entity = entities.lookup(candidate)
        if entity is None or candidate.casefold() not in (
            n.casefold() for n in own_names(entity, entities)
        ):
            continue  # not a name, or one several entities share ("Sergey")
        names = own_names(entity, entities)
        others = [p for p in name_phrases(names) if not _covers(candidate, bare(p))]
        if not others:
            continue
        out.append(text[last : match.start()])
        out.append("(" + " OR ".join([token, *others]) + ")")
        widened.append(Widening(candidate, tuple(bare(p) for p in others)))
        last = match.end()
    out.append(text[last:])
    return "".join(out)
