"""Matching a query a postings list at a time, where whoosh goes a document at a time.

whoosh walks a tree of matchers one document at a time, several Python calls per
posting. In news about one country the words people search for are in most articles
("Kazakhstan" is in 9,994 of 10,000), so a query visits most of the corpus that way,
at tens of microseconds a document. Here each term's postings are read a block at a
time, and every node of the query is a few NumPy arrays over the segment's documents
(which match, their scores, how many terms each has): scoring, unions and
intersections are array operations, in C.

The results are whoosh's: the same BM25F (whoosh's own idf, field lengths, B and
K1, and the field boosts of ``scoring.FieldBoosts``), the coordination bonus of a
scaled ``Or``, a ``NOT`` inside ``AND`` adding 1.0 as whoosh's does, an exact count,
and the same order, ties going to the earlier document. Sums may be added in another
order than whoosh's matcher trees, so scores can differ in the last bits of a float.

One difference, on purpose: the words a wildcard or fuzzy term expands to are scored
like the words themselves. whoosh gives them a constant score when a segment is small
and there are more than two (and BM25 otherwise), so ``kaz*`` listed articles in index
order, a wildcard's rank depended on how the index happened to be segmented.

Only the shapes our parser makes are handled: terms, phrases, wildcards and fuzzy
terms, And, Or, Not, AndNot, AndMaybe, Require. ``top`` returns None for anything
else (or a weighting other than BM25F), and the caller asks whoosh.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from ..analysis import is_stop
from ..cancel import check_cancelled
from .postings import (
    Flags,
    Floats,
    Ints,
    Postings,
    Segment,
    Unsupported,
)

#: What whoosh's InverseMatcher scores a document a ``NOT`` lets through.
NOT_WEIGHT = 1.0


@dataclass
class _Matched:
    """One node's matches in one segment, an entry per document: which match, their
    scores, and for a coordination bonus how many of the node's terms each has (both 0
    where none: a union adds every entry), and how many terms the node has."""

    present: Flags
    scores: Floats
    counts: Ints | None = None
    terms: int = 0


def _nothing(n: int, counting: bool) -> _Matched:
    return _Matched(np.zeros(n, bool), np.zeros(n), np.zeros(n, np.int32) if counting else None)


class _Evaluator:
    def __init__(self, searcher: Searcher, weighting: BM25F, boosts: dict[str, float]) -> None:
        self.searcher = searcher
        self.schema = searcher.schema
        self.K1 = weighting.K1
        self.B = weighting.B
        self.field_B = dict(getattr(weighting, "_field_B", {}))
        self.boosts = boosts

    # -- leaves ---------------------------------------------------------------

    def _norms(self, seg: Segment, fieldname: str) -> Floats:
        K1, B = self.K1, self.field_B.get(fieldname, self.B)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        stats = (K1, B, avgfl)  # avgfl is the whole index's: a reused segment's changes
        cached = seg.norms.get(fieldname)
        if cached is None or cached[0] != stats:
            # whoosh's bm25(): K1 * ((1 - B) + B * fl / avgfl), term for term.
            lengths = np.asarray(seg.lengths(fieldname), np.float64)
            cached = seg.norms[fieldname] = (stats, K1 * ((1 - B) + B * lengths / avgfl))
        return cached[1]

    def _score(self, seg: Segment, fieldname: str, btext: bytes, found: Postings) -> Floats:
        """BM25F of one term's postings, as whoosh's scorer (with the field's boost), as
        the scores of the postings' documents (same operations, same order, in doubles)."""
        weights = np.asarray(found.weights, np.float64)
        if not self.schema[fieldname].scorable:  # whoosh's WeightScorer
            return weights
        idf = self.searcher.idf(fieldname, btext)
        norms = self._norms(seg, fieldname)[found.ids]
        scores = idf * ((weights * (self.K1 + 1)) / (weights + norms))
        boost = self.boosts.get(fieldname, 1.0)
        return scores if boost == 1.0 else scores * boost

    def _btext(self, fieldname: str, text: str | bytes) -> bytes | None:
        if fieldname not in self.schema:
            return None
        try:
            return self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def _term(self, seg: Segment, fieldname: str, btext: bytes, counting: bool) -> _Matched:
        found = seg.postings(fieldname, btext)
        matched = _nothing(seg.doc_count, counting)
        matched.scores[found.ids] = self._score(seg, fieldname, btext, found)
        matched.present[found.ids] = True
        if matched.counts is not None:
            matched.counts[found.ids] = 1
        matched.terms = 1
        return matched

    def term(self, q: query.Term, seg: Segment, counting: bool) -> _Matched:
        btext = self._btext(q.fieldname, q.text)
        if btext is None or (q.fieldname, btext) not in seg.reader:
            return _nothing(seg.doc_count, counting)
        matched = self._term(seg, q.fieldname, btext, counting)
        return _boosted(matched, q.boost)

    def multiterm(self, q: query.MultiTerm, seg: Segment, counting: bool) -> _Matched:
        fieldname = q.field()
        if fieldname not in self.schema:
            return _nothing(seg.doc_count, counting)
        parts = [self._term(seg, fieldname, b, counting) for b in seg.expand(q, self.schema)]
        return _boosted(_union(parts, seg.doc_count, counting), q.boost)

    def phrase(self, q: query.Phrase, seg: Segment, counting: bool) -> _Matched:
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return _nothing(seg.doc_count, counting)
        fmt = self.schema[fieldname].format
        if not fmt or not fmt.supports("positions") or q.slop < 1:
            raise Unsupported(q)
        words = [self._btext(fieldname, word) for word in q.words]
        btexts = [b for b in words if b is not None]
        if not btexts or len(btexts) < len(words):
            return _nothing(seg.doc_count, counting)
        if any((fieldname, b) not in seg.reader for b in btexts):
            return _nothing(seg.doc_count, counting)
        # Positions are read with the postings, except a stop word's (in nearly every
        # article, many times): those only for the articles that have every word.
        read = [seg.postings_and_values(fieldname, b, not is_stop(b)) for b in btexts]
        common = read[0][0].ids
        for found, _ in read[1:]:
            common = np.intersect1d(common, found.ids, assume_unique=True)
        matched = _nothing(seg.doc_count, counting)
        if len(common):
            known = [values for _, values in read]
            docs = seg.phrase_docs(fieldname, btexts, q.slop, common.tolist(), known)
            matched.present[docs] = True
        for b, (found, _) in zip(btexts, read, strict=True):
            kept = matched.present[found.ids]
            ids = found.ids[kept]
            scores = self._score(seg, fieldname, b, Postings(ids, found.weights[kept]))
            matched.scores[ids] += scores
        if matched.counts is not None:
            matched.counts[matched.present] = len(btexts)
        matched.terms = len(btexts)
        return _boosted(matched, q.boost)

    # -- compounds ------------------------------------------------------------

    def evaluate(self, q: query.Query, seg: Segment, counting: bool = False) -> _Matched:
        check_cancelled()
        kind = type(q)
        if kind is query.Term:
            return self.term(q, seg, counting)
        if isinstance(q, query.MultiTerm) and hasattr(q, "_btexts"):
            return self.multiterm(q, seg, counting)
        if kind is query.Phrase:
            return self.phrase(q, seg, counting)
        if kind is query.And:
            return self.conjunction(q, seg, counting)
        if kind is query.Or:
            return self.disjunction(q, seg, counting)
        if kind is query.Not:
            return self.complement(q, seg, counting)
        if kind is query.AndNot:
            kept = self.evaluate(q.a, seg, counting)
            dropped = self.evaluate(q.b, seg, counting)
            present = kept.present & ~dropped.present
            scores = np.where(present, kept.scores, 0.0)
            counts = _only(kept.counts, present)
            return _Matched(present, scores, counts, kept.terms + dropped.terms)
        if kind is query.Require:  # a's scores where b matches too; both count as terms
            kept = self.evaluate(q.a, seg, counting)
            needed = self.evaluate(q.b, seg, counting)
            present = kept.present & needed.present
            scores = np.where(present, kept.scores, 0.0)
            counts = _only(_add_counts(kept, needed), present)
            return _Matched(present, scores, counts, kept.terms + needed.terms)
        if kind is query.AndMaybe:
            kept = self.evaluate(q.a, seg, counting)
            extra = self.evaluate(q.b, seg, counting)  # its scores are 0.0 where absent
            scores = np.where(kept.present, kept.scores + extra.scores, 0.0)
            counts = _only(_add_counts(kept, extra), kept.present)
            return _Matched(kept.present, scores, counts, kept.terms + extra.terms)
        if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
            return _nothing(seg.doc_count, counting)
        raise Unsupported(q)

    def conjunction(self, q: query.And, seg: Segment, counting: bool) -> _Matched:
        subs = q.subqueries
        if len(subs) == 1:
            return self.evaluate(subs[0], seg, counting)
        positives = [s for s in subs if not isinstance(s, query.Not)]
        negatives = [s for s in subs if isinstance(s, query.Not)]
        parts = [self.evaluate(s, seg, counting) for s in positives]
        # Only NOTs: every document (each NOT a whoosh InverseMatcher, intersected).
        present = np.ones(seg.doc_count, bool)
        for part in parts:
            present &= part.present
        excluded = [self.evaluate(n.query, seg, counting) for n in negatives]
        for matched in excluded:
            present &= ~matched.present
        scores = np.zeros(seg.doc_count)
        for part in parts:
            scores += part.scores
        if negatives:
            scores += NOT_WEIGHT * len(negatives)
        scores = np.where(present, scores, 0.0)
        counts = None
        terms = sum(p.terms for p in parts)
        if counting:
            counts = np.zeros(seg.doc_count, np.int32)
            for part in parts:
                counts += part.counts
            counts = _only(counts, present)
            terms += sum(matched.terms for matched in excluded)
        return _boosted(_Matched(present, scores, counts, terms), q.boost)

    def disjunction(self, q: query.Or, seg: Segment, counting: bool) -> _Matched:
        subs = q.subqueries
        if len(subs) == 1:
            return self.evaluate(subs[0], seg, counting)
        coord = bool(q.scale)
        parts = [self.evaluate(s, seg, counting or coord) for s in subs]
        matched = _boosted(_union(parts, seg.doc_count, counting or coord), q.boost)
        if coord and matched.terms:
            termcount, scale = matched.terms, q.scale
            if termcount == scale:
                matched.scores = np.zeros(seg.doc_count)
            else:
                spread = (termcount - scale) ** 2
                factor = (termcount - 1) / termcount
                bonus = (np.asarray(matched.counts) - 1) / spread  # counted: coord is set
                matched.scores = np.where(matched.present, (matched.scores + bonus) * factor, 0.0)
        return matched

    def complement(self, q: query.Not, seg: Segment, counting: bool) -> _Matched:
        excluded = self.evaluate(q.query, seg, counting)
        present = ~excluded.present
        return _Matched(
            present,
            np.where(present, NOT_WEIGHT, 0.0),
            np.zeros(seg.doc_count, np.int32) if counting else None,
            excluded.terms,  # whoosh's coordination counts a NOT's terms, never matched
        )


def _boosted(matched: _Matched, boost: float) -> _Matched:
    if boost != 1.0:
        matched.scores = matched.scores * boost
    return matched


def _union(parts: list[_Matched], n: int, counting: bool) -> _Matched:
    if not parts:
        return _nothing(n, counting)
    first = parts[0]
    present, scores = first.present.copy(), first.scores.copy()
    counts = first.counts.copy() if counting and first.counts is not None else None
    if counting and counts is None:
        counts = np.zeros(n, np.int32)
    for part in parts[1:]:
        present |= part.present
        scores += part.scores
        if counts is not None and part.counts is not None:
            counts += part.counts
    return _Matched(present, scores, counts, sum(p.terms for p in parts))


def _only(counts: Ints | None, present: Flags) -> Ints | None:
    """``counts`` where ``present``, 0 elsewhere: a union adds every entry up."""
    return None if counts is None else np.where(present, counts, 0)


def _add_counts(kept: _Matched, extra: _Matched) -> Ints | None:
    if kept.counts is None:
        return None
    return kept.counts if extra.counts is None else kept.counts + extra.counts


def matching(searcher: Searcher, q: query.Query, docs: set[int]) -> set[int] | None:
    """Which of ``docs`` (global document numbers) match ``q``; None where whoosh must
    say (see ``top``)."""
    weighting = searcher.weighting
    if not isinstance(weighting, BM25F):
        return None
    evaluator = _Evaluator(searcher, weighting, getattr(weighting, "boosts", {}))
    found: set[int] = set()
    try:
        for sub, offset in searcher.leaf_searchers():
            seg = Segment(sub.reader())
            local = [d - offset for d in docs if offset <= d < offset + seg.doc_count]
            if local:
                present = evaluator.evaluate(q, seg).present
                found.update(d + offset for d in local if present[d])
    except Unsupported:
        return None
    return found


def expansions(searcher: Searcher, q: query.MultiTerm) -> set[bytes]:
    """Every term a wildcard or fuzzy term stands for, in any segment (cached per
    segment, so the search that matched ``q`` has already found them)."""
    schema = searcher.schema
    if q.field() not in schema:
        return set()
    found: set[bytes] = set()
    for sub, _offset in searcher.leaf_searchers():
        found.update(Segment(sub.reader()).expand(q, schema))
    return found


def read_words(reader: IndexReader, fieldnames: Iterable[str]) -> None:
    """Read a segment's sorted words of ``fieldnames`` ahead of a first wildcard or fuzzy
    search, which would otherwise wait for them (0.7 s at 50,000 articles)."""
    seg = Segment(reader)
    for fieldname in fieldnames:
        seg._lexicon(fieldname)


def top(
    searcher: Searcher, q: query.Query, limit: int
) -> tuple[list[tuple[int, float]], int] | None:
    """The best ``limit`` (at least 1) (docnum, score) of ``q`` and how many documents
    match it, as whoosh's TopCollector finds them; None where whoosh must do it (see
    above). Field boosts are the searcher's weighting's (``fastpath.FieldBoosts``), so
    ``q`` is as ``fastpath.streamline`` leaves it: its leaves' boosts divided by their
    field's. Callers serialise searches on one searcher: its postings file is shared."""
    limit = max(1, limit)
    weighting = searcher.weighting
    if not isinstance(weighting, BM25F):
        return None
    evaluator = _Evaluator(searcher, weighting, getattr(weighting, "boosts", {}))
    best: list[tuple[float, int]] = []
    total = 0
    try:
        for sub, offset in searcher.leaf_searchers():
            seg = Segment(sub.reader())
            matched = evaluator.evaluate(q, seg)
            present = matched.present
            deleted = seg.deleted()
            if deleted is not None:
                present = present & ~deleted
            docs = np.flatnonzero(present)
            total += len(docs)
            scores = matched.scores[docs]
            if len(docs) > limit:  # the page's lowest score, then the few at or above it
                cut = np.partition(scores, len(scores) - limit)[len(scores) - limit]
                kept = scores >= cut
                docs, scores = docs[kept], scores[kept]
            best.extend(zip(scores.tolist(), (-(docs + offset)).tolist(), strict=True))
    except Unsupported:
        return None
    ranked = heapq.nlargest(limit, best)
    return [(-negative, score) for score, negative in ranked], total
