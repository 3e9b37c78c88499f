"""The catalog: a JSON cache of every article's metadata, keyed by its real relative path.

A file whose size and mtime match its entry is not read again when a folder opens.
Written with ``ensure_ascii`` so that a name with invalid UTF-8 (kept as surrogate
escapes) survives the round trip.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import atomic_write_text
from .model import ArticleInfo

CATALOG_VERSION = 4  # 4: the source URL, and entries keyed by the real file name


def cached_info(
    entry: dict[str, object] | None, file: os.DirEntry[str], article_id: str
) -> ArticleInfo | None:
    """The entry's metadata if the file is unchanged since and still has this id."""
    if not entry:
        return None
    try:
        if entry["size"] != (stat := file.stat()).st_size or entry["mtime_ns"] != stat.st_mtime_ns:
            return None
        info = ArticleInfo.from_json(entry)
    except (OSError, KeyError, TypeError):
        return None
    return info if info.id == article_id else None


def read_catalog(catalog: Path, root: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(catalog.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CATALOG_VERSION:
        return {}
    if data.get("root") != str(root):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_catalog(catalog: Path, root: Path, entries: dict[str, dict[str, object]]) -> None:
    payload = {"version": CATALOG_VERSION, "root": str(root), "entries": entries}
    atomic_write_text(catalog, json.dumps(payload, ensure_ascii=True))
