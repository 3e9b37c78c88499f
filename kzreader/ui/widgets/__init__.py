"""The reader's widgets, one class per module."""

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
