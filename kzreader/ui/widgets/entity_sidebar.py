"""The right-hand sidebar: People / Places / Organisations (and names of unknown type).

It knows nothing about panes or workers: the main screen hands it the graph, the
article in the active pane and the build's progress, and hears back which entity
the user highlighted and whose card to open.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static

from ...core.text import fold_accents
from .. import bindings
from .entity_list import LINK, EntityList, EntityRow

if TYPE_CHECKING:
    from ...core.entities import Entity, EntityGraph

SECTIONS = (
    ("person", "People"),
    ("place", "Places"),
    ("organisation", "Organisations"),
    ("name", "Other names"),  # too little evidence to say: `t` on the card types it
)
ARTICLE, CORPUS = "article", "corpus"


def folded(text: str) -> str:
    return fold_accents(text).casefold()


def haystacks(graph: EntityGraph) -> dict[str, str]:
    """What the filter looks in, per entity: every name it goes by, case and accents folded."""
    return {e.id: folded(" · ".join((e.name, *e.aliases))) for e in graph}


def entity_rows(
    graph: EntityGraph,
    scope: str,
    article: str | None,
    needle: str = "",
    hay: dict[str, str] | None = None,
) -> list[EntityRow]:
    """The sidebar's rows: a header per type, its entities, then those only in comments."""
    if scope == ARTICLE:
        if article is None:
            return []
        mentions = graph.mentions_in(article)
        counts = Counter(m.entity_id for m in mentions)
        in_body = {m.entity_id for m in mentions if not m.in_comment}
        entities = graph.entities(article=article)
        count = counts.__getitem__

        def dim(e: Entity) -> bool:
            return e.id not in in_body
    else:
        entities = graph.entities()

        def count(entity_id: str) -> int:
            found = graph.entity(entity_id)
            return found.mentions if found else 0

        def dim(e: Entity) -> bool:
            return e.comments_only

    words = folded(needle).split()
    if words:
        hay = hay if hay is not None else haystacks(graph)
        entities = [e for e in entities if all(w in hay.get(e.id, "") for w in words)]
    rows: list[EntityRow] = []
    for type_name, title in SECTIONS:
        mine = [e for e in entities if e.type == type_name]
        if (words or type_name == "name") and not mine:
            continue  # filtering: only the sections that have a match; no empty "names"
        rows.append(EntityRow(title, type=type_name, count=len(mine)))
        main = [e for e in mine if not dim(e)]
        aside = [e for e in mine if dim(e)]
        for group, is_dim in ((main, False), (aside, True)):
            if is_dim and group:
                rows.append(EntityRow("in comments only", type=type_name, note=True))
            rows.extend(
                EntityRow(
                    e.name,
                    e.id,
                    type_name,
                    count(e.id),
                    len(e.articles),
                    dim=is_dim,
                )
                for e in group
            )
    return rows


