"""The whoosh full-text index of a corpus: build, incremental update, and search.

One whoosh document per article, so ranking (BM25F, title above body) and "all
the words" are judged per article; the passages a hit lands on are found in the
text at query time (see TermMatcher). A manifest of content hashes beside the
index tells what changed, so an unchanged corpus opens without any indexing and
a changed one is updated file by file. Updates are committed in batches, so an
interrupted build resumes. The word list for "did you mean" is kept beside the
index (see spelling).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import math
import os
import pickle
import re
import shutil
import signal
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from whoosh import query
from whoosh.codec import whoosh3
from whoosh.collectors import TopCollector
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import EmptyIndexError, LockError
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.reading import ReaderClosed, SegmentReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.writing import NO_MERGE, SegmentWriter

from . import buildlock, bulk, fastpath
from .analysis import (
    WORD,
    TermPositions,
    WordSet,
    is_stop,
    iter_terms,
    names_analyzer,
    text_analyzer,
    text_term,
    words_for,
)
from .atomic import atomic_write_text
from .corpus.collection import Corpus
from .corpus.model import Article, Kind, Paragraph
from .corpus.reading import ArticleError
from .expand import EntityLookup
from .lru import Lru
from .query import (
    FIELD_BOOSTS,
    DateFilter,
    ParsedQuery,
    QueryError,
    parse,
    query_words,
    valid_text,
)
from .results import ArticleHit, Passage, SearchResult, Span, merge_spans
from .spelling import MIN_LENGTH, Dictionary
from .translit import to_latin

#: Bump when the schema or the analysis changes: older indexes are rebuilt.
#: 6: stop words' positions kept for phrases; outlet and date fields.
INDEX_VERSION = 6
BATCH = 1000  # the fewest articles per commit (see batch_size)
TINY = 50  # segments this small (or a tenth of the largest) merge at the next edit
#: The most articles one indexing process takes per commit: its postings (about 600 an
#: article) then fit whoosh's 128 MB pool, which otherwise spills sorted runs to disk
#: and merges them back (20,000 articles: 10.4 → 6.0 ms of CPU an article).
PER_PROCESS = 1000
PARALLEL_FROM = 1000  # articles to index before extra processes pay for themselves
#: The fields BM25 scores (their lengths are held in memory, see fastpath).
SCORED_FIELDS = ("title", "author", "body", "comments", "names")
MANIFEST = "manifest.json"
DICTIONARY = "words.txt"
WHOOSH_DIR = "whoosh"

Progress = Callable[[int, int], None]
READ_ONLY = "another kzreader is updating the index; searching what it has (read-only)"
REBUILD_HINT = "run 'kzreader index --rebuild'"
#: Why a folder cannot take the index: read-only, no permission, disk or quota full,
#: or a file where a folder should be.
UNWRITABLE = frozenset(
    {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR}
)
#: What reading a damaged index raises (truncated or missing files, bad data).
DAMAGE = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    struct.error,
    zlib.error,
    ValueError,
    IndexError,
    KeyError,
    EmptyIndexError,  # the index folder was deleted while we had it open
)


class IndexCancelled(Exception):
    """Indexing was cancelled; what was committed before stays and is resumed next time."""


@dataclass(frozen=True)
class IndexReport:
    """What opening the index did, for the user."""

    action: str  # "built", "updated", "unchanged", "read-only", "unavailable"
    added: int = 0
    changed: int = 0
    removed: int = 0
    total: int = 0
    seconds: float = 0.0
    message: str | None = None  # a one-line notice worth showing (rebuilt, read-only…)

    def summary(self) -> str:
        if self.action == "unchanged":
            text = f"index unchanged ({self.total} articles)"
        elif self.action == "built":
            text = f"index built: {self.total} articles in {self.seconds:.2f} s"
        elif self.action == "updated":
            text = (
                f"index updated: {self.added} added, {self.changed} changed, "
                f"{self.removed} removed in {self.seconds:.2f} s"
            )
        else:
            text = f"index {self.action}"
        return f"{text}; {self.message}" if self.message else text


def _text(analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer)
    field.format = TermPositions(field_boost=field.format.field_boost)
    return field


def make_schema() -> Schema:
    text = text_analyzer()
    names = names_analyzer()
    return Schema(
        article=ID(stored=True, unique=True),
        title=_text(text),
        author=_text(names),
        body=_text(text),
        comments=_text(text),
        names=_text(names),
        outlet=_text(text),
        date=ID(),
        entity=KEYWORD(commas=True, lowercase=True, scorable=True),
    )


def article_document(article: Article, entities: Iterable[str] = ()) -> dict[str, str]:
    """The index document for one article.

    Reader comments go to their own field, which counts for less than the body.
    """
    body = "\n".join(p.text for p in article.paragraphs if p.kind is not Kind.COMMENT)
    comments = "\n".join(p.text for p in article.paragraphs if p.kind is Kind.COMMENT)
    everything = f"{article.title}\n{body}\n{comments}"
    return {
        "article": article.id,
        "title": article.title,
        "author": article.author or "",
        "body": body,
        "comments": comments,
        "names": everything,
        "outlet": article.outlet or "",
        "date": article.date or "",
        "entity": ",".join(sorted(set(entities))),
    }


def _positives(q: query.Query) -> list[query.Query]:
    """The clauses of a query that a passage can match (everything not under NOT)."""
    if isinstance(q, query.Not):
        return []
    if isinstance(q, query.AndNot):
        return _positives(q.a)
    if isinstance(q, query.AndMaybe):
        return _positives(q.a) + _positives(q.b)
    if isinstance(q, query.compound.CompoundQuery):
        return [leaf for sub in q.subqueries for leaf in _positives(sub)]
    return [q]


class SearchIndex:
    """An open index over one corpus. Thread-safe for searching."""

    def __init__(
        self,
        corpus: Corpus,
        index_dir: Path,
        ix,
        report: IndexReport,
        dictionary: Dictionary | None = None,
    ) -> None:
        self.corpus = corpus
        self.index_dir = index_dir
        self.report = report
        self._ix = ix
        #: Read on the first "did you mean", not at start-up.
        self._dictionary = dictionary
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        # Kept in memory: whoosh reads ``ix.schema`` from the index files each time, so a
        # query against an index damaged under us would fail before the damage is caught.
        self._schema = make_schema()
        #: The entity graph, once built: entity fields and alias expansion use it.
        self.entities: EntityLookup | None = None

    # -- opening and updating -----------------------------------------------

    @classmethod
    def open(
        cls,
        corpus: Corpus,
        index_dir: Path,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        rebuild: bool = False,
        procs: int | None = None,
    ) -> SearchIndex:
        """Open the index for ``corpus``, building or updating it as needed.

        Never raises for a damaged, locked or unwritable index: it is rebuilt,
        opened read-only, or built in memory for this run, and ``report.message``
        says so. Raises IndexCancelled if ``cancel`` is set while indexing.
        """
        try:
            return cls._open_on_disk(
                corpus, index_dir, progress=progress, cancel=cancel, rebuild=rebuild, procs=procs
            )
        except OSError as error:
            if error.errno not in UNWRITABLE:
                raise
            reason = error.strerror or type(error).__name__
        ix = RamStorage().create_index(make_schema())
        started = time.perf_counter()
        wanted = [info.id for info in corpus]
        words = Dictionary()
        _apply(ix, corpus, None, {}, words, [], wanted, progress=progress, cancel=cancel, procs=1)
        message = (
            f"cannot write the index in {index_dir} ({reason}); searching from memory this time"
        )
        report = IndexReport(
            "built",
            added=len(wanted),
            total=len(wanted),
            message=message,
            seconds=time.perf_counter() - started,
        )
        return cls(corpus, Path(index_dir), ix, report, words)

    @classmethod
    def _open_on_disk(
        cls,
        corpus: Corpus,
        index_dir: Path,
        *,
        progress: Progress | None,
        cancel: threading.Event | None,
        rebuild: bool,
        procs: int | None,
    ) -> SearchIndex:
        started = time.perf_counter()
        index_dir = Path(index_dir)
        store = index_dir / WHOOSH_DIR
        store.mkdir(parents=True, exist_ok=True)
        manifest = _read_manifest(index_dir / MANIFEST)
        message = None
        if manifest is None and not rebuild and _older_version(index_dir / MANIFEST):
            message = "the search index was from an older kzreader; rebuilt it (once)"
        ix = None
        if not rebuild and manifest is not None and any(store.glob("*.toc")):
            try:
                ix = _storage(store).open_index()
                _sanity_check(ix)
            except LockError:
                raise
            except Exception as error:
                ix = None
                message = f"the search index was unreadable ({_reason(error)}); rebuilt it"
        notes: list[str] = []
        if ix is None:
            manifest = {}
            try:
                ix = _create(store, manifest=index_dir / MANIFEST, notes=notes)
            except LockError:
                return cls(
                    corpus,
                    index_dir,
                    None,
                    IndexReport(
                        "unavailable",
                        message="another kzreader is building the index; search when it is done",
                    ),
                )
        message = "; ".join(filter(None, [message, *notes])) or None
        notes.clear()
        wanted = {info.id: info.sha256 for info in corpus}
        removed = [i for i in manifest if i not in wanted]
        changed = [i for i in wanted if i in manifest and manifest[i] != wanted[i]]
        added = [i for i in wanted if i not in manifest]
        if not (removed or changed or added):
            return cls(
                corpus,
                index_dir,
                ix,
                IndexReport(
                    "unchanged",
                    total=len(wanted),
                    message=message,
                    seconds=time.perf_counter() - started,
                ),
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
            return cls(
                corpus,
                index_dir,
                ix,
                IndexReport(
                    "read-only",
                    total=len(manifest),
                    message=READ_ONLY,
                ),
            )
        message = "; ".join(filter(None, [message, *notes])) or None
        action = "built" if not manifest or len(added) == len(wanted) else "updated"
        return cls(
            corpus,
            index_dir,
            ix,
            IndexReport(
                action,
                added=len(added),
                changed=len(changed),
                removed=len(removed),
                total=len(wanted),
                seconds=time.perf_counter() - started,
                message=message,
            ),
            words,
        )

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    @property
    def available(self) -> bool:
        return self._ix is not None

    def _current(self) -> Searcher:
        previous = self._searcher
        if previous is None:
            self._searcher = self._ix.searcher(weighting=fastpath.FieldBoosts(FIELD_BOOSTS))
        else:
            # The same searcher unless another writer committed since.
            self._searcher = previous.refresh()
        if self._searcher is not previous:
            fastpath.preload_lengths(self._searcher, SCORED_FIELDS)
        return self._searcher

    # -- searching ------------------------------------------------------------

    def parse(self, text: str, *, widen: bool = True) -> ParsedQuery:
        return parse(self._schema, text, self.entities, widen=widen)

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        passages: int = 5,
        passages_for: int | None = None,
        enough: Callable[[Sequence[ArticleHit]], bool] | None = None,
        sort: str = "relevance",
        widen: bool = True,
        cancel: bulk.Cancel | None = None,
    ) -> SearchResult:
        """Articles matching ``text``, best first, each with up to ``passages`` passages.

        Articles with every word literally come first, then those that have them only
        through a widened name (marked with the names), then — for an implicit query —
        those with only some of the words (marked partial, with the words they have).
        ``sort="date"``: newest first instead. ``widen=False``: no name widens. A set
        ``cancel`` ends the search early with an error saying so.
        With ``passages_for``, only the first so many hits get their passages, and
        with ``enough`` (the hits so far fill the screen?) maybe fewer; the rest are
        ``pending`` until ``complete``: reading the articles is most of the time of a
        search in a large corpus, and a screen shows a few hits.
        Never raises for a bad query: the result's ``error`` says what was wrong.
        """
        started = time.perf_counter()
        if self._ix is None:
            return SearchResult(query=text, error=self.report.message or "no index")
        text = valid_text(text)  # as typed (the query's own reading cleans it further)
        try:
            parsed = self.parse(text, widen=widen)
        except QueryError as error:
            return SearchResult(query=text, error=str(error))
        try:
            with self._lock, _collector_paused(), bulk.cancellable(cancel):
                result = self._search(
                    parsed,
                    text,
                    limit=max(1, limit),
                    passages=passages,
                    passages_for=passages_for,
                    enough=enough,
                    sort=sort,
                )
        except bulk.Cancelled:
            return SearchResult(query=text, error=CANCELLED)
        except DAMAGE as error:  # a damaged index must not take the app down
            what = (
                "was deleted"
                if isinstance(error, EmptyIndexError)
                else f"is damaged ({_reason(error)})"
            )
            return SearchResult(
                query=text,
                error=f"the search index {what}; the next start rebuilds it, or {REBUILD_HINT}",
            )
        return replace(
            result, notice=parsed.notice, elapsed_ms=(time.perf_counter() - started) * 1000
        )

    def _search(
        self,
        parsed: ParsedQuery,
        text: str,
        *,
        limit: int,
        passages: int,
        passages_for: int | None,
        enough: Callable[[Sequence[ArticleHit]], bool] | None,
        sort: str = "relevance",
    ) -> SearchResult:
        searcher = self._current()
        tiers = _tiers(parsed, _date_query(searcher, parsed.dates))
        by_date = sort == "date"
        want = max(limit, searcher.doc_count_all()) if by_date else limit
        ranked: list[tuple[int, str, float, str]] = []  # docnum, article, score, tier
        seen: set[int] = set()
        counts: dict[str, int] = {}
        for tier, q in tiers:
            bulk.check_cancelled()
            found, counts[tier] = _top(searcher, q, want)
            for docnum, article_id, score in found:
                if docnum not in seen and (by_date or len(ranked) < limit):
                    seen.add(docnum)
                    ranked.append((docnum, article_id, score, tier))
        total = counts[tiers[-1][0]]
        hits = self._marked(searcher, parsed, self._hits(ranked, by_date, limit, passages))
        first = len(hits) if passages_for is None else passages_for
        if passages > 0 and first > 0:
            matcher = self._term_matcher(searcher, parsed)
            hits[:first] = self._with_passages(hits[:first], matcher, passages, enough)
        corrected = self._did_you_mean(searcher, parsed, total) if total < 3 else None
        return SearchResult(
            query=text,
            corrected=corrected,
            total=total,
            hits=tuple(hits),
            all_words_total=counts.get("strict", total),
            widened=tuple((w.typed, w.aliases) for w in parsed.widened),
        )

    def _hits(
        self, ranked: list[tuple[int, str, float, str]], by_date: bool, limit: int, passages: int
    ) -> list[tuple[int, str, ArticleHit]]:
        """The page of hits as (docnum, tier, hit), from the catalog (no article is read
        for the hits not shown yet)."""
        hits = []
        for docnum, article_id, score, tier in ranked:
            try:
                info = self.corpus.info(article_id)
            except KeyError:
                continue  # gone from the corpus since it was indexed
            hit = ArticleHit(
                article_id,
                info.title,
                score,
                (),
                tier != "loose",
                pending=passages > 0,
                outlet=info.outlet,
                date=info.date,
                url=info.url,
            )
            hits.append((docnum, tier, hit))
        if by_date:  # newest first; undated last; then as ranked
            order = {"literal": 0, "strict": 1, "loose": 2}
            hits.sort(key=lambda h: (order[h[1]], -h[2].score))
            hits.sort(key=lambda h: h[2].date or "", reverse=True)
            hits = hits[:limit]
        return hits

    def _marked(
        self, searcher: Searcher, parsed: ParsedQuery, hits: list[tuple[int, str, ArticleHit]]
    ) -> list[ArticleHit]:
        """Each partial hit with the words it has; each hit found only through widened
        names with those names."""
        partial = {d for d, tier, _ in hits if tier == "loose"}
        clauses = [(c.text, _present(searcher, c.query, partial)) for c in parsed.clauses]
        widened = {d for d, tier, _ in hits if tier == "strict"} if parsed.literal else set()
        aliases = [
            (alias, _present(searcher, q, widened))
            for w in parsed.widened
            for alias, q in zip(w.aliases, w.queries, strict=True)
        ]
        out = []
        for docnum, tier, hit in hits:
            matched = tuple(t for t, where in clauses if docnum in where) if tier == "loose" else ()
            via = tuple(a for a, where in aliases if docnum in where) if tier == "strict" else ()
            out.append(replace(hit, matched=matched, aliases=via))
        return out

    def _term_matcher(self, searcher: Searcher, parsed: ParsedQuery) -> TermMatcher:
        reader = searcher.reader()
        leaves = [leaf for q in _positives(parsed.strict) for leaf in q.leaves()]
        phrases = [leaf for leaf in leaves if isinstance(leaf, query.Phrase)]
        others = query.Or([leaf for leaf in leaves if not isinstance(leaf, query.Phrase)])
        terms = existing_terms(others, reader, lambda leaf: bulk.expansions(searcher, leaf))
        return TermMatcher(terms, reader, phrases, kind=parsed.kind)

    def _words(self) -> Dictionary:
        if self._dictionary is None:
            self._dictionary = Dictionary.load(self.index_dir / DICTIONARY)
        return self._dictionary

    def _did_you_mean(self, searcher: Searcher, parsed: ParsedQuery, total: int) -> str | None:
        """A respelling of the query's unknown words that finds more than the query did.

        The nearest word of the corpus (fewest edits, then the most articles) for each
        word the corpus lacks.
        """
        words = self._words()
        reader = searcher.reader()

        def rank(candidate: str, typed: str) -> tuple[int, int, str]:
            term = text_term(candidate)
            df = reader.doc_frequency("body", term) if term else 0
            return (damerau_levenshtein(candidate, typed), -df, candidate)

        corrected = parsed.text
        changed = False
        for start, end, word in reversed(query_words(parsed.text)):
            term = to_latin(word.lower())
            if len(term) < MIN_LENGTH or term in words:
                continue
            options = list(words.near(term))
            if not options:
                return None  # a word we cannot respell: no suggestion is better than half of one
            best = min(options, key=lambda option: rank(option, term))
            corrected = corrected[:start] + _same_case(best, word) + corrected[end:]
            changed = True
        if not changed or corrected == parsed.text:
            return None
        try:
            better = parse(self._schema, corrected, self.entities)
        except QueryError:
            return None
        _, found = _top(searcher, _tiers(better, _date_query(searcher, better.dates))[-1][1], 1)
        return corrected if found > total else None

    def prepare(self) -> None:
        """Read ahead what a first wildcard or fuzzy search would need (each segment's
        words), a segment at a time so that searches meanwhile wait little."""
        if self._ix is None:
            return
        try:
            with self._lock:
                searcher = self._current()
                readers = [sub.reader() for sub, _offset in searcher.leaf_searchers()]
            fields = [name for name, field in self._schema.items() if isinstance(field, TEXT)]
            for reader in readers:
                with self._lock:
                    if self._searcher is not searcher:
                        return  # closed, or changed by a search since: it reads what it needs
                    bulk.read_words(reader, fields)
        except (ReaderClosed, *DAMAGE):
            return

    def complete(
        self, result: SearchResult, *, passages: int = 5, cancel: bulk.Cancel | None = None
    ) -> SearchResult:
        """``result`` with the passages of its pending hits found (see ``search``); as it
        was if ``cancel`` is set meanwhile."""
        if self._ix is None or not any(hit.pending for hit in result.hits):
            return result
        try:
            parsed = self.parse(result.query)
            with self._lock:
                matcher = self._term_matcher(self._current(), parsed)
            with bulk.cancellable(cancel):
                hits = self._with_passages(result.hits, matcher, passages)
        except (QueryError, bulk.Cancelled, *DAMAGE):
            return result
        return replace(result, hits=tuple(hits))

    def _with_passages(
        self,
        hits: Iterable[ArticleHit],
        matcher: TermMatcher,
        passages: int,
        enough: Callable[[Sequence[ArticleHit]], bool] | None = None,
    ) -> list[ArticleHit]:
        """``hits`` with the pending ones' passages found (each article read once), up to
        the first after which ``enough`` is true."""
        out: list[ArticleHit] = []
        full = False
        for hit in hits:
            if hit.pending and not full:
                bulk.check_cancelled()
                try:
                    article = self.corpus.article(hit.article)
                except (KeyError, ArticleError):
                    continue  # gone, or unreadable, since it was indexed
                found = tuple(matcher.passages(article, passages))
                hit = replace(hit, title=article.title, passages=found, pending=False)
                out.append(hit)
                full = enough is not None and enough(out)
                continue
            out.append(hit)
        return out

    def highlight(self, text: str, article: Article) -> dict[int, list[Span]]:
        """Every hit of a query in one article, by paragraph number (for n/N and marking)."""
        if self._ix is None:
            return {}
        try:
            parsed = self.parse(text)
        except QueryError:
            return {}
        try:
            with self._lock:
                matcher = self._term_matcher(self._current(), parsed)
        except DAMAGE:
            return {}
        return matcher.highlights(article)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off for one search.

    A search makes a hundred thousand short-lived dicts and floats, no cycles; each
    so many allocations trigger a collection, and a full one walks every object of the
    open index and corpus: 150–200 ms pauses that made most of the slowest searches.
    """
    if not gc.isenabled():  # already paused (another search) or turned off by the host
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: A search's error when it was cancelled (a newer query, or quitting).
CANCELLED = "search cancelled"


