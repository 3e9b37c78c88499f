""" "Open article…" in the command palette: fuzzy over every title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..messages import OpenArticle

LIMIT = 200  # titles scored per keystroke beyond this would only slow the palette down


class ArticleProvider(Provider):
    """Open any article by (part of) its title."""

    def _open(self, article_id: str) -> None:
        self.screen.post_message(OpenArticle(article_id))

    async def discover(self) -> Hits:
        corpus = getattr(self.app, "corpus", None)
        if corpus is None:
            return
        for count, info in enumerate(corpus):
            if count >= 30:
                return
            yield DiscoveryHit(
                f"Open: {info.title}", partial(self._open, info.id), help="open article…"
            )

    async def search(self, query: str) -> Hits:
        corpus = getattr(self.app, "corpus", None)
        if corpus is None:
            return
        matcher = self.matcher(query)
        found = 0
        for info in corpus:
            title = f"Open: {info.title}"
            score = matcher.match(title)
            if score > 0:
                by = " · ".join(p for p in (info.author, info.outlet, info.date) if p)
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._open, info.id),
                    text=title,
                    help=by or info.id,
                )
                found += 1
                if found >= LIMIT:
                    return
