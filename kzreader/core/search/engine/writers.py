"""whoosh's multiprocessing writer, made to end with the build (it reaches into
``MpWriter``'s tasks and queues, which is why it lives in the engine)."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from . import buildlock


class _IndexingProcess(SubWriterTask):
    """One of whoosh's indexing processes, deaf to Ctrl-C: the parent decides when to stop
    (each child would otherwise print a KeyboardInterrupt traceback in the terminal).

    It ends with its parent, however the parent ends (``kill -9`` included), and does
    not hold the parent's write lock (see ``buildlock``).
    """

    #: The builder's pid and its write lock's descriptor, set before the process starts.
    parent: int = 0
    lock_fd: int | None = None

    def run(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if hasattr(signal, "pthread_sigmask"):  # blocked by the parent until now (see below)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        if self.parent:
            buildlock.follow_parent(self.parent)
        if self.lock_fd is not None:  # inherited by fork: closing our copy keeps the lock
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        # A spawned process (macOS, Windows) imports afresh: the hooks are installed
        # again here, explicitly; in a forked one this finds them in place.
        from .hooks import install

        install()
        super().run()


class ParallelWriter(MpWriter):
    """whoosh's multiprocessing writer, whose processes end when the build is cancelled
    or the builder dies.

    whoosh's own ``cancel`` only flags its process objects in the parent, so the
    children went on waiting for work that never came.
    """

    def _new_task(self) -> SubWriterTask:
        task = _IndexingProcess(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.parent = os.getpid()
        task.lock_fd = getattr(self.writelock, "fd", None)
        self.tasks.append(task)
        # Started with Ctrl-C blocked, which the child inherits: one pressed before the
        # child has set it to be ignored would otherwise kill it with a traceback.
        # (A signal mask, not a handler: this may run in any thread.)
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            task.start()
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        folder = getattr(self.storage, "folder", None)
        if task.pid is not None and folder:
            buildlock.claim(Path(folder), worker=task.pid)
        return task

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join(timeout=5)
        finally:
            SegmentWriter.cancel(self)
