"""What resolution hands on: entity records (which the overlay edits) and the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import EntityType, Mention
from ..names import name_key


@dataclass
class EntityRecord:
    """A resolved entity before it is frozen: the overlay edits these."""

    id: str
    name: str
    type: EntityType
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)  # empty when read from a snapshot
    curated: bool = False  # from the gazetteer
    articles: list[int] = field(default_factory=list)  # article numbers, in corpus order
    count: int = 0  # mentions
    comments_only: bool = True
    keys: list[str] | None = None  # name keys of its names, once worked out (None: stale)

    def name_keys(self) -> list[str]:
        """The lookup keys of every name it goes by (kept, since a snapshot stores them)."""
        if self.keys is None:
            keys = (name_key(n) for n in (self.name, *self.aliases))
            self.keys = [k for k in dict.fromkeys(keys) if k]
        return self.keys


@dataclass
class Resolution:
    """Entities by id, in no particular order; ``redirect`` maps merged ids to their target."""

    entities: dict[str, EntityRecord]
    redirect: dict[str, str] = field(default_factory=dict)


class Cancelled(Exception):
    """A build was cancelled through its ``cancel`` event."""


def add_alias(record: EntityRecord, alias: str) -> None:
    alias = alias.strip()
    if not alias or alias == record.name:
        return
    if any(alias.casefold() == a.casefold() for a in record.aliases):
        return
    record.aliases.append(alias)
