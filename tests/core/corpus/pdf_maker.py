"""PDF fixtures made with fpdf2 inside the tests: reports with running headers, page
numbers, a title across the page and the body in one or two columns."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF


class _Report(FPDF):
    running: str = ""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 8, self.running, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 10, str(self.page_no()), align="C")


def make_report(
    path: Path,
    title: str,
    paragraphs: list[str],
    *,
    columns: int = 2,
    running: str = "Steppe Policy Institute - Briefing Paper",
    author: str | None = None,
    headings: dict[int, str] | None = None,
) -> Path:
    """A report: ``title`` across the top of page one, then ``paragraphs`` (before the
    paragraph with index ``i``, the heading ``headings[i]``) flowing through columns."""
    pdf = _Report(format="A4")
    pdf.running = running
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime(2025, 4, 2, 9, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    with pdf.text_columns(ncols=columns, gutter=8, text_align="L", line_height=1.25) as cols:
        for index, text in enumerate(paragraphs):
            if headings and index in headings:
                pdf.set_font("Helvetica", "B", 12)
                with cols.paragraph(top_margin=2, bottom_margin=2) as par:
                    par.write(headings[index])
                pdf.set_font("Helvetica", "", 10)
            with cols.paragraph(bottom_margin=3) as par:
                par.write(text)
    pdf.output(str(path))
    return path
