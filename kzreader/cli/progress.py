"""Progress of long work (indexing, finding entities): a bar on a terminal, lines otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Report = Callable[[int, int], None]
LINES_FROM = 200  # articles: less is over too soon to be worth a line in a log


@contextmanager
def progress(stream: TextIO, label: str, *, lines: bool = True) -> Iterator[Report]:
    """A ``(done, total)`` callback drawing a bar on ``stream`` if it is a terminal.

    Elsewhere (a log, a pipe) a line per tenth of a large piece of work, and nothing
    without ``lines``: the output of ``search --json`` in a script carries no progress.
    """
    if stream.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        # The bar moves the cursor (sequences the sanitising stream would show, not
        # obey); it prints only our fixed label, so it draws on the stream beneath.
        console = Console(file=getattr(stream, "raw", stream), markup=False, highlight=False)
        with Progress(
            TextColumn(label, markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(label, total=None)
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    if not lines:
        yield lambda done, total: None
        return
    last = [-1]

    def plain(done: int, total: int) -> None:
        if total < LINES_FROM:
            return
        tenth = done * 10 // max(1, total)
        if tenth != last[0] or done == total:
            last[0] = tenth
            print(f"{label}: {done}/{total}", file=stream, flush=True)

    yield plain
