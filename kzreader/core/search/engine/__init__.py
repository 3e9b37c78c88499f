"""The only code that touches whoosh internals: codec blocks, storage, hooks.

whoosh's pure-Python loops are too slow for a large corpus, so the engine reads the
W3 codec's postings blocks itself (``postings``, ``evaluation``), serves segment files
from memory (``segments``), moves field boosts into the scorer (``scoring``), and
makes the multiprocessing writer end with the build (``writers``). All of it depends
on whoosh-reloaded 2.7.5's private classes and attributes, so nothing is patched on
import: ``install()`` checks the version and every hooked attribute first, and
refuses with ``EngineUnsupported`` rather than run a silent 10-20x slower fork.
"""

from __future__ import annotations

from .damage import reading, reason
from .evaluation import expansions, matching, read_words, top
from .hooks import HOOKS, WHOOSH_VERSION, check, install
from .postings import clear_caches
from .scoring import FieldBoosts, streamline
from .segments import SegmentStorage, memory_storage, preload_lengths
from .writers import ParallelWriter

__all__ = [
    "HOOKS",
    "WHOOSH_VERSION",
    "FieldBoosts",
    "ParallelWriter",
    "SegmentStorage",
    "check",
    "clear_caches",
    "expansions",
    "install",
    "matching",
    "memory_storage",
    "preload_lengths",
    "read_words",
    "reading",
    "reason",
    "streamline",
    "top",
]
