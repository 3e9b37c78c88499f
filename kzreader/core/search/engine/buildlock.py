"""Who holds the index's write lock, and what a killed build leaves behind.

whoosh's write lock is an ``flock`` on ``MAIN_WRITELOCK``, and its indexing processes
are forked while the builder holds it, so each inherits the locked file descriptor.
``kill -9`` of ``kzreader index`` used to leave those processes waiting for work that
never came, holding the lock for ever: every later build was "read-only". Now:

- an indexing process closes its copy of the lock's descriptor first thing, and
  follows its parent (:func:`follow_parent`): Linux's parent-death signal, and
  elsewhere a thread that notices the parent is gone;
- the builder records itself (and each indexing process) in ``MAIN_WRITELOCK.owner``
  once it holds the lock (:func:`claim`); a later build that finds the lock held by a
  builder no longer alive ends what is left of that build (processes recorded with
  their start time, so a reused process id is never taken for one) and takes the
  lock over, with a message (:func:`take_over_stale`);
- a batch that failed (a full disk) leaves no partial segments (:func:`discard_partial`):
  they would keep the disk full, and the next bookmark save would fail too.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

LOCK_NAME = "MAIN_WRITELOCK"
OWNER_SUFFIX = ".owner"
#: How long a builder that just took the lock may take to record itself.
CLAIM_GRACE = 0.3
_PR_SET_PDEATHSIG = 1


def _owner_file(store: Path) -> Path:
    return Path(store) / (LOCK_NAME + OWNER_SUFFIX)


def _start_time(pid: int) -> str | None:
    """The kernel's start time of a process (Linux), to tell it from a reused pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its ')'.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _identity(pid: int) -> str:
    return f"{pid} {_start_time(pid) or '-'}"


def _alive(identity: str) -> bool:
    """Whether the process recorded as ``pid starttime`` still runs (the same one)."""
    pid_text, _, started = identity.partition(" ")
    try:
        pid = int(pid_text)
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True  # someone else's process: certainly not ours to judge
    now = _start_time(pid)
    return started in ("", "-") or now is None or now == started


def claim(store: Path, *, worker: int | None = None) -> None:
    """Record this process as the lock's holder (or add an indexing process it started)."""
    path = _owner_file(store)
    line = _identity(worker if worker is not None else os.getpid()) + "\n"
    try:
        if worker is None:
            path.write_text(line, encoding="ascii")
        else:
            with path.open("a", encoding="ascii") as handle:
                handle.write(line)
    except OSError:
        pass  # only the takeover of a stale lock needs it


def _recorded(store: Path) -> list[str]:
    try:
        text = _owner_file(store).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()][:64]


def take_over_stale(store: Path) -> str | None:
    """Make a lock held by a dead build free; a message saying so, or None if it is not stale.

    Stale means: the builder recorded as holding it no longer runs. What is left of
    it (indexing processes that still hold the lock) is ended, and the lock file is
    replaced by a fresh one, so the leftovers' lock no longer counts either way.
    """
    recorded = _recorded(store)
    if not recorded or _alive(recorded[0]):
        return None
    time.sleep(CLAIM_GRACE)  # a builder that took the lock a moment ago records itself now
    again = _recorded(store)
    if again[:1] != recorded[:1] or not again:
        return None
    ended = 0
    for worker in again[1:]:
        if _alive(worker):
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(worker.split()[0]), signal.SIGKILL)
                ended += 1
    with contextlib.suppress(OSError):
        (Path(store) / LOCK_NAME).unlink()
    with contextlib.suppress(OSError):
        _owner_file(store).unlink()
    pid = recorded[0].split()[0]
    left = f", ended {ended} indexing process{'es' if ended != 1 else ''} it left" if ended else ""
    return f"the index was locked by a build that is no longer running (pid {pid}){left}; took over"


def follow_parent(parent: int) -> None:
    """In an indexing process: end when ``parent`` (the builder) does, however it ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)

    def watch() -> None:  # where there is no parent-death signal (and as a second net)
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def discard_partial(storage: object, store: Path) -> None:
    """After a failed batch (we still hold the lock): delete what it wrote but never committed.

    Segment files no table of contents lists, and the job files and temporary folders
    of whoosh's indexing processes.
    """
    from whoosh.index import TOC, clean_files

    with contextlib.suppress(Exception):
        toc = TOC.read(storage, "MAIN")
        clean_files(storage, "MAIN", toc.generation, toc.segments)
    with contextlib.suppress(OSError):
        for entry in Path(store).iterdir():
            if entry.name.endswith(".doclist"):
                entry.unlink(missing_ok=True)
            elif entry.name.endswith(".tmp") and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
