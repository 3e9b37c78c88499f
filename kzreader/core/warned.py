"""Warnings about files, shown once per unchanged file.

An empty file or one that is not UTF-8 is worth one warning, not one at every start.
Each collection remembers what it warned about (``Collection.warned_file``), keyed by
the file's path and message with its size and modification time: the warning comes
back only when the file changes (or the problem goes away and comes back).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import yaml

from .atomic import atomic_write_text

VERSION = 1


class FileIssue(Protocol):
    """What the corpus reports about a file: its path (relative to the folder) and why."""

    @property
    def path(self) -> str: ...

    @property
    def message(self) -> str: ...


Issue = TypeVar("Issue", bound=FileIssue)


def _stamp(root: Path, rel: str) -> list[int] | None:
    try:
        info = os.stat(root / rel)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns]


def _read(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # a memory of warnings: at worst they are shown again
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def unseen(issues: Sequence[Issue], root: Path, memory: Path) -> list[Issue]:
    """The issues not shown before for the file as it is now; remembers them all.

    Problems that are gone are forgotten, so a file that breaks again is reported.
    """
    before = _read(memory)
    now: dict[str, dict[str, object]] = {}
    fresh: list[Issue] = []
    for issue in issues:
        key = f"{issue.path}\n{issue.message}"
        stamp = _stamp(root, issue.path)
        entry = before.get(key)
        if not (isinstance(entry, dict) and entry.get("stamp") == stamp):
            fresh.append(issue)
        now[key] = {"stamp": stamp}
    if now != before:
        with contextlib.suppress(OSError):  # a convenience: failing costs a repeated warning
            body = yaml.safe_dump({"version": VERSION, "files": now}, allow_unicode=True)
            atomic_write_text(memory, body)
    return fresh
