"""The user's own files, made hostile (issue 15, items 2, 4, 5, 8 and the poor list).

A symlink, a FIFO or a device where kzreader reads or writes a file; YAML that stands
for billions of values, nests a thousand deep or holds a 5,000-digit number, in every
file kzreader reads; a bookmarks file of 40 MB or with one id twice; empty folder
names; output to a closed pipe or a full disk. Each is run as a person would (the CLI
as a subprocess, limited to 2 GB of memory so a failure cannot take the machine
down), and must end quickly with a clear line and nothing lost.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from collection_files import collection_of

from kzreader.core.collection import Collection
from kzreader.core.paths import DataPaths

MEMORY_LIMIT = 2 << 30
SEEDS_ARTICLE = "001_3cd9964ab855c274"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def kz(
    *args: str, home: Path, timeout: float = 60, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KZREADER_HOME": str(home), "COLUMNS": "200"}
    env.pop("KZREADER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        timeout=timeout,
        check=False,
        preexec_fn=_limited,
    )


def python(code: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KZREADER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=env,
        timeout=timeout,
        check=False,
        preexec_fn=_limited,
    )


def one_clear_line(err: bytes) -> bool:
    text = err.decode("utf-8", "replace")
    return "Traceback" not in text and "internal error" not in text


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def files_of(home: Path, folder: Path | None = None) -> Collection:
    """Where the collection of ``folder`` (the bundled articles by default) keeps its
    bookmarks, overlay and state: the files the commands below read and write."""
    collection = collection_of(folder, home)
    collection.folder.mkdir(parents=True, exist_ok=True)
    return collection


def paths_of(home: Path) -> DataPaths:
    paths = DataPaths.resolve(home)
    for folder in (paths.data, paths.config, paths.themes_dir):
        folder.mkdir(parents=True, exist_ok=True)
    return paths


def add_bookmark(home: Path, note: str = "") -> subprocess.CompletedProcess[bytes]:
    return kz("bookmarks", "add", SEEDS_ARTICLE, "2", "--note", note, home=home)


# ------------------------------------------------------------------ FIFOs (item 8)


def test_fifo_as_bookmarks_file_is_refused_not_waited_on(home: Path) -> None:
    paths = files_of(home)
    os.mkfifo(paths.bookmarks_file)
    listed = kz("bookmarks", "list", home=home, timeout=30)
    assert one_clear_line(listed.stderr)
    assert b"named pipe" in listed.stderr
    assert b"could be read" in listed.stdout  # not "No bookmarks yet"
    added = add_bookmark(home)
    assert added.returncode == 1 and b"named pipe" in added.stderr  # never "saved"
    assert stat.S_ISFIFO(os.lstat(paths.bookmarks_file).st_mode)  # left as it was


def test_fifo_as_settings_file_is_refused(home: Path) -> None:
    paths = paths_of(home)
    os.mkfifo(paths.settings_file)
    done = kz("themes", home=home, timeout=30)
    assert done.returncode == 0 and b"named pipe" in done.stderr and b"kz-dark" in done.stdout


def test_fifo_as_overlay_file_is_refused(home: Path) -> None:
    paths = files_of(home)
    os.mkfifo(paths.overlay_file)
    done = kz("entities", "--json", home=home, timeout=60)
    assert done.returncode == 0 and b"named pipe" in done.stderr
    assert json.loads(done.stdout)["entities"]


def test_fifo_as_state_file_is_refused(home: Path) -> None:
    paths = files_of(home)
    os.mkfifo(paths.state_file)
    code = (
        "from kzreader.core.state import ReadingState;"
        f"state, warnings = ReadingState.load({str(paths.state_file)!r});"
        "print(warnings); print(state.save())"
    )
    done = python(code, home, timeout=30)
    assert done.returncode == 0, done.stderr
    assert b"named pipe" in done.stdout and b"not saved" in done.stdout
    assert stat.S_ISFIFO(os.lstat(paths.state_file).st_mode)


# ------------------------------------------------------------------ symlinks and specials (2)


def test_bookmarks_file_that_is_a_symlink_is_written_through(home: Path, tmp_path: Path) -> None:
    paths = files_of(home)
    real = tmp_path / "dotfiles" / "bookmarks.yaml"
    real.parent.mkdir()
    real.write_text("version: 1\nbookmarks: []\n", encoding="utf-8")
    paths.bookmarks_file.symlink_to(real)
    assert add_bookmark(home, "through the link").returncode == 0
    assert add_bookmark(home, "and again").returncode == 0
    assert paths.bookmarks_file.is_symlink()
    notes = [b["note"] for b in yaml.safe_load(real.read_text())["bookmarks"]]
    assert notes == ["through the link", "and again"]


def test_settings_state_and_overlay_symlinks_stay_links(home: Path, tmp_path: Path) -> None:
    paths = paths_of(home)
    real = tmp_path / "real"
    real.mkdir()
    for link in (paths.settings_file, paths.state_file, paths.overlay_file):
        (real / link.name).write_text("", encoding="utf-8")
        link.symlink_to(real / link.name)
    code = f"""
