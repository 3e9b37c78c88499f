"""Matching a query a postings list at a time, where whoosh goes a document at a time.

whoosh walks a tree of matchers one document at a time, several Python calls per
posting. In news about one country the words people search for are in most articles
("Kazakhstan" is in 9,994 of 10,000), so a query visits most of the corpus that way,
at tens of microseconds a document. Here each term's postings are read a block at a
time, and every node of the query is a few NumPy arrays over the segment's documents
(which match, their scores, how many terms each has): scoring, unions and
intersections are array operations, in C.

The results are whoosh's: the same BM25F (whoosh's own idf, field lengths, B and
K1, and the field boosts of ``fastpath.FieldBoosts``), the coordination bonus of a
scaled ``Or``, a ``NOT`` inside ``AND`` adding 1.0 as whoosh's does, an exact count,
and the same order, ties going to the earlier document. Sums may be added in another
order than whoosh's matcher trees, so scores can differ in the last bits of a float.

One difference, on purpose: the words a wildcard or fuzzy term expands to are scored
like the words themselves. whoosh gives them a constant score when a segment is small
and there are more than two (and BM25 otherwise), so ``kaz*`` listed articles in index
order, a wildcard's rank depended on how the index happened to be segmented.

Only the shapes our parser makes are handled: terms, phrases, wildcards and fuzzy
terms, And, Or, Not, AndNot, AndMaybe, Require. ``top`` returns None for anything
else (or a whoosh without the internals used here), and the caller asks whoosh.
"""

from __future__ import annotations

import heapq
import io
import pickle
import re
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Protocol
from weakref import WeakKeyDictionary

import numpy as np
from whoosh import query
from whoosh.codec.base import Automata
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .analysis import is_stop
from .lru import Lru
from .spelling import automaton_matches

try:  # internals of whoosh's default codec, used only when present
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3TermsReader, _lenfield
    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _HEADER
except ImportError:  # pragma: no cover - a whoosh without the W3 codec
    W3LeafMatcher = None

Floats = np.ndarray  # float64, one per document of a segment
Flags = np.ndarray  # bool, one per document
Ints = np.ndarray  # int32, one per document

_INT = struct.Struct("!i")
#: Each open segment's BM25 length norms by field (see ``_Evaluator._norms``).
_NORMS: WeakKeyDictionary[object, dict] = WeakKeyDictionary()
DAMAGED = "a postings list of the search index is damaged"
#: What whoosh's InverseMatcher scores a document a ``NOT`` lets through.
NOT_WEIGHT = 1.0
#: byte → field length, as whoosh decodes the lengths column.
_LENGTHS = [0.0] + [float(byte_to_length(b)) for b in range(1, 256)]


class Unsupported(Exception):
    """A query node this module does not evaluate; whoosh does it instead."""


class Cancelled(Exception):
    """The search this evaluation is for was cancelled (see ``cancellable``)."""


class Cancel(Protocol):
    def is_set(self) -> bool: ...


#: The current search's cancel flag, per thread (each search runs in one).
_CANCEL: ContextVar[Cancel | None] = ContextVar("kzreader_search_cancel", default=None)


@contextmanager
def cancellable(cancel: Cancel | None) -> Iterator[None]:
    """Evaluations in this block stop with Cancelled soon after ``cancel`` is set: between
    segments, query nodes and phrase candidates."""
    token = _CANCEL.set(cancel)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def check_cancelled() -> None:
    cancel = _CANCEL.get()
    if cancel is not None and cancel.is_set():
        raise Cancelled()


@dataclass
class _Postings:
    ids: Sequence[int]  # sorted document numbers (int32 array once cached)
    weights: Sequence[float]