def _tiers(parsed: ParsedQuery, dates: query.Query | None) -> list[tuple[str, query.Query]]:
    """The queries of each tier of results, each narrowed by the date filters: literal
    matches (names not widened, but NOT widened as it is in the query), every word, and
    some of the words. Each tier's articles include the one before's."""

    def narrowed(q: query.Query) -> query.Query:
        if dates is None:
            return q
        if isinstance(q, query.Every) and not q.fieldname:  # every article: the dates alone
            return dates
        return query.And([q, dates])

    tiers: list[tuple[str, query.Query]] = []
    if parsed.literal is not None:
        tiers.append(("literal", narrowed(query.Require(parsed.literal, parsed.strict))))
    tiers.append(("strict", narrowed(parsed.strict)))
    if parsed.has_loose:
        tiers.append(("loose", narrowed(parsed.loose)))
    return tiers


def _date_query(searcher: Searcher, filters: Sequence[DateFilter]) -> query.Query | None:
    """The date filters as terms of the ``date`` field: the collection's distinct dates
    are few (a few thousand at most), so each filter is an Or of those it accepts."""
    if not filters:
        return None
    dates = [_as_str(t) for t in searcher.reader().lexicon("date")]
    parts: list[query.Query] = []
    for spec in filters:
        inside = replace(spec, negate=False)
        terms = [query.Term("date", d) for d in dates if inside.accepts(d)]
        any_of: query.Query = query.Or(terms) if terms else query.NullQuery
        parts.append(query.Not(any_of) if spec.negate else any_of)
    return parts[0] if len(parts) == 1 else query.And(parts)


