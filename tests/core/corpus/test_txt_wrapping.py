"""Plain text at any wrapping width: paragraphs come back exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_fixtures import DEV, paragraphs_of, wrapped

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind
from kzreader.core.corpus.txt import split_paragraphs

TEXTS = sorted(DEV.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("width", [60, 72, 100, 120, 140])
@pytest.mark.parametrize("hyphens", [True, False], ids=["hyphen-breaks", "space-breaks"])
def test_wrapped_text_is_joined_back_exactly(path: Path, width: int, hyphens: bool) -> None:
    expected = paragraphs_of(path)
    assert split_paragraphs(wrapped(expected, width, hyphens=hyphens)) == expected


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_one_paragraph_per_line_stays_so(path: Path) -> None:
    expected = paragraphs_of(path)
    assert split_paragraphs("\n".join(expected)) == expected


def test_a_five_paragraph_file_wrapped_at_110_has_five_paragraphs(tmp_path: Path) -> None:
    # The case: lines of 100-120 characters became one paragraph each.
    expected = paragraphs_of(DEV / "rail.txt")[3:8]
    (tmp_path / "wire.txt").write_text(wrapped(expected, 110), encoding="utf-8")
    article = Corpus.open(tmp_path).article("wire")
    assert [p.text for p in article.paragraphs] == expected


def test_wrapped_article_keeps_title_byline_date_and_heading(tmp_path: Path) -> None:
    expected = paragraphs_of(DEV / "rail.txt")
    (tmp_path / "rail.txt").write_text(wrapped(expected, 100), encoding="utf-8")
    article = Corpus.open(tmp_path).article("rail")
    assert [p.text for p in article.paragraphs] == expected
    assert article.title == expected[0]
    assert article.author == "Marat Zhunusov"
    assert article.date == "2025-03-03"
    storage = next(p for p in article.paragraphs if p.text == "Storage and prices")
    assert storage.kind is Kind.BODY and storage.heading


def test_indented_first_lines_mark_paragraphs() -> None:
    expected = paragraphs_of(DEV / "council.txt")[2:6]
    text = "\n".join(
        "    " + wrapped([p], 66).strip().replace("\n", "\n", 1) for p in expected
    )  # no blank lines: only the indent tells where a paragraph starts
    assert split_paragraphs(text) == expected


def test_list_items_in_text_are_paragraphs_of_their_own() -> None:
    text = (
        "The commission agreed on three points:\n"
        "- a review of the tariff on the northern line;\n"
        "- a joint register of grain wagons;\n"
        "- a meeting in June.\n"
    )
    assert split_paragraphs(text) == [
        "The commission agreed on three points:",
        "- a review of the tariff on the northern line;",
        "- a joint register of grain wagons;",
        "- a meeting in June.",
    ]


def test_a_break_after_a_hyphen_joins_without_a_space() -> None:
    paragraph = (
        "Shippers moved more containers along the Trans-Caspian corridor this year than in the "
        "three years before it, and the Kazakh-Azerbaijani ferry line added two vessels."
    )
    texts = [wrapped([paragraph, paragraph], w) for w in range(30, 90)]
    broken = [t for t in texts if "Trans-\n" in t or "Kazakh-\n" in t]
    assert len(broken) >= 3  # the case is really tried
    for text in broken:
        assert split_paragraphs(text) == [paragraph, paragraph]
