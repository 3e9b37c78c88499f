"""The open search index of a corpus: searching it, completing passages, highlighting.

One whoosh document per article, so ranking (BM25F, title above body) and "all
the words" are judged per article; the passages a hit lands on are found in the
text at query time (``highlighting``). Opening builds or updates the index as
needed (``build``). ``SearchIndex`` is the ``service.SearchService`` the UI and the
CLI use.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.fields import TEXT
from whoosh.index import Index
from whoosh.reading import ReaderClosed
from whoosh.searching import Searcher

from ..corpus.collection import Corpus
from ..corpus.model import Article
from ..corpus.reading import ArticleError
from . import build, engine, ranking
from .cancel import Cancel, Cancelled, cancellable, check_cancelled
from .errors import IndexDamaged
from .highlighting import TermMatcher, existing_terms
from .passages import ArticleHit, SearchResult, Span
from .query import FIELD_BOOSTS, ParsedQuery, parse
from .query_text import QueryError, valid_text
from .ranking import CANCELLED
from .schema import SCORED_FIELDS, make_schema
from .service import IndexReport, Progress, SearchService
from .spelling import Dictionary, respell
from .store import DICTIONARY
from .widening import EntityLookup

REBUILD_HINT = "run 'kzreader index --rebuild'"


class SearchIndex:
    """An open index over one corpus. Thread-safe for searching."""

    def __init__(
        self,
        corpus: Corpus,
        index_dir: Path,
        ix: Index | None,
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
        says so. Raises IndexCancelled if ``cancel`` is set while indexing, and
        EngineUnsupported if the installed whoosh is not the one the engine knows.
        """
        engine.install()
        ix, report, words = build.open_index(
            corpus, index_dir, progress=progress, cancel=cancel, rebuild=rebuild, procs=procs
        )
        return cls(corpus, Path(index_dir), ix, report, words)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def use_entities(self, entities: EntityLookup | None) -> None:
        """Look names up in ``entities`` from now on (None: no entity graph)."""
        self.entities = entities

    @property
    def available(self) -> bool:
        return self._ix is not None

    def _current(self) -> Searcher:
        """The open searcher, (re)opened as needed; callers have checked there is an index."""
        assert self._ix is not None
        previous = self._searcher
        if previous is None:
            self._searcher = self._ix.searcher(weighting=engine.FieldBoosts(FIELD_BOOSTS))
        else:
            # The same searcher unless another writer committed since.
            self._searcher = previous.refresh()
        if self._searcher is not previous:
            engine.preload_lengths(self._searcher, SCORED_FIELDS)
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
        cancel: Cancel | None = None,
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
            with self._lock, ranking.collector_paused(), cancellable(cancel), engine.reading():
                result = self._search(
                    parsed,
                    text,
                    limit=max(1, limit),
                    passages=passages,
                    passages_for=passages_for,
                    enough=enough,
                    sort=sort,
                )
        except Cancelled:
            return SearchResult(query=text, error=CANCELLED)
        except IndexDamaged as error:  # a damaged index must not take the app down
            what = "was deleted" if error.deleted else f"is damaged ({error})"
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
        tiers = ranking.tiers(parsed, ranking.date_query(searcher, parsed.dates))
        by_date = sort == "date"
        want = max(limit, searcher.doc_count_all()) if by_date else limit
        ranked: list[tuple[int, str, float, str]] = []  # docnum, article, score, tier
        seen: set[int] = set()
        counts: dict[str, int] = {}
        for tier, q in tiers:
            check_cancelled()
            found, counts[tier] = ranking.top(searcher, q, want)
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
        clauses = [(c.text, ranking.present(searcher, c.query, partial)) for c in parsed.clauses]
        widened = {d for d, tier, _ in hits if tier == "strict"} if parsed.literal else set()
        aliases = [
            (alias, ranking.present(searcher, q, widened))
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
        leaves = [leaf for q in ranking.positives(parsed.strict) for leaf in q.leaves()]
        phrases = [leaf for leaf in leaves if isinstance(leaf, query.Phrase)]
        others = query.Or([leaf for leaf in leaves if not isinstance(leaf, query.Phrase)])
        terms = existing_terms(others, reader, lambda leaf: engine.expansions(searcher, leaf))
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
        corrected = respell(parsed.text, self._words(), searcher.reader())
        if corrected is None:
            return None
        try:
            better = parse(self._schema, corrected, self.entities)
        except QueryError:
            return None
        _, found = ranking.top(
            searcher, ranking.tiers(better, ranking.date_query(searcher, better.dates))[-1][1], 1
        )
        return corrected if found > total else None

    def warm_up(self) -> None:
        """Read ahead what a first wildcard or fuzzy search would need (each segment's
        words), a segment at a time so that searches meanwhile wait little."""
        if self._ix is None:
            return
        try:
            with engine.reading():
                with self._lock:
                    searcher = self._current()
                    readers = [sub.reader() for sub, _offset in searcher.leaf_searchers()]
                fields = [name for name, field in self._schema.items() if isinstance(field, TEXT)]
                for reader in readers:
                    with self._lock:
                        if self._searcher is not searcher:
                            return  # closed, or changed by a search since: it reads what it needs
                        engine.read_words(reader, fields)
        except (ReaderClosed, IndexDamaged):
            return

    def complete(
        self, result: SearchResult, *, passages: int = 5, cancel: Cancel | None = None
    ) -> SearchResult:
        """``result`` with the passages of its pending hits found (see ``search``); as it
        was if ``cancel`` is set meanwhile."""
        if self._ix is None or not any(hit.pending for hit in result.hits):
            return result
        try:
            parsed = self.parse(result.query)
            with engine.reading():
                with self._lock:
                    matcher = self._term_matcher(self._current(), parsed)
                with cancellable(cancel):
                    hits = self._with_passages(result.hits, matcher, passages)
        except (QueryError, Cancelled, IndexDamaged):
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
                check_cancelled()
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
            with self._lock, engine.reading():
                matcher = self._term_matcher(self._current(), parsed)
        except IndexDamaged:
            return {}
        return matcher.highlights(article)


if TYPE_CHECKING:  # mypy checks that SearchIndex is the service the UI and the CLI type against

    def _as_service(index: SearchIndex) -> SearchService:
        return index
