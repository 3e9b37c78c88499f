"""Finding the article files of a folder, and giving each a unique, stable id.

The walk is iterative (a tree a thousand folders deep is no RecursionError), skips
hidden entries, never follows linked folders (a link loop cannot trap it), and
leaves out linked files that point outside the folder unless asked. A file name may
hold anything a file system allows (invalid UTF-8, a newline, escape sequences):
the real name is kept for opening it; what is shown and used as the id is a clean
form of it, made unique with a short hash of the real name when cleaning lost
something, so two names that clean up alike never hide each other.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..text import strip_controls
from .formats import SUFFIXES


@dataclass(frozen=True, slots=True)
class LoadIssue:
    """Something about one file that the user should hear about, once."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Found:
    """One article file: its real relative path (for opening) and its clean one (to show)."""

    real: str  # may hold surrogate escapes (invalid UTF-8) or control characters
    shown: str
    entry: os.DirEntry[str]


def scan_folder(root: Path) -> tuple[list[Path], list[LoadIssue]]:
    """Article files under ``root``, recursively, in a stable order."""
    found, issues = scan(root)
    return [Path(item.entry.path) for item in found], issues


def scan(root: Path, *, outside_links: bool = False) -> tuple[list[Found], list[LoadIssue]]:
    """Every article file under ``root`` (resolved), in os.walk's order: a folder's
    files before its subfolders, each level sorted by name.

    ``os.scandir`` knows each entry's type without a system call, and relative paths
    are built as strings: at 50,000 files ``Path.relative_to`` and a second ``stat``
    per file were most of the cost of opening a corpus.
    """
    found: list[Found] = []
    issues: list[LoadIssue] = []
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            where = shown_path(prefix.rstrip("/")) or "."
            issues.append(LoadIssue(where, f"skipped: cannot be read ({error.strerror})"))
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, rel + "/"))
                    continue
                if os.path.splitext(name)[1].lower() not in SUFFIXES:
                    continue
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not outside_links and not Path(target).is_relative_to(root):
                        issues.append(
                            LoadIssue(
                                shown_path(rel),
                                "skipped: a link to a file outside the folder "
                                f"({shown_path(target)}); allow it with --follow-outside-links",
                            )
                        )
                        continue
                    if os.path.isdir(target):
                        continue
                found.append(Found(rel, shown_path(rel), entry))
            except OSError:
                continue
        stack.extend(reversed(subfolders))
    return found, issues


def shown_path(rel: str) -> str:
    """A path as text that is safe to show and tells odd names apart: bytes that are not
    UTF-8 and control characters written as escapes (``\\xff``, ``\\x1b[0m``, ``\\n``)."""
    if rel.isascii() and rel.isprintable():
        return rel
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


#: What a terminal could act on: C0/C1 controls, DEL, bidi embeddings and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_id(stem: str) -> str:
    """An article id from a file name: no control characters, no line breaks, valid UTF-8."""
    if stem.isascii() and stem.isprintable() and stem.strip() == stem and "  " not in stem:
        return stem or "_"
    stem = stem.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return " ".join(strip_controls(stem.replace("\n", " ").replace("\t", " ")).split()) or "_"


def _lossless(stem: str, clean: str) -> bool:
    """Whether the clean id still tells the name apart (only spacing was tidied)."""
    return " ".join(stem.split()) == clean and stem.isprintable()


def _tag(real: str) -> str:
    return hashlib.blake2s(os.fsencode(real), digest_size=3).hexdigest()


def assign_ids(found: list[Found]) -> tuple[dict[str, Found], list[LoadIssue]]:
    """A unique id for each file; every file gets one, and renamed ones are named.

    The id is the file's stem, cleaned. A name that cleaning changed (invalid UTF-8,
    control characters, a line break) and that another file's id would equal gets a
    short hash of its real path added, so neither hides the other and the id does
    not depend on which file the scan met first. When two files still share an id
    (``a/x.txt`` and ``b/x.txt``), the later one is known by its path.
    """
    stems = []
    for item in found:
        name = os.path.basename(item.real)
        stems.append(name[: len(name) - len(os.path.splitext(name)[1])])
    cleaned = [safe_id(stem) for stem in stems]
    claims = Counter(cleaned)
    ids: dict[str, Found] = {}
    issues: list[LoadIssue] = []
    for item, stem, clean in zip(found, stems, cleaned, strict=True):
        lossy = not _lossless(stem, clean)
        article_id = f"{clean}~{_tag(item.real)}" if lossy and claims[clean] > 1 else clean
        if article_id in ids:
            rel_stem = item.real.rsplit(".", 1)[0]
            article_id = safe_id(rel_stem)
            if article_id in ids or not _lossless(rel_stem, article_id):
                article_id = f"{safe_id(rel_stem)}~{_tag(item.real)}"
        if article_id != clean:
            issues.append(
                LoadIssue(
                    item.shown, f"another file is also called {clean!r}; id is {article_id!r}"
                )
            )
        ids[article_id] = item
    return ids, issues
