"""``kzreader search`` as a subprocess: the marks of partial and widened hits in JSON,
--format md|csv, --sort date, --literal (issue 14)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from seed_ids import A000, A001, A002, A003, A004
from test_cli import kz


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("search") / "home"


def search_json(home: Path, *args: str) -> dict:
    out = kz("search", *args, "--json", home=home)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_partial_hits_say_so_with_the_words_they_have(home: Path) -> None:
    data = search_json(home, "Tokayev Borat")
    assert data["total"] == 4 and data["total_all_words"] == 0
    marks = {r["article"]: (r["partial"], r["matched"]) for r in data["results"]}
    assert marks == {
        A001: (True, ["Tokayev"]),
        A002: (True, ["Tokayev"]),
        A004: (True, ["Tokayev"]),
        A003: (True, ["Borat"]),
    }


def test_explicit_and_lists_nothing_partial(home: Path) -> None:
    data = search_json(home, "Tokayev AND Borat")
    assert data["total"] == 0 and data["results"] == []


def test_widened_hits_say_which_name_found_them(home: Path) -> None:
    data = search_json(home, '"Republic of Kazakhstan"')
    first, *rest = data["results"]
    assert first["article"] == A003 and "via" not in first
    assert {r["article"] for r in rest} == {A000, A001, A002, A004}
    assert all(r["via"] == "alias" and "Kazakhstan" in r["aliases"] for r in rest)
    assert data["widened"][0]["name"] == "Republic of Kazakhstan"
    literal = search_json(home, '"Republic of Kazakhstan"', "--literal")
    assert [r["article"] for r in literal["results"]] == [A003]


def test_sort_by_date(home: Path) -> None:
    data = search_json(home, "Kazakhstan", "--sort", "date")
    assert [r["date"] for r in data["results"]] == [
        "2024-06",
        "2022-08",
        "2022-01",
        "2021-11-25",
        "2009-09",
    ]
    text = kz("search", "Kazakhstan", "--sort", "date", home=home).stdout
    shown = [d for d in ("2024-06", "2022-08", "2022-01", "2021-11-25", "2009-09") if d in text]
    assert shown == sorted(shown, key=text.index) and len(shown) == 5  # dated, newest first


def test_markdown_and_csv(home: Path) -> None:
    md = kz("search", "Borat", "--format", "md", home=home)
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Search: Borat\n")
    assert "## 1. A Week in Almaty, Part 3" in md.stdout
    assert "Robert Amsterdam · 2009-09" in md.stdout and "> ¶2: " in md.stdout
    assert "**Borat**" in md.stdout
    out = kz("search", "Borat", "--format", "csv", home=home)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["article"] for r in rows} == {A003}
    assert all(r["paragraph"].isdigit() and "Borat" in r["text"] for r in rows)


def test_the_source_url_goes_with_each_hit_into_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "pipeline.txt").write_text(
        "Tengiz output rises\n\nURL: https://example.org/news/tengiz\n\n"
        "Output at the Tengiz field rose again in March, the operator said.\n",
        encoding="utf-8",
    )
    (folder / "note.txt").write_text("A note\n\nTengiz is mentioned here too.\n")
    home = tmp_path / "home"
    data = json.loads(kz("--corpus", str(folder), "search", "Tengiz", "--json", home=home).stdout)
    urls = {r["article"]: r["url"] for r in data["results"]}
    assert urls == {"pipeline": "https://example.org/news/tengiz", "note": None}
    md = kz("--corpus", str(folder), "search", "Tengiz", "--format", "md", home=home).stdout
    assert "<https://example.org/news/tengiz>" in md
    out = kz("--corpus", str(folder), "search", "Tengiz", "--format", "csv", home=home).stdout
    rows = {r["article"]: r["url"] for r in csv.DictReader(io.StringIO(out))}
    assert rows == {"pipeline": "https://example.org/news/tengiz", "note": ""}


def test_an_unsupported_whoosh_is_one_line_and_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The engine refuses another whoosh; the CLI says so in one line, no traceback."""
    import whoosh

    from kzreader.__main__ import main

    monkeypatch.setenv("KZREADER_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    status = main(["search", "Tokayev"])
    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1 and "whoosh" in err and "2.8.0" in err
    assert "Traceback" not in err
