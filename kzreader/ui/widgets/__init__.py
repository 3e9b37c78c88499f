"""The reader's widgets, one class per module.

The names below are imported on first use (PEP 562), so importing one widget's module
does not import all the others (start-up time).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .article_pane import ArticlePane
    from .article_view import ArticleView
    from .bookmarks_panel import BookmarksList, BookmarksPanel
    from .entity_list import EntityList, EntityRow
    from .entity_sidebar import EntityFilter, EntitySidebar
    from .find_bar import FindBar
    from .header_bar import HeaderBar
    from .library import LibraryPane
    from .library_table import LibraryTable
    from .results import ResultsList, ResultsPane
    from .search_input import SearchInput

_HOMES = {
    "ArticlePane": "article_pane",
    "ArticleView": "article_view",
    "BookmarksList": "bookmarks_panel",
    "BookmarksPanel": "bookmarks_panel",
    "EntityFilter": "entity_sidebar",
    "EntityList": "entity_list",
    "EntityRow": "entity_list",
    "EntitySidebar": "entity_sidebar",
    "FindBar": "find_bar",
    "HeaderBar": "header_bar",
    "LibraryPane": "library",
    "LibraryTable": "library_table",
    "ResultsList": "results",
    "ResultsPane": "results",
    "SearchInput": "search_input",
}

__all__ = [
    "ArticlePane",
    "ArticleView",
    "BookmarksList",
    "BookmarksPanel",
    "EntityFilter",
    "EntityList",
    "EntityRow",
    "EntitySidebar",
    "FindBar",
    "HeaderBar",
    "LibraryPane",
    "LibraryTable",
    "ResultsList",
    "ResultsPane",
    "SearchInput",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
