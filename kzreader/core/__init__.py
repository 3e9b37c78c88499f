"""The UI-free core: corpus, index, entities, bookmarks, themes, settings.

Nothing under this package may import Textual or Rich (a test proves it), so the
core can be used from the CLI, from scripts and from tests on its own.
"""