from kzreader.core.config import Settings, save_settings
from kzreader.core.entities.overlay import Overlay, OverlayOp
from kzreader.core.state import ReadingState
save_settings({str(paths.settings_file)!r}, Settings(theme="kz-paper"))
state, _ = ReadingState.load({str(paths.state_file)!r})
state.set_position("c", "a", 7)
assert state.save() is None
Overlay.load({str(paths.overlay_file)!r}).append(OverlayOp("hide", "person:x", "X"))
"""
    done = python(code, home)
    assert done.returncode == 0, done.stderr
    for link in (paths.settings_file, paths.state_file, paths.overlay_file):
        assert link.is_symlink(), link.name
    assert "kz-paper" in (real / "settings.yaml").read_text()
    assert "7" in (real / "state.yaml").read_text()
    assert "person:x" in (real / "overlay.yaml").read_text()


def test_export_through_a_symlink_writes_its_target(home: Path, tmp_path: Path) -> None:
    assert add_bookmark(home, "exported").returncode == 0
    target = tmp_path / "target.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "list.md"
    link.symlink_to(target)
    done = kz("bookmarks", "export", "-o", str(link), home=home)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and "exported" in target.read_text()


@pytest.mark.parametrize("kind", ["fifo", "folder", "symlink to a fifo"])
def test_export_never_replaces_a_special_file(home: Path, tmp_path: Path, kind: str) -> None:
    assert add_bookmark(home).returncode == 0
    special = tmp_path / "special"
    if kind == "folder":
        special.mkdir()
    else:
        os.mkfifo(special)
    out = special
    if kind.startswith("symlink"):
        out = tmp_path / "link"
        out.symlink_to(special)
    done = kz("bookmarks", "export", "-o", str(out), home=home, timeout=30)
    assert done.returncode == 1, done.stdout
    assert b"exported" not in done.stdout and b"not a regular file" in done.stderr
    mode = os.lstat(special).st_mode
    assert stat.S_ISDIR(mode) if kind == "folder" else stat.S_ISFIFO(mode)
    if kind.startswith("symlink"):
        assert out.is_symlink()


# ------------------------------------------------------------------ YAML (items 4, 5)


def bomb(levels: int = 9) -> tuple[str, str]:
    """A billion-laughs tree: (the anchors, the alias of its top)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n", f"*a{levels - 1}"


def nested(depth: int = 900) -> str:
    return "[" * depth + "]" * depth


HUGE = "9" * 5000
THEME = "\n".join(
    f"{key}: '#203040'"
    for key in (
        "primary", "secondary", "accent", "foreground", "background",
        "surface", "panel", "warning", "error", "success",
    )
)  # fmt: skip


