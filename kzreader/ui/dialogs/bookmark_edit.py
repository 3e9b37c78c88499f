"""The note-and-tags dialog for a bookmark (new or existing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from ...core.bookmarks import parse_tags
from .. import bindings
from .base import Dialog

QUOTE_CHARS = 300


@dataclass(frozen=True)
class BookmarkEdit:
    """What the dialog returns: the note and the tags as typed (tags parsed)."""

    note: str
    tags: tuple[str, ...]


class BookmarkEditScreen(Dialog[BookmarkEdit]):
    """Edit a bookmark's note (several lines) and tags (one line, commas or spaces).

    ctrl+s or Enter in the tags box saves; Esc cancels.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.BOOKMARK_EDIT)

    def __init__(
        self,
        *,
        title: str,
        quote: str,
        note: str = "",
        tags: tuple[str, ...] = (),
        known_tags: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self._title = title
        self._quote = quote
        self._note = note
        self._tags = tags
        self._known = known_tags

    def compose(self) -> ComposeResult:
        quote = " ".join(self._quote.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        with Vertical(id="bookmark-dialog", classes="kz-dialog") as dialog:
            dialog.border_title = self._title
            yield Static(quote, id="bookmark-quote", markup=False)
            yield Label("Note")
            yield TextArea(self._note, id="bookmark-note", soft_wrap=True, tab_behavior="focus")
            yield Label("Tags (commas or spaces)")
            yield Input(
                " ".join(self._tags), id="bookmark-tags", placeholder="e.g. csto, law", compact=True
            )
            if self._known:
                shown = " ".join("#" + t for t in self._known[:12])
                yield Static(f"In use: {shown}", id="bookmark-known-tags", markup=False)
            with Horizontal(classes="kz-dialog-buttons"):
                yield Button("Save", id="bookmark-save", variant="primary", compact=True)
                yield Button("Cancel", id="bookmark-cancel", compact=True)
            yield Static("ctrl+s or Enter in Tags saves · Esc cancels", classes="kz-dialog-hint")

    def on_mount(self) -> None:
        note = self.query_one("#bookmark-note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    def action_save(self) -> None:
        note = self.query_one("#bookmark-note", TextArea).text
        tags = parse_tags(self.query_one("#bookmark-tags", Input).value)
        self.dismiss(BookmarkEdit(note.strip(), tags))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "bookmark-save":
            self.action_save()
        else:
            self.action_cancel()
