"""A PDF: its text lines placed on the page, read in order, paragraphs rebuilt.

pdfminer.six gives each text line with its position and font size (pypdf gives
text, not where it sits, and we need where). From the positions we:

- drop running headers and footers (a line in the top or bottom margin that comes
  back on other pages, digits aside) and page numbers;
- find columns: a page whose lines sit on either side of a gutter is read left
  column, then right; lines across the gutter (a headline) come where they stand;
- rebuild paragraphs: a new one starts after a larger gap than the line spacing,
  at an indented first line, after a line that stops short of the column's edge,
  or at a change of font size (a heading); across a column or page break a
  paragraph goes on when its last line ran to the edge.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .formats import Block, Extracted, FormatError
from .model import Kind

#: Pages read at most (a 2,000-page PDF is a book, and reading it takes minutes).
MAX_PAGES = 500
#: The top and bottom share of a page where running headers and footers sit.
MARGIN = 0.1

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_TERMINAL = (".", "!", "?", ":", '"', "”", "»", "’", ")", "…")


@dataclass(frozen=True, slots=True)
class Line:
    """One text line on one page, in PDF points (y grows upwards)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    first_word: float  # the width of the line's first word (what a wrapper moves down)


class PdfParser:
    """``.pdf`` with a text layer (a scan without one is refused in one line)."""

    name = "PDF"

    def parse(self, data: bytes) -> Extracted:
        lines, heights, widths, info = _read(data)
        if not any(line.text for line in lines):
            raise FormatError("the PDF has no text layer (a scan?); kzreader cannot read images")
        lines = _drop_running(lines, heights)
        body = _body_size(lines)
        ordered: list[list[Line]] = []  # runs of lines that flow (one column of one page)
        for page in sorted({line.page for line in lines}):
            on_page = [line for line in lines if line.page == page]
            ordered.extend(_columns(on_page, widths[page]))
        blocks = _paragraphs(ordered, body)
        meta = _meta(info)
        if "title" not in meta:
            first = [b for b in blocks if b.kind is Kind.TITLE]
            if first:
                meta["title"] = first[0].text
        return Extracted(blocks=blocks, meta=meta)


def _read(data: bytes) -> tuple[list[Line], dict[int, float], dict[int, float], dict[str, str]]:
    from pdfminer.high_level import extract_pages  # loaded only for folders with PDFs
    from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfminer.utils import decode_text

    lines: list[Line] = []
    heights: dict[int, float] = {}
    widths: dict[int, float] = {}
    info: dict[str, str] = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for entry in document.info:
            for key, value in entry.items():
                if isinstance(value, bytes):
                    info[key] = decode_text(value)
                elif isinstance(value, str):
                    info[key] = value
        pages = extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES)
        for number, page in enumerate(pages):
            heights[number] = page.height
            widths[number] = page.width
            for box in page:
                if not isinstance(box, LTTextBox):
                    continue
                for item in box:
                    if not isinstance(item, LTTextLine):
                        continue
                    text = " ".join(item.get_text().split())
                    if not text:
                        continue
                    chars = [c for c in item if isinstance(c, LTChar)]
                    if not chars:
                        continue
                    size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
                    ends = [*chars[1:], None]
                    word_end = next(
                        (
                            c.x1
                            for c, n in zip(chars, ends, strict=True)
                            if n is None or n.get_text().isspace() or n.x0 - c.x1 > c.size * 0.2
                        ),
                        item.x1,
                    )
                    lines.append(
                        Line(
                            number,
                            item.x0,
                            item.x1,
                            item.y1,
                            item.y0,
                            size,
                            text,
                            word_end - chars[0].x0,
                        )
                    )
    except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise FormatError(f"not a PDF that can be read ({type(error).__name__})") from error
    except Exception as error:  # pdfminer raises many kinds on broken files
        if "encrypt" in str(error).lower() or "password" in str(error).lower():
            raise FormatError("the PDF is encrypted") from error
        raise FormatError(f"not a PDF that can be read ({type(error).__name__})") from error
    return lines, heights, widths, info