def hostile_yaml(file: str, kind: str) -> str:
    """``file``'s YAML with ``kind`` where the old code expanded, recursed or converted."""
    anchors, top = bomb()
    value = {"bomb": top, "deep": nested(), "huge": HUGE}[kind]
    prefix = anchors if kind == "bomb" else ""
    return (
        prefix
        + {
            "settings": f"keymap:\n  kz.bookmark: {value}\nreader_width: {value}\n",
            "overlay": f"version: 1\noperations:\n- {{op: hide, entity: {value}}}\n",
            "bookmarks": (
                f"version: 1\nbookmarks:\n- {{id: {value}, article: a, paragraph: 1, quote: q}}\n"
            ),
            "state": f"version: 1\ncorpora:\n  c: {{last: {value}, positions: {{a: {value}}}}}\n",
            "theme": f"name: {value}\ndark: {value}\n{THEME}\n",
            "metadata": f"{SEEDS_ARTICLE}:\n  title: {value}\n  date: {value}\n",
        }[file]
    )


FILES = ["settings", "overlay", "bookmarks", "state", "theme", "metadata"]


@pytest.mark.parametrize("kind", ["bomb", "deep", "huge"])
@pytest.mark.parametrize("file", FILES)
def test_hostile_yaml_in_every_file_is_one_line_and_quick(
    file: str, kind: str, home: Path, tmp_path: Path
) -> None:
    paths = paths_of(home)
    text = hostile_yaml(file, kind)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{SEEDS_ARTICLE}.txt").write_text("A title\n\nTokayev in Almaty.\n")
    own = files_of(home, corpus)
    where = {
        "settings": paths.settings_file,
        "overlay": own.overlay_file,
        "bookmarks": own.bookmarks_file,
        "state": own.state_file,
        "theme": paths.themes_dir / "hostile.yaml",
        "metadata": corpus / "metadata.yaml",
    }[file]
    where.write_text(text, encoding="utf-8")
    if file == "state":
        code = (
            "from kzreader.core.state import ReadingState;"
            f"print(ReadingState.load({str(where)!r})[1])"
        )
        done = python(code, home)
        assert done.returncode == 0, done.stderr[-500:]
        assert b"state.yaml" in done.stdout
        return
    command = {
        "settings": ["themes", "--json"],
        "overlay": ["entities", "--json"],
        "bookmarks": ["bookmarks", "list", "--json"],
        "theme": ["themes", "--json"],
        "metadata": ["articles", "--json"],
    }[file]
    done = kz("--corpus", str(corpus), *command, home=home)
    assert done.returncode == 0, done.stderr[-500:]
    assert one_clear_line(done.stderr), done.stderr[-500:]
    shown = done.stderr + done.stdout
    assert where.name.encode() in shown  # the file is named in a message
    assert len(done.stderr) < 4000  # and the message does not expand the value
    data = json.loads(done.stdout)
    if file == "theme":  # one bad theme file costs nothing but itself
        names = {row["name"] for row in data["themes"]}
        assert {"kz-dark", "kz-paper", "kz-contrast", "kz-ansi", "kz-ansi-light"} <= names
        assert [e["path"] for e in data["errors"]] == [str(where)]


def test_aliases_that_add_little_are_still_fine(home: Path) -> None:
    paths = paths_of(home)
    colours = THEME.replace("primary: '#203040'", "primary: &blue '#203040'")
    colours = colours.replace("accent: '#203040'", "accent: *blue")
    (paths.themes_dir / "mine.yaml").write_text(f"name: mine\ndark: true\n{colours}\n")
    done = kz("themes", "--json", home=home)
    data = json.loads(done.stdout)
    assert "mine" in {row["name"] for row in data["themes"]} and not data["errors"]


# ------------------------------------------------------------------ bookmarks file (poor list)


