"""The bookmarks file: round trips, merge under a lock, atomic writes, bad files kept aside."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from bookmarks_helpers import mark
from hypothesis import given, settings
from hypothesis import strategies as st

from kzreader.core.bookmarks import (
    SCHEMA_VERSION,
    BookmarkError,
    BookmarkStore,
    StoreLocked,
    StoreReadOnly,
    StoreWriteError,
    UnknownBookmark,
    dump_document,
    parse_document,
)
from kzreader.core.bookmarks import store as store_module


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.yaml"


def _ids(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [entry["id"] for entry in data["bookmarks"]]


# -- round trips -------------------------------------------------------------------


def test_a_new_store_is_empty_and_writes_nothing(path: Path) -> None:
    store = BookmarkStore.open(path)
    assert store.bookmarks == ()
    assert store.notices == []
    assert store.writable
    assert not path.exists()


def test_added_bookmarks_survive_reopening(path: Path) -> None:
    store = BookmarkStore.open(path)
    first = store.add(mark("the first quote", note="why it matters", tags=("law", "courts")))
    second = store.add(mark("another: with # and ' quotes\"", paragraph=7))
    again = BookmarkStore.open(path)
    assert again.bookmarks == (first, second)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == SCHEMA_VERSION == 1
    assert [entry["id"] for entry in data["bookmarks"]] == [first.id, second.id]
    entry = data["bookmarks"][0]
    assert entry["quote"] == "the first quote"
    assert entry["tags"] == ["law", "courts"]
    assert entry["created"].endswith("Z")


def test_update_remove_and_restore(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzreader.core.bookmarks import model

    store = BookmarkStore.open(path)
    saved = store.add(mark("a passage", note="old"))
    monkeypatch.setattr(model, "now_iso", lambda: "2999-01-01T00:00:00Z")
    edited = store.update(saved.id, note="new note", tags=["#Law", "law", " courts "])
    assert (edited.note, edited.tags) == ("new note", ("Law", "courts"))
    assert edited.created == saved.created
    assert edited.updated > saved.updated
    removed = store.remove(saved.id)
    assert removed == edited
    assert BookmarkStore.open(path).bookmarks == ()
    restored = store.restore(removed)
    assert restored == edited
    assert BookmarkStore.open(path).bookmarks == (edited,)
    assert store.restore(removed) == edited  # twice is harmless
    assert len(BookmarkStore.open(path)) == 1


def test_unknown_ids_are_a_clear_error(path: Path) -> None:
    store = BookmarkStore.open(path)
    with pytest.raises(UnknownBookmark, match="no bookmark 'nope'"):
        store.remove("nope")
    with pytest.raises(UnknownBookmark):
        store.update("nope", note="x")
    assert not path.exists()


def test_an_id_already_taken_gets_a_new_one(path: Path) -> None:
    store = BookmarkStore.open(path)
    first = store.add(mark("one", id="abcdef12"))
    second = store.add(mark("two", id="abcdef12"))
    assert first.id == "abcdef12" != second.id
    assert len(second.id) == 8


@settings(max_examples=60, deadline=None)
@given(
    quote=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(
        lambda q: q.strip() == q and q
    ),
    note=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85")),
    tags=st.lists(st.text(st.characters(whitelist_categories=("L", "N")), min_size=1), max_size=4),
)
def test_any_text_round_trips_through_the_file_format(
    quote: str, note: str, tags: list[str]
) -> None:
    from kzreader.core.bookmarks.model import clean_note, normalize_tags

    original = mark(quote, note=clean_note(note), tags=normalize_tags(tags))
    _, parsed, _ = parse_document(dump_document([original]))
    assert parsed == (original,)


def test_unknown_keys_are_kept_when_writing(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        textwrap.dedent(
            """\
            version: 1
            colour: blue
            bookmarks:
            - id: aaaa0001
              article: A
              paragraph: 2
              quote: kept as it is
              created: 2025-01-02T03:04:05Z
              highlight: yellow
            """
        ),
        encoding="utf-8",
    )
    store = BookmarkStore.open(path)
    (old,) = store.bookmarks
    assert old.created == "2025-01-02T03:04:05Z"  # an unquoted timestamp, read as text
    assert (old.anchor.start, old.anchor.end, old.updated) == (0, 13, old.created)
    store.add(mark("new"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["colour"] == "blue"
    assert data["bookmarks"][0]["highlight"] == "yellow"


# -- merge under the lock --------------------------------------------------------------


def test_two_stores_on_one_file_merge_instead_of_overwriting(path: Path) -> None:
    one, two = BookmarkStore.open(path), BookmarkStore.open(path)
    a = one.add(mark("from one"))
    b = two.add(mark("from two"))  # two never saw a: it must not drop it
    assert _ids(path) == [a.id, b.id]
    assert two.bookmarks == (a, b)
    one.update(a.id, note="edited in one")
    two.remove(b.id)
    assert [m.note for m in BookmarkStore.open(path).bookmarks] == ["edited in one"]


def test_editing_a_bookmark_removed_elsewhere_fails_cleanly(path: Path) -> None:
    one, two = BookmarkStore.open(path), BookmarkStore.open(path)
    a = one.add(mark("soon gone"))
    two.load()
    one.remove(a.id)
    with pytest.raises(UnknownBookmark, match="removed elsewhere"):
        two.update(a.id, note="too late")
    assert two.bookmarks == ()  # it now shows what is on disk


def test_changes_by_another_process_are_noticed(path: Path) -> None:
    one, two = BookmarkStore.open(path), BookmarkStore.open(path)
    assert not two.reload_if_changed()
    one.add(mark("new elsewhere"))
    assert two.changed_on_disk()
    assert two.reload_if_changed()
    assert len(two) == 1
    assert not two.changed_on_disk()


def test_a_lock_held_too_long_is_a_clear_error(path: Path) -> None:
    import fcntl

    store = BookmarkStore.open(path, lock_timeout=0.2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(store.lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreLocked, match="locked"):
            store.add(mark("blocked"))
    store.add(mark("free again"))
    assert len(BookmarkStore.open(path)) == 1


# -- failures: nothing half-written, memory consistent ---------------------------------


def test_a_failed_rename_leaves_the_old_file_whole(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BookmarkStore.open(path)
    keep = store.add(mark("already saved"))
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StoreWriteError) as caught:
        store.add(mark("never saved"))
    monkeypatch.undo()
    assert "Input/output error" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    assert store.bookmarks == (keep,)
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "bookmarks.yaml",
        "bookmarks.yaml.bak",
        "bookmarks.yaml.lock",
    ]


def test_a_full_disk_is_a_clear_error_and_changes_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BookmarkStore.open(path)
    keep = store.add(mark("already saved"))
    before = path.read_bytes()

    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module, "atomic_write_bytes", full)
    with pytest.raises(StoreWriteError, match="No space left on device; nothing was changed"):
        store.update(keep.id, note="lost?")
    assert path.read_bytes() == before
    assert store.bookmarks == (keep,)


def test_a_read_only_folder_is_a_clear_error(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only(file: str | os.PathLike[str], flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    store = BookmarkStore.open(path)
    with pytest.raises(StoreWriteError, match="Read-only file system") as caught:
        store.add(mark("cannot"))
    assert str(caught.value).count("\n") == 0
    assert store.bookmarks == ()


def test_a_bad_file_in_a_read_only_folder_is_left_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("bookmarks: [oops\n", encoding="utf-8")
    real_open = os.open

    def read_only(file: str | os.PathLike[str], flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    store = BookmarkStore.open(path)
    (notice,) = store.notices
    assert "cannot be moved aside (Read-only file system); bookmarks are read-only" in notice
    assert not store.writable
    assert path.read_text(encoding="utf-8") == "bookmarks: [oops\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_really_read_only_folder(path: Path) -> None:
    store = BookmarkStore.open(path)
    saved = store.add(mark("kept"))
    path.parent.chmod(0o555)
    try:
        with pytest.raises(StoreWriteError):
            store.add(mark("refused"))
        assert store.bookmarks == (saved,)
        assert BookmarkStore.open(path).bookmarks == (saved,)
    finally:
        path.parent.chmod(0o755)


def test_leftover_temporary_files_are_cleaned_up(path: Path) -> None:
    store = BookmarkStore.open(path)
    store.add(mark("one"))
    stale = path.parent / ".bookmarks.yaml.abc123.tmp"
    stale.write_text("half a fi", encoding="utf-8")
    store.add(mark("two"))
    assert not stale.exists()


# -- files we cannot read ---------------------------------------------------------------

BAD_FILES = {
    "bad YAML": "version: 1\nbookmarks:\n  - id: x\n   article: [unclosed\n",
    "python tag": "!!python/object/apply:os.system ['touch {pwned}']\n",
    "not a mapping": "- just\n- a list\n",
    "bookmarks not a list": "version: 1\nbookmarks: many\n",
    "paragraph not a number": (
        "version: 1\nbookmarks:\n- {id: a1, article: A, paragraph: two, quote: q}\n"
    ),
    "missing quote": "version: 1\nbookmarks:\n- {id: a1, article: A, paragraph: 2}\n",
    "version not a number": "version: one\nbookmarks: []\n",
    "not UTF-8": b"version: 1\nbookmarks:\n- {id: a1, article: A, paragraph: 2, quote: \xff}\n",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_an_unreadable_file_is_moved_aside_never_overwritten(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True)
    pwned = path.parent / "pwned"
    content = BAD_FILES[kind]
    data = (
        content if isinstance(content, bytes) else content.replace("{pwned}", str(pwned)).encode()
    )
    path.write_bytes(data)

    store = BookmarkStore.open(path)
    assert store.bookmarks == ()
    assert store.writable
    (notice,) = store.notices
    aside = store.moved_aside
    assert aside is not None
    assert aside.name.startswith("bookmarks.yaml.broken-")
    assert str(aside) in notice
    assert "\n" not in notice
    assert aside.read_bytes() == data
    assert not path.exists()
    assert not pwned.exists()  # safe_load only: nothing was executed

    saved = store.add(mark("a fresh start"))
    assert BookmarkStore.open(path).bookmarks == (saved,)
    assert aside.read_bytes() == data


def test_a_file_broken_while_running_is_moved_aside_by_the_next_save(path: Path) -> None:
    store = BookmarkStore.open(path)
    first = store.add(mark("before"))
    assert store.take_notices() == []
    path.write_text("bookmarks: [broken by hand\n", encoding="utf-8")
    second = store.add(mark("after"))
    (notice,) = store.take_notices()
    assert "moved it to" in notice and "a backup of the last good file" in notice
    assert store.take_notices() == []
    assert store.moved_aside is not None
    assert store.moved_aside.read_text(encoding="utf-8") == "bookmarks: [broken by hand\n"
    assert store.bookmarks == (second,)
    assert store.restore_backup() == 1
    assert {m.id for m in BookmarkStore.open(path)} == {first.id, second.id}


def test_an_empty_file_is_just_empty(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("", encoding="utf-8")
    store = BookmarkStore.open(path)
    assert (store.bookmarks, store.notices, store.moved_aside) == ((), [], None)
    assert path.exists()


def test_the_last_good_file_is_offered_and_can_be_restored(path: Path) -> None:
    store = BookmarkStore.open(path)
    old = [store.add(mark(f"old {n}")) for n in range(3)]
    assert store.backup_path.read_bytes() == path.read_bytes()
    path.write_text("version: 1\nbookmarks: [oops\n", encoding="utf-8")  # a bad hand edit

    store = BookmarkStore.open(path)
    assert store.bookmarks == ()
    offered = store.offered_backup
    assert offered is not None and offered.exists()
    assert str(offered) in store.notices[0]
    # Saving on regardless rotates bookmarks.yaml.bak, but the offered copy stays.
    new = [store.add(mark(f"new {n}")) for n in range(2)]
    assert store.restore_backup() == 3
    assert {m.id for m in BookmarkStore.open(path)} == {m.id for m in old + new}
    assert store.offered_backup is None
    assert store.restore_backup() == 0  # the .bak now holds all of them: nothing to add


def test_the_offer_outlives_the_process_until_restored_or_declined(path: Path) -> None:
    store = BookmarkStore.open(path)
    old = store.add(mark("old"))
    path.write_text("{{{", encoding="utf-8")
    first = BookmarkStore.open(path)
    pinned = first.offered_backup
    assert pinned is not None and pinned.name.endswith(".bak")
    new = first.add(mark("new"))

    later = BookmarkStore.open(path)  # another session: no notice, the offer stands
    assert later.notices == []
    assert later.offered_backup == pinned
    assert later.restore_backup() == 1
    assert {m.id for m in later} == {old.id, new.id}
    assert not pinned.exists()
    assert pinned.with_name(pinned.name + ".restored").exists()
    assert BookmarkStore.open(path).offered_backup is None

    path.write_text("[", encoding="utf-8")
    broken = BookmarkStore.open(path)
    assert broken.offered_backup is not None
    broken.dismiss_backup()
    assert broken.offered_backup is None
    assert BookmarkStore.open(path).offered_backup is None
    assert len(list(path.parent.glob("*.declined"))) == 1


def test_restoring_from_a_missing_or_bad_backup_fails_cleanly(path: Path) -> None:
    store = BookmarkStore.open(path)
    with pytest.raises(BookmarkError, match="no such backup"):
        store.restore_backup()
    bad = path.parent / "bad.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("bookmarks: 3\n", encoding="utf-8")
    with pytest.raises(BookmarkError, match="must be a list"):
        store.restore_backup(bad)
    assert not path.exists()


def test_a_newer_version_is_shown_but_never_written(path: Path) -> None:
    path.parent.mkdir(parents=True)
    text = (
        "version: 2\nsomething_new: true\nbookmarks:\n"
        "- {id: a1, article: A, paragraph: 2, quote: still readable}\n"
    )
    path.write_text(text, encoding="utf-8")
    store = BookmarkStore.open(path)
    assert not store.writable
    assert [m.quote for m in store.bookmarks] == ["still readable"]
    (notice,) = store.notices
    assert "newer kzreader (schema version 2" in notice
    for change in (
        lambda: store.add(mark("no")),
        lambda: store.remove("a1"),
        lambda: store.update("a1", note="no"),
    ):
        with pytest.raises(StoreReadOnly, match="read-only"):
            change()
    assert path.read_text(encoding="utf-8") == text
    assert store.moved_aside is None


def test_a_newer_version_in_a_shape_we_cannot_read_is_left_alone(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("version: 3\nbookmarks: {by_article: {}}\n", encoding="utf-8")
    store = BookmarkStore.open(path)
    assert store.bookmarks == ()
    assert not store.writable
    assert path.exists() and store.moved_aside is None


# -- processes: crashes and concurrency ----------------------------------------------------

WRITER = """\
import sys
from kzreader.core.bookmarks import Anchor, Bookmark, BookmarkStore, new_id, now_iso