class PostingsCache(Lru[tuple[str, str, bytes], _Postings]):
    """The postings (documents and term frequencies) of recently searched terms.

    Decoding whoosh's blocks (pickles, often zlibbed, with every posting's positions)
    is most of a query's time, and a reader's queries repeat their words: typing
    refines one query, and the words of a subject recur. Kept compact (8 bytes a
    posting), within ``budget`` bytes. Segments never change once written, so an entry
    is right for as long as its segment exists.
    """

    def __init__(self, budget: int) -> None:
        super().__init__(budget, weigh=lambda p: 8 * len(p.ids) + 200)

    def put(self, key: tuple[str, str, bytes], value: _Postings) -> None:
        super().put(key, _compact(value))


def _compact(found: _Postings) -> _Postings:
    """As arrays, weights as 32-bit floats: whoosh stores them so (term frequencies times
    a field boost of 1.0), so a cached search scores exactly as the first one did."""
    return _Postings(np.asarray(found.ids, np.int32), np.asarray(found.weights, np.float32))


#: Each open segment's deleted documents, if it has any (see ``_Segment.deleted``).
_DELETED: WeakKeyDictionary[object, Flags] = WeakKeyDictionary()
#: Each open segment's words by field, sorted (see ``_Segment._lexicon``).
_LEXICONS: WeakKeyDictionary[object, dict[str, list[str]]] = WeakKeyDictionary()
#: Recent wildcard and fuzzy expansions, by segment (see ``_Segment.expand``).
_EXPANSIONS: Lru[tuple, list[bytes]] = Lru(2048)

#: One for the process. A word in every article takes 80 KB at 10,000 articles and
#: 400 KB at 50,000: 64 MB holds some 160 such at 50,000, and far more rarer ones.
POSTINGS = PostingsCache(64 * 1024 * 1024)


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


