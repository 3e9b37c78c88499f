"""The article panes of the main screen: which one is active, what each shows, positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...widgets.article_pane import ArticlePane

if TYPE_CHECKING:
    from textual.widget import Widget

    from ....core.corpus.model import Article
    from .host import Host


class PanesController:
    """Shows parsed articles in the panes and remembers where each was read to."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.active: ArticlePane | None = None

    def set_active(self, pane: ArticlePane) -> None:
        """Make ``pane`` the one articles open in (and styled as active)."""
        for each in self.host.panes:
            each.set_class(each is pane, "-active")
        self.active = pane

    def show_article(
        self,
        pane: ArticlePane,
        article: Article,
        paragraph: int | None,
        spans: dict[int, list[tuple[int, int]]] | None,
    ) -> None:
        """Put a loaded article in ``pane`` (called on the UI thread by the open worker)."""
        app = self.host.reader
        corpus = app.corpus
        if corpus is None or pane not in self.host.panes:
            return
        article_id = article.id
        self.remember_position(pane)
        if paragraph is None:
            paragraph = app.state.position(app.corpus_key, article_id)
        try:
            words = corpus.info(article_id).words
        except KeyError:
            words = None
        pane.open(article, paragraph=paragraph, words=words)
        if spans:
            pane.view.set_marks("hit", spans)
            matches = pane.view.matches
            first = next((i for i, m in enumerate(matches) if m.paragraph == paragraph), None)
            if first is not None:
                pane.view.go_to_match(first)
        pane.view.focus()
        self.set_active(pane)

    def remember_position(self, pane: ArticlePane | None = None) -> None:
        """Note where the cursor is in the article(s) shown, for the next time they open."""
        app = self.host.reader
        for each in [pane] if pane else self.host.panes:
            view = each.view
            if view.article is not None and view.cursor is not None:
                app.state.set_position(app.corpus_key, view.article.id, view.cursor)

    def cursor_moved(self, article_id: str | None, paragraph: int | None) -> None:
        """A view's cursor moved: its position is saved (soon, with the rest of the state)."""
        if article_id is not None and paragraph is not None:
            app = self.host.reader
            app.state.set_position(app.corpus_key, article_id, paragraph)
            app.schedule_state_save()

    async def split(self, into: Widget) -> None:
        """A second pane in ``into``, on the active pane's article (and its search marks)."""
        source = self.active or self.host.panes[0]
        settings = self.host.reader.settings_value
        pane = ArticlePane(
            measure=source.view.measure, show_comments=settings("show_comments", True)
        )
        await into.mount(pane)
        if source.article is not None:
            pane.open(source.article, paragraph=source.view.cursor, words=source.view.words)
            pane.view.set_marks("hit", source.view.marks("hit"))  # the same search, both sides
        else:
            pane.view.show(None)
        pane.view.focus()
        self.set_active(pane)

    async def unsplit(self) -> None:
        """Close the active pane of two (the other becomes active and takes the focus)."""
        panes = self.host.panes
        closing = self.active if self.active in panes else panes[-1]
        keep = next(p for p in panes if p is not closing)
        self.remember_position(closing)
        await closing.remove()
        self.set_active(keep)
        keep.view.focus()