def _drop_running(lines: list[Line], heights: dict[int, float]) -> list[Line]:
    """Lines that are running headers, footers or page numbers, gone."""
    pages = len(heights)

    def in_margin(line: Line) -> bool:
        height = heights[line.page]
        return line.bottom > height * (1 - MARGIN) or line.top < height * MARGIN

    shapes = Counter(_DIGITS.sub("#", line.text.casefold()) for line in lines if in_margin(line))
    kept = []
    for line in lines:
        if in_margin(line):
            if _PAGE_NUMBER.match(line.text):
                continue
            if pages > 1 and shapes[_DIGITS.sub("#", line.text.casefold())] >= max(2, pages // 2):
                continue
        kept.append(line)
    return kept


def _body_size(lines: list[Line]) -> float:
    """The font size of most of the text (by characters)."""
    weight: Counter[float] = Counter()
    for line in lines:
        weight[line.size] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 10.0


def _columns(lines: list[Line], width: float) -> list[list[Line]]:
    """One page's lines as runs in reading order: full-width lines where they stand,
    and between them the left column, then the right one."""
    middle = width / 2
    left = [line for line in lines if line.x1 <= middle + 2]
    right = [line for line in lines if line.x0 >= middle - 2]
    two = len(left) >= 3 and len(right) >= 3
    if not two:
        return [sorted(lines, key=lambda line: (-line.top, line.x0))]
    runs: list[list[Line]] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda line: (-line.top, line.x0)):
        if line.x0 < middle - 2 < middle + 2 < line.x1:  # across the gutter
            runs.extend(_split_band(band, middle))
            band = []
            runs.append([line])
        else:
            band.append(line)
    runs.extend(_split_band(band, middle))
    return [run for run in runs if run]


def _split_band(band: list[Line], middle: float) -> list[list[Line]]:
    left = [line for line in band if line.x0 < middle]
    right = [line for line in band if line.x0 >= middle]
    return [left, right]


def _paragraphs(runs: list[list[Line]], body: float) -> list[Block]:
    """Paragraphs from runs of lines; a paragraph may go on from one run to the next."""
    blocks: list[Block] = []
    current: list[Line] = []
    previous_edge = 0.0  # the right edge of the run the last line came from

    def flush() -> None:
        if not current:
            return
        text = current[0].text
        for line in current[1:]:
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
                text += line.text  # a break after a hyphen: "Trans-" / "Caspian"
            elif text.endswith("\xad"):
                text = text[:-1] + line.text
            else:
                text += " " + line.text
        size = current[0].size
        if size > body * 1.15 and len(text) <= 200:
            heading_title = not blocks and current[0].page == 0
            blocks.append(
                Block(text, Kind.TITLE if heading_title else None, heading=not heading_title)
            )
        else:
            blocks.append(Block(text))
        current.clear()

    for run in runs:
        edge = max(line.x1 for line in run)
        start = min(line.x0 for line in run)
        spacing = _spacing(run)
        for index, line in enumerate(run):
            if not current:
                current.append(line)
                continue
            last = current[-1]
            resized = abs(line.size - last.size) > 0.5  # a heading, or out of one
            if index == 0:
                # Another column or page: a paragraph goes on when its last line was full,
                # or (a headline across the page) the next line sits right below it.
                below = last.page == line.page and 0 <= last.bottom - line.top < last.size
                if resized or not (below or not _stopped_short(last, line, previous_edge)):
                    flush()
                elif line.x0 > start + line.size * 0.8:
                    flush()  # an indented first line
                current.append(line)
                continue
            gap = last.bottom - line.top
            display = last.size > body * 1.15  # a headline's lines are set wider apart
            if (
                resized
                or (not display and gap > spacing * 0.9 + 1.5)  # a blank line's worth more
                or (display and gap > last.size)
                or line.x0 > start + line.size * 0.8  # an indented first line
                or _stopped_short(last, line, edge)
            ):
                flush()
            current.append(line)
        previous_edge = edge
    flush()
    return blocks


def _stopped_short(line: Line, following: Line, edge: float) -> bool:
    """Whether ``following``'s first word would have fitted at the end of ``line``
    (so the line ended on purpose): the geometric form of txt's wrap test."""
    return line.x1 + line.size * 0.28 + following.first_word < edge  # 0.28 em: a space


def _spacing(run: list[Line]) -> float:
    """The usual gap between the lines of a run (below one line, above the next)."""
    gaps = [a.bottom - b.top for a, b in itertools.pairwise(run) if a.bottom > b.top]
    if not gaps:
        return run[0].size * 0.3 if run else 3.0
    gaps.sort()
    return gaps[len(gaps) // 4]  # the lower quartile: most gaps inside paragraphs


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _meta(info: dict[str, str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = " ".join(info.get("Title", "").split())
    if title and not title.lower().endswith((".doc", ".docx", ".pdf")) and title != "untitled":
        meta["title"] = title
    author = " ".join(info.get("Author", "").split())
    if author:
        meta["author"] = author
    if date := _PDF_DATE.match(info.get("CreationDate", "")):
        meta["date"] = "-".join(part for part in date.groups() if part)
    return meta