store = BookmarkStore(sys.argv[1])
tag, count = sys.argv[2], int(sys.argv[3])
for n in range(count):
    when = now_iso()
    quote = f"passage {n} from {tag}"
    mark = Bookmark(new_id(), Anchor("A", 1, 0, len(quote), quote), f"note {n}", (tag,), when, when)
    print(store.add(mark).id, flush=True)
"""


def _writer(tmp_path: Path, path: Path, tag: str, count: int) -> subprocess.Popen[bytes]:
    script = tmp_path / "writer.py"
    if not script.exists():
        script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _acknowledged(output: bytes) -> list[str]:
    """Ids the writer printed in full (a line cut short by the kill does not count)."""
    return output.decode("ascii").split("\n")[:-1]


def _crash_many_times(tmp_path: Path, rounds: int, seed: int) -> tuple[int, int]:
    path = tmp_path / "bookmarks.yaml"
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    mid_write = 0
    for round_ in range(rounds):
        writer = _writer(tmp_path, path, f"r{round_}", 1_000_000)
        assert writer.stdout is not None
        first = writer.stdout.readline()
        assert first, writer.stderr.read().decode() if writer.stderr else "writer died"
        time.sleep(rng.uniform(0.0, 0.12))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        acknowledged.update(_acknowledged(first + rest))
        if list(tmp_path.glob(".bookmarks.yaml.*.tmp")):
            mid_write += 1
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # always parses
        assert data["version"] == 1
        on_disk = [entry["id"] for entry in data["bookmarks"]]
        assert len(on_disk) == len(set(on_disk))
        missing = acknowledged - set(on_disk)
        assert not missing, f"round {round_}: acknowledged but lost: {sorted(missing)}"
        _, marks, _ = parse_document(path.read_text(encoding="utf-8"))
        assert len(marks) == len(on_disk)
    return len(acknowledged), mid_write


def test_killing_a_writer_at_random_moments_never_loses_an_acknowledged_bookmark(
    tmp_path: Path,
) -> None:
    saved, _ = _crash_many_times(tmp_path, rounds=12, seed=1)
    assert saved > 12


@pytest.mark.slow
def test_killing_a_writer_hundreds_of_times(tmp_path: Path) -> None:
    saved, mid_write = _crash_many_times(tmp_path, rounds=200, seed=2)
    assert saved > 200
    assert mid_write > 0  # some kills really did land in the middle of a write


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    writers = [_writer(tmp_path, path, tag, 50) for tag in ("one", "two")]
    printed: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err.decode()
        printed += _acknowledged(out)
    assert len(printed) == len(set(printed)) == 100
    assert sorted(_ids(path)) == sorted(printed)
    tags = [m.tags[0] for m in BookmarkStore.open(path).bookmarks]
    assert tags.count("one") == tags.count("two") == 50
