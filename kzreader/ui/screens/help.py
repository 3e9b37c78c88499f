"""The help screen: every key, grouped by where it works, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import key_groups, keys_of


class HelpScreen(ModalScreen[None]):
    """Lists every binding; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="kz.help.close"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        keymap = getattr(app, "keymap", {})
        with Vertical(id="help-dialog"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-body"):
                for group in key_groups():
                    rows: list[Content] = []
                    for binding in group.bindings:
                        keys = ", ".join(
                            app.get_key_display(binding.with_key(key))
                            for key in keys_of(binding, keymap)
                        )
                        rows.append(
                            Content.assemble(
                                (f"{keys:>22}", "bold $accent"), "  ", binding.description
                            )
                        )
                    if rows:
                        yield Static(group.title, classes="help-group")
                        yield Static(Content("\n").join(rows), classes="help-keys")
            yield Static("Esc closes · ctrl+p runs any command by name", id="help-footer")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
