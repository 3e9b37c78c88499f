"""The bookmarks shelf, kept off the UI thread: every read and write runs in a worker.

A ``Shelf`` is used by one thread at a time, and the user's edits must land in the
order they were made (delete, then undo). So each job takes a ticket and waits its
turn; when it is done it posts a ``ShelfDone`` with a snapshot of every placed
bookmark, which the UI shows instead of asking the shelf again (no thread ever reads
the shelf while another writes it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from textual.message import Message

from ..core.bookmarks import AnchorError, BookmarkError, Placed, Shelf

Job = Callable[[Shelf], Any]


@dataclass
class ShelfDone(Message):
    """A shelf job finished: the result (or a one-line error) and the bookmarks as they are now."""

    result: Any
    error: str | None
    placed: list[Placed] | None  # None: the shelf is not open
    notices: list[str] = field(default_factory=list)
    then: Callable[[Any], None] | None = None
    writable: bool = True
    offered_backup: str | None = None


class ShelfHost(Protocol):
    """Where the keeper's jobs run and their ``ShelfDone`` messages go (the main screen)."""

    def post_message(self, message: Message) -> bool: ...

    def run_in_thread(
        self, work: Callable[[], object], *, group: str, name: str, exclusive: bool = True
    ) -> None: ...


class ShelfKeeper:
    """Runs shelf jobs one at a time, in the order given, in thread workers.

    ``host`` receives a ``ShelfDone`` per job (on its own thread, in order).
    """

    def __init__(self, host: ShelfHost) -> None:
        self.host = host
        self.shelf: Shelf | None = None
        self._turn = threading.Condition()
        self._issued = 0  # tickets handed out (UI thread only)
        self._serving = 0  # the ticket whose turn it is

    @property
    def busy(self) -> bool:
        return self._serving < self._issued

    def open(self, path: Any, corpus: Any, then: Callable[[Any], None] | None = None) -> None:
        """Open (or re-open) the shelf of ``path`` placed in ``corpus``."""

        def job(_: Shelf | None) -> int:
            self.shelf = Shelf.open(path, corpus)
            return len(self.shelf)

        self._submit(job, then, needs_shelf=False)

    def run(self, job: Job, then: Callable[[Any], None] | None = None) -> None:
        """Run ``job(shelf)`` after every job submitted before it; ``then(result)`` on success."""
        self._submit(job, then, needs_shelf=True)

    def _submit(self, job: Callable[..., Any], then: Any, *, needs_shelf: bool) -> None:
        ticket = self._issued
        self._issued += 1

        def work() -> None:
            with self._turn:
                self._turn.wait_for(lambda: self._serving == ticket)
            try:
                self.host.post_message(self._perform(job, then, needs_shelf=needs_shelf))
            finally:
                with self._turn:
                    self._serving += 1
                    self._turn.notify_all()

        # Not exclusive: every job waits for its turn, none replaces another.
        self.host.run_in_thread(work, group="bookmarks", name="bookmarks", exclusive=False)

    def _perform(self, job: Callable[..., Any], then: Any, *, needs_shelf: bool) -> ShelfDone:
        shelf = self.shelf
        if needs_shelf and shelf is None:
            return ShelfDone(None, "bookmarks are still loading; try again in a moment", None)
        result: Any = None
        error: str | None = None
        try:
            result = job(shelf)
        except (BookmarkError, AnchorError) as problem:
            error = str(problem)
        except Exception as problem:  # a bug must not take the reader down
            error = f"{type(problem).__name__}: {problem}"
        shelf = self.shelf
        if shelf is None:
            return ShelfDone(result, error, None, then=then)
        try:
            placed = shelf.placed()
        except Exception as problem:
            placed = []
            error = error or f"cannot place the bookmarks: {type(problem).__name__}: {problem}"
        offered = shelf.offered_backup
        return ShelfDone(
            result,
            error,
            placed,
            shelf.take_notices(),
            then,
            writable=shelf.store.writable,
            offered_backup=str(offered) if offered is not None else None,
        )
