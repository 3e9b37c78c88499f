""" "Search for…" in the command palette: runs what was typed as a search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..messages import RunSearch


class SearchProvider(Provider):
    """Offers to search every article for the palette's text."""

    def _run_query(self, query: str) -> None:
        self.screen.post_message(RunSearch(query))

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            "Search for…",
            self._focus_search,
            help="type a query here, or press / in the reader",
        )

    def _focus_search(self) -> None:
        action = getattr(self.screen, "action_focus_search", None)
        if action is not None:
            action()

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        yield Hit(
            1.0 if query.lower().startswith("search") else 0.6,
            Content.assemble("Search for ", (query, "bold")),
            partial(self._run_query, query),
            text=f"Search for {query}",
            help="search every article (Results tab)",
        )
