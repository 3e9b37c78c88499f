"""What the Bookmarks tab shows until bookmarks exist (issue 5)."""

from __future__ import annotations

from textual.widgets import Static


class BookmarksPlaceholder(Static):
    """Stands in the Bookmarks tab; the bookmarks list replaces it."""

    def __init__(self) -> None:
        super().__init__("Bookmarks arrive with issue 5.", id="bookmarks-placeholder")
