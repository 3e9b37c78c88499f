"""The app as the reader's own class, for a widget, screen or dialog that needs its services.

Textual types ``node.app`` as any ``App``; the reader's screens and dialogs run only in
``KzReaderApp``, whose Library, settings and state they use. One cast, in one place (the
app module is named for the type checker only: it imports the screens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from .app import KzReaderApp


def reader_app(node: DOMNode) -> KzReaderApp:
    return cast("KzReaderApp", node.app)
