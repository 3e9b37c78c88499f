"""Exports: a Markdown reading list, JSON and CSV, with text written literally."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bookmarks_helpers import A000, A001, A003, copy_seeds, edit_article

from kzreader.core.bookmarks import Shelf, export_file, export_text
from kzreader.core.corpus.collection import Corpus

NOTE = "Key claim — *not* <b>markup</b>, [a link](x) & `code`\nsecond line"


@pytest.fixture
def shelf(tmp_path: Path) -> Shelf:
    """Four bookmarks: two in 001 (one now fuzzy), one in 000, one whose article was deleted."""
    corpus_dir = copy_seeds(tmp_path)
    shelf = Shelf.open(tmp_path / "bookmarks.yaml", Corpus.open(corpus_dir))
    shelf.add(A001, 5, note=NOTE, tags=["putin", "courts"])
    shelf.add(A001, 2, 3, 60)
    shelf.add(A000, 3, tags=["slavery"])
    shelf.add(A003, 4, note="orphan note")
    (corpus_dir / f"{A003}.txt").unlink()
    edit_article(
        corpus_dir, A001, "In June, a court in the city", "In June, a tribunal in the city"
    )
    return Shelf.open(shelf.store.path, Corpus.open(corpus_dir))


def _quote(shelf: Shelf, article: str, paragraph: int) -> str:
    return next(
        p.bookmark.quote
        for p in shelf.placed()
        if p.article == article and p.bookmark.anchor.paragraph == paragraph
    )


def test_markdown_is_a_reading_list_grouped_by_article(shelf: Shelf) -> None:
    text = shelf.export("md")
    lines = text.split("\n")
    assert lines[0] == "# Bookmarks"
    assert lines[2].startswith("4 passages from 3 articles (1 no longer found in the text)")
    heading_000 = lines.index(f"## {shelf.corpus.info(A000).title}")
    heading_001 = lines.index(f"## {shelf.corpus.info(A001).title}")
    orphans = lines.index("## Orphans")
    assert heading_000 < heading_001 < orphans  # corpus order, orphans last
    assert lines[heading_000 + 2] == f"Kanat Altynbayev · Caravanserai · 2021-11-25 · `{A000}`"
    assert lines[heading_001 + 2] == f"Worldcrunch · 2024-06 · `{A001}`"

    plea = _quote(shelf, A001, 5)
    at = lines.index(f"> {plea}")
    assert heading_001 < at < orphans
    assert lines[at + 1 : at + 8] == [
        ">",
        f"> — {A001} ¶5",
        "",
        *NOTE.split("\n"),  # literally: no escaping of * < [ & `
        "",
        "Tags: putin, courts",
    ]
    # Paragraph 2 comes before paragraph 5, and its edited text is flagged.
    part = lines.index(f"> {_quote(shelf, A001, 2)}")
    assert heading_001 < part < at
    assert lines[part + 2] == f"> — {A001} ¶2 (the text has changed since it was bookmarked)"

    orphan = lines.index(f"> {_quote(shelf, A003, 4)}")
    assert orphan > orphans
    assert lines[orphan + 2] == f"> — {A003} ¶4 (article not in the corpus)"
    assert lines[orphan + 4] == "orphan note"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_json_holds_every_field_with_current_positions(shelf: Shelf) -> None:
    document = json.loads(shelf.export("json"))
    assert document["version"] == 1
    records = document["bookmarks"]
    assert [(r["article"], r["paragraph"]) for r in records] == [
        (A000, 3),
        (A001, 2),
        (A001, 5),
        (A003, 4),
    ]
    plea = records[2]
    assert plea["note"] == NOTE
    assert plea["tags"] == ["putin", "courts"]
    assert plea["orphan"] is False
    assert plea["match"] == "exact"
    assert plea["title"] == shelf.corpus.info(A001).title
    assert plea["prefix"].endswith("\n")
    assert records[1]["match"] == "fuzzy"
    assert records[3]["orphan"] is True
    assert records[3]["reason"] == "article not in the corpus"
    assert set(records[0]) >= {
        "id", "article", "paragraph", "start", "end", "quote", "note", "tags",
        "created", "updated", "orphan",
    }  # fmt: skip


def test_csv_has_one_row_per_bookmark_and_round_trips_the_text(shelf: Shelf) -> None:
    rows = list(csv.DictReader(io.StringIO(shelf.export("csv"), newline="")))
    assert len(rows) == 4
    plea = rows[2]
    assert plea["article"] == A001
    assert plea["note"] == NOTE  # commas, quotes and a newline survive
    assert plea["quote"] == _quote(shelf, A001, 5)
    assert plea["tags"] == "putin; courts"
    assert (plea["paragraph"], plea["orphan"], plea["match"]) == ("5", "no", "exact")
    assert (rows[3]["orphan"], rows[3]["match"]) == ("yes", "")


def test_export_file_picks_the_format_from_the_suffix(shelf: Shelf, tmp_path: Path) -> None:
    placed = shelf.placed()
    for name, fmt in (("list.md", "md"), ("data.json", "json"), ("sheet.csv", "csv"), ("x", "md")):
        assert export_file(tmp_path / name, placed, corpus=shelf.corpus) == fmt
        written = (tmp_path / name).read_bytes().decode("utf-8")
        expected = export_text(placed, fmt, shelf.corpus)
        if fmt == "md":  # the time stamp differs by a second at most
            written, expected = written.split("\n", 3)[3], expected.split("\n", 3)[3]
        if fmt == "json":
            written, expected = json.loads(written)["bookmarks"], json.loads(expected)["bookmarks"]
        assert written == expected


def test_an_empty_export_is_still_well_formed(tmp_path: Path) -> None:
    shelf = Shelf.open(tmp_path / "bookmarks.yaml", None)
    assert shelf.export("md").startswith("# Bookmarks\n\n0 passages from 0 articles")
    assert json.loads(shelf.export("json"))["bookmarks"] == []
    assert shelf.export("csv").startswith("id,article,title,")
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        shelf.export("pdf")
