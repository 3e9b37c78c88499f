"""An entity's card: its names, its articles, every mention in context, related entities.

The concordance (left context · mention · right context, the mentions aligned in
one column) is gathered in a thread worker, because an entity of a large corpus
can be mentioned in thousands of articles that have to be read first. Enter on a
mention closes the card and opens the article at that paragraph; the actions
(merge, rename, retype, hide) are messages to the reading screen below the card,
which writes the user's overlay, rebuilds the graph and tells the card: the card
holds no reference to the screen and imports nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core.entities import Entity, EntityGraph, EntityType, Mention, Overlay
from .. import bindings
from ..reader import reader_app
from ..widgets.entity_list import entity_style
from .base import post_below
from .concordance import Line, by_article, concordance_line, kwic
from .entity_prompts import TYPE_LABEL, ConfirmPrompt, MergePicker, RenamePrompt, TypePrompt

CONCORDANCE = 2000  # mentions shown in context: each may mean reading another article


class EntityCard(ModalScreen[None]):
    """Everything about one person, place or organisation; Esc returns to the reader."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ENTITY_CARD)

    @dataclass
    class MentionChosen(Message):
        """Enter on a mention (or an article): close the cards, open it there."""

        entity_id: str
        article_id: str
        paragraph: int
        start: int

    @dataclass
    class CorrectionAsked(Message):
        """A correction to write to the overlay (``done`` is said once it is written);
        ``then`` hears whether it was."""

        done: str
        change: Callable[[Overlay], object]
        redirect: dict[str, str] | None = None
        then: Callable[[bool], object] | None = None

    class UndoAsked(Message):
        """u: take the last correction out of the overlay."""

    def __init__(self, entity_id: str) -> None:
        super().__init__()
        self.entity_id = entity_id
        self.lines: list[Line] = []
        self._follow: str | None = None  # after a merge: the entity this one went into
        self._width = 0
        self._first: dict[str, Mention] = {}  # each article's first mention (Enter on it)

    @property
    def graph(self) -> EntityGraph | None:
        return getattr(self.app, "entities", None)

    @property
    def entity(self) -> Entity | None:
        graph = self.graph
        return graph.entity(self.entity_id) if graph is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(id="card-dialog"):
            yield Static("", id="card-title")
            yield Static("", id="card-aliases")
            yield Static("", id="card-summary")
            yield OptionList(id="card-mentions")
            with Horizontal(id="card-bottom"):
                yield OptionList(id="card-articles")
                yield OptionList(id="card-related")
            yield Static(
                Content.assemble(
                    ("Enter", "bold $accent"),
                    " open  ",
                    ("Tab", "bold $accent"),
                    " next  ",
                    ("m", "bold $accent"),
                    " merge…  ",
                    ("n", "bold $accent"),
                    " rename  ",
                    ("t", "bold $accent"),
                    " type  ",
                    ("h", "bold $accent"),
                    " hide  ",
                    ("u", "bold $accent"),
                    " undo  ",
                    ("Esc", "bold $accent"),
                    " close",
                ),
                id="card-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#card-mentions", OptionList).focus()
        self.show_entity()

    # -- filling ----------------------------------------------------------------

    def show_entity(self) -> None:
        entity = self.entity
        if entity is None:
            self.query_one("#card-title", Static).update("This entity is no longer listed")
            return
        graph = self.graph
        assert graph is not None
        style = entity_style(entity.type)
        self.query_one("#card-title", Static).update(
            Content.assemble(
                (entity.name, f"bold {style}"), "  ", (TYPE_LABEL[str(entity.type)], "$text-muted")
            )
        )
        others = [a for a in entity.aliases if a.casefold() != entity.name.casefold()]
        self.query_one("#card-aliases", Static).update(
            Content.assemble(("Also: ", "$text-muted"), " · ".join(others))
            if others
            else Content.styled("No other names", "$text-muted")
        )
        articles = len(entity.articles)
        summary = (
            f"{entity.mentions} mention{'s' * (entity.mentions != 1)} in "
            f"{articles} article{'s' * (articles != 1)}"
        )
        if entity.comments_only:
            summary += " · only in reader comments"
        self.query_one("#card-summary", Static).update(Content.styled(summary, "$text-muted"))
        mentions = self.query_one("#card-mentions", OptionList)
        shown = min(entity.mentions, CONCORDANCE)
        more = f", the first {shown:,} here" if shown < entity.mentions else ""
        mentions.border_title = f"Mentions in context ({entity.mentions:,}{more})"
        if not self.lines or self.lines[0].mention.entity_id != entity.id:
            reading = Option(Content.styled("Reading the articles…", "$text-muted"))
            for list_id in ("#card-mentions", "#card-articles", "#card-related"):
                listing = self.query_one(list_id, OptionList)
                listing.clear_options()
                listing.add_option(reading)
        self.gather(entity.id, graph)

    def _fill_articles(self, entity: Entity, counts: dict[str, int]) -> None:
        listing = self.query_one("#card-articles", OptionList)
        listing.border_title = f"Articles ({len(entity.articles)})"
        corpus = reader_app(self).corpus
        options = []
        for article_id in entity.articles:
            try:
                title = corpus.info(article_id).title if corpus is not None else article_id
            except KeyError:
                title = article_id
            options.append(
                Option(
                    Content.assemble(title, (f"  ·{counts.get(article_id, 0)}", "$text-muted")),
                    id=f"a:{article_id}",
                )
            )
        listing.clear_options()
        listing.add_options(options)

    def _fill_related(self, graph: EntityGraph, related: list[tuple[str, int]]) -> None:
        listing = self.query_one("#card-related", OptionList)
        listing.border_title = f"Mentioned with ({len(related)})"
        options = []
        for other_id, paragraphs in related:
            other = graph.entity(other_id)
            if other is None:
                continue
            options.append(
                Option(
                    Content.assemble(
                        (other.name, entity_style(other.type)),
                        (f"  {paragraphs} ¶", "$text-muted"),
                    ),
                    id=f"e:{other_id}",
                )
            )
        listing.clear_options()
        if options:
            listing.add_options(options)
        else:
            listing.add_option(
                Option(Content.styled("Never mentioned with another", "$text-muted"))
            )

    @work(thread=True, group="card", exclusive=True, exit_on_error=False)
    def gather(self, entity_id: str, graph: EntityGraph) -> None:
        """Read the entity's mentions and cut their contexts, off the UI thread.

        A common name of a large corpus has a million mentions (about ten seconds to
        read at 50,000 articles): the card must never wait for them on the UI thread.
        """
        corpus = reader_app(self).corpus
        if corpus is None:  # a graph is built from a corpus: not before one is open
            return
        worker = get_current_worker()
        mentions = graph.mentions(entity_id)
        counts, first = by_article(mentions)
        related = graph.cooccurring(entity_id, limit=100)
        lines: list[Line] = []
        for m in mentions[:CONCORDANCE]:
            if worker.is_cancelled:
                return
            lines.append(concordance_line(corpus, m))
        self.app.call_from_thread(self._gathered, entity_id, graph, counts, related, lines, first)

    def _gathered(
        self,
        entity_id: str,
        graph: EntityGraph,
        counts: dict[str, int],
        related: list[tuple[str, int]],
        lines: list[Line],
        first: dict[str, Mention],
    ) -> None:
        entity = self.entity
        if entity_id != self.entity_id or entity is None:
            return
        self._first = first
        self._fill_articles(entity, counts)
        self._fill_related(graph, related)
        self.lines = lines
        self._lay_out_mentions()

    def _lay_out_mentions(self) -> None:
        listing = self.query_one("#card-mentions", OptionList)
        entity = self.entity
        if entity is None:
            return
        width = max(20, listing.scrollable_content_region.width - 1)
        self._width = width
        style = entity_style(entity.type)
        corpus = reader_app(self).corpus
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        options: list[Option] = []
        last_article = None
        for index, line in enumerate(self.lines):
            m = line.mention
            if m.article != last_article:
                last_article = m.article
                try:
                    title = corpus.info(m.article).title if corpus is not None else m.article
                except KeyError:
                    title = m.article
                options.append(Option(Content.styled(title, "bold"), disabled=True))
            options.append(Option(kwic(line, width, style), id=f"m:{index}"))
        listing.clear_options()
        listing.add_options(options)
        ids = [o.id for o in options]
        if keep is not None and keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def on_resize(self, event: Resize) -> None:
        listing = self.query_one("#card-mentions", OptionList)
        if self.lines and abs(listing.scrollable_content_region.width - 1 - self._width) > 0:
            self.call_after_refresh(self._lay_out_mentions)

    # -- the graph changed (an overlay edit) -----------------------------------------

    def graph_changed(self, graph: EntityGraph) -> None:
        if self.entity_id not in graph and self._follow and self._follow in graph:
            self.entity_id, self._follow = self._follow, None
            self.lines = []
        self.show_entity()

    # -- choosing -------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        graph = self.graph
        entity = self.entity
        if not option_id or graph is None or entity is None:
            return
        kind, _, value = option_id.partition(":")
        if kind == "m":
            line = self.lines[int(value)]
            m = line.mention
            post_below(self, self.MentionChosen(entity.id, m.article, m.paragraph, m.start))
        elif kind == "a" and value in self._first:
            first = self._first[value]
            post_below(self, self.MentionChosen(entity.id, value, first.paragraph, first.start))
        elif kind == "e" and value in graph:
            self.app.push_screen(EntityCard(value))

    # -- actions ------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_undo(self) -> None:
        post_below(self, self.UndoAsked())

    def action_rename(self) -> None:
        entity = self.entity
        if entity is None:
            return

        def renamed(new: str | None) -> None:
            if new and new.strip() and new.strip() != entity.name:
                name = new.strip()
                post_below(
                    self,
                    self.CorrectionAsked(
                        f"Renamed {entity.name!r} to {name!r}", lambda o: o.rename(entity, name)
                    ),
                )

        self.app.push_screen(RenamePrompt(entity), renamed)

    def action_retype(self) -> None:
        entity = self.entity
        if entity is None:
            return

        def retyped(new: EntityType | None) -> None:
            if new is not None and new != entity.type:
                post_below(
                    self,
                    self.CorrectionAsked(
                        f"{entity.name} is now a {TYPE_LABEL[str(new)]}",
                        lambda o: o.retype(entity, new),
                    ),
                )

        self.app.push_screen(TypePrompt(entity), retyped)

    def action_merge(self) -> None:
        entity = self.entity
        graph = self.graph
        if entity is None or graph is None:
            return

        def merged(target_id: str | None) -> None:
            target = graph.entity(target_id) if target_id else None
            if target is None or target.id == entity.id:
                return

            def follow(done: bool) -> None:
                if done:  # the rebuilt graph shows the entity this one went into
                    self._follow = target.id

            post_below(
                self,
                self.CorrectionAsked(
                    f"Merged {entity.name!r} into {target.name!r}",
                    lambda o: o.merge(entity, target),
                    redirect={entity.id: target.id},
                    then=follow,
                ),
            )

        self.app.push_screen(MergePicker(graph, entity), merged)

    def action_hide(self) -> None:
        entity = self.entity
        if entity is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                post_below(
                    self,
                    self.CorrectionAsked(
                        f"Hid {entity.name!r} (u in the entity list undoes it)",
                        lambda o: o.hide(entity),
                        then=lambda done: self.dismiss(None) if done else None,
                    ),
                )

        question = (
            f"Hide {entity.name!r}? It leaves the sidebar, the cards and entity searches. "
            "The correction is kept in your overlay file."
        )
        self.app.push_screen(ConfirmPrompt(question, "Hide"), confirmed)
