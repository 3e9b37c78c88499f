"""A saved web page: the article's text without navigation, ads, cookie banners and
comment forms, and the page's own metadata (title, author, date, outlet, URL).

trafilatura finds the main text and the reader comments and reads the metadata
(OpenGraph, JSON-LD, ``<meta>``, htmldate for the date); it is the reference tool
for this and better than rules of ours would be. We ask for its XML, which keeps
the structure we need: headings, paragraphs, list items, quotes, table rows, the
comment section apart, and links with their targets.
"""

from __future__ import annotations

from .formats import Block, Extracted, FormatError, assemble, clean_url
from .model import Kind

#: Larger pages are refused: extraction time grows with the page (about 1 s a MB).
MAX_HTML_BYTES = 16 * 1024 * 1024

_META = {"title": "title", "author": "author", "date": "date", "sitename": "outlet"}


class HtmlParser:
    """``.html``/``.htm``, as saved by a browser or fetched by a tool."""

    name = "web page"

    def parse(self, data: bytes) -> Extracted:
        if len(data) > MAX_HTML_BYTES:
            raise FormatError(
                f"the page is {len(data) / 2**20:.0f} MB; pages over "
                f"{MAX_HTML_BYTES // 2**20} MB are not read"
            )
        import trafilatura  # loaded only for folders with web pages
        from lxml import etree

        xml = None
        for recall in (False, True):  # recall finds the text of short or unusual pages
            xml = trafilatura.extract(
                data,
                output_format="xml",
                with_metadata=True,
                include_comments=True,
                include_links=True,
                include_tables=True,
                include_formatting=False,
                favor_recall=recall,
            )
            if xml:
                break
        if not xml:
            raise FormatError("no article text found in the page")
        try:
            doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as error:
            raise FormatError(f"the page could not be read ({error})") from error
        meta = {ours: doc.get(theirs) for theirs, ours in _META.items() if doc.get(theirs)}
        url = clean_url(doc.get("url"))
        if url:
            meta["url"] = url
        if "author" in meta:
            meta["author"] = meta["author"].replace(";", ",")  # trafilatura's separator
        blocks: list[Block] = []
        for section, kind in (("main", None), ("comments", Kind.COMMENT)):
            element = doc.find(section)
            if element is not None:
                blocks.extend(_blocks(element, kind, meta.get("title")))
        if not any(block.kind is not Kind.COMMENT for block in blocks):
            raise FormatError("no article text found in the page")
        return Extracted(blocks=blocks, meta=meta)


def _pieces(element: object) -> list[tuple[str, str | None]]:
    """The text of one element, with the targets of the links inside it."""
    pieces: list[tuple[str, str | None]] = []

    def walk(node: object, href: str | None) -> None:
        tag = getattr(node, "tag", "")
        if tag == "ref":
            href = clean_url(node.get("target"))  # type: ignore[attr-defined]
        if tag == "lb":
            pieces.append(("\n", None))
        if node.text:  # type: ignore[attr-defined]
            pieces.append((node.text, href))  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            walk(child, href)
            if child.tail:
                pieces.append((child.tail, href))

    walk(element, None)
    return pieces


def _blocks(section: object, kind: Kind | None, title: str | None) -> list[Block]:
    out: list[Block] = []
    for element in section:  # type: ignore[attr-defined]
        tag = element.tag
        if tag == "list":
            for number, item in enumerate(element.iter("item"), 1):
                marker = f"{number}." if element.get("rend") == "ol" else "•"
                text, links = assemble([(f"{marker} ", None), *_pieces(item)])
                if text != marker:
                    out.append(Block(text, kind, links=links))
            continue
        if tag == "table":
            for row in element.iter("row"):
                cells = [assemble(_pieces(cell))[0] for cell in row.iter("cell")]
                if any(cells):
                    out.append(Block(" | ".join(c for c in cells if c), kind))
            continue
        text, links = assemble(_pieces(element))
        if not text:
            continue
        if tag == "head":
            if kind is Kind.COMMENT:
                out.append(Block(text, Kind.BOILERPLATE))
            elif not out and (element.get("rend") == "h1" or _same(title, text)):
                out.append(Block(text, Kind.TITLE))  # the page's headline, first in the text
            else:
                out.append(Block(text, kind, heading=True, links=links))
        else:
            out.append(Block(text, kind, links=links))
    return out


def _same(title: str | None, text: str) -> bool:
    return bool(title) and " ".join(str(title).split()).casefold() == text.casefold()
