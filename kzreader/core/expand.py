"""Names in queries: ``person:``/``place:``/``org:``/``entity:`` fields and alias expansion.

Both work on the entity graph at query time rather than on indexed entity ids, so
a merge or rename in the user's overlay changes search at once, with no re-index.

* ``person:Tokayev`` finds the articles the graph links to that person, matching any
  of its names there (so passages and highlights land on every form used).
* A plain word or phrase that names a known entity also finds its other names:
  ``KNB`` finds articles that say ``National Security Committee``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

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


class EntityLike(Protocol):
    name: str
    aliases: Sequence[str]
    articles: Sequence[str]


class EntityLookup(Protocol):
    """What query expansion needs from the entity graph."""

    def lookup(self, name: str, type: str | None = None) -> EntityLike | None: ...


class NoSuchEntity(ValueError):
    """A ``person:``-style field names nothing the graph knows; the message says so."""


@dataclass
class Expansion:
    """The query text to parse, and the entities its placeholders stand for."""

    text: str
    entities: dict[str, EntityLike] = field(default_factory=dict)


def clean_alias(alias: str) -> str:
    """An alias made safe to put inside a quoted phrase of the query language."""
    return " ".join(_UNSAFE.sub(" ", alias).split())


def alias_phrases(entity: EntityLike) -> list[str]:
    """An entity's names as quoted phrases, canonical name first, without repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for name in (entity.name, *entity.aliases):
        cleaned = clean_alias(name)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            out.append(f'"{cleaned}"')
    return out[: MAX_ALIASES + 1]


def expand(text: str, entities: EntityLookup | None) -> Expansion:
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
    if entities is not None:
        text = _widen_names(text, entities)
    return Expansion(text, found)


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


def _widen_names(text: str, entities: EntityLookup) -> str:
    """``KNB`` → ``(KNB OR "National Security Committee" OR …)`` for known names."""
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.startswith('"'):
            candidate = token.strip('"').strip()
        elif token in _OPERATORS or ":" in token or any(c in token for c in "*?~^"):
            continue
        else:
            candidate = token.strip(".,;!?'’")
        if len(candidate) < 2:
            continue
        entity = entities.lookup(candidate)
        if entity is None:
            continue
        others = [p for p in alias_phrases(entity) if not _covers(candidate, p.strip('"'))]
        if not others:
            continue
        out.append(text[last : match.start()])
        out.append("(" + " OR ".join([token, *others]) + ")")
        last = match.end()
    out.append(text[last:])
    return "".join(out)
