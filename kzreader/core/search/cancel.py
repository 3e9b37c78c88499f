"""Cancelling a search midway: a flag the matching loops poll, per thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Cancelled(Exception):
    """The search this evaluation is for was cancelled (see ``cancellable``)."""


class Cancel(Protocol):
    """A flag a long search polls (a ``threading.Event`` is one)."""

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
    """Raise Cancelled if the current search's flag is set."""
    cancel = _CANCEL.get()
    if cancel is not None and cancel.is_set():
        raise Cancelled()
