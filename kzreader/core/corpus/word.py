"""A Word document (``.docx``): its paragraphs with their styles, links, and properties.

python-docx reads the document; a paragraph's style tells a heading (``Heading n``),
the title (``Title``) and list items (``List …``), and the core properties give title,
author and date. Text in tables is read a row a paragraph.
"""

from __future__ import annotations

import io
import zipfile

from .formats import Block, Extracted, FormatError, assemble, clean_url
from .model import Kind, Link

#: A .docx is a zip; one that unpacks to more than this is refused (a zip bomb).
MAX_UNPACKED = 256 * 1024 * 1024


class DocxParser:
    """``.docx``."""

    name = "Word document"

    def parse(self, data: bytes) -> Extracted:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                    raise FormatError("the document unpacks to more than 256 MB")
        except zipfile.BadZipFile as error:
            raise FormatError("not a Word document that can be read") from error
        import docx  # loaded only for folders with Word documents
        from docx.text.hyperlink import Hyperlink

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as error:  # python-docx raises many kinds on broken files
            raise FormatError(
                f"not a Word document that can be read ({type(error).__name__})"
            ) from error
        blocks: list[Block] = []
        numbers: dict[str, int] = {}
        for paragraph in document.paragraphs:
            pieces: list[tuple[str, str | None]] = []
            for item in paragraph.iter_inner_content():
                if isinstance(item, Hyperlink):
                    pieces.append((item.text, clean_url(item.url)))
                else:
                    pieces.append((item.text, None))
            text, links = assemble(pieces)
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if style == "Title" and not any(b.kind is Kind.TITLE for b in blocks):
                blocks.append(Block(text, Kind.TITLE, links=links))
            elif style.startswith("Heading"):
                blocks.append(Block(text, heading=True, links=links))
            elif style.startswith("List Number"):
                numbers[style] = numbers.get(style, 0) + 1
                blocks.append(_item(f"{numbers[style]}.", text, links))
            elif style.startswith("List"):
                blocks.append(_item("•", text, links))
            else:
                numbers.clear()
                blocks.append(Block(text, links=links))
        for table in document.tables:
            for row in table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    blocks.append(Block(" | ".join(c for c in dict.fromkeys(cells) if c)))
        if not blocks:
            raise FormatError("the document has no text")
        props = document.core_properties
        meta = {
            "title": " ".join((props.title or "").split()),
            "author": " ".join((props.author or "").split()),
            "date": props.created.date().isoformat() if props.created else "",
        }
        return Extracted(blocks=blocks, meta={k: v for k, v in meta.items() if v})


def _item(marker: str, text: str, links: tuple[Link, ...]) -> Block:
    shift = len(marker) + 1
    return Block(
        f"{marker} {text}", links=tuple(Link(k.start + shift, k.end + shift, k.url) for k in links)
    )
