"""The right-hand sidebar where the entities of the article will be listed (issue 4)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class EntitySidebar(Vertical):
    """Reserved place for People / Places / Organisations; shown or hidden with `e`."""

    def compose(self) -> ComposeResult:
        yield Static("Entities", classes="sidebar-title")
        yield Static("People", classes="sidebar-section")
        yield Static("Places", classes="sidebar-section")
        yield Static("Organisations", classes="sidebar-section")
        yield Static(
            "The people, places and organisations of the article will be listed here.",
            classes="sidebar-note",
        )
