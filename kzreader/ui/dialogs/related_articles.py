"""The articles related to one article, ranked by the people, places and organisations they share.

Sharing a rare name counts more than sharing "Russia" (the graph's idf weighting);
each row says which names link the two. Enter opens one in the active pane.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.corpus.model import Article
from ...core.entities import EntityGraph
from .. import bindings
from ..widgets.entity_list import entity_style

SHARED_SHOWN = 5  # names listed per related article


class RelatedArticles(ModalScreen[str | None]):
    """A short list of related articles; Enter opens one, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.RELATED_ARTICLES)

    def __init__(self, article: Article, graph: EntityGraph, corpus: Any) -> None:
        super().__init__()
        self.article = article
        self.graph = graph
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        related = self.graph.related_articles(self.article.id)
        with Vertical(id="related-dialog"):
            yield Static(
                Content.assemble(("Related to ", "$text-muted"), (self.article.title, "bold")),
                id="related-title",
            )
            yield Static(
                Content.styled(
                    f"{len(related)} article{'s' * (len(related) != 1)} share people, places or "
                    "organisations with it; rarer names count more",
                    "$text-muted",
                ),
                id="related-summary",
            )
            yield OptionList(*self._options(related), id="related-list")
            yield Static(
                Content.assemble(
                    ("Enter", "bold $accent"), " open  ", ("Esc", "bold $accent"), " close"
                ),
                id="related-keys",
            )

    def _options(self, related: list) -> list[Option]:
        if not related:
            return [
                Option(
                    Content.styled("No other article shares a name with this one", "$text-muted"),
                    disabled=True,
                )
            ]
        options = []
        for item in related:
            try:
                title = self.corpus.info(item.article).title
            except (KeyError, AttributeError):
                title = item.article
            names = []
            for entity_id in item.shared[:SHARED_SHOWN]:
                entity = self.graph.entity(entity_id)
                if entity is not None:
                    names.append((entity.name, entity_style(entity.type)))
            more = len(item.shared) - len(names)
            shared: list[Any] = ["   "]
            for index, name in enumerate(names):
                shared.append(name)
                if index < len(names) - 1:
                    shared.append((" · ", "$text-muted"))
            if more > 0:
                shared.append((f"  +{more}", "$text-muted"))
            prompt = Content.assemble(
                (title, "bold"),
                (f"  {len(item.shared)} shared", "$text-muted"),
                "\n",
                *shared,
            )
            options.append(Option(prompt, id=item.article))
        return options

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor(self, step: int) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
