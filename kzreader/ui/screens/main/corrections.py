"""Corrections to the entity graph: merge, rename, retype, hide, and undoing the last.

Each correction is one line appended to the collection's overlay file, after which
the graph is rebuilt from the per-article cache (a file read, not an extraction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ....core.entities import Overlay
    from .host import Host


class Corrections:
    """Writes corrections to the overlay file and asks for the rebuild that shows them."""

    def __init__(self, host: Host, redirect: dict[str, str], rebuild: Callable[[], None]) -> None:
        self._host = host
        self._redirect = redirect  # merged entity → the one it went into (shared, not copied)
        self._rebuild = rebuild

    def edit(
        self, done: str, change: Callable[[Overlay], object], redirect: dict[str, str] | None = None
    ) -> bool:
        """Append one correction to the overlay file, then rebuild; False (and a line) on error."""
        from ....core.entities import OverlayError

        overlay = self._host.reader.library.load_overlay()
        try:
            change(overlay)
        except OverlayError as error:
            self._host.reader.notify(str(error), severity="error", timeout=8, markup=False)
            return False
        if redirect:
            self._redirect.update(redirect)
        self._host.reader.notify(done, timeout=4, markup=False)
        self._rebuild()
        return True

    def retype_highlighted(self) -> None:
        """`t` in the entity list: say what the highlighted entity is (a name of unknown
        type becomes a person, a place or an organisation; a wrong type is corrected)."""
        from ....core.entities import EntityType
        from ...dialogs.entity_prompts import TypePrompt

        graph = self._host.reader.entities
        entity_id = self._host.entity_sidebar.entity_list.current
        entity = graph.entity(entity_id) if graph is not None and entity_id else None
        if entity is None:
            return

        def retyped(new: EntityType | None) -> None:
            if new is not None and new != entity.type:
                label = "name of unknown type" if new is EntityType.NAME else str(new)
                self.edit(f"{entity.name} is now a {label}", lambda o: o.retype(entity, new))

        self._host.reader.push_screen(TypePrompt(entity), retyped)

    def undo(self) -> bool:
        """Take the last correction out of the overlay file, then rebuild."""
        from ....core.entities import OverlayError

        overlay = self._host.reader.library.load_overlay()
        if overlay.error is None and not overlay.operations:
            self._host.reader.notify("There is no correction to undo", timeout=3)
            return False
        last = overlay.operations[-1] if overlay.operations else None
        try:
            # Writing the file with one operation fewer: append() of nothing rewrites it.
            replace(overlay, operations=overlay.operations[:-1]).append()
        except OverlayError as error:
            self._host.reader.notify(str(error), severity="error", timeout=8, markup=False)
            return False
        assert last is not None
        what = f"{last.op} {last.name or last.entity}" + (
            f" → {last.to_name or last.to}" if last.to else ""
        )
        self._host.reader.notify(f"Undone: {what}", timeout=4, markup=False)
        self._rebuild()
        return True