def test_a_forty_megabyte_bookmarks_file_is_refused_quickly_and_kept(home: Path) -> None:
    paths = files_of(home)
    with paths.bookmarks_file.open("w", encoding="utf-8") as handle:
        handle.write("version: 1\nbookmarks: []\n")
        line = "# " + "x" * 1000 + "\n"
        for _ in range(40 * 1024):
            handle.write(line)
    size = paths.bookmarks_file.stat().st_size
    listed = kz("bookmarks", "list", home=home)
    assert listed.returncode == 0 and b"too large" in listed.stderr, listed.stderr
    added = add_bookmark(home)
    assert added.returncode == 1 and b"too large" in added.stderr
    assert paths.bookmarks_file.stat().st_size == size  # untouched, not moved aside
    assert not list(paths.folder.glob("bookmarks.yaml.broken-*"))


def test_one_repeated_bookmark_id_keeps_both(home: Path) -> None:
    paths = files_of(home)
    entry = {"article": SEEDS_ARTICLE, "paragraph": 2, "start": 0, "end": 5}
    paths.bookmarks_file.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "bookmarks": [
                    {"id": "a1", "quote": "first", "note": "one", **entry},
                    {"id": "a1", "quote": "second", "note": "two", **entry},
                    {"id": "b2", "quote": "third", "note": "three", **entry},
                ],
            }
        ),
        encoding="utf-8",
    )
    listed = kz("bookmarks", "list", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["bookmarks"]
    assert sorted(row["note"] for row in rows) == ["one", "three", "two"]
    ids = {row["note"]: row["id"] for row in rows}
    assert ids["one"] == "a1" and ids["two"] == "a1-2" and ids["three"] == "b2"
    assert b"a1-2" in listed.stderr  # said so
    assert not list(paths.folder.glob("bookmarks.yaml.broken-*"))  # nothing set aside
    removed = kz("bookmarks", "remove", "a1-2", home=home)  # the new id can be used at once
    assert removed.returncode == 0, removed.stderr
    notes = [b["note"] for b in yaml.safe_load(paths.bookmarks_file.read_text())["bookmarks"]]
    assert notes == ["one", "three"]


# ------------------------------------------------------------------ the command line (poor list)


@pytest.mark.parametrize(
    "args",
    [["--data-dir", "", "articles"], ["--corpus", "", "articles"], [""], ["--corpus", ""]],
    ids=["data-dir", "corpus", "app-dir", "app-corpus"],
)
def test_empty_folder_names_are_usage_errors(args: list[str], home: Path) -> None:
    done = kz(*args, home=home, timeout=30)
    assert done.returncode == 2, done.stderr
    assert b"empty" in done.stderr and one_clear_line(done.stderr)


PIPED = [
    ["articles"],
    ["articles", "--json"],
    ["search", "Almaty"],
    ["search", "--json", "Almaty"],
    ["bookmarks", "list"],
    ["bookmarks", "list", "--json"],
    ["bookmarks", "export"],
    ["themes"],
    ["entities"],
]


@pytest.fixture(scope="module")
def with_bookmarks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("piped")
    for paragraph in range(2, 12):
        kz("bookmarks", "add", SEEDS_ARTICLE, str(paragraph), "--note", "n" * 50, home=home)
    return home


@pytest.mark.parametrize("args", PIPED, ids=[" ".join(a) for a in PIPED])
def test_output_to_a_closed_pipe_exits_zero(args: list[str], with_bookmarks: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # `| head -1` that has already gone
    try:
        done = kz(*args, home=with_bookmarks, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""


@pytest.mark.parametrize("args", PIPED, ids=[" ".join(a) for a in PIPED])
def test_output_to_a_full_disk_is_one_clear_line(args: list[str], with_bookmarks: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = kz(*args, home=with_bookmarks, stdout=full.fileno())
    assert done.returncode == 1
    lines = done.stderr.decode().strip().splitlines()
    assert lines[-1] == "kzreader: cannot write the output: No space left on device", lines
    assert one_clear_line(done.stderr)