class _Segment:
    def __init__(self, reader) -> None:  # type: ignore[no-untyped-def]
        self.reader = reader
        self.doc_count = reader.doc_count_all()
        #: Per field, kept while the segment is open: a segment never changes.
        self.norms: dict[str, tuple[tuple, Floats]] = _NORMS.setdefault(reader, {})

    def postings(self, fieldname: str, btext: bytes) -> _Postings:
        return self.postings_and_values(fieldname, btext, False)[0]

    def postings_and_values(
        self, fieldname: str, btext: bytes, values: bool
    ) -> tuple[_Postings, dict[int, bytes] | None]:
        """A term's postings, cached, and with ``values`` every posting's value (its
        positions) when they had to be read: a phrase then decodes its words' blocks
        once, not once for the documents and again for the positions."""
        segment = getattr(self.reader, "_segid", None)
        key = (segment, fieldname, btext)
        found = POSTINGS.get(key) if segment is not None else None
        if found is not None:
            return found, None
        found, read = self._read(fieldname, btext, None, every=values)
        found = _compact(found)
        if segment is not None:
            POSTINGS.put(key, found)
        return found, read if values else None

    def expand(self, q: query.MultiTerm, schema) -> list[bytes]:  # type: ignore[no-untyped-def]
        """The segment's terms a wildcard or fuzzy term stands for (cached: whoosh walks
        the whole term dictionary for each, and typing a query repeats them)."""
        fieldname = q.field()
        key = (
            getattr(self.reader, "_segid", None),
            type(q).__name__,
            fieldname,
            q.text,
            getattr(q, "maxdist", None),
            getattr(q, "prefixlength", None),
        )
        found = _EXPANSIONS.get(key) if key[0] is not None else None
        if found is None:
            to_bytes = schema[fieldname].to_bytes
            found = [
                t if isinstance(t, bytes) else to_bytes(t)
                for t in self._candidates(q)
                if t and not is_stop(t)  # stop words are there for phrases only
            ]
            if key[0] is not None:
                _EXPANSIONS.put(key, found)
        return found

    def _candidates(self, q: query.MultiTerm) -> Iterable[bytes | str]:
        """whoosh's expansion of ``q``, looked up in the segment's sorted words held in
        memory (``_lexicon``): whoosh walks its on-disk dictionary a few struct reads a
        step, and builds a fuzzy term's automaton again for each segment and field."""
        kind = type(q)
        if kind is query.FuzzyTerm:
            field = self.reader.schema[q.fieldname].spelling_fieldname(q.fieldname)
            dfa = _levenshtein_dfa(q.text, q.maxdist, q.prefixlength)
            return automaton_matches(dfa, self._lexicon(field))
        if kind is query.Prefix:
            return _starting_with(self._lexicon(q.fieldname), q.text)
        if kind is query.Wildcard:
            pattern = re.compile(q._get_pattern())
            start = q._find_prefix(q.text)
            return [
                t for t in _starting_with(self._lexicon(q.fieldname), start) if pattern.match(t)
            ]
        return q._btexts(self.reader)

    def _lexicon(self, fieldname: str) -> list[str]:
        """The segment's words of ``fieldname``, sorted (kept while the segment is open:
        about 1.4 µs a word to read once, 85,000 words at 10,000 articles)."""
        held = _LEXICONS.setdefault(self.reader, {})
        words = held.get(fieldname)
        if words is None:
            if fieldname in self.reader.schema:
                from_bytes = self.reader.schema[fieldname].from_bytes
                words = [from_bytes(b) for b in self.reader.lexicon(fieldname)]
            else:
                words = []
            held[fieldname] = words
        return words

    def phrase_docs(
        self,
        fieldname: str,
        btexts: list[bytes],
        slop: int,
        candidates: list[int],
        known: Sequence[dict[int, bytes] | None],
    ) -> Sequence[int]:
        """Which ``candidates`` (sorted; each has every word) have the words in order;
        ``known``: each word's positions by document if already read, else None.

        Cached like a term's postings: the positions of a common phrase's words are
        in thousands of documents, each a pickle to decode.
        """
        segment = getattr(self.reader, "_segid", None)
        key = (segment, fieldname, b"\0%d " % slop + b" ".join(btexts))  # \0: in no term
        found = POSTINGS.get(key) if segment is not None else None
        if found is None:
            where = [
                values if values is not None else self._read(fieldname, b, candidates)[1]
                for b, values in zip(btexts, known, strict=True)
            ]
            fmt = self.reader.schema[fieldname].format
            try:
                columns = [
                    _positions_lists(fmt, [values[d] for d in candidates]) for values in where
                ]
                docs = []
                for i, d in enumerate(candidates):
                    check_cancelled()  # a lookup and a flag: little beside the matching
                    if _in_order([column[i] for column in columns], slop):
                        docs.append(d)
            except Cancelled:
                raise
            except Exception as error:  # damaged positions unpickle into anything
                raise EOFError(DAMAGED) from error
            found = _Postings(docs, ())
            if segment is not None:
                POSTINGS.put(key, found)
        return found.ids

    def _read(
        self, fieldname: str, btext: bytes, docs: list[int] | None, every: bool = False
    ) -> tuple[_Postings, dict[int, bytes]]:
        """The postings, and the values of ``docs`` (of every posting if ``every``)."""
        terms = getattr(self.reader, "_terms", None)
        if W3LeafMatcher is not None and type(terms) is W3TermsReader:
            info = terms.term_info(fieldname, btext)
            if info.is_inlined():  # a rare term: its postings live in the term dictionary
                ids, weights, found = info.inlined_postings()
                wanted = set(docs or ())
                return _Postings(list(ids), list(weights)), {
                    d: v for d, v in zip(ids, found, strict=True) if every or d in wanted
                }
            offset, extent = info.extent()
            if isinstance(extent, tuple):  # whoosh reads it from the term info as a 1-tuple
                (extent,) = extent
            fixedsize = self.reader.schema[fieldname].format.fixed_value_size()
            return _read_blocks(terms._postfile, offset, extent, fixedsize, docs, every)
        # Any other codec: whoosh's matcher, a posting at a time (deleted documents
        # are dropped at the end).
        matcher = self.reader.postings(fieldname, btext)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        out = _Postings([], [])
        wanted = set(docs or ())
        values: dict[int, bytes] = {}
        while matcher.is_active():
            d = matcher.id()
            out.ids.append(d)
            out.weights.append(matcher.weight())
            if every or d in wanted:
                values[d] = matcher.value()
            matcher.next()
        return out, values

    def deleted(self) -> Flags | None:
        """Which documents are deleted, if any (kept while the segment is open)."""
        if not self.reader.has_deletions():
            return None
        found = _DELETED.get(self.reader)
        if found is None:
            found = np.zeros(self.doc_count, bool)
            is_deleted = self.reader.is_deleted
            found[[d for d in range(self.doc_count) if is_deleted(d)]] = True
            _DELETED[self.reader] = found
        return found

    def lengths(self, fieldname: str) -> list[float]:
        """Each document's length of ``fieldname``, as whoosh's scorer reads it."""
        perdoc = getattr(self.reader, "_perdoc", None)
        column = None
        if W3LeafMatcher is not None and hasattr(perdoc, "_cached_reader"):
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is not None:
            try:
                return [_LENGTHS[b] for b in column]
            except (TypeError, IndexError):
                pass
        length = self.reader.doc_field_length
        return [float(length(d, fieldname, 0) or 0) for d in range(self.doc_count)]


