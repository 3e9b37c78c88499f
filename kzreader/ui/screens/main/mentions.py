"""Mentions in reading order, and which one `]`/`[` goes to next; what is marked where.

Kept apart from the entity controller: pure functions of an article and its mentions
(tested as such), and the per-view state the controller keeps between events.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from ....core.corpus.model import Article, Kind
from ...widgets.article_view import ArticleView

if TYPE_CHECKING:
    from ....core.entities import Mention

#: The article view's mark layers of the entity types (one is shown at a time).
LAYERS = ("entity-person", "entity-place", "entity-organisation", "entity-name")


def has_entity_marks(view: ArticleView) -> bool:
    """Whether ``view`` shows any entity's marks."""
    return any(view.marks(name) for name in LAYERS)


def reading_order(article: Article, mentions: list[Mention]) -> list[Mention]:
    """Mentions as the article view reads them: body, then comments, then boilerplate."""
    rank = Ranker(article)
    return sorted(mentions, key=lambda m: (*rank(m.paragraph), m.start))


def next_mention(
    view: ArticleView, mentions: list[Mention], step: int, where: tuple[str, int, int] | None
) -> tuple[int, bool]:
    """Index of the mention to go to, and whether that went round the end (``where``:
    the mention last gone to in this view, as article id, paragraph, offset)."""
    article = view.article
    assert article is not None
    keys = [(m.paragraph, m.start) for m in mentions]
    here = (where[1], where[2]) if where is not None and where[0] == article.id else None
    if here is not None and here[0] == view.cursor and here in keys:
        index = keys.index(here) + step
        return index % len(mentions), not 0 <= index < len(mentions)
    if view.cursor is None:
        return (0, False) if step > 0 else (len(mentions) - 1, False)
    rank = Ranker(article)
    cursor = rank(view.cursor)
    ranks = [rank(m.paragraph) for m in mentions]
    if step > 0:
        after = [i for i, r in enumerate(ranks) if r > cursor]
        return (after[0], False) if after else (0, True)
    before = [i for i, r in enumerate(ranks) if r < cursor]
    return (before[-1], False) if before else (len(mentions) - 1, True)


class Ranker:
    """Reading-order key of a paragraph number (as the article view orders them)."""

    def __init__(self, article: Article) -> None:
        self.article = article

    def __call__(self, paragraph: int) -> tuple[int, int]:
        paragraphs = self.article.paragraphs
        kind = paragraphs[paragraph - 1].kind if 1 <= paragraph <= len(paragraphs) else None
        section = 1 if kind is Kind.COMMENT else 2 if kind is Kind.BOILERPLATE else 0
        return section, paragraph


class EntityState:
    """What the screen remembers about entities between events."""

    def __init__(self) -> None:
        self.selected: str | None = None
        self.reported: set[str] = set()
        self.redirect: dict[str, str] = {}  # merged entity → the entity it went into
        # per view: (article id, whether entity marks were set) and the last mention jumped to
        self.marked: weakref.WeakKeyDictionary[ArticleView, tuple[str | None, bool]] = (
            weakref.WeakKeyDictionary()
        )
        self.position: weakref.WeakKeyDictionary[ArticleView, tuple[str, int, int]] = (
            weakref.WeakKeyDictionary()
        )
