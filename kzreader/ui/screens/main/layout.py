"""How wide the terminal is, as the screen's classes (the stylesheet lays out from them)."""

from __future__ import annotations

COMPACT = 120  # below this many columns the left panel is narrower
NARROW = 70  # below this many columns only one of left panel / articles is shown
NO_SIDEBAR = 100  # below this many columns the entity sidebar is hidden
SPLIT_SIDEBAR = 160  # ... and below this many when two articles share the middle
SPLIT_LEFT = 110  # a split below this many columns hides the left panel too


def size_classes(width: int, split: bool) -> dict[str, bool]:
    """Each size class of the main screen, and whether ``width`` columns turn it on."""
    return {
        "-no-sidebar": width < NO_SIDEBAR or (split and width < SPLIT_SIDEBAR),
        "-compact": width < COMPACT,
        "-narrow": width < NARROW,
        "-hide-left": width < NARROW or (split and width < SPLIT_LEFT),
    }
