"""The find bar of one article pane: a plain, case-insensitive search of that article only."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from ...core.corpus.model import Article
from .. import bindings


def find_spans(article: Article, needle: str) -> dict[int, list[tuple[int, int]]]:
    """Every case-insensitive occurrence of ``needle``, by paragraph number."""
    if not needle:
        return {}
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    found: dict[int, list[tuple[int, int]]] = {}
    for paragraph in article.paragraphs:
        spans = [(m.start(), m.end()) for m in pattern.finditer(paragraph.text)]
        if spans:
            found[paragraph.number] = spans
    return found


class FindInput(Input):
    """The text box of the find bar."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FIND_INPUT)

    def action_close(self) -> None:
        self.post_message(FindBar.Closed())

    def action_step(self, step: int) -> None:
        self.post_message(FindBar.Step(step))


class FindBar(Horizontal):
    """Shown under an article with ctrl+f; Enter or n/N step through the matches."""

    class Closed(Message):
        """Esc in the find bar."""

    class Step(Message):
        """Go to the next/previous match."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def compose(self) -> ComposeResult:
        yield Label("Find", classes="find-label")
        yield FindInput(placeholder="text in this article", compact=True, id="find-input")
        yield Label("", id="find-count")

    @property
    def input(self) -> FindInput:
        return self.query_one(FindInput)

    def set_count(self, current: int | None, total: int, needle: str) -> None:
        label = self.query_one("#find-count", Label)
        if not needle:
            label.update("")
        elif total == 0:
            label.update("no matches")
        else:
            where = f"{current + 1}/" if current is not None else ""
            label.update(f"{where}{total}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(1))
