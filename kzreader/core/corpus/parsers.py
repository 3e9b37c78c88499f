"""The parser for each file format, chosen by suffix and imported on first use.

Apart from ``formats`` (what every parser shares), so the parsers can import that
without an import circle; the PDF and HTML libraries cost start-up time for folders
that hold only text, so each parser's module loads when a file of its kind is read.
"""

from __future__ import annotations

from .formats import SUFFIX_FORMATS, FormatParser


def parser_for(suffix: str) -> FormatParser | None:
    """The parser for a file suffix (lower case, with the dot), or None if none reads it."""
    name = SUFFIX_FORMATS.get(suffix)
    if name is None:
        return None
    if name == "txt":
        from .txt import TextParser

        return TextParser()
    if name == "md":
        from .md import MarkdownParser

        return MarkdownParser()
    if name == "html":
        from .html import HtmlParser

        return HtmlParser()
    if name == "docx":
        from .word import DocxParser

        return DocxParser()
    from .pdf import PdfParser

    return PdfParser()
