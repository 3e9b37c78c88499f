"""The export dialog: a format (Markdown, JSON, CSV) and a file to write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...core.bookmarks import FORMATS, format_for
from .. import bindings
from .base import Dialog

LABELS = {"md": "Markdown reading list", "json": "JSON", "csv": "CSV (spreadsheet)"}
SUFFIXES = {"md": ".md", "json": ".json", "csv": ".csv"}


def default_export_path(fmt: str = "md", stem: str = "kzreader-bookmarks") -> Path:
    return Path.home() / f"{stem}{SUFFIXES[fmt]}"


def shown_path(path: Path) -> str:
    """``path`` with the home folder written ``~`` (shorter, and what people type)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path


class ExportBookmarksScreen(Dialog[ExportRequest]):
    """Pick a format and a path; the file's suffix follows the format."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.EXPORT)

    def __init__(
        self,
        count: int,
        path: Path | None = None,
        fmt: str = "md",
        *,
        title: str = "Export bookmarks",
        what: str | None = None,
        stem: str = "kzreader-bookmarks",
    ) -> None:
        """(``title``, ``what`` and ``stem`` let the results list export through it too.)"""
        super().__init__()
        self._count = count
        self._fmt = fmt
        self._stem = stem
        self._title = title
        self._what = what or f"{count} bookmark{'s' if count != 1 else ''}, orphans included."
        self._path = path or default_export_path(fmt, stem)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="kz-dialog") as dialog:
            dialog.border_title = self._title
            yield Static(self._what, markup=False)
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(LABELS[fmt], value=fmt == self._fmt, name=fmt)
            yield Label("File")
            yield Input(shown_path(self._path), id="export-path", compact=True)
            with Horizontal(classes="kz-dialog-buttons"):
                yield Button("Export", id="export-save", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)
            yield Static("Enter in File exports · Esc cancels", classes="kz-dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        fmt = event.pressed.name or "md"
        self._fmt = fmt
        value = self.path_input.value.strip()
        if value and format_for(value) is not None:  # keep the suffix in step with the format
            self.path_input.value = str(Path(value).with_suffix(SUFFIXES[fmt]))

    def action_export(self) -> None:
        value = self.path_input.value.strip()
        if not value:
            self.notify("Type the file to write", severity="warning", timeout=3)
            return
        path = Path(value).expanduser()
        if path.is_dir():
            path = path / default_export_path(self._fmt, self._stem).name
        self.dismiss(ExportRequest(self._fmt, path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-save":
            self.action_export()
        else:
            self.action_cancel()
