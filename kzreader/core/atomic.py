"""Reading and writing the user's own files: never blocking, never half-written.

The one way kzreader writes a file it may need again: a temporary file in the
same folder, flushed and fsynced, renamed over the target, then the folder
fsynced so the rename itself survives a power cut. A symlink is written
*through*: the temporary file goes beside the link's target and replaces the
target, so the link (a dotfiles repository, a synced folder) stays a link. A FIFO,
a device or a folder is never replaced: that is a :class:`SpecialFileError`.

The one way kzreader reads such a file (:func:`read_user_file`): refused before
``open()`` unless it is a regular file (a FIFO would block for ever), opened
without blocking in case it was swapped meanwhile, and read only up to a limit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path


class SpecialFileError(OSError):
    """The path is a FIFO, device, socket or folder: not read, not replaced."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(errno.EINVAL, f"{_kind(mode)}, not a regular file", str(path))


class FileTooLargeError(OSError):
    """The file is larger than the reader's limit: it was not read."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(
            errno.EFBIG,
            f"too large ({_size(size)}; at most {_size(limit)} is read)",
            str(path),
        )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: a symlink's final target, else ``path``.

    Raises SpecialFileError when that is anything but a regular file (or nothing yet).
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError:  # ELOOP, EACCES…: let the write itself say what is wrong
        return target
    if not stat.S_ISREG(mode):
        raise SpecialFileError(path, mode)
    return target


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` (through a symlink) with ``data`` atomically.

    Raises OSError (e.g. ENOSPC, EROFS), SpecialFileError for a FIFO or device.
    An existing file keeps its permissions; a new one is private to the user.
    """
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(OSError):
                os.fchmod(handle.fileno(), stat.S_IMODE(os.stat(target).st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_dir(target.parent)


def read_user_file_stat(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (at most ``limit``) and its stat, without blocking.

    Raises FileNotFoundError, SpecialFileError (a FIFO, device, folder — refused
    before open), FileTooLargeError, or another OSError.
    """
    path = Path(path)
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise SpecialFileError(path, mode)
    # O_NONBLOCK: should the file have become a FIFO since the stat, open() returns at
    # once and the fstat below refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SpecialFileError(path, info.st_mode)
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            raise FileTooLargeError(path, len(data), limit)
        return data, info
    finally:
        os.close(fd)


def read_user_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` (see :func:`read_user_file_stat`)."""
    return read_user_file_stat(path, limit)[0]


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def aside_path(path: Path, label: str = "broken") -> Path:
    """A free name beside ``path`` for keeping a file we must not overwrite.

    ``bookmarks.yaml`` → ``bookmarks.yaml.broken-20261121T134501Z`` (then ``-1``, ``-2``…).
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return candidate


def move_aside(path: Path, label: str = "broken") -> Path:
    """Rename the file at ``path`` (a symlink's target, the link staying) to a free
    name beside it (:func:`aside_path`); returns that name. Raises OSError."""
    target = write_target(path)
    aside = aside_path(target, label)
    os.rename(target, aside)
    fsync_dir(target.parent)
    return aside


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
