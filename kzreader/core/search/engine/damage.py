"""Which failures mean "the index files are bad", told apart from our own bugs.

Only I/O and decoding failures are damage: an OSError, a short read (EOFError), bad
compressed or packed bytes, a pickle that does not load, and whoosh's own errors for
files it cannot read. A KeyError, IndexError or ValueError raised by our code is a bug
and propagates as one. (Decoding a postings block, where garbage can unpickle into
anything, turns every failure into EOFError itself: see ``postings._read_blocks``.)
"""

from __future__ import annotations

import pickle
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.filetables import FileFormatError
from whoosh.matching.mcore import ReadTooFar

from ..errors import IndexDamaged

#: What reading damaged index files raises (``whoosh.index.IndexError`` is whoosh's
#: own class, not the builtin: a bad TOC, a wrong version, a deleted index folder).
DECODING: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    struct.error,
    pickle.UnpicklingError,
    whoosh_index.IndexError,
    FileFormatError,
    StorageError,
    ReadTooFar,
)


def reason(error: BaseException) -> str:
    """An error in one line for the user: its type and the start of its message."""
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@contextmanager
def reading() -> Iterator[None]:
    """Index reads in this block that fail for damage raise IndexDamaged instead."""
    try:
        yield
    except DECODING as error:
        deleted = isinstance(error, whoosh_index.EmptyIndexError)
        raise IndexDamaged(reason(error), deleted=deleted) from error
