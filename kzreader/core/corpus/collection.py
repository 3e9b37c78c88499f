"""A folder of articles: scanning, loading on demand, the sidecar metadata, the catalog.

The corpus keeps only each article's metadata (``ArticleInfo``) in memory and
parses an article's text when it is asked for, so a large folder opens quickly.
The catalog (a JSON cache of the metadata, keyed by path, size and mtime) means a
file is only read again when it has changed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..lru import Lru
from .catalog import cached_info, read_catalog, write_catalog
from .formats import META_KEYS
from .model import Article, ArticleInfo
from .reading import ArticleError, read_article
from .scan import LoadIssue, assign_ids, scan
from .sidecar import load_sidecar

Progress = Callable[[int, int], None]


class CorpusError(FileNotFoundError):
    """The folder itself cannot be opened as a corpus (missing, not a folder, a link loop)."""


def resolve_root(root: str | os.PathLike[str]) -> Path:
    """The corpus folder, links resolved; CorpusError (one line) when it is not a folder."""
    path = Path(root).expanduser()
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError as error:  # Python 3.11 reports a link loop so
        raise CorpusError(f"{path}: a loop of symbolic links, not a folder") from error
    except OSError as error:
        if error.errno == 40:  # ELOOP
            raise CorpusError(f"{path}: a loop of symbolic links, not a folder") from error
        raise CorpusError(f"{path}: no such folder") from error
    if not resolved.is_dir():
        raise CorpusError(f"{path} is not a folder")
    return resolved


def _with_meta(info: ArticleInfo, meta: dict[str, str] | None) -> ArticleInfo:
    if not meta:
        return info
    changes: dict[str, Any] = {k: v for k, v in meta.items() if k in META_KEYS}
    return replace(info, **changes)


class Corpus:
    """The articles of one folder, by id, in path order.

    Safe to share between threads (the app's workers): the cache is locked, and an
    article is parsed outside the lock so readers don't wait on each other.
    """

    #: Parsed articles kept in memory, by weight (``_weight``): several pages of search
    #: results (a search lists 50 and reads them all), about 1,500 articles of 7 KB.
    CACHE_BYTES = 32 * 1024 * 1024
    #: Of the articles a first scan parses, those kept (the rest were only indexed).
    SCANNED_KEPT = 64

    def __init__(
        self,
        root: Path,
        infos: dict[str, ArticleInfo],
        issues: list[LoadIssue],
        sidecar: dict[str, dict[str, str]],
        *,
        files: dict[str, str] | None = None,
        outside_links: bool = False,
    ) -> None:
        self.root = root
        self.issues = issues
        self._infos = infos
        #: id → the real relative path (it may differ from the shown ``info.path``).
        self._files = files if files is not None else {i: info.path for i, info in infos.items()}
        self._sidecar = sidecar
        self._outside_links = outside_links
        self._cache: Lru[str, Article] = Lru(self.CACHE_BYTES, weigh=_weight)
        self._largest: Article | None = None  # the last one too big for the cache
        self._lock = threading.Lock()

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: str | os.PathLike[str],
        *,
        catalog: Path | None = None,
        progress: Progress | None = None,
        outside_links: bool = False,
    ) -> Corpus:
        """Scan a folder. Files unchanged since the catalog was written are not read again.

        Linked files that point outside the folder are left out (and named in an
        issue) unless ``outside_links``. Raises CorpusError when ``root`` is no folder.
        """
        root = resolve_root(root)
        found, issues = scan(root, outside_links=outside_links)
        by_id, id_issues = assign_ids(found)
        issues.extend(id_issues)
        sidecar, sidecar_issues = load_sidecar(root)
        issues.extend(sidecar_issues)
        cached = read_catalog(catalog, root) if catalog else {}
        infos: dict[str, ArticleInfo] = {}
        files: dict[str, str] = {}
        fresh: dict[str, Article] = {}
        entries: dict[str, dict[str, object]] = {}
        for done, (article_id, item) in enumerate(by_id.items(), 1):
            info = cached_info(cached.get(item.real), item.entry, article_id)
            if info is None:
                try:
                    article, warning = read_article(
                        Path(item.entry.path), article_id, root=root, outside_links=outside_links
                    )
                except ArticleError as error:
                    issues.append(LoadIssue(item.shown, str(error)))
                    continue
                if warning:
                    issues.append(LoadIssue(item.shown, warning))
                info = article.info(item.shown)
                fresh[article_id] = article
                entries[item.real] = info.to_json()
            else:
                entries[item.real] = cached[item.real]
            infos[article_id] = info
            files[article_id] = item.real
            if progress:
                progress(done, len(by_id))
        if catalog and (fresh or entries.keys() != cached.keys()):
            with contextlib.suppress(OSError):  # a cache: failing to write costs only time
                write_catalog(catalog, root, entries)
        corpus = cls(root, infos, issues, sidecar, files=files, outside_links=outside_links)
        for article in list(fresh.values())[-cls.SCANNED_KEPT :]:
            corpus._remember(corpus._apply_sidecar(article))
        return corpus

    @classmethod
    def from_catalog(cls, root: str | os.PathLike[str], catalog: Path) -> Corpus | None:
        """The corpus as the catalog last saw it, without looking at the files (None if
        there is no usable catalog).

        Reading the catalog is all it costs, so a large library can be listed at once
        while ``open`` checks the folder; what changed since shows when that is done.
        """
        try:
            root = resolve_root(root)
        except CorpusError:
            return None
        infos: dict[str, ArticleInfo] = {}
        files: dict[str, str] = {}
        for real, entry in read_catalog(catalog, root).items():
            try:
                info = ArticleInfo.from_json(entry)
            except (KeyError, TypeError):
                return None
            if info.id not in infos:
                infos[info.id] = info
                files[info.id] = real
        if not infos:
            return None
        sidecar, issues = load_sidecar(root)
        return cls(root, infos, issues, sidecar, files=files)

    def same_articles(self, other: Corpus) -> bool:
        """Whether ``other`` lists exactly the same articles with the same metadata."""
        return self._infos == other._infos and self._sidecar == other._sidecar

    # -- reading -----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._infos)

    def __iter__(self) -> Iterator[ArticleInfo]:
        for article_id, info in self._infos.items():
            yield _with_meta(info, self._sidecar.get(article_id))

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._infos

    @property
    def ids(self) -> list[str]:
        return list(self._infos)

    def info(self, article_id: str) -> ArticleInfo:
        """Metadata of one article (KeyError if the corpus has no such id)."""
        return _with_meta(self._infos[article_id], self._sidecar.get(article_id))

    def path(self, article_id: str) -> Path:
        """Where the article's file is (its real name, which the shown path may differ from)."""
        self._infos[article_id]  # KeyError for an unknown id
        return self.root / self._files[article_id]

    def article(self, article_id: str) -> Article:
        """The parsed article (KeyError if unknown; ArticleError if it cannot be read now)."""
        cached = self._cache.get(article_id)
        if cached is not None:
            return cached
        largest = self._largest
        if largest is not None and largest.id == article_id:
            return largest
        with self._lock:
            info = self._infos[article_id]
            real = self._files[article_id]
        article, _ = read_article(
            self.root / real, article_id, root=self.root, outside_links=self._outside_links
        )
        with self._lock:
            if article.sha256 != info.sha256:
                # Changed on disk since the scan: keep the metadata in step with the text.
                self._infos[article_id] = article.info(info.path)
            return self._remember(self._apply_sidecar(article))

    def _apply_sidecar(self, article: Article) -> Article:
        meta = self._sidecar.get(article.id)
        if not meta:
            return article
        changes: dict[str, Any] = {k: v for k, v in meta.items() if k in META_KEYS}
        return replace(article, **changes)

    def _remember(self, article: Article) -> Article:
        if _weight(article) > self.CACHE_BYTES:
            self._largest = article  # a huge file read again and again would be slow
        else:
            self._cache.put(article.id, article)
        return article

    @property
    def name(self) -> str:
        return self.root.name


def _weight(article: Article) -> int:
    """About what a parsed article takes in memory: its text twice (raw words and
    paragraphs, as str) and the objects around them (14.8 KB measured for 6.6 KB files)."""
    return 2 * article.size + 1024 * (1 + len(article.paragraphs) // 8)
