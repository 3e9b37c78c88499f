"""A saved web page: the article's text and comments, none of the page's furniture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_fixtures import DEV, folder_with, highlighted

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind

EXPECTED = json.loads((DEV / "grain.expected.json").read_text(encoding="utf-8"))
BODY: list[str] = EXPECTED["body"]
COMMENTS: list[str] = EXPECTED["comments"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return folder_with(tmp_path, "grain.html")


def test_the_page_gives_its_article_text_only(folder: Path) -> None:
    article = Corpus.open(folder).article("grain")
    body = [p.text for p in article.paragraphs if p.kind in (Kind.TITLE, Kind.BODY)]
    assert body == BODY
    assert article.paragraphs[0].kind is Kind.TITLE
    assert [p.heading for p in article.paragraphs if p.text == "Tariffs and timing"] == [True]
    everything = " ".join(p.text for p in article.paragraphs)
    for furniture in ("cookies", "Subscribe", "Politics", "Related stories", "Privacy",
                      "Leave a Reply", "Post Comment", "All rights reserved"):  # fmt: skip
        assert furniture not in everything


def test_reader_comments_are_kept_apart(folder: Path) -> None:
    article = Corpus.open(folder).article("grain")
    comments = [p.text for p in article.paragraphs if p.kind is Kind.COMMENT]
    assert [c for c in comments if c in COMMENTS] == COMMENTS
    assert all(p.kind is not Kind.COMMENT for p in article.body)


def test_the_page_metadata_is_read(folder: Path) -> None:
    info = Corpus.open(folder).info("grain")
    assert info.title == "Grain corridor talks stall in Astana" == EXPECTED["title"]
    assert info.author == "Aigerim Sadykova" == EXPECTED["author"]
    assert info.date == "2025-03-14" == EXPECTED["date"]
    assert info.outlet == "Steppe Ledger" == EXPECTED["outlet"]
    assert info.url == "https://steppeledger.example/2025/03/grain-corridor" == EXPECTED["url"]


def test_a_link_in_the_page_is_kept_as_a_link(folder: Path) -> None:
    paragraph = Corpus.open(folder).article("grain").paragraphs[2]
    [link] = paragraph.links
    assert paragraph.text[link.start : link.end] == "the Russian rail operator"
    assert link.url == "https://rail.example/tariffs"


def test_search_finds_the_page_and_highlights_its_text(folder: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert highlighted(folder, home, "elevator") == [["elevator"]]
    assert highlighted(folder, home, "cookies") == []


def test_a_page_with_no_article_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", "utf-8")
    corpus = Corpus.open(tmp_path)
    assert corpus.ids == []
    [issue] = corpus.issues
    assert issue.path == "empty.html" and issue.message.startswith("skipped: ")
