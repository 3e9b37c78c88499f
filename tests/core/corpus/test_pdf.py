"""PDFs: paragraphs rebuilt across lines, columns and pages; headers and page numbers gone."""

from __future__ import annotations

from pathlib import Path

from corpus_fixtures import DEV, paragraphs_of
from fpdf import FPDF
from pdf_maker import make_report
from pdfminer.high_level import extract_pages

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind

PARAGRAPHS = [p.replace("—", "-") for p in paragraphs_of(DEV / "water.txt")[3:]]
TITLE = "Syr Darya: a river shared, a summer feared"
RUNNING = "Steppe Policy Institute - Briefing Paper"


def report(tmp_path: Path, *, columns: int, copies: int = 5) -> Corpus:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    body = PARAGRAPHS * copies  # long enough for two pages and more
    make_report(
        folder / "brief.pdf",
        TITLE,
        body,
        columns=columns,
        author="Aliya Bekova",
        headings={len(PARAGRAPHS): "The view from upstream"},
    )
    return Corpus.open(folder)


def expected(copies: int = 5) -> list[str]:
    body = PARAGRAPHS * copies
    return [TITLE, *body[: len(PARAGRAPHS)], "The view from upstream", *body[len(PARAGRAPHS) :]]


def test_two_column_report_reads_in_order_with_paragraphs_whole(tmp_path: Path) -> None:
    corpus = report(tmp_path, columns=2)
    pages = list(extract_pages(corpus.path("brief")))
    assert len(pages) >= 2  # paragraphs really cross columns and pages
    article = corpus.article("brief")
    assert [p.text for p in article.paragraphs] == expected()
    assert article.paragraphs[0].kind is Kind.TITLE
    heading = article.paragraphs[len(PARAGRAPHS) + 1]
    assert heading.text == "The view from upstream" and heading.heading
    assert corpus.issues == []


def test_running_headers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    article = report(tmp_path, columns=2).article("brief")
    texts = [p.text for p in article.paragraphs]
    assert not any(RUNNING in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)


def test_one_column_report_too(tmp_path: Path) -> None:
    article = report(tmp_path, columns=1).article("brief")
    assert [p.text for p in article.paragraphs] == expected()


def test_metadata_from_the_pdf(tmp_path: Path) -> None:
    info = report(tmp_path, columns=2, copies=1).info("brief")
    assert info.title == TITLE
    assert info.author == "Aliya Bekova"
    assert info.date == "2025-04-02"


def test_a_scan_with_no_text_is_one_clear_line(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # an image-like page: drawing, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    corpus = Corpus.open(tmp_path)
    assert corpus.ids == []
    [issue] = corpus.issues
    assert issue.path == "scan.pdf"
    assert (
        issue.message == "skipped: the PDF has no text layer (a scan?); kzreader cannot read images"
    )


def test_a_broken_pdf_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    corpus = Corpus.open(tmp_path)
    [issue] = corpus.issues
    assert issue.path == "broken.pdf" and issue.message.startswith("skipped: ")
    assert "\n" not in issue.message
