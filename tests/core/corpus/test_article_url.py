"""The source URL: read from a text's ``URL:`` line or the sidecar, carried into exports."""

from __future__ import annotations

import json
from pathlib import Path

from kzreader.core.bookmarks import Shelf, export_text
from kzreader.core.corpus.collection import Corpus

URL = "https://steppeledger.example/2024/05/transit"


def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "transit.txt").write_text(
        f"Transit fees rise again\n\nURL: {URL}\n\nThe fee for grain wagons rose by a tenth.",
        encoding="utf-8",
    )
    (folder / "other.txt").write_text(
        "Another note\n\nSource: javascript:alert(1)\n\nNothing to open here.", encoding="utf-8"
    )
    return folder


def test_a_url_line_is_the_source_and_leaves_the_text(tmp_path: Path) -> None:
    corpus = Corpus.open(folder(tmp_path))
    article = corpus.article("transit")
    assert article.url == URL == corpus.info("transit").url
    assert [p.text for p in article.paragraphs] == [
        "Transit fees rise again",
        "The fee for grain wagons rose by a tenth.",
    ]
    assert corpus.info("other").url is None  # only http(s) addresses are kept


def test_the_sidecar_url_wins(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / "metadata.yaml").write_text("transit:\n  url: https://elsewhere.example/a\n", "utf-8")
    corpus = Corpus.open(root)
    assert corpus.info("transit").url == "https://elsewhere.example/a"
    assert corpus.article("transit").url == "https://elsewhere.example/a"


def test_exports_cite_the_source(tmp_path: Path) -> None:
    corpus = Corpus.open(folder(tmp_path))
    shelf = Shelf.open(tmp_path / "bookmarks.yaml", corpus)
    shelf.add("transit", 2)
    placed = shelf.placed()
    assert f"<{URL}>" in export_text(placed, "md", corpus)
    [record] = json.loads(export_text(placed, "json", corpus))["bookmarks"]
    assert record["url"] == URL
    assert URL in export_text(placed, "csv", corpus).splitlines()[1]
