"""A cancel event set by a progress callback once so many items are done: how the
tests interrupt a build part-way, as a user's Ctrl-C or "Stop indexing" would."""

from __future__ import annotations

import threading
from collections.abc import Callable


def cancel_after(count: int) -> tuple[threading.Event, Callable[[int, int], None]]:
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == count:
            cancel.set()

    return cancel, progress