def _starting_with(words: list[str], prefix: str) -> list[str]:
    """The run of sorted ``words`` that start with ``prefix``."""
    start = bisect_left(words, prefix)
    end = start
    while end < len(words) and words[end].startswith(prefix):
        end += 1
    return words[start:end]


@lru_cache(maxsize=64)
def _levenshtein_dfa(text: str, maxdist: int, prefix: int):  # type: ignore[no-untyped-def]
    """A fuzzy term's automaton (read-only once built, so shared by segments and threads)."""
    return Automata.levenshtein_dfa(text, maxdist, prefix)


def _read_blocks(
    postfile,  # type: ignore[no-untyped-def]
    offset: int,
    extent: int,
    fixedsize: int | None,
    docs: list[int] | None,
    every: bool = False,
) -> tuple[_Postings, dict[int, bytes]]:
    """A term's postings, read at once and decoded as whoosh's W3 codec writes them: a
    header, then blocks of (length, pickled block info, pickled and maybe zlibbed data).
    With ``docs`` (sorted), only the blocks that hold them, and their positions; with
    ``every``, every block and every posting's positions.

    One read per term; whoosh's matcher reads each block in several small reads
    through a Python file object, which cost more than the scoring.
    """
    postfile.seek(offset)
    data = postfile.read(extent)
    if len(data) != extent or data[: len(_HEADER)] != _HEADER:
        raise EOFError(DAMAGED)
    try:
        return _decode_blocks(data, fixedsize, docs, every)
    except Unsupported:
        raise
    except Exception as error:  # damaged bytes unpickle into anything, or fail any way
        raise EOFError(DAMAGED) from error


def _decode_blocks(
    data: bytes, fixedsize: int | None, docs: list[int] | None, every: bool = False
) -> tuple[_Postings, dict[int, bytes]]:
    stream = io.BytesIO(data)
    out = _Postings([], [])
    values: dict[int, bytes] = {}
    wanted = set(docs) if docs is not None else None
    position = len(_HEADER)
    below = -1  # the last block's highest document
    while True:
        (length,) = _INT.unpack_from(data, position)
        stream.seek(position + _INT.size)
        count, top, _maxweight, compressed, _minlen, _maxlen = pickle.load(stream)
        position += _INT.size + abs(length)
        if docs is None or _any_between(docs, below, top):
            block = data[stream.tell() : position]
            ids, weights, found = pickle.loads(zlib.decompress(block) if compressed else block)
            ids = list(accumulate(ids))
            if len(ids) != count or not below < ids[0] <= ids[-1] == top:
                raise ValueError("block info does not match its postings")
            out.ids.extend(ids)
            if weights is None:
                out.weights.extend([1.0] * count)
            elif isinstance(weights, float):
                out.weights.extend([weights] * count)
            elif len(weights) == count:
                out.weights.extend(weights)
            else:
                raise ValueError("a block's weights do not match its postings")
            if wanted is not None or every:
                if fixedsize is not None and fixedsize >= 0:  # not a positions format
                    raise Unsupported(f"fixed-size postings values ({fixedsize})")
                if every:
                    values.update(zip(ids, found, strict=True))
                else:
                    values.update((d, v) for d, v in zip(ids, found, strict=True) if d in wanted)
        below = top
        if length < 0:  # the last block
            return out, values


