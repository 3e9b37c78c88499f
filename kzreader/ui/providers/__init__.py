"""Command palette providers: every action, "Open article…" and "Search for…".

The names below are imported on first use (PEP 562): the app names its providers with
loader functions, so none of them is imported before the palette first opens.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .articles import ArticleProvider
    from .commands import CommandsProvider
    from .search import SearchProvider

_HOMES = {"ArticleProvider": "articles", "CommandsProvider": "commands", "SearchProvider": "search"}

__all__ = ["ArticleProvider", "CommandsProvider", "SearchProvider"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


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
