"""The command line, run as a user runs it: a subprocess, JSON parsed from its output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from seed_ids import A000, A003


def kz(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI from a neutral folder, so the installed package is what runs (and, after a
    non-editable install, what must find the bundled articles)."""
    env = {**os.environ, "KZREADER_HOME": str(home), "COLUMNS": "120"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        cwd=home.parent,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_version(home: Path) -> None:
    out = kz("--version", home=home)
    assert out.returncode == 0 and out.stdout.startswith("kzreader ")


def test_articles_json(home: Path) -> None:
    out = kz("articles", "--json", home=home)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["articles"]
    assert [r["id"] for r in rows][:1] == [A000] and len(rows) == 5
    assert set(rows[0]) == {
        "id",
        "title",
        "author",
        "outlet",
        "date",
        "url",
        "paragraphs",
        "words",
        "path",
    }
    assert all(Path(r["path"]).is_file() for r in rows)
    assert rows[1]["title"] == "Kazakhstan's crackdown on pro-Russian separatism"


def test_articles_table_shows_titles_literally(home: Path) -> None:
    out = kz("articles", home=home)
    assert out.returncode == 0
    assert "Grigory Pasko" in out.stdout and "\x1b" not in out.stdout


def test_search_json_shape_and_landing(home: Path) -> None:
    out = kz("search", "Zhovtis", "--json", home=home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"query", "corrected", "total", "total_all_words", "widened", "results"}
    assert data["total"] == data["total_all_words"] == 1
    hit = data["results"][0]
    assert set(hit) == {"article", "title", "outlet", "date", "url", "score", "partial", "passages"}
    assert hit["partial"] is False
    assert hit["article"] == A003
    for passage in hit["passages"]:
        assert set(passage) == {"paragraph", "kind", "text", "highlights"}
        for start, end in passage["highlights"]:
            # Every form of his name in the article, including name and patronymic.
            shown = passage["text"][start:end]
            assert "ovtis" in shown or shown == "Yevgeny Alexandrovich", shown


def test_search_text_output(home: Path) -> None:
    out = kz("search", "MVD", home=home)
    assert out.returncode == 0
    assert "[MVD]" in out.stdout  # brackets in the text are printed, not read as markup
    assert "¶" in out.stdout


def test_search_did_you_mean(home: Path) -> None:
    data = json.loads(kz("search", "Nazarbayv", "--json", home=home).stdout)
    assert data["total"] == 0 and data["corrected"] == "Nazarbayev"  # as the user wrote it


def test_bad_query_is_one_line_exit_1(home: Path) -> None:
    out = kz("search", "*", home=home)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_usage_errors_exit_2(home: Path) -> None:
    for args in (
        ["search"],
        ["search", "x", "--limit", "0"],
        ["articles", "--nope"],
        ["search", "--limit", "x", "y"],
    ):
        out = kz(*args, home=home)
        assert out.returncode == 2, args
        assert out.stderr.strip().count("\n") == 0, out.stderr


def test_batch(home: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("Borat\n\nМедведев\nka*\n", encoding="utf-8")
    out = kz("search", "--batch", str(queries), "--limit", "3", home=home)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Borat", "Медведев", "ka*"]
    assert all(isinstance(line["elapsed_ms"], float) for line in lines)
    assert lines[0]["results"][0]["article"] == A003
    assert "error" in lines[2]
    piped = kz("search", "--batch", "-", home=home, stdin="Kotov\n")
    assert json.loads(piped.stdout)["results"][0]["article"] == A000


def test_index_reports_what_it_did(home: Path, seeds_copy: Path) -> None:
    first = kz("--corpus", str(seeds_copy), "index", home=home)
    assert first.returncode == 0 and "built" in first.stdout
    assert "indexing" not in first.stderr  # five articles: no progress lines in a log
    assert "unchanged" in kz("index", "--corpus", str(seeds_copy), home=home).stdout
    (seeds_copy / "extra.md").write_text("# Extra\n\nAbout Taraz.", encoding="utf-8")
    assert "1 added" in kz("index", "--corpus", str(seeds_copy), home=home).stdout
    assert "built" in kz("index", "--rebuild", "--corpus", str(seeds_copy), home=home).stdout


def test_data_dir_flag_puts_everything_under_it(tmp_path: Path, home: Path) -> None:
    target = tmp_path / "elsewhere"
    out = kz("search", "Kotov", "--data-dir", str(target), home=home)
    assert out.returncode == 0
    assert (target / "index").is_dir()
    assert not home.exists()


def test_missing_corpus_folder(home: Path, tmp_path: Path) -> None:
    out = kz("articles", "--corpus", str(tmp_path / "nope"), home=home)
    assert out.returncode == 1 and "no such folder" in out.stderr


def test_skipped_files_are_reported_once(home: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    out = kz("articles", "--json", "--corpus", str(tmp_path), home=home)
    assert out.returncode == 0
    assert out.stderr.count("bin.txt") == 1
    assert len(json.loads(out.stdout)["articles"]) == 1