def _any_between(docs: list[int], low: int, high: int) -> bool:
    """Whether sorted ``docs`` has one in (low, high]."""
    i = bisect_right(docs, low)
    return i < len(docs) and docs[i] <= high


class _Evaluator:
    def __init__(self, searcher: Searcher, weighting: BM25F, boosts: dict[str, float]) -> None:
        self.searcher = searcher
        self.schema = searcher.schema
        self.K1 = weighting.K1
        self.B = weighting.B
        self.field_B = dict(getattr(weighting, "_field_B", {}))
        self.boosts = boosts

    # -- leaves ---------------------------------------------------------------

    def _norms(self, seg: _Segment, fieldname: str) -> Floats:
        K1, B = self.K1, self.field_B.get(fieldname, self.B)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        stats = (K1, B, avgfl)  # avgfl is the whole index's: a reused segment's changes
        cached = seg.norms.get(fieldname)
        if cached is None or cached[0] != stats:
            # whoosh's bm25(): K1 * ((1 - B) + B * fl / avgfl), term for term.
            lengths = np.asarray(seg.lengths(fieldname), np.float64)
            cached = seg.norms[fieldname] = (stats, K1 * ((1 - B) + B * lengths / avgfl))
        return cached[1]

    def _score(self, seg: _Segment, fieldname: str, btext: bytes, found: _Postings) -> Floats:
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

    def _term(self, seg: _Segment, fieldname: str, btext: bytes, counting: bool) -> _Matched:
        found = seg.postings(fieldname, btext)
        matched = _nothing(seg.doc_count, counting)
        matched.scores[found.ids] = self._score(seg, fieldname, btext, found)
        matched.present[found.ids] = True
        if matched.counts is not None:
            matched.counts[found.ids] = 1
        matched.terms = 1
        return matched

    def term(self, q: query.Term, seg: _Segment, counting: bool) -> _Matched:
        btext = self._btext(q.fieldname, q.text)
        if btext is None or (q.fieldname, btext) not in seg.reader:
            return _nothing(seg.doc_count, counting)
        matched = self._term(seg, q.fieldname, btext, counting)
        return _boosted(matched, q.boost)

    def multiterm(self, q: query.MultiTerm, seg: _Segment, counting: bool) -> _Matched:
        fieldname = q.field()
        if fieldname not in self.schema:
            return _nothing(seg.doc_count, counting)
        parts = [self._term(seg, fieldname, b, counting) for b in seg.expand(q, self.schema)]
        return _boosted(_union(parts, seg.doc_count, counting), q.boost)

    def phrase(self, q: query.Phrase, seg: _Segment, counting: bool) -> _Matched:
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return _nothing(seg.doc_count, counting)
        fmt = self.schema[fieldname].format
        if not fmt or not fmt.supports("positions") or q.slop < 1:
            raise Unsupported(q)
        btexts = [self._btext(fieldname, word) for word in q.words]
        if not btexts or any(b is None or (fieldname, b) not in seg.reader for b in btexts):
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
            scores = self._score(seg, fieldname, b, _Postings(ids, found.weights[kept]))
            matched.scores[ids] += scores
        if matched.counts is not None:
            matched.counts[matched.present] = len(btexts)
        matched.terms = len(btexts)
        return _boosted(matched, q.boost)

    # -- compounds ------------------------------------------------------------

    def evaluate(self, q: query.Query, seg: _Segment, counting: bool = False) -> _Matched:
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

    def conjunction(self, q: query.And, seg: _Segment, counting: bool) -> _Matched:
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
                counts += part.counts  # type: ignore[arg-type]
            counts = _only(counts, present)
            terms += sum(matched.terms for matched in excluded)
        return _boosted(_Matched(present, scores, counts, terms), q.boost)

    def disjunction(self, q: query.Or, seg: _Segment, counting: bool) -> _Matched:
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
                bonus = (matched.counts - 1) / spread  # type: ignore[operator]
                matched.scores = np.where(matched.present, (matched.scores + bonus) * factor, 0.0)
        return matched

    def complement(self, q: query.Not, seg: _Segment, counting: bool) -> _Matched:
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


