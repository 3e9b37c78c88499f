"""Messages the widgets and workers send to the main screen, which acts on them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenArticle(Message):
    """Open an article in the active pane, optionally at a paragraph with a query's hits marked."""

    article_id: str
    paragraph: int | None = None
    query: str | None = None


@dataclass
class RunSearch(Message):
    """Put ``query`` in the search box and search for it now."""

    query: str


@dataclass
class IndexProgress(Message):
    """The search index is being built: ``done`` of ``total`` articles to index.

    ``offset`` articles were indexed before (a resumed build or an update), and
    ``resumed`` says an earlier build was interrupted.
    """

    done: int
    total: int
    offset: int = 0
    resumed: bool = False


@dataclass
class GoBack(Message):
    """Esc where there is nothing to close: return the focus to where it came from."""
