"""Reading a term's postings straight from whoosh's W3 codec blocks, and caching them.

whoosh's matcher reads each block in several small reads through a Python file
object, a posting at a time; here a term's postings are read at once and decoded
as the W3 codec writes them (a header, then blocks of length, pickled block info,
pickled and maybe zlibbed data), and kept compact in an LRU cache (segments never
change once written). Any other codec is read through whoosh's own matcher.
This module knows the on-disk layout, which is why it is in the engine.
"""

from __future__ import annotations

import io
import pickle
import re
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from weakref import WeakKeyDictionary

import numpy as np
from whoosh import query
from whoosh.automata.fsa import DFA
from whoosh.codec.base import Automata

# Internals of whoosh's default codec (engine.install has checked they are there).
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermsReader, _lenfield
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _HEADER
from whoosh.fields import Schema
from whoosh.filedb.structfile import StructFile
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length

from ...lru import Lru
from ..analysis import is_stop
from ..cancel import Cancelled, check_cancelled
from ..spelling import automaton_matches
from . import positions

Floats = np.ndarray  # float64, one per document of a segment
Flags = np.ndarray  # bool, one per document
Ints = np.ndarray  # int32, one per document

_INT = struct.Struct("!i")
#: Each open segment's BM25 length norms by field (see ``evaluation._Evaluator._norms``).
_NORMS: WeakKeyDictionary[object, dict] = WeakKeyDictionary()
DAMAGED = "a postings list of the search index is damaged"
#: byte → field length, as whoosh decodes the lengths column.
_LENGTHS = [0.0] + [float(byte_to_length(b)) for b in range(1, 256)]


class Unsupported(Exception):
    """A query node or postings format the engine does not evaluate; whoosh does it instead."""


@dataclass
class Postings:
    """A term's postings in one segment, compact (see ``_compact``)."""

    ids: Ints  # sorted document numbers, int32
    weights: Floats  # float32, as whoosh stores them


def _postings(ids: Iterable[int], weights: Iterable[float]) -> Postings:
    return Postings(np.asarray(list(ids), np.int32), np.asarray(list(weights), np.float32))


class PostingsCache(Lru[tuple[object, str, bytes], Postings]):
    """The postings (documents and term frequencies) of recently searched terms.

    Decoding whoosh's blocks (pickles, often zlibbed, with every posting's positions)
    is most of a query's time, and a reader's queries repeat their words: typing
    refines one query, and the words of a subject recur. Kept compact (8 bytes a
    posting), within ``budget`` bytes. Segments never change once written, so an entry
    is right for as long as its segment exists.
    """

    def __init__(self, budget: int) -> None:
        super().__init__(budget, weigh=lambda p: 8 * len(p.ids) + 200)

    def put(self, key: tuple[object, str, bytes], value: Postings) -> None:
        super().put(key, _compact(value))


def _compact(found: Postings) -> Postings:
    """As arrays, weights as 32-bit floats: whoosh stores them so (term frequencies times
    a field boost of 1.0), so a cached search scores exactly as the first one did."""
    return Postings(np.asarray(found.ids, np.int32), np.asarray(found.weights, np.float32))


#: Each open segment's deleted documents, if it has any (see ``Segment.deleted``).
_DELETED: WeakKeyDictionary[object, Flags] = WeakKeyDictionary()
#: Each open segment's words by field, sorted (see ``Segment._lexicon``).
_LEXICONS: WeakKeyDictionary[object, dict[str, list[str]]] = WeakKeyDictionary()
#: Recent wildcard and fuzzy expansions, by segment (see ``Segment.expand``).
_EXPANSIONS: Lru[tuple, list[bytes]] = Lru(2048)

#: One for the process. A word in every article takes 80 KB at 10,000 articles and
#: 400 KB at 50,000: 64 MB holds some 160 such at 50,000, and far more rarer ones.
POSTINGS = PostingsCache(64 * 1024 * 1024)


