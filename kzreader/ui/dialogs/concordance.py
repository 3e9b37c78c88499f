"""An entity card's concordance lines: a mention with its context, fitted to a width.

(Key word in context: the mentions aligned in one column, the context on each side
cut to what fits.) Kept apart from the card: pure functions of text and a width.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content

from ...core.corpus.collection import Corpus
from ...core.corpus.reading import ArticleError
from ...core.entities import Mention, context

CONTEXT = 120  # characters gathered on each side of a mention (cut to the width later)


@dataclass(frozen=True, slots=True)
class Line:
    """One mention in context, ready to be laid out at any width."""

    mention: Mention
    before: str
    text: str
    after: str


def _flat(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\n\t\r") else text


def kwic(line: Line, width: int, style: str) -> Content:
    """``¶ n  …left context  MENTION  right context…`` fitted to ``width`` cells."""
    number = f"¶{line.mention.paragraph:<4} "
    room = max(10, width - len(number) - 1)
    mention = line.text if cell_len(line.text) <= room // 2 else line.text[: room // 2 - 1] + "…"
    left_room = max(4, (room - cell_len(mention)) * 2 // 5)
    before = _flat(line.before)
    if cell_len(before) > left_room:
        before = "…" + before[-(left_room - 1) :]
    before = " " * max(0, left_room - cell_len(before)) + before
    right_room = max(0, room - left_room - cell_len(mention))
    after = _flat(line.after)
    if cell_len(after) > right_room:
        after = after[: max(0, right_room - 1)] + "…"
    comment = line.mention.in_comment
    return Content.assemble(
        (number, "$text-muted"),
        (before, "$text-muted" if comment else ""),
        (mention, f"bold {style}"),
        (after, "$text-muted" if comment else ""),
    )


def concordance_line(corpus: Corpus, mention: Mention) -> Line:
    """``mention`` in its context (a line that says so if its article cannot be read now)."""
    try:
        article = corpus.article(mention.article)
        before, text, after = context(article, mention, CONTEXT)
    except (ArticleError, KeyError, OSError, IndexError):
        before, text, after = "", mention.surface, "  (the article cannot be read now)"
    return Line(mention, before, text, after)


def by_article(mentions: list[Mention]) -> tuple[dict[str, int], dict[str, Mention]]:
    """How many of ``mentions`` each article has, and each article's first one."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        counts[m.article] = counts.get(m.article, 0) + 1
        first.setdefault(m.article, m)
    return counts, first
