"""Command palette providers: every action, "Open article…" and "Search for…"."""

from .articles import ArticleProvider
from .commands import CommandsProvider
from .search import SearchProvider

__all__ = ["ArticleProvider", "CommandsProvider", "SearchProvider"]
