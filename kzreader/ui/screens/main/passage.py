"""What b bookmarks (a paragraph, or the words selected in it), and how a bookmark is quoted."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ...widgets.article_view import ArticleView
from ...widgets.bookmarks_panel import short

if TYPE_CHECKING:
    from ....core.bookmarks import Bookmark, Placed

QUOTE_IN_MESSAGE = 50


class Passage(NamedTuple):
    """What b bookmarks: a paragraph, or the words selected in it."""

    view: ArticleView
    article: str
    paragraph: int
    start: int | None
    end: int | None
    quote: str


def quoted(mark: Bookmark | Placed) -> str:
    from ....core.bookmarks import Placed

    quote = mark.bookmark.quote if isinstance(mark, Placed) else mark.quote
    return "“" + short(quote, QUOTE_IN_MESSAGE) + "”"


def cursor_passage(view: ArticleView) -> Passage | None:
    """The cursor's paragraph, or the words selected in it (v); None with no article."""
    if view.article is None or view.cursor is None:
        return None
    text = view.article.paragraph(view.cursor).text
    selection = view.current_selection
    if selection is None or selection.whole():
        return Passage(view, view.article.id, view.cursor, None, None, text)
    start, end = selection.span
    return Passage(view, view.article.id, view.cursor, start, end, text[start:end])