def _present(searcher: Searcher, q: query.Query, docs: set[int]) -> set[int]:
    """Which of ``docs`` match ``q``."""
    if not docs:
        return set()
    found = bulk.matching(searcher, q, docs)
    if found is None:
        found = set(searcher.docs_for_query(q)) & docs
    return found


def _top(
    searcher: Searcher, q: query.Query, limit: int
) -> tuple[list[tuple[int, str, float]], int]:
    """The best ``limit`` matches as (docnum, article, score), and how many match in all.

    ``bulk`` matches every query the parser makes; whoosh's collector serves the rest,
    set up as follows. No block-max skipping (``usequality``): on news text the words people search
    for are in most articles, so it seldom skips, and it stops whoosh counting.
    No matcher replacement (``replace``): it narrows a matcher that cannot reach
    the page, faster by about a third on common words, but the matches it no longer
    visits go uncounted (an edited article went missing from the total), and
    counting them apart cost as much as it saved.
    """
    q = fastpath.streamline(q.copy(), searcher.reader(), FIELD_BOOSTS)
    found = bulk.top(searcher, q, limit)
    if found is not None:
        ranked, total = found
        return [(d, searcher.stored_fields(d)["article"], score) for d, score in ranked], total
    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(q, collector)
    results = collector.results()
    return [(hit.docnum, hit["article"], hit.score) for hit in results], len(results)


