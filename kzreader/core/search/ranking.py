"""Ranking a parsed query's articles: its tiers of results and their best matches.

The engine matches a postings list at a time (``engine.top``); whoosh's collector
serves any query shape the engine leaves to it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from whoosh import query
from whoosh.collectors import TopCollector
from whoosh.searching import Searcher

from . import engine
from .query import FIELD_BOOSTS, ParsedQuery
from .query_text import DateFilter
from .schema import as_str

#: A search's error when it was cancelled (a newer query, or quitting).
CANCELLED = "search cancelled"


def positives(q: query.Query) -> list[query.Query]:
    """The clauses of a query that a passage can match (everything not under NOT)."""
    if isinstance(q, query.Not):
        return []
    if isinstance(q, query.AndNot):
        return positives(q.a)
    if isinstance(q, query.AndMaybe):
        return positives(q.a) + positives(q.b)
    if isinstance(q, query.compound.CompoundQuery):
        return [leaf for sub in q.subqueries for leaf in positives(sub)]
    return [q]


@contextmanager
def collector_paused() -> Iterator[None]:
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


def tiers(parsed: ParsedQuery, dates: query.Query | None) -> list[tuple[str, query.Query]]:
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


def date_query(searcher: Searcher, filters: Sequence[DateFilter]) -> query.Query | None:
    """The date filters as terms of the ``date`` field: the collection's distinct dates
    are few (a few thousand at most), so each filter is an Or of those it accepts."""
    if not filters:
        return None
    dates = [as_str(t) for t in searcher.reader().lexicon("date")]
    parts: list[query.Query] = []
    for spec in filters:
        inside = replace(spec, negate=False)
        terms = [query.Term("date", d) for d in dates if inside.accepts(d)]
        any_of: query.Query = query.Or(terms) if terms else query.NullQuery
        parts.append(query.Not(any_of) if spec.negate else any_of)
    return parts[0] if len(parts) == 1 else query.And(parts)


def present(searcher: Searcher, q: query.Query, docs: set[int]) -> set[int]:
    """Which of ``docs`` match ``q``."""
    if not docs:
        return set()
    found = engine.matching(searcher, q, docs)
    if found is None:
        found = set(searcher.docs_for_query(q)) & docs
    return found


def top(searcher: Searcher, q: query.Query, limit: int) -> tuple[list[tuple[int, str, float]], int]:
    """The best ``limit`` matches as (docnum, article, score), and how many match in all.

    the engine matches every query the parser makes; whoosh's collector serves the rest,
    set up as follows. No block-max skipping (``usequality``): on news text the words people search
    for are in most articles, so it seldom skips, and it stops whoosh counting.
    No matcher replacement (``replace``): it narrows a matcher that cannot reach
    the page, faster by about a third on common words, but the matches it no longer
    visits go uncounted (an edited article went missing from the total), and
    counting them apart cost as much as it saved.
    """
    q = engine.streamline(q.copy(), searcher.reader(), FIELD_BOOSTS)
    found = engine.top(searcher, q, limit)
    if found is not None:
        ranked, total = found
        return [(d, searcher.stored_fields(d)["article"], score) for d, score in ranked], total
    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(q, collector)
    results = collector.results()
    return [(hit.docnum, hit["article"], hit.score) for hit in results], len(results)
