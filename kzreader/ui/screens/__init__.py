"""The reader's screens: the main reading screen, help, and the entity card and dialogs."""

from .entity_actions import ConfirmPrompt, MergePicker, RenamePrompt, TypePrompt
from .entity_card import EntityCard
from .help import HelpScreen
from .main import MainScreen
from .related_articles import RelatedArticles

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
