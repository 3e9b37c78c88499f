"""Two folders from the command line: each keeps its own bookmarks and corrections, the
old global files are migrated, a file warning is said once, ``index`` sees every change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_helpers import kz
from collection_files import small_folder
from seed_ids import A001

from kzreader.core.bookmarks import Bookmark, BookmarkStore, make_anchor
from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import Overlay
from kzreader.core.entities.overlay import OverlayOp
from kzreader.core.paths import DataPaths, bundled_seeds

SEEDS = bundled_seeds()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def other(tmp_path: Path) -> Path:
    return small_folder(tmp_path / "other")


def ok(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = kz(home, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def ids(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [row["id"] for row in json.loads(result.stdout)["bookmarks"]]


def test_two_folders_keep_their_own_bookmarks(home: Path, other: Path) -> None:
    seeds_mark = ok(home, "bookmarks", "add", A001, "5").stdout.strip()
    other_mark = ok(home, "--corpus", str(other), "bookmarks", "add", "note1", "2").stdout.strip()
    assert ids(ok(home, "bookmarks", "list", "--json")) == [seeds_mark]
    assert ids(ok(home, "--corpus", str(other), "bookmarks", "list", "--json")) == [other_mark]
    listed = ok(home, "--corpus", str(other), "bookmarks", "list").stdout
    assert "Orphans" not in listed and A001 not in listed
    exported = json.loads(ok(home, "--corpus", str(other), "bookmarks", "export", "--format",
                             "json").stdout)  # fmt: skip
    assert [r["id"] for r in exported["bookmarks"]] == [other_mark]

    # On purpose: every collection's bookmarks, each with its folder.
    rows = json.loads(
        ok(home, "--corpus", str(other), "bookmarks", "list", "--json", "--all-collections").stdout
    )["bookmarks"]
    assert [(r["id"], r["folder"], r["orphan"]) for r in rows] == [
        (other_mark, str(other), False),  # this folder first
        (seeds_mark, str(SEEDS), False),  # placed in its own folder's text
    ]
    text = ok(home, "--corpus", str(other), "bookmarks", "list", "--all-collections").stdout
    assert text.index("(this folder)") < text.index(str(SEEDS))
    everything = json.loads(
        ok(home, "bookmarks", "export", "--all-collections", "--format", "json").stdout
    )
    assert [
        (c["folder"], [b["id"] for b in c["bookmarks"]]) for c in everything["collections"]
    ] == [
        (str(SEEDS), [seeds_mark]),
        (str(other), [other_mark]),
    ]
    csv = kz(home, "bookmarks", "export", "--all-collections", "--format", "csv")
    assert csv.returncode == 1 and "md or json" in csv.stderr


def test_old_global_files_are_migrated_and_another_folder_is_quiet(home: Path, other: Path) -> None:
    # What an earlier kzreader left: one global file for everything.
    paths = DataPaths.resolve(home)
    anchor = make_anchor(Corpus.open(SEEDS).article(A001), 5)
    seeds_mark = "seed0001"
    BookmarkStore.open(paths.bookmarks_file).take_in([Bookmark(seeds_mark, anchor)])
    Overlay(paths.overlay_file).append(
        OverlayOp("rename", "person:timur", "Timur", "Timur the driver")
    )

    first = ok(home, "--corpus", str(other), "entities", "--no-ner")
    assert "overlay" not in first.stderr and "Timur" not in first.stdout
    assert "bookmark(s) to their own folders' collections" in first.stderr
    again = ok(home, "--corpus", str(other), "entities", "--no-ner")
    assert again.stderr == ""  # nothing repeated on the next call
    assert "Orphans" not in ok(home, "--corpus", str(other), "bookmarks", "list").stdout
    assert ids(ok(home, "bookmarks", "list", "--json")) == [seeds_mark]
    seeds = ok(home, "entities", "--no-ner", "--json")
    names = {e["name"] for e in json.loads(seeds.stdout)["entities"]}
    assert "Timur the driver" in names and "overlay" not in seeds.stderr
    kept = paths.bookmarks_file.with_name("bookmarks.yaml.pre-collections")
    assert [b.id for b in BookmarkStore.open(kept)] == [seeds_mark]


def test_a_file_warning_is_said_once_and_index_sees_every_change(home: Path, other: Path) -> None:
    (other / "empty.txt").write_text("", encoding="utf-8")
    (other / "note2.txt").write_text("Almaty\n\nSnow fell in Almaty.\n", encoding="utf-8")
    built = ok(home, "--corpus", str(other), "index")
    assert "empty.txt: skipped: the file is empty" in built.stderr
    assert built.stdout.startswith("index built: 2 articles")
    listed = ok(home, "--corpus", str(other), "articles")
    assert listed.stderr == ""  # said once, not at every command
    assert "empty.txt" in ok(home, "--corpus", str(other), "index").stderr  # index: all, always

    (other / "note3.txt").write_text("Aktau\n\nThe port of Aktau grew.\n", encoding="utf-8")
    (other / "note2.txt").write_text("Almaty\n\nRain fell in Almaty.\n", encoding="utf-8")
    (other / "note1.txt").unlink()
    updated = ok(home, "--corpus", str(other), "index").stdout
    assert updated.startswith("index updated: 1 added, 1 changed, 1 removed")
    found = json.loads(ok(home, "--corpus", str(other), "search", "--json", "Rain").stdout)
    assert [r["article"] for r in found["results"]] == ["note2"]
    (other / "empty.txt").write_text("  \n", encoding="utf-8")  # changed: said again
    assert "empty.txt" in ok(home, "--corpus", str(other), "articles").stderr
