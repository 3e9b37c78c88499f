"""A folder of articles: scanning, loading, the sidecar metadata, and a catalog cache.

The corpus keeps only each article's metadata (``ArticleInfo``) in memory and
parses an article's text when it is asked for, so a large folder opens quickly.
The catalog (a JSON cache of the metadata, keyed by path, size and mtime) means a
file is only read again when it has changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Article, ArticleInfo
from .atomic import atomic_write_text, read_user_file
from .lru import Lru
from .parse import fallback_title, parse_text
from .text import BinaryFileError, clean_text, decode_bytes, strip_controls
from .yamlsafe import YamlError, brief, load_yaml

SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
SIDECAR_NAMES = ("metadata.yaml", "metadata.yml")
MAX_SIDECAR_BYTES = 64 << 20  # about 200,000 articles' curated metadata
META_KEYS = ("title", "author", "outlet", "date")
MAX_FILE_BYTES = 64 * 1024 * 1024
CATALOG_VERSION = 3

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """Something about one file that the user should hear about, once."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ArticleError(Exception):
    """An article file that cannot be loaded; the message says why."""


def read_article(
    path: Path, article_id: str, meta: dict[str, str] | None = None
) -> tuple[Article, str | None]:
    """Load one article file. Returns the article and a warning worth showing, if any.

    Raises ArticleError (with a one-line reason) for files that cannot be used.
    """
    try:
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            raise ArticleError(
                f"skipped: {stat.st_size / 2**20:.0f} MB is larger than the "
                f"{MAX_FILE_BYTES // 2**20} MB an article may be"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"skipped: cannot be read ({error.strerror or error})") from error
    try:
        decoded = decode_bytes(data)
    except BinaryFileError as error:
        raise ArticleError(f"skipped: {error}") from error
    warning = f"not UTF-8; read as {decoded.encoding}" if decoded.guessed else None
    text = clean_text(decoded.text)
    if not text.strip():
        raise ArticleError("skipped: the file is empty")
    parsed = parse_text(text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
    meta = meta or {}
    title = meta.get("title") or parsed.title or fallback_title(parsed.paragraphs, article_id)
    notes = []
    if parsed.dropped_repeats:
        notes.append(f"{parsed.dropped_repeats} repeated paragraph(s) shown once")
    article = Article(
        id=article_id,
        path=path,
        title=title,
        author=meta.get("author") or parsed.author,
        outlet=meta.get("outlet") or parsed.outlet,
        date=meta.get("date") or parsed.date,
        paragraphs=tuple(parsed.paragraphs),
        sha256=hashlib.sha256(data).hexdigest(),
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        encoding=decoded.encoding,
        notes=tuple(notes),
    )
    return article, warning


def scan_folder(root: Path) -> tuple[list[Path], list[LoadIssue]]:
    """Article files under ``root``, recursively, in a stable order.

    Hidden files and folders are skipped, and linked folders are not followed (so
    a symlink loop cannot trap the scan); linked files are read.
    """
    found, issues = _scan(root)
    return [Path(entry.path) for _, entry in found], issues


def _scan(root: Path) -> tuple[list[tuple[str, os.DirEntry[str]]], list[LoadIssue]]:
    """(relative path, directory entry) of every article file, in path order.

    ``os.scandir`` knows each entry's type without a system call, and the relative
    path is built as a string: at 50,000 files ``Path.relative_to`` and a second
    ``stat`` per file were most of the cost of opening a corpus.
    """
    found: list[tuple[str, os.DirEntry[str]]] = []
    issues: list[LoadIssue] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            where = Path(error.filename or folder)
            issues.append(
                LoadIssue(_rel(where, root), f"skipped: cannot be read ({error.strerror})")
            )
            return
        dirs = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    dirs.append(entry)
                    continue
                if os.path.splitext(name)[1].lower() in SUFFIXES and entry.is_file():
                    found.append((_clean_rel(prefix + name), entry))
            except OSError:
                continue
        for entry in dirs:
            walk(entry.path, prefix + entry.name + "/")

    walk(str(root), "")
    # os.walk's order: a folder's files before its subfolders, each level sorted.
    return found, issues


def _clean_rel(rel: str) -> str:
    if rel.isascii() and "\n" not in rel:
        return rel
    return rel.encode("utf-8", "replace").decode("utf-8").replace("\n", "\\n")


def safe_id(stem: str) -> str:
    """An article id from a file name: no control characters, no line breaks, valid UTF-8."""
    if stem.isascii() and stem.isprintable() and stem.strip() == stem and "  " not in stem:
        return stem or "_"
    stem = stem.encode("utf-8", "replace").decode("utf-8")
    return " ".join(strip_controls(stem.replace("\n", " ").replace("\t", " ")).split()) or "_"


def _rel(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = str(path)
    return rel.encode("utf-8", "replace").decode("utf-8").replace("\n", "\\n")


def load_sidecar(root: Path) -> tuple[dict[str, dict[str, str]], list[LoadIssue]]:
    """Curated metadata from ``metadata.yaml`` beside the articles; it wins over the text."""
    for name in SIDECAR_NAMES:
        path = root / name
        if path.is_file():
            break
    else:
        return {}, []
    try:
        data = load_yaml(read_user_file(path, MAX_SIDECAR_BYTES).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        why = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        return {}, [LoadIssue(name, f"ignored: cannot be read ({why})")]
    except YamlError as error:
        return {}, [LoadIssue(name, f"ignored: {error}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [LoadIssue(name, "ignored: expected a mapping of article id to metadata")]
    out: dict[str, dict[str, str]] = {}
    issues: list[LoadIssue] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            issues.append(LoadIssue(name, f"entry {brief(key)} ignored: expected a mapping"))
            continue
        entry = {
            k: str(v)
            for k, v in value.items()
            if k in META_KEYS and v is not None and not isinstance(v, list | dict)
        }
        unknown = sorted(brief(k) for k in value if k not in META_KEYS)
        if unknown:
            listed = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
            issues.append(LoadIssue(name, f"entry {brief(key)}: unknown keys ignored: {listed}"))
        out[str(key)] = {k: clean_text(v) for k, v in entry.items()}
    return out, issues


def _with_meta(info: ArticleInfo, meta: dict[str, str] | None) -> ArticleInfo:
    if not meta:
        return info
    return replace(info, **{k: v for k, v in meta.items() if k in META_KEYS})


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
    ) -> None:
        self.root = root
        self.issues = issues
        self._infos = infos
        self._sidecar = sidecar
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
    ) -> Corpus:
        """Scan a folder. Files unchanged since the catalog was written are not read again."""
        root = Path(root).expanduser().resolve()
        if not root.is_dir():
            raise FileNotFoundError(f"{root} is not a folder")
        files, issues = _scan(root)
        sidecar, sidecar_issues = load_sidecar(root)
        issues.extend(sidecar_issues)
        cached = _read_catalog(catalog, root) if catalog else {}
        infos: dict[str, ArticleInfo] = {}
        fresh: dict[str, Article] = {}
        entries: dict[str, dict[str, object]] = {}
        for done, (rel, entry) in enumerate(files, 1):
            name = entry.name
            stem = safe_id(name[: len(name) - len(os.path.splitext(name)[1])])
            article_id = stem if stem not in infos else safe_id(rel.rsplit(".", 1)[0])
            if article_id in infos:  # pragma: no cover - needs two identical relpaths
                continue
            if article_id != stem:
                issues.append(
                    LoadIssue(rel, f"another file is also called {stem!r}; id is {article_id!r}")
                )
            info = _cached_info(cached.get(rel), entry, article_id)
            if info is None:
                try:
                    article, warning = read_article(Path(entry.path), article_id)
                except ArticleError as error:
                    issues.append(LoadIssue(rel, str(error)))
                    continue
                if warning:
                    issues.append(LoadIssue(rel, warning))
                info = article.info(rel)
                fresh[article_id] = article
                entries[rel] = info.to_json()
            else:
                entries[rel] = cached[rel]
            infos[article_id] = info
            if progress:
                progress(done, len(files))
        if catalog and (fresh or entries.keys() != cached.keys()):
            with contextlib.suppress(OSError):  # a cache: failing to write costs only time
                _write_catalog(catalog, root, entries)
        corpus = cls(root, infos, issues, sidecar)
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
        root = Path(root).expanduser().resolve()
        infos: dict[str, ArticleInfo] = {}
        for entry in _read_catalog(catalog, root).values():
            try:
                info = ArticleInfo.from_json(entry)
            except (KeyError, TypeError):
                return None
            infos.setdefault(info.id, info)
        if not infos:
            return None
        sidecar, issues = load_sidecar(root)
        return cls(root, infos, issues, sidecar)

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
        return self.root / self._infos[article_id].path

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
        article, _ = read_article(self.root / info.path, article_id)
        with self._lock:
            if article.sha256 != info.sha256:
                # Changed on disk since the scan: keep the metadata in step with the text.
                self._infos[article_id] = article.info(info.path)
            return self._remember(self._apply_sidecar(article))

    def _apply_sidecar(self, article: Article) -> Article:
        meta = self._sidecar.get(article.id)
        if not meta:
            return article
        return replace(article, **{k: v for k, v in meta.items() if k in META_KEYS})

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


def _cached_info(
    entry: dict[str, object] | None, file: os.DirEntry[str], article_id: str
) -> ArticleInfo | None:
    if not entry:
        return None
    try:
        if entry["size"] != (stat := file.stat()).st_size or entry["mtime_ns"] != stat.st_mtime_ns:
            return None
        info = ArticleInfo.from_json(entry)
    except (OSError, KeyError, TypeError):
        return None
    return info if info.id == article_id else None


def _read_catalog(catalog: Path, root: Path) -> dict[str, dict[str, object]]:
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


def _write_catalog(catalog: Path, root: Path, entries: dict[str, dict[str, object]]) -> None:
    payload = {"version": CATALOG_VERSION, "root": str(root), "entries": entries}
    atomic_write_text(catalog, json.dumps(payload, ensure_ascii=False))
