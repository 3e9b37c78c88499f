"""A collection: one folder of articles and the data made in it.

Bookmarks, entity corrections (the overlay), reading positions, search history and
the file warnings already shown belong to the folder they were made in, so each
collection has a data folder of its own (``DataPaths.collections_root / id``).

The registry (``DataPaths.collections_file``) maps each collection's id to its folder,
with a fingerprint of its article ids: a bottom-k sketch (the 64 smallest hashes of
the ids), from which the overlap of two sets of ids can be estimated. When a folder
is opened at a path the registry does not know, a collection whose folder has gone
and whose articles are mostly the same is taken to have moved there (the way a music
library finds a moved album), and keeps its data.

The global files of earlier versions (``bookmarks.yaml``, ``overlay.yaml``,
``state.yaml``) are migrated once, without loss: see ``core.migrate``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import yaml

from .atomic import atomic_write_text
from .locking import file_lock
from .paths import DataPaths, bundled_seeds, folder_key

REGISTRY_VERSION = 1
#: Hashes kept per fingerprint: the overlap estimate is within about ±0.1 at 64.
SKETCH_SIZE = 64
#: A collection whose folder is gone is taken to have moved to a folder with at least
#: this share of the same article ids (Jaccard), estimated from the fingerprints.
MOVED_SIMILARITY = 0.5


def sketch(ids: Iterable[str], size: int = SKETCH_SIZE) -> tuple[str, ...]:
    """The fingerprint of a set of article ids: the ``size`` smallest of their hashes."""
    hashes = {hashlib.sha1(i.encode("utf-8", "surrogatepass")).hexdigest()[:12] for i in ids}
    return tuple(sorted(hashes)[:size])


def similarity(a: Iterable[str], b: Iterable[str], size: int = SKETCH_SIZE) -> float:
    """The estimated Jaccard overlap of two id sets from their sketches (0 when empty).

    The bottom-k estimator: of the ``size`` smallest hashes of the union, the share
    found in both sketches. Exact while both sets have fewer than ``size`` ids.
    """
    first, second = set(a), set(b)
    union = sorted(first | second)[:size]
    if not union:
        return 0.0
    return sum(1 for h in union if h in first and h in second) / len(union)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Collection:
    """One folder of articles and where its own data lives."""

    id: str
    root: Path
    folder: Path  # this collection's data folder
    name: str = ""
    #: The folder it was registered at before, when it was found moved in this run.
    moved_from: str | None = None
    #: One-line messages for the user from opening it (a move, a migration); show once.
    notices: tuple[str, ...] = ()

    @property
    def bookmarks_file(self) -> Path:
        return self.folder / "bookmarks.yaml"

    @property
    def overlay_file(self) -> Path:
        """The user's entity corrections for this collection."""
        return self.folder / "overlay.yaml"

    @property
    def state_file(self) -> Path:
        """Reading positions and search history."""
        return self.folder / "state.yaml"

    @property
    def warned_file(self) -> Path:
        """The file warnings already shown (``core.warned``)."""
        return self.folder / "warned.yaml"

    @property
    def title(self) -> str:
        return self.name or self.root.name or str(self.root)


@dataclass
class Entry:
    """A collection as the registry records it."""

    id: str
    path: str
    name: str = ""
    articles: int = 0
    sketch: tuple[str, ...] = ()
    seen: str = ""

    def to_yaml(self) -> dict[str, object]:
        return {
            "path": self.path,
            "name": self.name,
            "articles": self.articles,
            "seen": self.seen,
            "sketch": list(self.sketch),
        }

    @classmethod
    def from_yaml(cls, key: str, data: object) -> Entry | None:
        if not isinstance(data, dict) or not isinstance(data.get("path"), str):
            return None
        raw = data.get("sketch") or []
        articles = data.get("articles")
        if not isinstance(articles, int) or isinstance(articles, bool):
            articles = 0
        return cls(
            id=str(key),
            path=data["path"],
            name=str(data.get("name") or ""),
            articles=articles
            if isinstance(articles, int) and not isinstance(articles, bool)
            else 0,
            sketch=tuple(str(h) for h in raw) if isinstance(raw, list) else (),
            seen=str(data.get("seen") or ""),
        )


