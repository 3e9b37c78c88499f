"""Installing the engine: the whoosh it was written for, every attribute it hooks.

Nothing is patched on import. ``install()`` first checks whoosh-reloaded's version and
that each attribute in ``HOOKS`` exists, and refuses with ``EngineUnsupported`` — a
whoosh that moved one would otherwise run 10-20x slower, or read blocks wrongly.
"""

from __future__ import annotations

import whoosh
from whoosh import query
from whoosh.codec import whoosh3
from whoosh.codec.base import Automata
from whoosh.filedb.compound import SubFile
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.writing import SegmentWriter

from ..errors import EngineUnsupported
from .segments import cache_segment_lengths, modern_pickles

#: The whoosh the engine was written for (whoosh-reloaded's ``__version__``).
WHOOSH_VERSION = (2, 7, 5)

#: Every attribute of whoosh the engine reads or replaces, by owner.
HOOKS: tuple[tuple[object, str], ...] = (
    (whoosh3, "dumps"),  # segments.modern_pickles
    (whoosh3, "LENGTHS_COLUMN"),
    (whoosh3, "_lenfield"),
    (whoosh3, "WHOOSH3_HEADER_MAGIC"),
    (whoosh3, "W3TermsReader"),
    (whoosh3.W3TermsReader, "term_info"),
    (whoosh3.W3PerDocReader, "_cached_reader"),
    (whoosh3.W3TermInfo, "is_inlined"),
    (whoosh3.W3TermInfo, "inlined_postings"),
    (whoosh3.W3TermInfo, "extent"),
    (SegmentWriter, "per_document_reader"),  # segments.cache_segment_lengths
    (FileStorage, "open_file"),  # segments.SegmentStorage
    (StructFile, "subset"),
    (SubFile, "read"),
    (BM25F, "scorer"),  # scoring.FieldBoosts
    (BM25FScorer, "_score"),
    (query.Or, "DEFAULT_MATCHER"),  # scoring.streamline
    (query.Wildcard, "_get_pattern"),  # postings.Segment.expand
    (query.Wildcard, "_find_prefix"),
    (query.MultiTerm, "_btexts"),
    (Automata, "levenshtein_dfa"),
    (MpWriter, "_new_task"),  # writers.ParallelWriter
    (SubWriterTask, "run"),
)


_installed = False


def _name(owner: object) -> str:
    module = getattr(owner, "__module__", None)
    qualname = str(getattr(owner, "__qualname__", None) or getattr(owner, "__name__", "?"))
    return f"{module}.{qualname}" if module and module != qualname else qualname


def check() -> None:
    """Raise EngineUnsupported unless whoosh is the version and shape the engine knows."""
    version = tuple(getattr(whoosh, "__version__", ()))
    if version != WHOOSH_VERSION:
        found = ".".join(map(str, version)) or "unknown"
        wanted = ".".join(map(str, WHOOSH_VERSION))
        raise EngineUnsupported(
            f"kzreader's search needs whoosh-reloaded {wanted}; this is whoosh {found}"
            f" (install whoosh-reloaded=={wanted})"
        )
    for owner, attribute in HOOKS:
        if not hasattr(owner, attribute):
            raise EngineUnsupported(
                f"kzreader's search cannot hook whoosh: {_name(owner)}.{attribute} is missing"
                f" (whoosh {whoosh.versionstring()})"
            )


def install() -> None:
    """Check whoosh (see ``check``), then apply the write-side hooks; idempotent.

    Called whenever an index is opened or created, and in each indexing process.
    """
    global _installed
    check()
    if _installed:  # once per process: a hook replaced since is the replacer's business
        return
    cache_segment_lengths(SegmentWriter)
    modern_pickles(whoosh3)
    _installed = True
