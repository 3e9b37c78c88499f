"""Where whoosh's pure-Python search loops are too slow for a large corpus, and what we do.

Reading and writing, measured on 10,000 articles (bench/bench_search.py); the third
point, the query shape, is ``scoring``:

* Reading. whoosh either maps segment files (mmap) or reads them through a
  Python file wrapper, a seek and a read for every term it looks up and every
  field length. A mapped file truncated under a running app kills it with
  SIGBUS, so ``SegmentStorage`` reads the small, randomly read parts of a
  segment (the term dictionary, the per-document columns) into memory when
  whoosh opens them, and leaves the postings, most of the index and read a
  block at a time, on disk: holding them too measured no faster (CPU time over
  the query mix), and would cost memory the size of the index and a start-up
  time proportional to it. A damaged file fails with an error we catch.
* Field lengths. BM25 asks for the length of the field in every document it
  scores, and whoosh decodes each one from the column's bytes anew. They are a
  byte per document and field, so we hold them as arrays, once per segment.
* Query shape. For segments under 5,000 documents whoosh matches an ``Or`` by
  adding up scores in an array part by part; a tree of binary union matchers
  costs less per match (p50 over the query mix 68 → 52 ms). Every call per
  posting counts, so unions also lose the terms the index does not have, and
  field boosts move from wrapping matchers into the scorer (``streamline``).

Matching itself is in ``evaluation``, a postings list at a time. The write-side hooks
(``modern_pickles``, ``cache_segment_lengths``) are applied by ``engine.install``,
which first checks that every attribute they replace exists.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from whoosh.codec.base import PerDocumentReader

# Internals of whoosh's default codec (engine.install has checked they are there).
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.filedb.compound import SubFile
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

#: The one part of a segment left on disk: most of its size, read in blocks (see above).
POSTINGS = ".pst"


class _StrictSubFile(SubFile):
    """A part of a file read on demand; a short read (the file truncated under us) is
    EOFError, which we report as damage, not whoosh's bare "Block tag error"."""

    def read(self, size: int | None = None) -> bytes:
        left = self._length - self._pos
        wanted = left if size is None else max(0, min(size, left))
        data = super().read(size)
        if len(data) < wanted:
            raise EOFError(f"index file {self.name} is truncated")
        return data


class _SegmentFile(StructFile):
    """A compound segment file: each part whoosh opens, but the postings, read whole."""

    def subset(self, position: int, length: int, name: str | None = None) -> StructFile:
        if (name or "").endswith(POSTINGS):  # read a block at a time, as whoosh does
            return StructFile(_StrictSubFile(self.file, position, length), name=name)
        self.file.seek(position)
        data = self.file.read(length)
        if len(data) != length:
            raise EOFError(f"index file {self._name} is truncated")
        return BufferFile(data, name=name or self._name)


def memory_storage() -> RamStorage:
    """A store in memory, for an index that cannot be written to disk this time."""
    return RamStorage()


class SegmentStorage(FileStorage):
    """A whoosh FileStorage that serves segment files from memory (see above)."""

    def __init__(self, path: str) -> None:
        super().__init__(path, supports_mmap=False)

    def open_file(self, name: str, **kwargs: object) -> StructFile:
        if name.endswith(".seg"):  # segments never change once written
            return _SegmentFile(open(os.path.join(self.folder, name), "rb"), name=name)
        return super().open_file(name, **kwargs)


def preload_lengths(searcher: Searcher, fields: Iterable[str]) -> None:
    """Hold each segment's field lengths in memory (a byte per document and field)."""
    fields = tuple(fields)
    for sub, _offset in searcher.leaf_searchers():
        perdoc = getattr(sub.reader(), "_perdoc", None)
        cache = getattr(perdoc, "_readers", None)
        if perdoc is None or not isinstance(cache, dict) or not hasattr(perdoc, "_cached_reader"):
            continue
        for field in fields:
            key = _lenfield(field)
            column = cache.get(key) or perdoc._cached_reader(key, LENGTHS_COLUMN)
            if column is not None and hasattr(column, "load"):
                cache[key] = column.load()


_NONE = object()  # "no lengths column": the caller's default


class _SegmentLengths:
    """A new segment's field lengths for writing its postings, decoded once per field.

    whoosh's ``FieldWriter.add_postings`` asks the per-document reader for the field
    length of every posting it writes (for each block's shortest and longest), and
    the reader decodes it from the column's bytes each time: a sixth of an index
    build's time. Everything else is passed to whoosh's reader.
    """

    def __init__(self, reader: PerDocumentReader) -> None:
        self._reader = reader
        self._lengths: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            count = self._reader.doc_count_all()
            lengths = self._lengths[fieldname] = [read(d, fieldname, _NONE) for d in range(count)]
        found = lengths[docnum]  # whoosh's own answer, None included
        return default if found is _NONE else found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


#: The pickle protocol postings are written with (whoosh's codec asks for 2).
POSTINGS_PICKLE = 4


def modern_pickles(codec: ModuleType) -> None:
    """Have whoosh's ``codec`` module (its W3 postings writer) pickle with protocol 4.

    It pickles each block of postings with protocol 2, in which a bytes object (each
    posting's positions) can only be written as a call to ``_codecs.encode`` on a
    string: unpickling a block makes one such call per posting. Protocol 4 writes
    bytes as bytes: blocks 40 % smaller and decoded 3-4 times faster (measured on
    128-posting blocks). Every reader takes either, so an index written before reads
    as it did, and its new segments are written the new way.
    """
    plain = getattr(codec, "dumps", None)
    if plain is None or getattr(plain, "_kz_modern", False):
        return

    def dumps(obj: object, protocol: int | None = None) -> bytes:
        return pickle.dumps(obj, max(protocol or 0, POSTINGS_PICKLE))

    dumps.__dict__["_kz_modern"] = True  # the mark that it is installed
    vars(codec)["dumps"] = dumps


def cache_segment_lengths(writer_class: type[SegmentWriter]) -> None:
    """Have ``writer_class`` (and the writers whoosh's indexing processes make, which are
    forked from this one) write postings with ``_SegmentLengths``."""
    plain = writer_class.per_document_reader
    if getattr(plain, "_kz_cached", False):
        return

    def per_document_reader(self: SegmentWriter) -> _SegmentLengths:
        return _SegmentLengths(plain(self))

    per_document_reader.__dict__["_kz_cached"] = True  # the mark that it is installed
    writer_class.per_document_reader = per_document_reader
