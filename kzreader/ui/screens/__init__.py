"""The reader's screens: the main reading screen, help, and the entity card and dialogs.

The names below are imported on first use (PEP 562): importing one screen's module
must not import every dialog and the entity core with it, or the first frame waits
for all of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .entity_actions import ConfirmPrompt, MergePicker, RenamePrompt, TypePrompt
    from .entity_card import EntityCard
    from .help import HelpScreen
    from .main import MainScreen
    from .related_articles import RelatedArticles

_HOMES = {
    "ConfirmPrompt": "entity_actions",
    "EntityCard": "entity_card",
    "HelpScreen": "help",
    "MainScreen": "main",
    "MergePicker": "entity_actions",
    "RelatedArticles": "related_articles",
    "RenamePrompt": "entity_actions",
    "TypePrompt": "entity_actions",
}

__all__ = [
    "ConfirmPrompt",
    "EntityCard",
    "HelpScreen",
    "MainScreen",
    "MergePicker",
    "RelatedArticles",
    "RenamePrompt",
    "TypePrompt",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
