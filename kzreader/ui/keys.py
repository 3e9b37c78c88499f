"""Every key binding of the app, grouped where it applies: one source for help and palette.

The help screen and the command palette are built from the widgets' own ``BINDINGS``
(with the user's keymap applied), so neither can drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from . import bindings
from .widgets.entity_list import EntityList
from .widgets.library import LibraryTable


@dataclass(frozen=True)
class KeyGroup:
    """Bindings that apply in one place; ``target`` says where the palette runs them."""

    title: str
    bindings: tuple[Binding, ...]
    target: str | None  # "screen", "article", "pane", "library" or None (not in the palette)


def _described(bindings: list[BindingType]) -> tuple[Binding, ...]:
    out = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description and not binding.system:
            out.append(binding)
    return tuple(out)


def key_groups() -> list[KeyGroup]:
    """The app's bindings, grouped; a binding bound in two places is listed once, first."""
    seen: set[str] = set()
    out = []
    for group in _groups():
        kept = tuple(b for b in group.bindings if not b.id or b.id not in seen)
        seen.update(b.id for b in kept if b.id)
        out.append(KeyGroup(group.title, kept, group.target))
    return out


def _groups() -> list[KeyGroup]:
    """The bindings where they are defined (imported late: the main screen imports us)."""
    from .app import KzReaderApp
    from .dialogs.entity_card import EntityCard
    from .screens.main import MainScreen

    palette = Binding(KzReaderApp.COMMAND_PALETTE_BINDING, "app.command_palette", "Commands")
    return [
        KeyGroup(
            "Everywhere",
            _described([*MainScreen.BINDINGS, *bindings.APP, palette]),
            "screen",
        ),
        KeyGroup("Article", _described(list(bindings.ARTICLE_VIEW)), "article"),
        KeyGroup("Article pane", _described(list(bindings.ARTICLE_PANE)), "pane"),
        KeyGroup(
            "Library",
            _described([*LibraryTable.BINDINGS, *bindings.LIBRARY_FILTER]),
            "library",
        ),
        KeyGroup("Results", _described(list(bindings.RESULTS_LIST)), None),
        # Bookmarks (issue 5): the list's keys run screen actions, so the palette can too.
        KeyGroup(
            "Bookmarks",
            _described([b for b in bindings.BOOKMARKS_LIST if b.action.startswith("screen.")]),
            "screen",
        ),
        KeyGroup(
            "Bookmarks list",
            _described(
                [
                    *(b for b in bindings.BOOKMARKS_LIST if not b.action.startswith("screen.")),
                    *bindings.BOOKMARKS_FILTER,
                ]
            ),
            None,
        ),
        # Entities (issue 4): the sidebar's list and filter, and the entity card.
        KeyGroup(
            "Entity sidebar",
            _described([*EntityList.BINDINGS, *bindings.ENTITY_SIDEBAR, *bindings.ENTITY_FILTER]),
            None,
        ),
        KeyGroup("Entity card", _described(list(EntityCard.BINDINGS)), None),
        KeyGroup("Search box", _described(list(bindings.SEARCH_INPUT)), None),
        KeyGroup("Find bar", _described(list(bindings.FIND_INPUT)), None),
    ]


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger ``binding`` once the user's keymap is applied."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",") if key.strip()]


def binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    return {b.id for group in key_groups() for b in group.bindings if b.id}
