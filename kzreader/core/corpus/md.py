"""Markdown, rendered: emphasis dropped, headings and list items as paragraphs of their
own, links shown as their text (the address kept as a Link), code as text.

markdown-it-py (CommonMark; it comes with Textual) does the parsing, so nested
emphasis, reference links and code spans are read as any Markdown viewer reads
them. A front-matter block (``---`` … ``---``) gives title, author, date, outlet
and URL. Lines inside one Markdown paragraph are joined the way ``txt`` joins
wrapped lines, so a note that puts one paragraph per line keeps its paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .formats import Block, Extracted, assemble, clean_url, decode_text
from .model import Kind, Link
from .txt import WIDEST_WRAP, joins_tight, source_url

if TYPE_CHECKING:  # markdown-it is imported when a Markdown file is read
    from markdown_it.token import Token

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){0,60}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "by": "author",
    "date": "date",
    "published": "date",
    "outlet": "outlet",
    "publisher": "outlet",
    "source": "url",
    "url": "url",
    "link": "url",
    "original_url": "url",
}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter and the text after it.

    Only plain scalars are read (no YAML: nothing in someone else's folder gets to
    build objects or expand aliases); lists and nested values are ignored.
    """
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match["body"].splitlines():
        field = _FRONT_LINE.match(line)
        if not field or field["key"].lower() not in _FRONT_KEYS or not field["value"]:
            continue
        value = field["value"].strip().strip("\"'").strip()
        key = _FRONT_KEYS[field["key"].lower()]
        if key == "url":
            value = clean_url(value) or ""
        if value and key not in meta:
            meta[key] = value
    return meta, text[match.end() :]


class MarkdownParser:
    """``.md``/``.markdown``."""

    name = "markdown"

    def parse(self, data: bytes) -> Extracted:
        text, encoding, notes = decode_text(data)
        meta, body = front_matter(text)
        blocks = render(body)
        texts = [b.text for b in blocks]
        url, kept = source_url(texts)
        if url:
            dropped = next(
                i for i, (a, b) in enumerate(zip(texts, [*kept, None], strict=False)) if a != b
            )
            blocks.pop(dropped)
            meta.setdefault("url", url)
        return Extracted(blocks=blocks, meta=meta, encoding=encoding, notes=notes)


def render(text: str) -> list[Block]:
    """Markdown text → blocks, in reading order."""
    from markdown_it import MarkdownIt  # loaded only for folders with Markdown

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    markers: list[str] = []  # the marker of each open list item, innermost last
    numbers: list[int | None] = []  # the next number of each open list (None: bullets)
    heading: str | None = None
    item_marker: str | None = None
    row: list[str] = []
    cell = False
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            numbers.append(None)
        elif kind == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1] if numbers else None
            if number is None:
                item_marker = "•"
            else:
                item_marker = f"{number}."
                numbers[-1] = number + 1
            markers.append(item_marker)
        elif kind == "list_item_close":
            markers.pop()
            item_marker = None
        elif kind == "heading_open":
            heading = token.tag
        elif kind == "heading_close":
            heading = None
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            cell = True
        elif kind in ("th_close", "td_close"):
            cell = False
        elif kind == "tr_close":
            if any(row):
                blocks.append(Block(" | ".join(cell for cell in row if cell)))
        elif kind == "inline" and token.children is not None:
            if cell:
                row.append(assemble(_pieces(token.children))[0])
                continue
            for segment in _segments(token, in_item=bool(markers)):
                paragraph, links = segment
                if not paragraph:
                    continue
                if item_marker is not None:
                    prefix = f"{item_marker} "
                    paragraph = prefix + paragraph
                    links = tuple(
                        Link(k.start + len(prefix), k.end + len(prefix), k.url) for k in links
                    )
                    item_marker = None  # a second paragraph of the item has no marker
                if heading is not None:
                    first = heading == "h1" and not any(b.kind is Kind.TITLE for b in blocks)
                    title = first and all(b.kind is Kind.TITLE or b.heading for b in blocks)
                    blocks.append(
                        Block(
                            paragraph, Kind.TITLE if title else None, heading=not title, links=links
                        )
                    )
                else:
                    blocks.append(Block(paragraph, links=links))
        elif kind in ("fence", "code_block"):
            code = " ".join(token.content.split())
            if code:
                blocks.append(Block(code))
    return blocks


def _pieces(children: Sequence[Token]) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    href: str | None = None
    for child in children:
        kind = child.type
        if kind == "link_open":
            href = clean_url(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            href = None
        elif kind in ("text", "code_inline"):
            pieces.append((child.content, href))
        elif kind == "image":
            pieces.append((child.content, href))  # its alt text
        elif kind in ("softbreak", "hardbreak"):
            pieces.append(("\n", None))
    return pieces


def _segments(token: Token, *, in_item: bool) -> list[tuple[str, tuple[Link, ...]]]:
    """An inline run split where its source lines end on purpose (one paragraph a line)."""
    pieces = _pieces(token.children or [])
    raw = [" ".join(line.split()) for line in token.content.split("\n")]
    # Markdown joins a paragraph's lines (one sentence a line is a common style); only
    # lines wider than anyone wraps say the writer meant one paragraph a line.
    per_line = not in_item and any(len(line) > WIDEST_WRAP for line in raw)
    starts = [True] * len(raw) if per_line else [True] + [False] * (len(raw) - 1)
    groups: list[list[tuple[str, str | None]]] = [[]]
    line = 0
    for piece, url in pieces:
        if piece == "\n" and url is None:
            line += 1
            if line < len(starts) and starts[line]:
                groups.append([])
            elif line - 1 < len(raw) and joins_tight(raw[line - 1]):
                continue  # "Trans-" / "Caspian": no space
            else:
                groups[-1].append((" ", None))
            continue
        groups[-1].append((piece, url))
    return [assemble(group) for group in groups]
