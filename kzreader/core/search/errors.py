"""The errors search reports to its callers (no whoosh here: the UI and CLI import them).

Only ``IndexDamaged`` means "the index files are bad": the engine raises it for I/O
and decoding failures alone, so a bug in our own code (a KeyError, an IndexError…)
propagates as the bug it is instead of being told to the user as damage.
"""

from __future__ import annotations


class IndexCancelled(Exception):
    """Indexing was cancelled; what was committed before stays and is resumed next time."""


class IndexDamaged(Exception):
    """Reading the index files failed: truncated, missing or garbled data.

    The message is the underlying failure in one line; ``deleted``: the index folder
    was removed while it was open.
    """

    def __init__(self, reason: str, *, deleted: bool = False) -> None:
        super().__init__(reason)
        self.deleted = deleted


class EngineUnsupported(Exception):
    """The installed whoosh is not the one the engine's hooks were written for.

    Its message is one line for the user, naming the version or the missing hook.
    """
