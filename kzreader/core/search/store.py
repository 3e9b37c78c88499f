"""The index's files on disk: the whoosh store, the manifest of content hashes beside it.

The manifest tells what changed since the last build (so an unchanged corpus opens
without indexing); the whoosh store is read through ``engine.segments``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from whoosh import query
from whoosh.index import Index, LockError

from ..atomic import atomic_write_text
from . import engine
from .engine import buildlock
from .errors import IndexDamaged
from .schema import INDEX_VERSION, make_schema

MANIFEST = "manifest.json"
DICTIONARY = "words.txt"
WHOOSH_DIR = "whoosh"


def storage(store: Path) -> engine.SegmentStorage:
    """The index files, read into memory rather than mapped (see engine.segments)."""
    engine.install()
    return engine.SegmentStorage(str(store))


def create(store: Path, manifest: Path | None = None, notes: list[str] | None = None) -> Index:
    """A fresh, empty index in ``store`` (raises LockError if another writer holds it).

    The old ``manifest`` goes first: killed after emptying the store, a manifest that
    still listed every article would make the next start trust an empty index.
    """
    if exists(store):
        lock = storage(store).open_index().lock("WRITELOCK")
        if not lock.acquire(blocking=False):
            note = buildlock.take_over_stale(store)
            if note is None or not lock.acquire(blocking=False):
                raise LockError("locked")
            if notes is not None:
                notes.append(note)
        lock.release()
    if manifest is not None:
        manifest.unlink(missing_ok=True)
        manifest.with_name(DICTIONARY).unlink(missing_ok=True)
    shutil.rmtree(store, ignore_errors=True)
    store.mkdir(parents=True, exist_ok=True)
    return storage(store).create_index(make_schema())


def exists(store: Path) -> bool:
    try:
        with engine.reading():
            storage(store).open_index()
    except IndexDamaged:  # no index there (EmptyIndexError), or none that can be read
        return False
    return True


def sanity_check(ix: Index) -> None:
    """Open every segment, so a truncated index fails here, not later.

    Opening reads each segment's term dictionary and columns whole (see engine.segments),
    which checks their length; nothing here walks the index, so it stays quick at
    any size.
    """
    with ix.searcher() as searcher:
        searcher.doc_count_all()
        searcher.search(query.Every(), limit=1)


def committed_articles(index_dir: Path) -> int:
    """How many articles the index on disk holds for good (its manifest's count)."""
    return len(read_manifest(Path(index_dir) / MANIFEST) or {})


def read_manifest(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return None
    articles = data.get("articles")
    return dict(articles) if isinstance(articles, dict) else None


def older_version(path: Path) -> bool:
    """Whether ``path`` is the manifest of an index of another INDEX_VERSION."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("version") != INDEX_VERSION


def write_manifest(path: Path | None, articles: dict[str, str]) -> None:
    if path is None:  # an in-memory index keeps no manifest
        return
    atomic_write_text(path, json.dumps({"version": INDEX_VERSION, "articles": articles}))
