"""Markdown rendered: emphasis gone, lists as items, links as their text, front matter read."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_fixtures import folder_with, highlighted

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind

EXPECTED = [
    "Middle Corridor cargo doubles as shippers avoid Russia",
    "By Ruslan Kairbekov",
    "Cargo on the Trans-Caspian International Transport Route doubled in the first nine months "
    "of the year, according to the ADB report published on Monday, as shippers between China "
    "and Europe looked for ways around Russian territory.",
    "What the report found",
    "• Container traffic through Aktau and Kuryk rose to 47,000 units.",
    "• Transit times fell from 38 days to 23 on the best-run trains.",
    "• The ferry fleet on the Caspian is still too small for the demand.",
    "The bank recommends three steps:",
    "1. Dredging the approach channel at Aktau.",
    "2. A single electronic consignment note, e-CMR, for all five countries.",
    "3. New ferries ordered by Kazakhstan and Azerbaijan together.",
    '"The corridor works, but only at the pace of its slowest border," the report says.',
    "Officials in Astana said the figures matched their own.",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return folder_with(tmp_path, "corridor.md")


def test_markdown_is_rendered_into_paragraphs(folder: Path) -> None:
    article = Corpus.open(folder).article("corridor")
    assert [p.text for p in article.paragraphs] == EXPECTED
    kinds = [p.kind for p in article.paragraphs]
    assert kinds[:2] == [Kind.TITLE, Kind.BYLINE]
    assert article.paragraphs[3].heading
    assert not any(p.heading for p in article.paragraphs[4:])


def test_front_matter_and_byline_give_the_metadata(folder: Path) -> None:
    info = Corpus.open(folder).info("corridor")
    assert info.title == "Middle Corridor cargo doubles as shippers avoid Russia"
    assert info.author == "Ruslan Kairbekov"
    assert info.date == "2024-11-05"
    assert info.outlet == "Caspian Freight Notes"
    assert info.url == "https://caspianfreight.example/notes/middle-corridor-2024"


def test_links_keep_their_address_beside_the_text(folder: Path) -> None:
    article = Corpus.open(folder).article("corridor")
    body = article.paragraphs[2]
    [link] = body.links
    assert body.text[link.start : link.end] == "the ADB report"
    assert link.url == "https://example.org/adb-report"
    ferries = article.paragraphs[10]
    assert [(ferries.text[k.start : k.end], k.url) for k in ferries.links] == [
        ("Kazakhstan", "https://example.org/kz"),
        ("Azerbaijan", "https://example.org/az"),
    ]
    assert not any("http" in p.text or "](" in p.text or "**" in p.text for p in article.paragraphs)


def test_search_highlights_land_in_the_text_never_in_a_url(folder: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert highlighted(folder, home, '"ADB report"') == [["ADB report"]]
    assert highlighted(folder, home, "example") == []  # the links' host is nowhere in the text
    assert highlighted(folder, home, "caspianfreight") == []


def test_one_paragraph_a_line_markdown_keeps_its_paragraphs(tmp_path: Path) -> None:
    long = [
        "Astana and Moscow signed a memorandum on the supply of Russian gas to the north and east "
        f"of Kazakhstan, part {n}, which officials said would be followed by a full contract "
        "within the year, once the volumes and the route through Kostanay had been agreed."
        for n in range(3)
    ]
    (tmp_path / "gas.md").write_text("# Gas deal\n\n" + "\n".join(long) + "\n", encoding="utf-8")
    article = Corpus.open(tmp_path).article("gas")
    assert [p.text for p in article.paragraphs] == ["Gas deal", *long]