class TermMatcher:
    """Finds a query's terms in paragraphs: highlight spans and passage scores.

    Passages are chosen here, from the text, rather than from per-paragraph index
    documents: only the few articles shown need it, and it halves the index.
    """

    TEXT_FIELDS = frozenset({"title", "body", "comments"})
    KIND_WEIGHT: ClassVar[dict[str, float]] = {
        "comment": 0.5,
        "boilerplate": 0.3,
        "byline": 0.5,
        "caption": 0.8,
    }

    def __init__(
        self,
        terms: set[tuple[str, bytes]],
        reader,
        phrases: Iterable[query.Phrase] = (),
        kind: str | None = None,
    ) -> None:
        #: Which paragraphs may hold hits: ``kind:comment`` only comments, ``-kind:comment`` none.
        self.kind = kind
        self.text_terms = {_as_str(t) for f, t in terms if f in self.TEXT_FIELDS}
        self.name_terms = {_as_str(t) for f, t in terms if f == "names"}
        # Phrases match only as a whole: their words alone are not hits.
        self.text_phrases: set[tuple[str, ...]] = set()
        self.name_phrases: set[tuple[str, ...]] = set()
        for phrase in phrases:
            words = tuple(_as_str(w) for w in phrase.words)
            if phrase.fieldname in self.TEXT_FIELDS:
                self.text_phrases.add(words)
            elif phrase.fieldname == "names":
                self.name_phrases.add(words)
        total = max(1, reader.doc_count())
        self.idf: dict[str, float] = {}
        for field, term in terms:
            if field in self.TEXT_FIELDS or field == "names":
                df = reader.doc_frequency(field, term)
                weight = math.log(1 + total / (1 + df))
                key = _as_str(term)
                self.idf[key] = max(self.idf.get(key, 0.0), weight)
        for words in self.text_phrases | self.name_phrases:
            self.idf.setdefault(" ".join(words), 1.5 * math.log(1 + total))

    def _plan(self, article: Article) -> _Plan:
        """How to find this query in one article, from the article's words alone.

        The article's distinct words (cached) give the words that are hits before
        any paragraph is read (``analysis.words_for``); a regular
        expression of them then finds every hit in C, paragraph by paragraph.
        Phrases still need a paragraph's terms in order, so only paragraphs with a
        phrase's first word are tokenized.
        """
        words = article_words(article)
        counts: dict[str, list[str]] = {}
        for field, terms in (("text", self.text_terms), ("names", self.name_terms)):
            for term, found in words_for(terms, words, field).items():
                for word in found:
                    # The names field holds capitalised words only ("MID", not "mid-17th").
                    if field == "text" or word[:1].isupper():
                        counts.setdefault(word, []).append(term)
        phrases: list[tuple[str, set[tuple[str, ...]], list[str]]] = []
        for field, wanted in (("text", self.text_phrases), ("names", self.name_phrases)):
            # A phrase is looked for where its first word that is not a stop word is.
            keys = {phrase: next((w for w in phrase if not is_stop(w)), None) for phrase in wanted}
            starts = words_for({k for k in keys.values() if k}, words, field)
            firsts = [w for phrase, k in keys.items() if k for w in starts.get(k, ())]
            if firsts or any(k is None for k in keys.values()):
                phrases.append((field, wanted, firsts))
        return _Plan(_hits_pattern(tuple(sorted(counts))) if counts else None, counts, phrases)

    def _spans(self, text: str, plan: _Plan) -> tuple[tuple[Span, ...], set[str]]:
        """Highlight spans in one paragraph and the distinct terms (and phrases) found."""
        spans: list[Span] = []
        found: set[str] = set()
        if plan.pattern is not None:
            for match in plan.pattern.finditer(text):
                spans.append(match.span())
                found.update(plan.counts[match.group()])
        for field, phrases, firsts in plan.phrases:
            if firsts and not any(word in text for word in firsts):
                continue
            tokens = list(iter_terms(text, field, stops=True))
            for i, (term, start, _end) in enumerate(tokens):
                for words in phrases:
                    n = len(words)
                    if term == words[0] and tuple(t[0] for t in tokens[i : i + n]) == words:
                        spans.append((start, tokens[i + n - 1][2]))
                        found.add(" ".join(words))
        return merge_spans(spans), found

    def _matches(self, article: Article) -> Iterator[tuple[Paragraph, tuple[Span, ...], set[str]]]:
        plan = self._plan(article)
        if plan.pattern is None and not plan.phrases:
            return
        for para in article.paragraphs:
            if self.kind is not None and (para.kind is Kind.COMMENT) != (self.kind == "comment"):
                continue
            spans, found = self._spans(para.text, plan)
            if spans:
                yield para, spans, found

    def passages(self, article: Article, limit: int) -> list[Passage]:
        """The best ``limit`` paragraphs of an article for this query, best first."""
        scored = []
        for para, spans, found in self._matches(article):
            weight = self.KIND_WEIGHT.get(str(para.kind), 1.0)
            # fsum: exact whatever the order of the set (a plain sum flipped ties between runs).
            score = round(
                weight * (math.fsum(self.idf.get(t, 1.0) for t in found) + 0.1 * len(spans)), 9
            )
            scored.append(Passage(para.number, str(para.kind), para.text, spans, score))
        scored.sort(key=lambda p: (-p.score, p.paragraph))
        if scored:
            return scored[:limit]
        # A match on the title or author field alone, or filters only: show where the
        # article starts (where its comments start, for kind:comment).
        start = Kind.COMMENT if self.kind == "comment" else Kind.BODY
        first = next((p for p in article.paragraphs if p.kind is start), None)
        return [Passage(first.number, str(first.kind), first.text, (), 0.0)] if first else []

    def highlights(self, article: Article) -> dict[int, list[Span]]:
        return {para.number: list(spans) for para, spans, _ in self._matches(article)}


