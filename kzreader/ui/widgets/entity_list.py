"""The sidebar's list of people, places and organisations, drawn with the line API.

Rows are plain values (section headers, an "in comments only" note, entities), so
filling, filtering and switching scope are list operations and a corpus with
thousands of entities scrolls as fast as an article with ten. The cursor only
stops on entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip

from .. import bindings
from .cursor_list import CursorList
from .library_table import fit

LINK = "◆"  # marks an entity found in two or more articles


def entity_style(type_: object) -> str:
    """The text style of an entity's name by its type; names of unknown type are muted
    (themes give a colour to the three known types only)."""
    return "$text-muted" if str(type_) == "name" else f"$kz-entity-{type_}"


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One line of the list: a section header, a note, or an entity."""

    label: str
    entity_id: str | None = None  # None: a header or a note
    type: str = ""  # person / place / organisation (colours the header)
    count: int = 0  # mentions in scope; for a header, how many entities it holds
    articles: int = 0  # articles the entity appears in, corpus-wide
    dim: bool = False  # mentioned only in reader comments
    note: bool = False  # the "in comments only" line inside a section

    @property
    def is_entity(self) -> bool:
        return self.entity_id is not None


class EntityList(CursorList[EntityRow]):
    """Entities under their section headers; the cursor highlights one, Enter opens its card."""

    COMPONENT_PREFIX = "entity-list--"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ENTITY_LIST)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-list--header",
        "entity-list--person",
        "entity-list--place",
        "entity-list--organisation",
        "entity-list--name",
        "entity-list--note",
        "entity-list--dim",
        "entity-list--count",
        "entity-list--link",
        "entity-list--empty",
        "entity-list--cursor",
        "entity-list--cursor-blurred",
    }

    class Highlighted(Message):
        """The user moved the cursor onto an entity (not sent when the rows are replaced)."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Selected(Message):
        """Enter, or a click on the cursor row: open the entity's card."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_text = ""
        self.marked: str | None = None  # the entity whose mentions the article marks
        self._count_width = 1
        self._link_width = 0

    # -- data ----------------------------------------------------------------

    def set_rows(self, rows: Sequence[EntityRow], *, keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on ``keep`` if it is still listed."""
        self.rows = list(rows)
        entities = [r for r in self.rows if r.is_entity]
        self._count_width = max((len(str(r.count)) for r in entities), default=1)
        links = [r.articles for r in entities if r.articles >= 2]
        self._link_width = 1 + max(len(str(n)) for n in links) if links else 0
        target = next(
            (i for i, r in enumerate(self.rows) if keep and r.entity_id == keep),
            self._entity_at_or_after(0),
        )
        self.cursor_row = target if target is not None else 0
        self._update_virtual_size()
        if keep and self.cursor_row < len(self.rows) and self.rows[self.cursor_row].entity_id:
            self._keep_cursor_visible(center=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    @property
    def entity_ids(self) -> list[str]:
        return [r.entity_id for r in self.rows if r.entity_id is not None]

    @property
    def current(self) -> str | None:
        """The entity under the cursor."""
        if 0 <= self.cursor_row < len(self.rows):
            return self.rows[self.cursor_row].entity_id
        return None

    def set_marked(self, entity_id: str | None) -> None:
        self.marked = entity_id
        self.refresh()

    def move_to(self, entity_id: str) -> bool:
        """Put the cursor on ``entity_id`` (quietly); False if it is not listed."""
        for index, row in enumerate(self.rows):
            if row.entity_id == entity_id:
                self.cursor_row = index
                self._keep_cursor_visible()
                self.refresh()
                return True
        return False

    def move_cursor(self, row: int, direction: int = 1) -> None:
        """Move to the entity at ``row`` or the next one in ``direction``; tell the sidebar."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        found = self._entity_at_or_after(row) if direction > 0 else self._entity_at_or_before(row)
        if found is None:
            found = (
                self._entity_at_or_before(row) if direction > 0 else self._entity_at_or_after(row)
            )
        if found is None:
            return
        self.cursor_row = found
        self._keep_cursor_visible()
        self.refresh()
        entity_id = self.rows[found].entity_id
        assert entity_id is not None
        self.post_message(self.Highlighted(entity_id))

    def _entity_at_or_after(self, row: int) -> int | None:
        return next((i for i in range(row, len(self.rows)) if self.rows[i].is_entity), None)

    def _entity_at_or_before(self, row: int) -> int | None:
        return next((i for i in range(row, -1, -1) if self.rows[i].is_entity), None)

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._styles_for()
        base = styles["base"]
        row_index = round(self.scroll_y) + y
        if not self.rows:
            text = self.empty_text if y == 0 else ""
            return Strip([Segment(fit(" " + text, width), base + styles["empty"])], width)
        if not 0 <= row_index < len(self.rows):
            return Strip([Segment(" " * width, base)], width)
        row = self.rows[row_index]
        if not row.is_entity:
            return self._heading(row, width, styles)
        if row_index == self.cursor_row and self.has_focus:
            base = base + styles["cursor"]
        elif row.entity_id == self.marked:  # out of focus, the marked one stays visible
            base = base + styles["cursor-blurred"]
        name_style = base + styles["dim"] if row.dim else base
        count = f"{row.count:>{self._count_width}}"
        link = f"{LINK}{row.articles}" if row.articles >= 2 else ""
        link = f"{link:<{self._link_width}}" if self._link_width else ""
        right = 1 + len(count) + (1 + len(link) if link else 0) + 1
        if width - right < 6:  # too narrow for the counts: the name comes first
            return Strip([Segment(fit(" " + row.label, width), name_style)], width)
        segments = [
            Segment(" ", base),
            Segment(fit(row.label, width - right), name_style),
            Segment(" ", base),
            Segment(count, base + styles["count"]),
        ]
        if link:
            segments += [Segment(" ", base), Segment(link, base + styles["link"])]
        segments.append(Segment(" ", base))
        used = sum(cell_len(s.text) for s in segments)
        segments.append(Segment(" " * max(0, width - used), base))
        return Strip(segments, width).crop(0, width)

    def _heading(self, row: EntityRow, width: int, styles: dict[str, Style]) -> Strip:
        base = styles["base"]
        if row.note:
            return Strip([Segment(fit("  " + row.label, width), base + styles["note"])], width)
        style = base + styles["header"] + styles.get(row.type, Style())
        count = str(row.count)
        label = fit(" " + row.label, max(0, width - len(count) - 1))
        return Strip([Segment(label + count + " ", style)], width).crop(0, width)

    # -- actions and events --------------------------------------------------

    def action_open(self) -> None:
        entity_id = self.current
        if entity_id is not None:
            self.post_message(self.Selected(entity_id))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if not 0 <= row < len(self.rows) or not self.rows[row].is_entity:
            return
        again = row == self.cursor_row or event.chain > 1
        self.move_cursor(row)
        if again:
            self.action_open()

    def on_focus(self) -> None:
        super().on_focus()
        if self.current is not None:  # coming back to the list highlights its entity again
            self.post_message(self.Highlighted(self.current))

    def _top_for(self, row: int) -> int:
        """Show the section header too when the cursor reaches the top of a section."""
        header_above = row > 0 and not self._is_entity(-1)
        return row - 1 if header_above else row

    def _is_entity(self, offset: int) -> bool:
        index = self.cursor_row + offset
        return 0 <= index < len(self.rows) and self.rows[index].is_entity
