"""Building the index and keeping it up to date with the corpus, file by file.

A manifest of content hashes beside the index (``store``) tells what changed, so an
unchanged corpus opens without any indexing and a changed one is updated file by
file. Updates are committed in batches, so an interrupted build resumes. The word
list for "did you mean" is kept beside the index (see spelling).
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from whoosh.index import Index, LockError
from whoosh.reading import SegmentReader
from whoosh.writing import NO_MERGE, SegmentWriter

from ..corpus.collection import Corpus
from ..corpus.reading import ArticleError
from . import engine, store
from .engine import buildlock
from .errors import IndexCancelled, IndexDamaged
from .schema import article_document, as_str, make_schema
from .service import IndexReport, Progress
from .spelling import Dictionary
from .store import DICTIONARY, MANIFEST, WHOOSH_DIR

BATCH = 1000  # the fewest articles per commit (see batch_size)
TINY = 50  # segments this small (or a tenth of the largest) merge at the next edit
#: The most articles one indexing process takes per commit: its postings (about 600 an
#: article) then fit whoosh's 128 MB pool, which otherwise spills sorted runs to disk
#: and merges them back (20,000 articles: 10.4 → 6.0 ms of CPU an article).
PER_PROCESS = 1000
PARALLEL_FROM = 1000  # articles to index before extra processes pay for themselves

READ_ONLY = "another kzreader is updating the index; searching what it has (read-only)"
#: Why a folder cannot take the index: read-only, no permission, disk or quota full,
#: or a file where a folder should be.
UNWRITABLE = frozenset(
    {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR}
)

#: What ``open_index`` gives SearchIndex: the whoosh index (None: unavailable), the
#: report for the user, and the word list if it was read or made on the way.
Opened = tuple[Index | None, IndexReport, Dictionary | None]


class _Segment(Protocol):
    """What the merge policy asks of one of whoosh's segments."""

    def doc_count(self) -> int: ...


def open_index(
    corpus: Corpus,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    rebuild: bool = False,
    procs: int | None = None,
) -> Opened:
    """The index for ``corpus``, built or updated as needed (see ``SearchIndex.open``).

    An unwritable folder gets an index in memory for this run, and the report says so.
    """
    try:
        return _open_on_disk(
            corpus, index_dir, progress=progress, cancel=cancel, rebuild=rebuild, procs=procs
        )
    except OSError as error:
        if error.errno not in UNWRITABLE:
            raise
        reason = error.strerror or type(error).__name__
    engine.install()
    ix = engine.memory_storage().create_index(make_schema())
    started = time.perf_counter()
    wanted = [info.id for info in corpus]
    words = Dictionary()
    _apply(ix, corpus, None, {}, words, [], wanted, progress=progress, cancel=cancel, procs=1)
    message = f"cannot write the index in {index_dir} ({reason}); searching from memory this time"
    report = IndexReport(
        "built",
        added=len(wanted),
        total=len(wanted),
        message=message,
        seconds=time.perf_counter() - started,
    )
    return ix, report, words


def _open_on_disk(
    corpus: Corpus,
    index_dir: Path,
    *,
    progress: Progress | None,
    cancel: threading.Event | None,
    rebuild: bool,
    procs: int | None,
) -> Opened:
    started = time.perf_counter()
    index_dir = Path(index_dir)
    folder = index_dir / WHOOSH_DIR
    folder.mkdir(parents=True, exist_ok=True)
    manifest = store.read_manifest(index_dir / MANIFEST)
    message = None
    if manifest is None and not rebuild and store.older_version(index_dir / MANIFEST):
        message = "the search index was from an older kzreader; rebuilt it (once)"
    ix = None
    if not rebuild and manifest is not None and any(folder.glob("*.toc")):
        try:
            with engine.reading():
                ix = store.storage(folder).open_index()
                store.sanity_check(ix)
        except IndexDamaged as error:
            ix = None
            message = f"the search index was unreadable ({error}); rebuilt it"
    notes: list[str] = []
    if ix is None or manifest is None:  # (no manifest: ix was not opened)
        manifest = {}
        try:
            ix = store.create(folder, manifest=index_dir / MANIFEST, notes=notes)
        except LockError:
            busy = "another kzreader is building the index; search when it is done"
            return None, IndexReport("unavailable", message=busy), None
    message = "; ".join(filter(None, [message, *notes])) or None
    notes.clear()
    wanted = {info.id: info.sha256 for info in corpus}
    removed = [i for i in manifest if i not in wanted]
    changed = [i for i in wanted if i in manifest and manifest[i] != wanted[i]]
    added = [i for i in wanted if i not in manifest]
    if not (removed or changed or added):
        seconds = time.perf_counter() - started
        return (
            ix,
            IndexReport("unchanged", total=len(wanted), message=message, seconds=seconds),
            None,
        )
    words = Dictionary() if not manifest else Dictionary.load(index_dir / DICTIONARY)
    if procs is None:
        procs = default_procs(len(changed) + len(added))
    try:
        _apply(
            ix,
            corpus,
            index_dir / MANIFEST,
            manifest,
            words,
            removed,
            changed + added,
            progress=progress,
            cancel=cancel,
            procs=procs,
            notes=notes,
        )
    except LockError:
        return ix, IndexReport("read-only", total=len(manifest), message=READ_ONLY), None
    message = "; ".join(filter(None, [message, *notes])) or None
    action = "built" if not manifest or len(added) == len(wanted) else "updated"
    report = IndexReport(
        action,
        added=len(added),
        changed=len(changed),
        removed=len(removed),
        total=len(wanted),
        seconds=time.perf_counter() - started,
        message=message,
    )
    return ix, report, words


