"""The user's corrections to extraction: merge, rename, retype, hide.

Kept as YAML per collection (``Collection.overlay_file``) and applied, in
order, after every extraction, so a correction survives re-extraction. Operations
name entities by id and also record the name they had, so an operation still
finds its entity if a new extractor gives it a different id.

A broken overlay file is reported (``Overlay.error``) and never overwritten:
appending to it raises ``OverlayError`` until the user fixes or removes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from ..atomic import atomic_write_text, read_user_file
from ..yamlsafe import brief, load_yaml, type_name
from .model import EntityType
from .names import name_key
from .resolve import EntityRecord, Resolution

OPERATIONS = ("merge", "rename", "retype", "hide")
#: Thousands of corrections take a few hundred KB; a larger file is not an overlay.
MAX_OVERLAY_BYTES = 8 << 20
_HEADER = (
    "# kzreader entity overlay: your corrections, applied after every extraction.\n"
    "# Operations run in order. op: merge (entity into another), rename, retype, hide.\n"
)


class OverlayError(Exception):
    """The overlay cannot be written (broken file, disk error); the message says why."""


@dataclass(frozen=True, slots=True)
class OverlayOp:
    """One correction. ``name`` is the entity's name when the operation was made."""

    op: str
    entity: str
    name: str = ""
    to: str = ""  # merge: target id; rename: new name; retype: new type
    to_name: str = ""  # merge: the target's name when the operation was made

    def to_yaml(self) -> dict[str, str]:
        data = {"op": self.op, "entity": self.entity}
        if self.name:
            data["name"] = self.name
        if self.to:
            data["to"] = self.to
        if self.to_name:
            data["to_name"] = self.to_name
        return data

    @classmethod
    def from_yaml(cls, data: object, where: str) -> OverlayOp:
        if not isinstance(data, dict):
            raise ValueError(f"{where}: an operation must be a mapping")

        def text(key: str) -> str:
            value = data.get(key)
            if value is None:
                return ""
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise ValueError(f"{where}: {key!r} must be text, found {type_name(value)}")
            return str(value)

        op = text("op")
        if op not in OPERATIONS:
            raise ValueError(f"{where}: unknown op {brief(op)} (merge, rename, retype or hide)")
        entity = text("entity").strip()
        if not entity:
            raise ValueError(f"{where}: 'entity' is missing")
        to = text("to").strip()
        if op != "hide" and not to:
            raise ValueError(f"{where}: {op} needs 'to'")
        if op == "retype":
            to = str(EntityType.parse(to))
        return cls(op, entity, text("name"), to, text("to_name"))


