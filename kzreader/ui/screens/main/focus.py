"""Where the focus goes back to (Esc) and where Tab takes it next on the main screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

from ...widgets.article_pane import ArticlePane

TRAIL = 8  # places Esc can go back through


class FocusTrail:
    """The widgets the focus came from, most recent last (a few: old ones are dropped)."""

    def __init__(self) -> None:
        self._back: list[Widget] = []

    def push(self, widget: Widget | None) -> None:
        """Remember ``widget`` as where Esc returns the focus to (once in a row)."""
        if widget is None or (self._back and self._back[-1] is widget):
            return
        self._back.append(widget)
        del self._back[:-TRAIL]

    def pop(self, focused: Widget | None) -> Widget | None:
        """The most recent widget still on screen that is not ``focused``, if any."""
        while self._back:
            candidate = self._back.pop()
            if candidate.is_attached and candidate is not focused:
                return candidate
        return None


def pane_of(widget: Widget) -> ArticlePane | None:
    """The article pane ``widget`` is in, if it is in one."""
    for node in widget.ancestors_with_self:
        if isinstance(node, ArticlePane):
            return node
    return None


def in_left_panel(widget: Widget | None) -> bool:
    """Whether ``widget`` is in the left panel (library, results, bookmarks)."""
    return widget is not None and any(n.id == "left" for n in widget.ancestors_with_self)


def next_in_ring(ring: Sequence[Widget], focused: Widget | None, step: int) -> Widget:
    """The widget ``step`` places from the one holding the focus (from an end if none)."""
    here = next(
        (i for i, w in enumerate(ring) if focused is not None and w in focused.ancestors_with_self),
        None,
    )
    if here is None:
        here = -1 if step > 0 else 0
    return ring[(here + step) % len(ring)]
