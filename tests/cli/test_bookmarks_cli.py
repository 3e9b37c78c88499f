"""``kzreader bookmarks`` run as a user runs it: a separate process, its own data folder."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from cli_helpers import kz

from kzreader.core.migrate import open_collection
from kzreader.core.paths import DataPaths, bundled_seeds

A000 = "000_5a428d05ab98c0ea"
A001 = "001_3cd9964ab855c274"
A003 = "003_e563ca9e96c9e019"
LIST_KEYS = {
    "id", "article", "paragraph", "start", "end", "quote", "note", "tags",
    "created", "updated", "orphan",
}  # fmt: skip


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def store_file(home: Path, corpus: Path | None = None) -> Path:
    """The bookmarks file of the collection of ``corpus`` (default: the bundled articles)."""
    return open_collection(DataPaths.resolve(home), corpus or bundled_seeds()).bookmarks_file


def ok(home: Path, *args: str) -> str:
    result = kz(home, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fails(home: Path, *args: str, status: int = 1) -> str:
    """The one line a failing command prints."""
    result = kz(home, *args)
    assert result.returncode == status, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def listing(home: Path, *args: str, corpus: Path | None = None) -> list[dict[str, object]]:
    where = ("--corpus", str(corpus)) if corpus else ()
    return json.loads(ok(home, *where, "bookmarks", "list", "--json", *args))["bookmarks"]


def test_add_prints_the_id_and_list_json_has_the_documented_shape(home: Path) -> None:
    first = ok(home, "bookmarks", "add", A001, "5", "--note", "his plea", "--tag", "putin")
    assert re.fullmatch(r"[0-9a-f]{8}\n", first)
    second = ok(home, "bookmarks", "add", A001, "5", "--start", "1", "--end", "31",
                "--tag", "a", "--tag", "b", "c")  # fmt: skip
    rows = listing(home)
    assert [r["id"] for r in rows] == [first.strip(), second.strip()]
    for row in rows:
        assert set(row) == LIST_KEYS
    whole, part = rows
    assert (whole["article"], whole["paragraph"], whole["start"]) == (A001, 5, 0)
    assert whole["note"] == "his plea"
    assert whole["tags"] == ["putin"]
    assert whole["orphan"] is False
    assert isinstance(whole["end"], int) and whole["end"] > 100
    assert (part["start"], part["end"], part["quote"]) == (1, 31, "Vladimir Vladimirovich (Putin)")
    assert part["tags"] == ["a", "b", "c"]
    assert str(part["created"]).endswith("Z")
    assert store_file(home).is_file()


def test_bad_input_is_one_line_and_status_1(home: Path) -> None:
    assert "no article 'nope'" in fails(home, "bookmarks", "add", "nope", "1")
    assert "has no paragraph 99 (it has 52)" in fails(home, "bookmarks", "add", A001, "99")
    assert "range 40–10" in fails(
        home, "bookmarks", "add", A001, "5", "--start", "40", "--end", "10"
    )
    assert "no bookmark 'abc'" in fails(home, "bookmarks", "remove", "abc")
    assert "invalid int value" in fails(home, "bookmarks", "add", A001, "five", status=2)
    assert "invalid choice" in fails(home, "bookmarks", "export", "--format", "pdf", status=2)
    assert not store_file(home).exists()


def test_remove_and_filters(home: Path) -> None:
    keep = ok(home, "bookmarks", "add", A000, "3", "--tag", "slavery").strip()
    gone = ok(home, "bookmarks", "add", A001, "4").strip()
    assert ok(home, "bookmarks", "remove", gone) == f"removed {gone} ({A001} ¶4)\n"
    assert [r["id"] for r in listing(home)] == [keep]
    assert [r["id"] for r in listing(home, "--tag", "SLAVERY")] == [keep]
    assert listing(home, "--tag", "other") == []
    assert listing(home, "--orphans") == []


def test_positions_are_re_anchored_and_orphans_listed(home: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), corpus)
    moved = ok(home, "--corpus", str(corpus), "bookmarks", "add", A001, "5").strip()
    lost = ok(home, "--corpus", str(corpus), "bookmarks", "add", A003, "2", "--note", "n").strip()
    path = corpus / f"{A001}.txt"
    path.write_text("A new first line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / f"{A003}.txt").unlink()

    rows = {r["id"]: r for r in listing(home, corpus=corpus)}
    assert (rows[moved]["paragraph"], rows[moved]["orphan"]) == (6, False)
    assert (rows[lost]["paragraph"], rows[lost]["orphan"], rows[lost]["note"]) == (2, True, "n")
    assert [r["id"] for r in listing(home, "--orphans", corpus=corpus)] == [lost]

    text = ok(home, "--corpus", str(corpus), "bookmarks", "list")
    assert "Kazakhstan's crackdown on pro-Russian separatism" in text
    assert f"{moved}  ¶6" in text
    orphans = text.index("Orphans")
    assert text.index(lost) > orphans > text.index(moved)
    assert "article not in the corpus" in text


def test_export_formats_to_stdout_and_files(home: Path, tmp_path: Path) -> None:
    mark = ok(home, "bookmarks", "add", A001, "5", "--note", "*literal*", "--tag", "x").strip()
    markdown = ok(home, "bookmarks", "export")
    assert markdown.startswith("# Bookmarks\n")
    assert f"> — {A001} ¶5\n" in markdown
    assert "\n*literal*\n" in markdown
    assert "\nTags: x\n" in markdown

    target = tmp_path / "out" / "sheet.csv"
    target.parent.mkdir()
    assert ok(home, "bookmarks", "export", "-o", str(target)) == (
        f"exported 1 bookmark to {target} (csv)\n"
    )
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    assert [(r["id"], r["note"]) for r in rows] == [(mark, "*literal*")]

    data = tmp_path / "data.txt"
    ok(home, "bookmarks", "export", "--format", "json", "-o", str(data))
    assert json.loads(data.read_text(encoding="utf-8"))["bookmarks"][0]["id"] == mark
    assert (
        json.loads(ok(home, "bookmarks", "export", "--format", "json", "--tag", "nope"))[
            "bookmarks"
        ]
        == []
    )


def test_data_dir_option_and_the_default_action(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    ok(home, "--data-dir", str(other), "bookmarks", "add", A000, "2")
    assert store_file(other).is_file()
    assert not store_file(home).exists()
    assert ok(home, "bookmarks").startswith("No bookmarks yet.")
    assert A000 in ok(home, "--data-dir", str(other), "bookmarks")


def test_a_broken_file_is_moved_aside_and_reported(home: Path) -> None:
    store_file(home).write_text("bookmarks: [unclosed\n", encoding="utf-8")
    result = kz(home, "bookmarks", "list")
    assert result.returncode == 0
    assert result.stdout.startswith("No bookmarks yet.")
    (line,) = result.stderr.splitlines()
    aside = re.search(r"moved it to (\S+) and", line)
    assert aside, line
    assert Path(aside.group(1)).read_text(encoding="utf-8") == "bookmarks: [unclosed\n"
    assert ok(home, "bookmarks", "add", A000, "2")


def test_a_newer_file_is_not_written(home: Path) -> None:
    text = "version: 9\nbookmarks: []\n"
    store_file(home).write_text(text, encoding="utf-8")
    result = kz(home, "bookmarks", "add", A000, "2")
    assert result.returncode == 1
    assert "read-only" in result.stderr.splitlines()[-1]
    assert store_file(home).read_text(encoding="utf-8") == text


def test_restore_backup_after_a_bad_edit(home: Path) -> None:
    first = ok(home, "bookmarks", "add", A000, "2").strip()
    store_file(home).write_text("{{{", encoding="utf-8")
    result = kz(home, "bookmarks", "list")
    assert "restore-backup" in result.stderr
    later = ok(home, "bookmarks", "add", A001, "3").strip()  # saving on first rotates .bak
    assert "restore-backup" not in kz(home, "bookmarks", "list").stderr  # told once
    assert ok(home, "bookmarks", "restore-backup") == "restored 1 bookmark\n"
    assert {r["id"] for r in listing(home)} == {first, later}
    assert ok(home, "bookmarks", "restore-backup") == "restored 0 bookmarks\n"