@dataclass(frozen=True)
class _Plan:
    pattern: re.Pattern[str] | None  # the article's words that are hits, as whole words
    counts: dict[str, list[str]]  # each such word → the query terms it counts as
    phrases: list[tuple[str, set[tuple[str, ...]], list[str]]]  # field, phrases, first words


@lru_cache(maxsize=512)
def _hits_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words as the tokenizer (analysis.WORD) cuts them: not inside a longer word,
    nor joined to one by an apostrophe (``Tokayev`` is not a hit in ``Tokayev’s``)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w['’])(?:{alternatives})(?!\w)(?!['’]\w)")


#: The distinct words of recently searched articles: the pages of results in use, some
#: 500 articles (a set of a few hundred words is tens of KB).
_WORDS: Lru[tuple[str, str], WordSet] = Lru(
    32 * 1024 * 1024, weigh=lambda found: 2048 + 128 * len(found.words)
)


def article_words(article: Article) -> WordSet:
    """The article's distinct words, title included (cached by content)."""
    key = (article.id, article.sha256)
    words = _WORDS.get(key)
    if words is None:
        text = "\n".join([article.title, *(p.text for p in article.paragraphs)])
        words = WordSet(WORD.findall(text))
        _WORDS.put(key, words)
    return words


def existing_terms(
    q: query.Query,
    reader,  # type: ignore[no-untyped-def]
    expand: Callable[[query.MultiTerm], Iterable[bytes]] | None = None,
) -> set[tuple[str, bytes]]:
    """The index terms a query matches, prefixes and fuzzy terms expanded (by
    ``expand`` if given: the search's own, cached, expansions).

    (whoosh's ``Query.existing_terms`` skips every leaf after the first: its loop
    variable shadows its ``fieldname`` argument.)
    """
    schema = reader.schema
    found: set[tuple[str, bytes]] = set()
    for leaf in q.leaves():
        if expand is not None and isinstance(leaf, query.MultiTerm):
            found.update((leaf.field(), btext) for btext in expand(leaf))
            continue
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname not in schema:
                continue
            try:
                btext = schema[fieldname].to_bytes(text)
            except ValueError:
                continue
            if (fieldname, btext) in reader:
                found.add((fieldname, btext))
    return found


