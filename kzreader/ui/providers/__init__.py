"""Command palette providers: every action, "Open article…" and "Search for…".

The app names its providers with the loader functions below, so none of them is
imported before the palette first opens; import a provider class from its module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .articles import ArticleProvider
    from .commands import CommandsProvider
    from .search import SearchProvider


def commands_provider() -> type[CommandsProvider]:
    """Every bound action (a loader for ``App.COMMANDS``)."""
    from .commands import CommandsProvider

    return CommandsProvider


def article_provider() -> type[ArticleProvider]:
    """Open article… (a loader for ``App.COMMANDS``)."""
    from .articles import ArticleProvider

    return ArticleProvider


def search_provider() -> type[SearchProvider]:
    """Search for… (a loader for ``App.COMMANDS``)."""
    from .search import SearchProvider

    return SearchProvider
