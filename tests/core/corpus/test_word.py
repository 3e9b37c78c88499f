"""Word documents: styles give the title, headings and list items; properties the metadata."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
from corpus_fixtures import DEV, paragraphs_of

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind


def test_a_word_document_reads_as_written(tmp_path: Path) -> None:
    paragraphs = paragraphs_of(DEV / "council.txt")
    document = docx.Document()
    document.add_paragraph(paragraphs[0], style="Title")
    document.add_paragraph(paragraphs[2])
    document.add_heading("What was agreed", level=2)
    document.add_paragraph("a common electricity market", style="List Bullet")
    document.add_paragraph("observer states", style="List Bullet")
    document.add_paragraph(paragraphs[3])
    document.core_properties.author = "Staff correspondent"
    document.core_properties.created = datetime(2024, 5, 23, 12, 0)
    document.save(str(tmp_path / "council.docx"))
    corpus = Corpus.open(tmp_path)
    article = corpus.article("council")
    assert [p.text for p in article.paragraphs] == [
        paragraphs[0],
        paragraphs[2],
        "What was agreed",
        "• a common electricity market",
        "• observer states",
        paragraphs[3],
    ]
    assert article.paragraphs[0].kind is Kind.TITLE
    assert article.paragraphs[2].heading
    assert (article.title, article.author, article.date) == (
        paragraphs[0],
        "Staff correspondent",
        "2024-05-23",
    )


def test_a_broken_word_document_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    corpus = Corpus.open(tmp_path)
    [issue] = corpus.issues
    assert issue.path == "broken.docx" and issue.message.startswith("skipped: ")