class EntityFilter(Input):
    """Type to narrow the list by any name an entity goes by; down or Enter returns to it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ENTITY_FILTER)

    def action_to_list(self) -> None:
        self.query_ancestor(EntitySidebar).entity_list.focus()

    def action_clear(self) -> None:
        self.value = ""
        self.query_ancestor(EntitySidebar).entity_list.focus()


class EntitySidebar(Vertical):
    """People / Places / Organisations with counts, for this article or all articles."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ENTITY_SIDEBAR)

    class EntityHighlighted(Message):
        """The user put the cursor on an entity: mark its mentions."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class CardRequested(Message):
        """Enter on an entity: open its card."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph: EntityGraph | None = None
        self.scope = ARTICLE
        self.article: str | None = None
        self._hay: dict[str, str] = {}
        self._filter_timer: Timer | None = None
        self._failed: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="entities-title")
        yield Static("", id="entities-hint")
        yield EntityFilter(placeholder="filter names (f)", compact=True, id="entities-filter")
        yield Static("Waiting for the articles…", id="entities-status")
        yield ProgressBar(total=None, show_eta=False, id="entities-progress", classes="-hidden")
        yield EntityList(id="entity-list")

    def on_mount(self) -> None:
        self._update_title()

    # -- parts ---------------------------------------------------------------

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def filter_input(self) -> EntityFilter:
        return self.query_one(EntityFilter)

    @property
    def status(self) -> str:
        return str(self.query_one("#entities-status", Static).content)

    # -- what the screen tells us ---------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """The graph is being built: ``done`` of ``total`` articles read."""
        bar = self.query_one(ProgressBar)
        bar.remove_class("-hidden")
        bar.update(total=max(total, 1), progress=done)
        self._set_status(f"Finding people, places and organisations… {done}/{total}")

    def set_waiting(self, text: str) -> None:
        """Before the build starts: say what it waits for."""
        if self.graph is None and self._failed is None:
            self._set_status(text)

    def set_stopped(self) -> None:
        """The user stopped the build: what was found so far is cached for the next start."""
        self.query_one(ProgressBar).add_class("-hidden")
        if self.graph is None:
            self._set_status(
                "Stopped finding people, places and organisations; the next start (or "
                "“Resume indexing”, ctrl+p) goes on where it stopped."
            )

    def set_failed(self, reason: str) -> None:
        self._failed = reason
        self.query_one(ProgressBar).add_class("-hidden")
        self._set_status(f"No entities: {reason}")

    def set_graph(self, graph: EntityGraph) -> None:
        """A new (or rebuilt) graph: refill, keeping the cursor on the same entity."""
        self.graph = graph
        self._failed = None
        self._hay = haystacks(graph)
        self.query_one(ProgressBar).add_class("-hidden")
        self.refill()

    def set_article(self, article_id: str | None) -> None:
        """The active pane shows ``article_id`` (None: nothing open)."""
        if article_id == self.article:
            return
        self.article = article_id
        if self.scope == ARTICLE:
            self.refill()

    def select(self, entity_id: str) -> bool:
        """Put the cursor on ``entity_id`` without telling anyone (it is already marked)."""
        return self.entity_list.move_to(entity_id)

    # -- filling ---------------------------------------------------------------

    def refill(self) -> None:
        listing = self.entity_list
        self._update_title()
        if self.graph is None:
            return
        needle = self.filter_input.value.strip()
        rows = entity_rows(self.graph, self.scope, self.article, needle, self._hay)
        shown = sum(1 for r in rows if r.is_entity)
        if self.scope == ARTICLE and self.article is None:
            listing.empty_text = "No article open"
        elif needle:
            listing.empty_text = f"No name matches {needle!r}"
        else:
            listing.empty_text = "No names found here"
        listing.set_rows(rows if shown else [], keep=listing.current)
        if needle:
            self._set_status(f"{shown} match {needle!r}")
        else:
            self._set_status(f"{shown} names · {LINK} n articles" if shown else "")

    def _update_title(self) -> None:
        here = self.scope == ARTICLE
        title = Content.assemble(
            ("Entities ", "bold $accent"),
            ("· this article" if here else "· all articles", "bold"),
        )
        self.query_one("#entities-title", Static).update(title)
        other = "all articles" if here else "this article"
        self.query_one("#entities-hint", Static).update(
            Content.assemble(("a", "bold $accent"), f" {other}  ", ("f", "bold $accent"), " filter")
        )

    def _set_status(self, text: str) -> None:
        status = self.query_one("#entities-status", Static)
        status.update(Content(text))
        status.set_class(not text, "-hidden")

    # -- actions and events ------------------------------------------------------

    def action_toggle_scope(self) -> None:
        self.scope = CORPUS if self.scope == ARTICLE else ARTICLE
        self.refill()

    def action_filter(self) -> None:
        self.filter_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.filter_input:
            return
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.05, self._filtered)

    def _filtered(self) -> None:
        self.refill()
        current = self.entity_list.current
        if current is not None:
            self.post_message(self.EntityHighlighted(current))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_input:
            event.stop()

    def on_entity_list_highlighted(self, event: EntityList.Highlighted) -> None:
        event.stop()
        self.post_message(self.EntityHighlighted(event.entity_id))

    def on_entity_list_selected(self, event: EntityList.Selected) -> None:
        event.stop()
        self.post_message(self.CardRequested(event.entity_id))