@dataclass
class Registry:
    """The registry file's contents."""

    entries: dict[str, Entry] = field(default_factory=dict)
    #: What the migration of the old global files has recorded (``core.migrate``).
    legacy: dict[str, object] = field(default_factory=dict)


class CollectionError(Exception):
    """The registry cannot be used; the message says why (one line)."""


class Collections:
    """The collections known to one data folder, and finding the one a folder is."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self.file = paths.collections_file
        #: Why the registry file could not be read; while set, it is not written.
        self.broken: str | None = None

    # -- reading ---------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every registered collection, most recently opened first."""
        return sorted(self._read().entries.values(), key=lambda e: e.seen, reverse=True)

    def collection(self, entry: Entry, **extra: object) -> Collection:
        return Collection(
            id=entry.id,
            root=Path(entry.path),
            folder=self.paths.collections_root / entry.id,
            name=entry.name,
            **extra,  # type: ignore[arg-type]
        )

    def find(self, root: str | os.PathLike[str]) -> Collection | None:
        """The collection registered at ``root`` (by path alone), if any."""
        wanted = str(Path(root).expanduser().resolve())
        entries = self._read().entries
        for entry in entries.values():
            if entry.path == wanted:
                return self.collection(entry)
        if _is_bundled(wanted) and BUNDLED in entries:
            return self.collection(entries[BUNDLED])
        return None

    def planned(self, root: str | os.PathLike[str]) -> Collection:
        """The collection of ``root`` as far as the registry knows without looking at the
        folder: registered there, else the one ``open`` would make (nothing is written)."""
        found = self.find(root)
        if found is not None:
            return found
        resolved = Path(root).expanduser().resolve()
        key = BUNDLED if _is_bundled(resolved) else _free_key(resolved, self._read().entries)
        return Collection(key, resolved, self.paths.collections_root / key, resolved.name)

    def needs_ids(self, root: str | os.PathLike[str]) -> bool:
        """Whether ``open(root)`` would look at article ids: the folder is new to the
        registry and a registered folder has gone (it may have moved here)."""
        if self.find(root) is not None:
            return False
        return any(not Path(e.path).is_dir() for e in self._read().entries.values())

    # -- opening ---------------------------------------------------------------

    def open(self, root: str | os.PathLike[str], ids: Iterable[str] | None = None) -> Collection:
        """The collection of ``root``: registered by path, found moved, or new.

        ``ids`` (the folder's article ids) refresh the fingerprint and let a moved
        folder be recognised; without them a new path is a new collection. The
        registry is updated under a lock; if it cannot be written, the collection is
        still returned (its data folder is keyed by the path, as it would be anyway).
        """
        root = Path(root).expanduser().resolve()
        wanted = str(root)
        id_set = set(ids) if ids is not None else None
        fingerprint = sketch(id_set) if id_set is not None else None
        with self._locked():
            registry = self._read()
            entry = next((e for e in registry.entries.values() if e.path == wanted), None)
            moved_from = None
            relocated = False  # the bundled articles, found at another install's path
            if entry is None and _is_bundled(root):
                # The bundled articles are one collection wherever kzreader is installed
                # (a new virtual environment, an upgrade): no "moved" notice.
                entry = registry.entries.get(BUNDLED)
                if entry is None:
                    entry = registry.entries[BUNDLED] = Entry(
                        id=BUNDLED, path=wanted, name=root.name
                    )
                relocated, entry.path = entry.path != wanted, wanted
            if entry is None and fingerprint:
                entry = _moved(registry.entries.values(), fingerprint)
                if entry is not None:
                    moved_from, entry.path, entry.name = entry.path, wanted, root.name
            if entry is None:
                key = _free_key(root, registry.entries)
                entry = Entry(id=key, path=wanted, name=root.name)
                registry.entries[key] = entry
            before = (entry.path, entry.name, entry.sketch, entry.articles, entry.seen[:10])
            entry.seen = now_iso()
            if id_set is not None and fingerprint is not None:
                entry.sketch, entry.articles = fingerprint, len(id_set)
            after = (entry.path, entry.name, entry.sketch, entry.articles, entry.seen[:10])
            if (
                before != after or relocated
            ):  # not at every command: the day it was last seen will do
                self._write(registry)
        collection = self.collection(entry, moved_from=moved_from)
        with contextlib.suppress(OSError):  # a read-only data folder: nothing is saved
            collection.folder.mkdir(parents=True, exist_ok=True)
        notices: tuple[str, ...] = ()
        if moved_from is not None:
            notices = (
                f"This folder was at {moved_from}: its bookmarks, corrections and reading "
                "positions came with it",
            )
        return with_notices(collection, *notices)

    def legacy(self) -> dict[str, object]:
        """What the migration of the old global files recorded (empty: not done yet)."""
        return dict(self._read().legacy)

    def set_legacy(self, record: dict[str, object]) -> None:
        with self._locked():
            registry = self._read()
            registry.legacy = dict(record)
            self._write(registry)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the registry's lock (the migration runs under it: once, not twice)."""
        with self._locked():
            yield

    # -- the file --------------------------------------------------------------

    def _read(self) -> Registry:
        try:
            text = self.file.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return Registry()  # the data folder cannot even exist: the stores will say so
        except (OSError, UnicodeDecodeError) as error:
            self.broken = f"{self.file}: cannot be read ({getattr(error, 'strerror', error)})"
            return Registry()
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            data = None
            self.broken = f"{self.file}: not valid YAML; left as it is"
        if not isinstance(data, dict):
            if text.strip() and self.broken is None:
                self.broken = f"{self.file}: expected a mapping; left as it is"
            return Registry()
        raw = data.get("collections") or {}
        entries = {}
        for key, value in raw.items() if isinstance(raw, dict) else ():
            entry = Entry.from_yaml(str(key), value)
            if entry is not None:
                entries[entry.id] = entry
        legacy = data.get("legacy")
        return Registry(entries, dict(legacy) if isinstance(legacy, dict) else {})

    def _write(self, registry: Registry) -> None:
        if self.broken is not None:
            return  # never overwrite a file we could not read: the user may want it
        payload = {
            "version": REGISTRY_VERSION,
            "collections": {k: e.to_yaml() for k, e in sorted(registry.entries.items())},
        }
        if registry.legacy:
            payload["legacy"] = registry.legacy
        header = "# kzreader: the folders of articles you have opened (collections)\n"
        with contextlib.suppress(OSError):  # an index of folders: losing a write costs a move
            atomic_write_text(
                self.file, header + yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)
            )

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return exclusive_lock(self.file.with_name(self.file.name + ".lock"))


