"""The small dialogs behind the card's corrections: rename, change type, merge with…, hide.

Each only asks; the card writes the answer to the overlay through the main screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.entities import Entity, EntityGraph, EntityType
from .. import bindings
from ..widgets.entity_list import entity_style
from ..widgets.entity_sidebar import folded
from .base import Dialog

PICKS = 60  # candidates the merge picker lists at once


class RenamePrompt(Dialog[str]):
    """A new canonical name; the old one stays an alias."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.RENAME_PROMPT)

    def __init__(self, entity: Entity) -> None:
        super().__init__(classes="entity-prompt")
        self.entity = entity

    def compose(self) -> ComposeResult:
        with Vertical(classes="entity-dialog"):
            yield Static(
                Content.assemble("Rename ", (self.entity.name, "bold")), classes="dialog-title"
            )
            yield Input(self.entity.name, id="rename-input", select_on_focus=True)
            yield Static(
                "Enter renames (the old name stays an alias) · Esc cancels", classes="dialog-hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("A name cannot be empty", severity="warning", timeout=2)
            return
        self.dismiss(value)


#: Each type as a sentence names it ("… is now a name of unknown type").
TYPE_LABEL = {
    "person": "person",
    "place": "place",
    "organisation": "organisation",
    "name": "name of unknown type",
}


class TypePrompt(Dialog[EntityType]):
    """Person, place or organisation."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.TYPE_PROMPT)

    def __init__(self, entity: Entity) -> None:
        super().__init__(classes="entity-prompt")
        self.entity = entity

    def compose(self) -> ComposeResult:
        with Vertical(classes="entity-dialog"):
            yield Static(
                Content.assemble((self.entity.name, "bold"), " is a…"), classes="dialog-title"
            )
            options = [
                Option(
                    Content.assemble(
                        (str(kind), entity_style(kind)),
                        ("  (now)" if kind == self.entity.type else "", "$text-muted"),
                    ),
                    id=str(kind),
                )
                for kind in EntityType
            ]
            yield OptionList(*options, id="type-list")
            yield Static("Enter picks · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        others = [i for i, kind in enumerate(EntityType) if kind != self.entity.type]
        listing.highlighted = others[0]
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:  # every option has its type as id
            self.dismiss(EntityType(event.option.id))


def _score(matcher: Matcher, needle: str, entity: Entity) -> float:
    """Names that start or contain what was typed first, then loose (fuzzy) matches."""
    name = folded(entity.name)
    if any(word.startswith(needle) for word in name.split()):
        return 300.0
    if needle in name:
        return 200.0
    aliases = folded(" · ".join(entity.aliases))
    if needle in aliases:
        return 100.0
    return min(matcher.match(entity.name), 1.0) * 50.0


class MergePicker(Dialog[str]):
    """Pick the entity this one is the same as, by name (fuzzy, any alias)."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.MERGE_PICKER)

    def __init__(self, graph: EntityGraph, entity: Entity) -> None:
        super().__init__(classes="entity-prompt")
        self.graph = graph
        self.entity = entity
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="entity-dialog", id="merge-dialog"):
            yield Static(
                Content.assemble("Merge ", (self.entity.name, "bold"), " into…"),
                classes="dialog-title",
            )
            yield Input(placeholder="type a name", id="merge-input")
            yield OptionList(id="merge-list")
            yield Static(
                "Enter merges into the highlighted one (it keeps its name) · Esc cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, text: str) -> None:
        candidates = [e for e in self.graph if e.id != self.entity.id]
        if text.strip():
            matcher = Matcher(text.strip())
            needle = folded(text.strip())
            scored = [(s, e) for e in candidates if (s := _score(matcher, needle, e)) > 0]
            scored.sort(key=lambda se: (-se[0], -se[1].mentions))
            chosen = [e for _, e in scored[:PICKS]]
        else:
            same = [e for e in candidates if e.type == self.entity.type]
            chosen = (same + [e for e in candidates if e.type != self.entity.type])[:PICKS]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(
            Option(
                Content.assemble(
                    (e.name, entity_style(e.type)),
                    (f"  {e.type} · {e.mentions}× in {len(e.articles)}", "$text-muted"),
                ),
                id=e.id,
            )
            for e in chosen
        )
        if chosen:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.08, lambda: self._fill(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._fill(event.value)
        listing = self.query_one(OptionList)
        option = listing.highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()


class ConfirmPrompt(Dialog[bool]):
    """A yes/no question; y or Enter says yes."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.CONFIRM_PROMPT)

    def __init__(self, question: str, verb: str) -> None:
        super().__init__(classes="entity-prompt")
        self.question = question
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(classes="entity-dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield Static(
                Content.assemble(
                    ("y", "bold $accent"), f" {self.verb.lower()}  ", ("n", "bold $accent"), " keep"
                ),
                classes="dialog-hint",
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