def _apply(
    ix: Index,
    corpus: Corpus,
    manifest_path: Path | None,
    manifest: dict[str, str],
    words: Dictionary,
    removed: list[str],
    wanted: list[str],
    *,
    progress: Progress | None,
    cancel: threading.Event | None,
    procs: int,
    notes: list[str] | None = None,
) -> None:
    """Delete ``removed``, (re)index ``wanted``, committing batch by batch.

    Each batch is committed without merging: whoosh's default policy re-merges
    the small segments at every commit, rewriting most of a large build again and
    again. A large build is cut into a few big batches instead, so it ends with a
    few segments (one per indexing process and batch) and loses at most one batch to
    an interruption.
    """
    total = len(wanted)
    notes = [] if notes is None else notes
    present = _indexed_ids(ix, wanted)
    if removed:
        writer = _take_writer(ix, lambda: ix.writer(timeout=0.0), notes)
        for article_id in removed:
            writer.delete_by_term("article", article_id)
            manifest.pop(article_id, None)
        writer.commit(mergetype=merge_tiny)
        store.write_manifest(manifest_path, manifest)
    done = 0
    size = batch_size(total, procs)
    for start in range(0, total, size):
        batch = wanted[start : start + size]
        big = procs > 1 and len(batch) >= 200
        if big:
            writer = _take_writer(
                ix,
                lambda: engine.ParallelWriter(ix, procs=procs, multisegment=True, timeout=0.0),
                notes,
            )
        else:
            writer = _take_writer(ix, lambda: ix.writer(timeout=0.0), notes)
        shas: dict[str, str] = {}
        try:
            for article_id in batch:
                if cancel is not None and cancel.is_set():
                    raise IndexCancelled()
                # Also on a first build: a batch committed just before a kill is in
                # the index but not yet in the manifest, and must not be added twice.
                if article_id in present:
                    writer.delete_by_term("article", article_id)
                try:
                    article = corpus.article(article_id)
                except (KeyError, ArticleError):
                    manifest.pop(article_id, None)
                    continue
                document = article_document(article)
                writer.add_document(**document)
                words.add_text(document["names"])
                shas[article_id] = article.sha256
                done += 1
                if progress:
                    progress(done, total)
            # Day-to-day edits merge their tiny segments, so they leave no trail behind.
            writer.commit(mergetype=NO_MERGE if big else merge_tiny)
        except BaseException:
            if not writer.is_closed:  # not when the commit itself went through
                _abandon(writer, ix)
            raise
        if manifest_path is not None and words.dirty:
            words.save(manifest_path.with_name(DICTIONARY))
        manifest.update(shas)
        store.write_manifest(manifest_path, manifest)


# At import, not when a build starts: on platforms where multiprocessing spawns (macOS,


def _take_writer(ix: Index, make: Callable[[], SegmentWriter], notes: list[str]) -> SegmentWriter:
    """A writer from ``make()``; a lock left by a build that died is taken over (noted).

    Raises LockError while a live build holds the lock.
    """
    folder = getattr(ix.storage, "folder", "")
    if not folder:  # an index in memory: its lock is a thread lock, nobody else's
        return make()
    store = Path(folder)
    try:
        writer = make()
    except LockError:
        note = buildlock.take_over_stale(store)
        if note is None:
            raise
        notes.append(note)
        writer = make()
    buildlock.claim(store)
    return writer


def _abandon(writer: SegmentWriter, ix: Index) -> None:
    """Cancel a failed batch and delete its partial files before the lock is let go."""
    lock, writer.writelock = writer.writelock, None
    try:
        writer.cancel()
        if getattr(ix.storage, "folder", ""):
            buildlock.discard_partial(ix.storage, Path(ix.storage.folder))
    finally:
        if lock is not None:
            with contextlib.suppress(Exception):
                lock.release()


def merge_tiny(writer: SegmentWriter, segments: list[_Segment]) -> list[_Segment]:
    """A merge policy: fold the small segments edits leave into the one being written.

    whoosh's own MERGE_SMALL merged a 10,000-article index whole (109 s) on the
    second one-file edit; this one only merges segments of at most TINY articles
    or a tenth of the largest, and drops segments whose articles were all replaced
    or removed.
    """
    largest = max((s.doc_count() for s in segments), default=0)
    small = [s for s in segments if s.doc_count() <= max(TINY, largest // 10)]
    if not small:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]


def default_procs(articles: int) -> int:
    """Indexing processes for ``articles``: one more than the cores, for a large build.

    whoosh's parent process reads and parses the articles while the children index
    them; with one child per core the cores idle whenever the parent is busy
    (10,000 articles on 2 cores: 210 articles/s with 2, 320 with 3).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 1 if articles < PARALLEL_FROM or cores < 2 else cores + 1


def batch_size(total: int, procs: int = 1) -> int:
    """Articles per commit: a quarter of the work, within bounds.

    Fewer, larger segments search a little faster; smaller batches lose less to a
    kill, and past ``PER_PROCESS`` articles a process, cost more to write.
    """
    return max(BATCH, min(PER_PROCESS * procs, -(-total // 4)))


def _indexed_ids(ix: Index, wanted: list[str]) -> set[str]:
    """Those of ``wanted`` the index holds (deleted ones may linger: deleting again is harmless).

    A few are looked up one by one; for many, one walk of the ids is cheaper.
    """
    with ix.reader() as reader:
        if "article" not in reader.schema:
            return set()
        if len(wanted) > 100:
            return {as_str(term) for term in reader.lexicon("article")}
        field = reader.schema["article"]
        return {i for i in wanted if ("article", field.to_bytes(i)) in reader}
