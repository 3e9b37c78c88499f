"""The one base of the reader's prompts and forms: a modal screen that answers once.

A dialog is dismissed with its answer, or with None when it is cancelled (Esc), so
every caller reads "None: nothing to do" the same way. What a dialog asks of the
reading screen while it stays open goes as a message (``post_below``).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.message import Message
from textual.screen import ModalScreen, Screen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal prompt or form whose answer is a ``ResultT``, or None when cancelled."""

    def action_cancel(self) -> None:
        """Esc: close without an answer."""
        self.dismiss(None)


def post_below(dialog: Screen[Any], message: Message) -> None:
    """Post ``message`` to the screen the dialogs are over (the first one below
    ``dialog`` that is not modal): dialogs tell the reading screen, they hold no
    reference to it."""
    stack = dialog.app.screen_stack
    below = stack[: stack.index(dialog)] if dialog in stack else stack
    target = next((s for s in reversed(below) if not isinstance(s, ModalScreen)), stack[0])
    target.post_message(message)
