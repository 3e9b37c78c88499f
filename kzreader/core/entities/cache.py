"""Per-article cache of detected candidates, keyed by content hash and extractor version.

Detection is the expensive, per-article part; resolution over the corpus is cheap.
So each article's candidates are stored as one small JSON file under the index
folder. An unchanged corpus is re-resolved from these files without reading an
article; a changed article (new hash) or a new extractor (new version) is redone.
A cache file that cannot be read is simply recomputed: it holds nothing the user made.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

from ..atomic import atomic_write_text
from .candidate import Candidate
from .model import EntityType
from .resolve import EntityRecord, Resolution
from .store import MentionStore

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
STALE_AFTER = 3600.0  # seconds after which a temporary file of a build is left over
_LEFTOVERS = (".spool-", "spool-", ".mentions-")  # what a build writes before it is done


def _replace(path: Path, text: str) -> None:
    """Write a cache file atomically (a temporary file renamed over it) but without
    fsync: it holds nothing the user made, and a file a power cut leaves torn fails to
    parse and is recomputed. Two fsyncs per article were a third of a first build."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            handle = open(tmp, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        except FileNotFoundError:  # the folder's first file (made once, not per article)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(tmp, "w", encoding="utf-8")  # noqa: SIM115
        with handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class CandidateCache:
    """A folder of ``<article>.json`` files; ``folder=None`` caches nothing."""

    def __init__(self, folder: Path | None, version: str) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.version = version
        self.hits = 0
        self.misses = 0
        self.errors: list[str] = []

    def _file(self, article_id: str) -> Path:
        assert self.folder is not None
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        stem = _SAFE.sub("_", article_id)[:60] or "article"
        return self.folder / f"{stem}-{digest}.json"

    def load(self, article_id: str, sha256: str) -> list[Candidate] | None:
        """The cached candidates, or None when absent, stale or unreadable."""
        if self.folder is None:
            self.misses += 1
            return None
        try:
            data = json.loads(self._file(article_id).read_text(encoding="utf-8"))
            if data.get("version") != self.version or data.get("sha256") != sha256:
                raise LookupError
            candidates = [Candidate.from_json(item) for item in data["candidates"]]
        except (OSError, ValueError, LookupError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return candidates

    def store(self, article_id: str, sha256: str, candidates: Iterable[Candidate]) -> None:
        """Write one article's candidates; a failure (read-only disk) only costs speed."""
        if self.folder is None:
            return
        data = {
            "version": self.version,
            "article": article_id,
            "sha256": sha256,
            "candidates": [c.to_json() for c in candidates],
        }
        try:
            _replace(
                self._file(article_id), json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            )
        except OSError as error:
            if not self.errors:
                self.errors.append(f"{self.folder}: entity cache not written ({error.strerror})")

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cache files of articles no longer in the corpus; returns how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        wanted = {self._file(article_id).name for article_id in keep}
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.name not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed


class ResolutionCache:
    """The resolved corpus (before the overlay), keyed by every article's hash.

    Lets an unchanged corpus start without reading a single per-article file, and
    without reading its mentions either: ``corpus.json`` holds the entity table (names,
    aliases, articles, counts) and the byte offsets of each article's line in the
    mentions file, which is read one article at a time when the reader asks.
    """

    def __init__(self, folder: Path | None, version: str) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.path = self.folder / "corpus.json" if self.folder is not None else None
        self.version = version

    @staticmethod
    def corpus_key(pairs: Iterable[tuple[str, str]]) -> str:
        digest = hashlib.sha256()
        for article_id, sha in pairs:
            digest.update(f"{article_id}\t{sha}\n".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def mentions_name(self, key: str) -> str:
        return f"mentions-{self.version[-12:]}-{key[:16]}.jsonl"

    def load(self, key: str, articles: int) -> tuple[Resolution, list[str], MentionStore] | None:
        """The snapshot of this corpus: records (without mentions), their ids, the mentions."""
        if self.path is None or self.folder is None:
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") != self.version or data.get("key") != key:
                return None
            records: dict[str, EntityRecord] = {}
            types = {str(t): t for t in EntityType}  # faster than EntityType(value) 30,000 times
            for row in data["entities"]:
                eid, name, type_, aliases, curated, count, comments, numbers, keys = row
                records[eid] = EntityRecord(
                    eid,
                    name,
                    types[type_],
                    aliases,
                    curated=bool(curated),
                    articles=numbers,
                    count=int(count),
                    comments_only=bool(comments),
                    keys=keys,
                )
            name = str(data["mentions"])
            offsets = [int(x) for x in data["offsets"]]
        except (OSError, ValueError, LookupError, TypeError):
            return None
        if "/" in name or len(offsets) != articles + 1:
            return None
        store = MentionStore.open(self.folder / name, offsets)
        if store is None:
            return None
        return Resolution(records), list(records), store

    def store(self, key: str, resolution: Resolution, store: MentionStore) -> None:
        """Write the snapshot (before the overlay is applied) and forget older mention files."""
        if self.path is None or self.folder is None or store.path is None:
            return
        entities = [
            [
                r.id,
                r.name,
                str(r.type),
                r.aliases,
                int(r.curated),
                r.count,
                int(r.comments_only),
                r.articles,
                r.name_keys(),
            ]
            for r in resolution.entities.values()
        ]
        data = {
            "version": self.version,
            "key": key,
            "mentions": store.path.name,
            "offsets": store.offsets,
            "entities": entities,
        }
        try:
            atomic_write_text(
                self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            )
        except OSError:
            return
        for old in self.folder.glob("mentions-*.jsonl"):
            if old.name != store.path.name:
                with contextlib.suppress(OSError):
                    old.unlink()  # a graph still using it keeps it open
        # Spools and half-written files of builds that were killed (not of one running now).
        stale = time.time() - STALE_AFTER
        for old in self.folder.iterdir():
            with contextlib.suppress(OSError):
                if old.name.startswith(_LEFTOVERS) and old.stat().st_mtime < stale:
                    old.unlink()
