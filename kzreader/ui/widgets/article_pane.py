"""One article pane: the article view, its title bar, and its own find bar."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input

from ...core.corpus.model import Article
from .. import bindings
from ..messages import GoBack
from .article_view import ArticleView
from .find_bar import FindBar, find_spans


class ArticlePane(Vertical):
    """An article view with a border that names the article and tells where the cursor is."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ARTICLE_PANE)

    def __init__(
        self, *, measure: int = 80, show_comments: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="article-pane")
        self._measure = measure
        self._show_comments = show_comments
        self._find_timer: Timer | None = None
        self._found_for: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield ArticleView(measure=self._measure, show_comments=self._show_comments)
        yield FindBar(classes="-hidden")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    @property
    def article(self) -> Article | None:
        return self.view.article

    def open(
        self, article: Article, *, paragraph: int | None = None, words: int | None = None
    ) -> None:
        """Show ``article`` (hits and find matches of the previous one are dropped)."""
        self.view.show(article, paragraph=paragraph, words=words)
        self.find_bar.input.value = ""
        self.find_bar.add_class("-hidden")
        self.border_title = Content(article.title)
        self._found_for = None
        self._update_subtitle()

    # -- find ----------------------------------------------------------------

    def action_find(self) -> None:
        if self.article is None:
            self.notify("Open an article first; ctrl+f finds text in it", timeout=3)
            return
        self.find_bar.remove_class("-hidden")
        self.find_bar.input.focus()

    def action_back(self) -> None:
        if self.view.marks("find"):
            self._close_find()
        else:
            self.post_message(GoBack())

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self._close_find()

    def _close_find(self) -> None:
        self.find_bar.add_class("-hidden")
        self.find_bar.input.value = ""
        self.view.set_marks("find", {})
        self._found_for = None
        self.view.focus()
        self._update_subtitle()

    def on_find_bar_step(self, event: FindBar.Step) -> None:
        event.stop()
        self._run_find()
        self.view.step_match(event.step)
        self._update_subtitle()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.find_bar.input:
            return
        event.stop()
        if self._find_timer is not None:
            self._find_timer.stop()
        # Long articles take a moment to scan; wait for a pause in the typing.
        delay = 0.02 if self.article is not None and self.article.size < 200_000 else 0.2
        self._find_timer = self.set_timer(delay, self._find_now)

    def _find_now(self) -> None:
        self._run_find()
        if self.view.matches:
            self.view.step_match(1)
        self._update_subtitle()

    def _run_find(self) -> None:
        needle = self.find_bar.input.value
        article = self.article
        if article is None:
            return
        if self._found_for == (article.id, needle):
            return
        self._found_for = (article.id, needle)
        self.view.set_marks("find", find_spans(article, needle))

    # -- status --------------------------------------------------------------

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        view = self.view
        article = view.article
        if article is None:
            self.border_title = "No article"
            self.border_subtitle = ""
            return
        parts = []
        if view.cursor is not None:
            parts.append(f"¶ {view.cursor}/{len(article.paragraphs)}")
        matches = view.matches
        if matches:
            what = "match" if view.nav_layer == "find" else "hit"
            where = f"{view.current_match + 1}/" if view.current_match is not None else ""
            parts.append(f"{what} {where}{len(matches)}")
        self.border_subtitle = " · ".join(parts)
        if view.nav_layer == "find" or self.find_bar.input.value:
            self.find_bar.set_count(view.current_match, len(matches), self.find_bar.input.value)