@contextlib.contextmanager
def exclusive_lock(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` between processes (none if it cannot
    be made: a read-only data folder still lets the reader read)."""
    with contextlib.ExitStack() as held:
        with contextlib.suppress(OSError):
            held.enter_context(file_lock(lock))
        yield


#: The id of the bundled articles' collection, the same wherever the package lives.
BUNDLED = "bundled"


def _is_bundled(root: str | os.PathLike[str]) -> bool:
    return str(Path(root).resolve()) == str(bundled_seeds().resolve())


def _free_key(root: Path, taken: dict[str, Entry]) -> str:
    """A new collection's id: the folder's key, unless a folder once registered at this
    path has moved away and kept it."""
    key = folder_key(root)
    while key in taken:
        key = folder_key(root) + "-" + hashlib.sha1(key.encode()).hexdigest()[:4]
    return key


def _moved(entries: Iterable[Entry], fingerprint: tuple[str, ...]) -> Entry | None:
    """The registered collection whose folder is gone and whose articles match best."""
    best, best_score = None, MOVED_SIMILARITY
    for entry in entries:
        if entry.id == BUNDLED or not entry.sketch or Path(entry.path).is_dir():
            continue
        score = similarity(entry.sketch, fingerprint)
        if score >= best_score:
            best, best_score = entry, score
    return best


def with_notices(collection: Collection, *notices: str) -> Collection:
    """The same collection with more messages for the user."""
    return replace(collection, notices=collection.notices + tuple(n for n in notices if n))
