"""Moving the global files of earlier versions into the collections they belong to.

Before collections, one ``bookmarks.yaml``, ``state.yaml`` (data dir) and
``overlay.yaml`` (config dir) served every folder, so a second folder showed the
first one's bookmarks as orphans and its corrections as "no such entity now". Now:

- a bookmark goes to the collection that has its article; those no collection has
  yet stay in the old ``bookmarks.yaml``, are listed by ``bookmarks list
  --all-collections``, and move when a folder with their article is opened;
- reading positions go to the collection of the folder they were kept for (the old
  file keyed them by path); the search history is given to each collection migrated;
- a correction goes to each collection whose articles mention the entity's name.

The first time, the migration looks at the folder being opened, every folder the old
state file names, and the bundled articles. Nothing is lost: the first thing done is
a copy of each old file (``….pre-collections``); the old overlay and state files are
then renamed ``….migrated``. Moving bookmarks is idempotent (by id), so a crash midway
is mended by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .collection import Collection, Collections, exclusive_lock, now_iso, with_notices
from .paths import DataPaths, bundled_seeds

KEPT_SUFFIX = ".pre-collections"
DONE_SUFFIX = ".migrated"


def folder_ids(root: Path) -> list[str]:
    """The article ids of a folder, from its file names alone (no file is read)."""
    from .corpus.scan import scan_folder

    files, _ = scan_folder(root)
    return [path.stem for path in files]


def legacy_files(paths: DataPaths) -> list[Path]:
    """The old global files still to be migrated."""
    return [p for p in (paths.bookmarks_file, paths.state_file, paths.overlay_file) if p.exists()]


def open_collection(
    paths: DataPaths, root: str | os.PathLike[str], ids: Iterable[str] | None = None
) -> Collection:
    """The collection of ``root``, registered, with any old global data migrated into it.

    Without ``ids`` the folder's file names are listed when they are needed (a new
    folder that may be a moved one, or data to migrate).
    """
    root = Path(root).expanduser().resolve()
    collections = Collections(paths)
    pending = legacy_files(paths)
    if ids is None and (pending or collections.needs_ids(root)):
        ids = folder_ids(root)
    id_set = set(ids) if ids is not None else None
    collection = collections.open(root, id_set)
    if collections.broken:
        collection = with_notices(collection, collections.broken)
    if pending and id_set is not None:
        collection = migrate(paths, collections, collection, id_set)
    return collection


@dataclass
class _Target:
    collection: Collection
    ids: set[str]
    bookmarks: int = 0
    positions: int = 0
    corrections: int = 0
    notices: list[str] = field(default_factory=list)


def migrate(
    paths: DataPaths, collections: Collections, current: Collection, ids: set[str]
) -> Collection:
    """Move what the old global files hold for ``current`` (and, the first time, for
    the other folders they name) into those collections; returns ``current`` with a
    line for the user saying what moved."""
    with exclusive_lock(paths.data / "migrate.lock"):
        first = not collections.legacy()
        targets = [_Target(current, ids)]
        if first:
            targets += _other_targets(paths, collections, current)
        left = _move_bookmarks(paths, targets)
        _move_state(paths, targets)
        _move_overlay(paths, targets)
        if first:
            collections.set_legacy({"migrated": now_iso(), "bookmarks_left": left})
    mine = targets[0]
    return with_notices(current, *mine.notices, _summary(mine, left if first else 0, targets[1:]))


def _other_targets(
    paths: DataPaths, collections: Collections, current: Collection
) -> list[_Target]:
    """The other folders the old files were used with: those in the old state file
    (it kept positions by folder path) and the bundled articles."""
    from .state import ReadingState

    folders: list[Path] = []
    if paths.state_file.exists():
        old, _ = ReadingState.load(paths.state_file)
        folders += [Path(key) for key in old.corpora]
    folders.append(bundled_seeds())
    targets: list[_Target] = []
    seen = {current.root}
    for folder in folders:
        with contextlib.suppress(OSError):
            folder = folder.resolve()
            if folder in seen or not folder.is_dir():
                continue
            seen.add(folder)
            ids = set(folder_ids(folder))
            targets.append(_Target(collections.open(folder, ids), ids))
    return targets


def _keep_original(path: Path) -> None:
    """A copy of an old file as it was, made once before anything changes it."""
    kept = path.with_name(path.name + KEPT_SUFFIX)
    if not kept.exists():
        shutil.copy2(path, kept)


def _move_bookmarks(paths: DataPaths, targets: list[_Target]) -> int:
    """Each old bookmark into the first target with its article; returns how many are left."""
    from .bookmarks import BookmarkError, BookmarkStore

    legacy = paths.bookmarks_file
    if not legacy.exists():
        return 0
    old = BookmarkStore.open(legacy)
    if old.notices or not old.writable:  # unreadable: the store has kept it aside and said so
        targets[0].notices.extend(old.notices)
        return len(old)
    try:
        _keep_original(legacy)
        remaining = list(old.bookmarks)
        for target in targets:
            mine = [b for b in remaining if b.article in target.ids]
            if not mine:
                continue
            BookmarkStore.open(target.collection.bookmarks_file).take_in(mine)
            target.bookmarks = len(mine)
            moved = {b.id for b in mine}
            old.give_away(moved)
            remaining = [b for b in remaining if b.id not in moved]
        if not remaining:
            legacy.rename(legacy.with_name(legacy.name + DONE_SUFFIX))
    except (OSError, BookmarkError) as error:
        targets[0].notices.append(f"the old bookmarks file {legacy} was not migrated: {error}")
    return len(old)


def _move_state(paths: DataPaths, targets: list[_Target]) -> None:
    from .state import ReadingState

    legacy = paths.state_file
    if not legacy.exists():
        return
    old, problems = ReadingState.load(legacy)
    if problems:
        targets[0].notices.extend(problems)
        return
    for target in targets:
        entry = old.corpora.get(str(target.collection.root))
        if entry is None and target is not targets[0]:
            continue
        state, problems = ReadingState.load(target.collection.state_file)
        if problems:
            target.notices.extend(problems)
            continue
        key = target.collection.id
        for article, paragraph in entry.positions.items() if entry else ():
            if state.position(key, article) is None:
                state.set_position(key, article, paragraph)
                target.positions += 1
        if entry is not None and entry.last and state.corpora.get(key):
            state.corpora[key].last = entry.last
        for query in old.history:
            if query not in state.history:
                state.history.append(query)
        problem = state.save()
        if problem:
            target.notices.append(problem)
            return
    _retire(legacy)


def _move_overlay(paths: DataPaths, targets: list[_Target]) -> None:
    from .entities import Overlay, OverlayError

    legacy = paths.overlay_file
    if not legacy.exists():
        return
    old = Overlay.load(legacy)
    if old.error is not None:
        targets[0].notices.append(old.error)
        return
    for target in targets:
        names = {op: _names(op.name, op.to_name, op.entity) for op in old.operations}
        found = _mentioned(target.collection.root, {n for ns in names.values() for n in ns})
        ops = [op for op in old.operations if names[op] & found]
        if not ops:
            continue
        overlay = Overlay.load(target.collection.overlay_file)
        new = [op for op in ops if op not in overlay.operations]
        try:
            overlay.append(*new)
        except OverlayError as error:
            target.notices.append(str(error))
            return
        target.corrections = len(new)
    _retire(legacy)


def _names(*values: str) -> set[str]:
    """The names an operation is about, as they could appear in the text."""
    out = set()
    for value in values:
        if ":" in value:  # an entity id: person:aleksei-kotov
            value = value.split(":", 1)[1].replace("-", " ")
        value = " ".join(value.split()).casefold()
        if len(value) >= 2:
            out.add(value)
    return out


def _mentioned(root: Path, names: set[str]) -> set[str]:
    """Which of ``names`` occur in the folder's files (read as text, case-blind)."""
    from .corpus.scan import scan_folder

    if not names:
        return set()
    found: set[str] = set()
    files, _ = scan_folder(root)
    for path in files:
        with contextlib.suppress(OSError):
            text = " ".join(path.read_bytes().decode("utf-8", "replace").split()).casefold()
            found |= {name for name in names - found if name in text}
            if found == names:
                break
    return found


def _retire(path: Path) -> None:
    """The old file, done with: kept beside as ``….migrated``, never deleted."""
    with contextlib.suppress(OSError):
        _keep_original(path)
        path.rename(path.with_name(path.name + DONE_SUFFIX))


def _summary(mine: _Target, left: int, others: list[_Target]) -> str:
    """What moved, for the user; ``left`` (the unclaimed bookmarks) is said the first time."""
    parts = []
    if mine.bookmarks:
        parts.append(f"{mine.bookmarks} bookmark{'s' if mine.bookmarks != 1 else ''}")
    if mine.corrections:
        parts.append(f"{mine.corrections} entity correction{'s' if mine.corrections != 1 else ''}")
    if mine.positions:
        parts.append(f"{mine.positions} reading position{'s' if mine.positions != 1 else ''}")
    elsewhere = sum(t.bookmarks for t in others)
    if not parts and not elsewhere and not left:
        return ""
    line = "From the old global files: " + (", ".join(parts) or "nothing") + " moved here"
    if elsewhere:
        line += f"; {elsewhere} bookmark(s) to their own folders' collections"
    if left:
        line += (
            f"; {left} bookmark(s) of articles in no known folder are kept "
            "(kzreader bookmarks list --all-collections)"
        )
    return line