@dataclass(frozen=True)
class Overlay:
    """The operations in an overlay file (empty when there is none)."""

    path: Path | None = None
    operations: tuple[OverlayOp, ...] = ()
    error: str | None = None  # why the file could not be read; it is then ignored
    notes: tuple[str, ...] = field(default=())  # operations that found nothing to act on

    @classmethod
    def load(cls, path: Path | None) -> Overlay:
        """Read an overlay; a missing file is an empty overlay, a broken one sets ``error``."""
        if path is None:
            return cls()
        path = Path(path)
        try:
            text = read_user_file(path, MAX_OVERLAY_BYTES).decode("utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as error:
            why = error.strerror if isinstance(error, OSError) and error.strerror else error
            return cls(path, error=f"{path}: cannot be read ({why}); entity corrections ignored")
        try:
            return cls(path, parse_operations(text, str(path)))
        except ValueError as error:  # YamlError included: one line, no value expanded
            why = str(error).splitlines()[0] if str(error) else type(error).__name__
        return cls(path, error=f"{path}: {why}; entity corrections ignored until it is fixed")

    # -------------------------------------------------------------- editing
    def append(self, *operations: OverlayOp) -> Overlay:
        """Add operations and write the file atomically; returns the new overlay."""
        return self._write(self.operations + tuple(operations))

    def remove(self, index: int) -> Overlay:
        """Drop one operation (an undo from the entity card) and write the file."""
        if not 0 <= index < len(self.operations):
            raise OverlayError(f"no operation {index + 1} in the overlay")
        return self._write(self.operations[:index] + self.operations[index + 1 :])

    def _write(self, operations: tuple[OverlayOp, ...]) -> Overlay:
        if self.path is None:
            raise OverlayError("no overlay file to write to")
        if self.error is not None:
            raise OverlayError(f"{self.error} (not overwritten)")
        updated = replace(self, operations=operations)
        body = yaml.safe_dump(
            {"version": 1, "operations": [op.to_yaml() for op in updated.operations]},
            allow_unicode=True,
            sort_keys=False,
        )
        try:
            atomic_write_text(self.path, _HEADER + body)
        except OSError as error:
            raise OverlayError(f"{self.path}: cannot be written ({error.strerror})") from error
        return updated

    def merge(self, source: EntityRecord | object, target: EntityRecord | object) -> Overlay:
        """Record that ``source`` is the same entity as ``target`` (which keeps its name)."""
        return self.append(
            OverlayOp("merge", _id(source), _name(source), _id(target), _name(target))
        )

    def rename(self, entity: object, new_name: str) -> Overlay:
        if not new_name.strip():
            raise OverlayError("a new name cannot be empty")
        return self.append(OverlayOp("rename", _id(entity), _name(entity), new_name.strip()))

    def retype(self, entity: object, new_type: EntityType | str) -> Overlay:
        return self.append(
            OverlayOp("retype", _id(entity), _name(entity), str(EntityType.parse(str(new_type))))
        )

    def hide(self, entity: object) -> Overlay:
        return self.append(OverlayOp("hide", _id(entity), _name(entity)))

    # ------------------------------------------------------------- applying
    def apply(self, resolution: Resolution) -> tuple[str, ...]:
        """Apply the operations to ``resolution`` in place; notes say which found nothing."""
        notes: list[str] = []
        records = resolution.entities
        for op in self.operations:
            record = _find(records, op.entity, op.name)
            if record is None:
                notes.append(f"overlay: {op.op} {op.name or op.entity}: no such entity now")
                continue
            if op.op == "hide":
                del records[record.id]
            elif op.op == "rename":
                if record.name != op.to:
                    old, record.name = record.name, op.to
                    record.aliases = [a for a in record.aliases if a != op.to]
                    _alias(record, old)
                    record.keys = None
            elif op.op == "retype":
                record.type = EntityType(op.to)
            elif op.op == "merge":
                target = _find(records, op.to, op.to_name)
                if target is None:
                    notes.append(f"overlay: merge into {op.to_name or op.to}: no such entity now")
                    continue
                if target.id == record.id:
                    continue
                _alias(target, record.name)
                for alias in record.aliases:
                    _alias(target, alias)
                target.keys = None
                target.mentions.extend(m._replace(entity_id=target.id) for m in record.mentions)
                target.mentions.sort(key=lambda m: (m.article, m.paragraph, m.start))
                target.articles = sorted(set(target.articles) | set(record.articles))
                target.count += record.count
                target.comments_only = target.comments_only and record.comments_only
                # Mentions read later from the store still carry the old id.
                redirect = resolution.redirect
                for source, to in redirect.items():
                    if to == record.id:
                        redirect[source] = target.id
                redirect[record.id] = target.id
                del records[record.id]
        return tuple(notes)


def parse_operations(text: str, where: str = "overlay") -> tuple[OverlayOp, ...]:
    """Operations from overlay YAML; raises ValueError (YamlError) when malformed."""
    data = load_yaml(text)
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise ValueError("the overlay must be a mapping with 'operations'")
    raw = data.get("operations") or []
    if not isinstance(raw, list):
        raise ValueError("'operations' must be a list")
    return tuple(OverlayOp.from_yaml(item, f"operation {i + 1}") for i, item in enumerate(raw))


def _id(entity: object) -> str:
    return entity if isinstance(entity, str) else str(entity.id)  # type: ignore[attr-defined]


def _name(entity: object) -> str:
    return "" if isinstance(entity, str) else str(entity.name)  # type: ignore[attr-defined]


def _find(records: dict[str, EntityRecord], entity_id: str, name: str) -> EntityRecord | None:
    if entity_id in records:
        return records[entity_id]
    if not name:
        return None
    key = name_key(name)
    matches: Iterable[EntityRecord] = (
        r for r in records.values() if key in {name_key(n) for n in (r.name, *r.aliases)}
    )
    return max(matches, key=lambda r: r.count, default=None)


def _alias(record: EntityRecord, alias: str) -> None:
    if (
        alias
        and alias != record.name
        and alias.casefold() not in {a.casefold() for a in record.aliases}
    ):
        record.aliases.append(alias)
