"""The bookmarks file format: a YAML document with a schema version and a list.

```yaml
version: 1
bookmarks:
- id: 3f9a1c2e
  article: 001_3cd9964ab855c274
  paragraph: 12
  start: 0
  end: 245
  quote: The exact text bookmarked…
  prefix: 32 characters before it
  suffix: 32 characters after it
  note: ''
  tags: [law]
  created: '2026-11-21T12:53:14Z'
  updated: '2026-11-21T12:53:14Z'
```

Reading is strict about shape (a file we misread could be overwritten with less
than it held) and lenient about what hand editing does: missing optional fields,
unquoted timestamps, a tag given as one word. Keys we do not know are kept.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import yaml

from ..text import strip_controls
from ..yamlsafe import YamlError, brief, load_yaml, type_name
from .model import Anchor, Bookmark, clean_note, normalize_tags

SCHEMA_VERSION = 1

_ENTRY_KEYS = (
    "id", "article", "paragraph", "start", "end", "quote", "prefix", "suffix",
    "note", "tags", "created", "updated",
)  # fmt: skip


class DocumentError(Exception):
    """The text is not a bookmarks document; the message (one line) says why."""


def dump_document(
    bookmarks: tuple[Bookmark, ...] | list[Bookmark], extra: dict[str, object] | None = None
) -> str:
    """The YAML text for a list of bookmarks (schema version 1)."""
    document: dict[str, object] = {"version": SCHEMA_VERSION}
    document.update({k: v for k, v in (extra or {}).items() if k not in ("version", "bookmarks")})
    document["bookmarks"] = [_entry_to_yaml(b) for b in bookmarks]
    header = "# kzreader bookmarks. Safe to edit by hand while kzreader is not running.\n"
    return header + yaml.dump(
        document,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """SafeDumper that writes text with line breaks as one double-quoted line (``"…\\n…"``)."""


def _represent_str(dumper: yaml.BaseDumper, value: str) -> yaml.Node:
    style = '"' if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _entry_to_yaml(mark: Bookmark) -> dict[str, object]:
    a = mark.anchor
    entry: dict[str, object] = {
        "id": mark.id,
        "article": a.article,
        "paragraph": a.paragraph,
        "start": a.start,
        "end": a.end,
        "quote": a.quote,
        "prefix": a.prefix,
        "suffix": a.suffix,
        "note": mark.note,
        "tags": list(mark.tags),
        "created": mark.created,
        "updated": mark.updated,
    }
    entry.update({k: v for k, v in mark.extra.items() if k not in entry})
    return entry


def parse_document(
    text: str, notes: list[str] | None = None
) -> tuple[int, tuple[Bookmark, ...], dict[str, object]]:
    """Version, bookmarks and unknown top-level keys of a bookmarks file.

    Raises ``DocumentError`` (a one-line reason) for anything that is not a valid
    document: bad YAML, tags that ``safe_load`` refuses, wrong types. A repeated id
    (two hand-merged files) is not one: both bookmarks are kept, the later one gets
    ``ID-2`` (the same on every read, so it can be named before it is saved), and
    ``notes`` receives a line saying so.
    """
    try:
        data = load_yaml(text)
    except YamlError as error:
        raise DocumentError(str(error)) from error
    if data is None:
        return SCHEMA_VERSION, (), {}
    if not isinstance(data, dict):
        raise DocumentError(
            f"expected a mapping with 'version' and 'bookmarks', found {type_name(data)}"
        )
    version = data.get("version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError(f"'version' must be a whole number ≥ 1, found {brief(version)}")
    entries = data.get("bookmarks")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise DocumentError(f"'bookmarks' must be a list, found {type_name(entries)}")
    marks = [_entry_from_yaml(entry, number) for number, entry in enumerate(entries, 1)]
    taken = {mark.id for mark in marks}
    first: dict[str, int] = {}
    for number, mark in enumerate(marks, 1):
        if mark.id not in first:
            first[mark.id] = number
            continue
        suffix = 2
        while f"{mark.id}-{suffix}" in taken:
            suffix += 1
        fresh = f"{mark.id}-{suffix}"
        taken.add(fresh)
        marks[number - 1] = dataclasses.replace(mark, id=fresh)
        if notes is not None:
            notes.append(
                f"bookmark {number}: id {brief(mark.id)} is also bookmark {first[mark.id]}'s; "
                f"both kept, this one is now {brief(fresh)} (written at the next change)"
            )
    extra = {str(k): v for k, v in data.items() if k not in ("version", "bookmarks")}
    return version, tuple(marks), extra


def _entry_from_yaml(entry: object, number: int) -> Bookmark:
    if not isinstance(entry, dict):
        raise DocumentError(f"bookmark {number}: expected a mapping, found {type_name(entry)}")

    def fail(key: str, expected: str) -> DocumentError:
        return DocumentError(
            f"bookmark {number}: {key!r} must be {expected}, found {brief(entry.get(key))}"
        )

    def text(key: str, *, required: bool = False) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                raise DocumentError(f"bookmark {number}: {key!r} is missing")
            return ""
        if isinstance(value, (datetime, date)):  # an unquoted timestamp, hand-edited
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return value.isoformat() + ("Z" if isinstance(value, datetime) else "")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise fail(key, "text")
        return strip_controls(str(value))

    def whole(key: str, default: int | None, low: int) -> int:
        value = entry.get(key, default)
        if value is None or isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise fail(key, f"a whole number ≥ {low}")
        return value

    mark_id = text("id", required=True).strip()
    article = text("article", required=True).strip()
    quote = text("quote", required=True)
    if not mark_id or not article or not quote:
        empty = "id" if not mark_id else "article" if not article else "quote"
        raise DocumentError(f"bookmark {number}: {empty!r} is empty")
    paragraph = whole("paragraph", None, 1)
    start = whole("start", 0, 0)
    end = whole("end", start + len(quote), 0)
    if end <= start:
        raise DocumentError(
            f"bookmark {number}: 'end' ({end}) must be greater than 'start' ({start})"
        )
    tags = entry.get("tags")
    if tags is None:
        tags = []
    elif isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(
        isinstance(t, (str, int, float)) and not isinstance(t, bool) for t in tags
    ):
        raise fail("tags", "a list of words")
    created = text("created")
    return Bookmark(
        id=mark_id,
        anchor=Anchor(article, paragraph, start, end, quote, text("prefix"), text("suffix")),
        note=clean_note(text("note")),
        tags=normalize_tags(str(t) for t in tags),
        created=created,
        updated=text("updated") or created,
        extra={str(k): v for k, v in entry.items() if k not in _ENTRY_KEYS},
    )


def peek_version(text: str) -> int | None:
    """The version a document claims, even when the rest is not ours to read."""
    try:
        data = load_yaml(text)
    except YamlError:
        return None
    if isinstance(data, dict):
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return None
