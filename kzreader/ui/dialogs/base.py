"""The one base of the reader's prompts and forms: a modal screen that answers once.

A dialog is dismissed with its answer, or with None when it is cancelled (Esc), so
every caller reads "None: nothing to do" the same way.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal prompt or form whose answer is a ``ResultT``, or None when cancelled."""

    def action_cancel(self) -> None:
        """Esc: close without an answer."""
        self.dismiss(None)