class Segment:
    """One open segment's postings, words and lengths, read the engine's way."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self.doc_count = reader.doc_count_all()
        # What names the segment in the caches: its id within its index's folder. whoosh's
        # ids are random, so unique in practice, but a seeded ``random`` makes the same
        # ids again for another index. None (not cached): an index in memory.
        storage = getattr(reader, "_storage", None)  # a compound file's: an overlay (.b)
        folder = getattr(storage, "folder", None) or getattr(
            getattr(storage, "b", None), "folder", None
        )
        segid = getattr(reader, "_segid", None)
        self.key = (folder, segid) if folder and segid is not None else None
        #: Per field, kept while the segment is open: a segment never changes.
        self.norms: dict[str, tuple[tuple, Floats]] = _NORMS.setdefault(reader, {})

    def postings(self, fieldname: str, btext: bytes) -> Postings:
        return self.postings_and_values(fieldname, btext, False)[0]

    def postings_and_values(
        self, fieldname: str, btext: bytes, values: bool
    ) -> tuple[Postings, dict[int, bytes] | None]:
        """A term's postings, cached, and with ``values`` every posting's value (its
        positions) when they had to be read: a phrase then decodes its words' blocks
        once, not once for the documents and again for the positions."""
        segment = self.key
        key = (segment, fieldname, btext)
        found = POSTINGS.get(key) if segment is not None else None
        if found is not None:
            return found, None
        found, read = self._read(fieldname, btext, None, every=values)  # compact already
        if segment is not None:
            POSTINGS.put(key, found)
        return found, read if values else None

    def expand(self, q: query.MultiTerm, schema: Schema) -> list[bytes]:
        """The segment's terms a wildcard or fuzzy term stands for (cached: whoosh walks
        the whole term dictionary for each, and typing a query repeats them)."""
        fieldname = q.field()
        key = (
            self.key,
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
    ) -> Ints:
        """Which ``candidates`` (sorted; each has every word) have the words in order;
        ``known``: each word's positions by document if already read, else None.

        Cached like a term's postings: the positions of a common phrase's words are
        in thousands of documents, each a pickle to decode.
        """
        segment = self.key
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
                    positions.decoded(fmt, [values[d] for d in candidates]) for values in where
                ]
                docs = []
                for i, d in enumerate(candidates):
                    check_cancelled()  # a lookup and a flag: little beside the matching
                    if positions.in_order([column[i] for column in columns], slop):
                        docs.append(d)
            except Cancelled:
                raise
            except Exception as error:  # damaged positions unpickle into anything
                raise EOFError(DAMAGED) from error
            found = _postings(docs, ())
            if segment is not None:
                POSTINGS.put(key, found)
        return found.ids

    def _read(
        self, fieldname: str, btext: bytes, docs: list[int] | None, every: bool = False
    ) -> tuple[Postings, dict[int, bytes]]:
        """The postings, and the values of ``docs`` (of every posting if ``every``)."""
        terms = getattr(self.reader, "_terms", None)
        if terms is not None and type(terms) is W3TermsReader:
            info = terms.term_info(fieldname, btext)
            if info.is_inlined():  # a rare term: its postings live in the term dictionary
                ids, weights, found = info.inlined_postings()
                wanted = set(docs or ())
                return _postings(ids, weights), {
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
        posted: list[int] = []
        weighed: list[float] = []
        wanted = set(docs or ())
        values: dict[int, bytes] = {}
        while matcher.is_active():
            d = matcher.id()
            posted.append(d)
            weighed.append(matcher.weight())
            if every or d in wanted:
                values[d] = matcher.value()
            matcher.next()
        return _postings(posted, weighed), values

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
        if perdoc is not None and hasattr(perdoc, "_cached_reader"):
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
def _levenshtein_dfa(text: str, maxdist: int, prefix: int) -> DFA:
    """A fuzzy term's automaton (read-only once built, so shared by segments and threads)."""
    return Automata.levenshtein_dfa(text, maxdist, prefix)


def _read_blocks(
    postfile: StructFile,
    offset: int,
    extent: int,
    fixedsize: int | None,
    docs: list[int] | None,
    every: bool = False,
) -> tuple[Postings, dict[int, bytes]]:
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
) -> tuple[Postings, dict[int, bytes]]:
    stream = io.BytesIO(data)
    out_ids: list[int] = []
    out_weights: list[float] = []
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
            out_ids.extend(ids)
            if weights is None:
                out_weights.extend([1.0] * count)
            elif isinstance(weights, float):
                out_weights.extend([weights] * count)
            elif len(weights) == count:
                out_weights.extend(weights)
            else:
                raise ValueError("a block's weights do not match its postings")
            if wanted is not None or every:
                if fixedsize is not None and fixedsize >= 0:  # not a positions format
                    raise Unsupported(f"fixed-size postings values ({fixedsize})")
                if every:
                    values.update(zip(ids, found, strict=True))
                elif wanted is not None:
                    values.update((d, v) for d, v in zip(ids, found, strict=True) if d in wanted)
        below = top
        if length < 0:  # the last block
            return _postings(out_ids, out_weights), values


def _any_between(docs: list[int], low: int, high: int) -> bool:
    """Whether sorted ``docs`` has one in (low, high]."""
    i = bisect_right(docs, low)
    return i < len(docs) and docs[i] <= high


def clear_caches() -> None:
    """Forget every cached postings list, phrase and expansion (to measure cold searches)."""
    POSTINGS.clear()
    _EXPANSIONS.clear()