def _positions_lists(fmt, values: list[bytes]) -> list[Iterable[int]]:  # type: ignore[no-untyped-def]
    """Each value's positions, as whoosh's ``Positions.decode_positions`` reads them, but
    all in one pickle: each value is a count and a pickled list of position deltas, so
    the lists, STOPs dropped, between the opcodes of an outer list unpickle at once
    (one call for a word's thousands of documents, not one each)."""
    if type(fmt).decode_positions is not Positions.decode_positions:
        return [fmt.decode_positions(value) for value in values]
    inner = b"".join(
        value[_INT.size : -1] if value.endswith(b".") else value[_INT.size :] for value in values
    )
    deltas = pickle.loads(b"\x80\x02](" + inner + b"e.")
    if not isinstance(deltas, list) or len(deltas) != len(values):
        raise ValueError("positions do not match their postings")
    return [accumulate(each) for each in deltas]


def _in_order(positions: list[Iterable[int]], slop: int) -> bool:
    """Whether the words occur in order, each 1..``slop`` positions after the last
    (whoosh's phrase matching: ``SpanNear2(ordered=True, mindist=1)``). The cost grows
    with the positions, not with the slop."""
    current = sorted(set(positions[0]))
    for following in positions[1:]:
        if slop == 1:
            starts = set(current)
            current = sorted({p for p in following if p - 1 in starts})
        else:
            current = sorted(
                {
                    p
                    for p in following
                    if (i := bisect_left(current, p - slop)) < len(current) and current[i] < p
                }
            )
        if not current:
            return False
    return True


def matching(searcher: Searcher, q: query.Query, docs: set[int]) -> set[int] | None:
    """Which of ``docs`` (global document numbers) match ``q``; None where whoosh must
    say (see ``top``)."""
    weighting = searcher.weighting
    if W3LeafMatcher is None or not isinstance(weighting, BM25F):
        return None
    evaluator = _Evaluator(searcher, weighting, getattr(weighting, "boosts", {}))
    found: set[int] = set()
    try:
        for sub, offset in searcher.leaf_searchers():
            seg = _Segment(sub.reader())
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
        found.update(_Segment(sub.reader()).expand(q, schema))
    return found


def read_words(reader, fieldnames: Iterable[str]) -> None:  # type: ignore[no-untyped-def]
    """Read a segment's sorted words of ``fieldnames`` ahead of a first wildcard or fuzzy
    search, which would otherwise wait for them (0.7 s at 50,000 articles)."""
    seg = _Segment(reader)
    for fieldname in fieldnames:
        seg._lexicon(fieldname)


def clear_caches() -> None:
    """Forget every cached postings list, phrase and expansion (to measure cold searches)."""
    POSTINGS.clear()
    _EXPANSIONS.clear()


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
    if W3LeafMatcher is None or not isinstance(weighting, BM25F):
        return None
    evaluator = _Evaluator(searcher, weighting, getattr(weighting, "boosts", {}))
    best: list[tuple[float, int]] = []
    total = 0
    try:
        for sub, offset in searcher.leaf_searchers():
            seg = _Segment(sub.reader())
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
