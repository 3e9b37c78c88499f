"""The help screen: every key, grouped by where it works, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import bindings
from ..keys import KeyGroup, key_groups, keys_of

TWO_COLUMNS = 100  # terminal columns from which the groups are shown side by side


class HelpScreen(ModalScreen[None]):
    """Lists every binding; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.HELP)

    def compose(self) -> ComposeResult:
        groups = [group for group in key_groups() if group.bindings]
        columns = 2 if self.app.size.width >= TWO_COLUMNS else 1
        with Vertical(id="help-dialog", classes=f"-columns-{columns}"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-body"), Horizontal(id="help-columns"):
                for column in _balanced(groups, columns):
                    with Vertical(classes="help-column"):
                        for group in column:
                            yield Static(group.title, classes="help-group")
                            yield Static(self._rows(group), classes="help-keys")
            yield Static("Esc closes · ctrl+p runs any command by name", id="help-footer")

    def _rows(self, group: KeyGroup) -> Content:
        keymap = getattr(self.app, "keymap", {})
        rows = []
        for binding in group.bindings:
            keys = ", ".join(
                self.app.get_key_display(binding.with_key(key)) for key in keys_of(binding, keymap)
            )
            rows.append(
                Content.assemble((f"{keys:>18}", "bold $accent"), "  ", binding.description)
            )
        return Content("\n").join(rows)

    def action_close(self) -> None:
        self.dismiss(None)


def _balanced(groups: list[KeyGroup], columns: int) -> list[list[KeyGroup]]:
    """Groups in reading order, split into columns of about the same height."""
    if columns == 1:
        return [groups]
    total = sum(len(g.bindings) + 2 for g in groups)
    first: list[KeyGroup] = []
    height = 0
    for index, group in enumerate(groups):
        if height >= total / 2 and first:
            return [first, groups[index:]]
        first.append(group)
        height += len(group.bindings) + 2
    return [first, []]