def _as_str(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _same_case(word: str, typed: str) -> str:
    """``word`` written as the user wrote theirs: Capitalised, UPPER or lower."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _storage(store: Path) -> FileStorage:
    """The index files, read into memory rather than mapped (see fastpath)."""
    return fastpath.SegmentStorage(str(store))


def _create(store: Path, manifest: Path | None = None, notes: list[str] | None = None):
    """A fresh, empty index in ``store`` (raises LockError if another writer holds it).

    The old ``manifest`` goes first: killed after emptying the store, a manifest that
    still listed every article would make the next start trust an empty index.
    """
    if _safe_exists(store):
        lock = _storage(store).open_index().lock("WRITELOCK")
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
    return _storage(store).create_index(make_schema())


def _safe_exists(store: Path) -> bool:
    try:
        _storage(store).open_index()
    except Exception:
        return False
    return True


def _sanity_check(ix) -> None:
    """Open every segment, so a truncated index fails here, not later.

    Opening reads each segment's term dictionary and columns whole (see fastpath),
    which checks their length; nothing here walks the index, so it stays quick at
    any size.
    """
    with ix.searcher() as searcher:
        searcher.doc_count_all()
        searcher.search(query.Every(), limit=1)


def _apply(
    ix,
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
        _write_manifest(manifest_path, manifest)
    done = 0
    size = batch_size(total, procs)
    for start in range(0, total, size):
        batch = wanted[start : start + size]
        big = procs > 1 and len(batch) >= 200
        if big:
            writer = _take_writer(
                ix,
                lambda: ParallelWriter(ix, procs=procs, multisegment=True, timeout=0.0),
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
        _write_manifest(manifest_path, manifest)


# At import, not when a build starts: on platforms where multiprocessing spawns (macOS,
# Windows), each indexing process imports this module afresh and gets it only so.
fastpath.cache_segment_lengths(SegmentWriter)
fastpath.modern_pickles(whoosh3)


class _IndexingProcess(SubWriterTask):
    """One of whoosh's indexing processes, deaf to Ctrl-C: the parent decides when to stop
    (each child would otherwise print a KeyboardInterrupt traceback in the terminal).

    It ends with its parent, however the parent ends (``kill -9`` included), and does
    not hold the parent's write lock (see ``core.buildlock``).
    """

    #: The builder's pid and its write lock's descriptor, set before the process starts.
    parent: int = 0
    lock_fd: int | None = None

    def run(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if hasattr(signal, "pthread_sigmask"):  # blocked by the parent until now (see below)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        if self.parent:
            buildlock.follow_parent(self.parent)
        if self.lock_fd is not None:  # inherited by fork: closing our copy keeps the lock
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        super().run()


class ParallelWriter(MpWriter):
    """whoosh's multiprocessing writer, whose processes end when the build is cancelled
    or the builder dies.

    whoosh's own ``cancel`` only flags its process objects in the parent, so the
    children went on waiting for work that never came.
    """

    def _new_task(self) -> SubWriterTask:
        task = _IndexingProcess(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.parent = os.getpid()
        task.lock_fd = getattr(self.writelock, "fd", None)
        self.tasks.append(task)
        # Started with Ctrl-C blocked, which the child inherits: one pressed before the
        # child has set it to be ignored would otherwise kill it with a traceback.
        # (A signal mask, not a handler: this may run in any thread.)
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            task.start()
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if task.pid is not None and getattr(self.storage, "folder", ""):
            buildlock.claim(Path(self.storage.folder), worker=task.pid)
        return task

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join(timeout=5)
        finally:
            SegmentWriter.cancel(self)


def _take_writer(ix, make: Callable[[], SegmentWriter], notes: list[str]) -> SegmentWriter:
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


def _abandon(writer: SegmentWriter, ix) -> None:
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


def merge_tiny(writer, segments: list) -> list:
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


def _indexed_ids(ix, wanted: list[str]) -> set[str]:
    """Those of ``wanted`` the index holds (deleted ones may linger: deleting again is harmless).

    A few are looked up one by one; for many, one walk of the ids is cheaper.
    """
    with ix.reader() as reader:
        if "article" not in reader.schema:
            return set()
        if len(wanted) > 100:
            return {_as_str(term) for term in reader.lexicon("article")}
        field = reader.schema["article"]
        return {i for i in wanted if ("article", field.to_bytes(i)) in reader}


def committed_articles(index_dir: Path) -> int:
    """How many articles the index on disk holds for good (its manifest's count)."""
    return len(_read_manifest(Path(index_dir) / MANIFEST) or {})


def _read_manifest(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return None
    articles = data.get("articles")
    return dict(articles) if isinstance(articles, dict) else None


def _older_version(path: Path) -> bool:
    """Whether ``path`` is the manifest of an index of another INDEX_VERSION."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("version") != INDEX_VERSION


def _write_manifest(path: Path | None, articles: dict[str, str]) -> None:
    if path is None:  # an in-memory index keeps no manifest
        return
    atomic_write_text(path, json.dumps({"version": INDEX_VERSION, "articles": articles}))
