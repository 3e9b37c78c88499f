"""The values the entity layer hands out: entity types, mentions and entities.

Everything here is a frozen dataclass or an enum so the UI, the index and the
cache can pass them around and compare them without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from ..yamlsafe import brief

#: Bump whenever detection or its cached output changes, so cached articles are redone.
EXTRACTOR_VERSION = "entities-2"


class EntityType(StrEnum):
    """The kinds of named thing the reader links between articles.

    ``NAME`` is a name whose kind the text gives no evidence for: listed apart, so a
    company or an oil field with a bare name is never shown as a person; the user
    types it with one key (the overlay's ``retype``).
    """

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    NAME = "name"

    @classmethod
    def parse(cls, value: str) -> EntityType:
        """Accept the full names and the short ones people type (``org``, ``loc``, ``per``)."""
        key = value.strip().lower()
        aliases = {
            "person": cls.PERSON,
            "people": cls.PERSON,
            "per": cls.PERSON,
            "place": cls.PLACE,
            "places": cls.PLACE,
            "loc": cls.PLACE,
            "location": cls.PLACE,
            "gpe": cls.PLACE,
            "organisation": cls.ORGANISATION,
            "organization": cls.ORGANISATION,
            "organisations": cls.ORGANISATION,
            "organizations": cls.ORGANISATION,
            "org": cls.ORGANISATION,
            "name": cls.NAME,
            "names": cls.NAME,
            "unknown": cls.NAME,
        }
        if key not in aliases:
            raise ValueError(
                f"unknown entity type {brief(value)} (person, place, organisation or name)"
            )
        return aliases[key]


class Mention(NamedTuple):
    """One occurrence of an entity: ``text[start:end]`` of a paragraph (1-based number).

    An immutable value like the others, but a named tuple: a large corpus has
    hundreds of thousands of mentions and these are several times cheaper to make.
    """

    entity_id: str
    article: str
    paragraph: int
    start: int
    end: int
    surface: str
    in_comment: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place or organisation, with every name it goes by in the corpus.

    ``aliases`` holds the surface forms seen in the corpus and the curated forms
    (other spellings, Cyrillic, acronyms) so search can expand a name to all of them.
    ``articles`` is in corpus order; ``mentions`` counts every occurrence.
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: int
    comments_only: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "type": str(self.type),
            "aliases": list(self.aliases),
            "articles": list(self.articles),
            "mentions": self.mentions,
            "comments_only": self.comments_only,
        }


class RelatedArticle(NamedTuple):
    """An article linked to another through the entities both mention (unpacks as a tuple)."""

    article: str
    score: float
    shared: tuple[str, ...]  # entity ids, most significant first
