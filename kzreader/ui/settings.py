"""The reader's view of the settings file, whether or not the settings module is installed.

``kzreader.core.config`` (issue 6) owns the file; this wrapper keeps the app working
with defaults when that module is missing or fails, and saves changes made in the app.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class DefaultSettings:
    """The fields the reader uses, with the defaults a new user gets."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    reader_width: int = 80
    show_comments: bool = True
    sidebar_visible: bool = True


def load(path: Path) -> tuple[Any, list[str]]:
    """The user's settings and warnings about the file (defaults when it cannot be used)."""
    try:
        from ..core import config
    except ImportError:
        return DefaultSettings(), []
    try:
        settings, warnings = config.load_settings(path)
    except Exception as error:  # a broken settings module must not stop the reader
        return DefaultSettings(), [f"{path}: settings not loaded ({error}); using defaults"]
    return settings, list(warnings)


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """One message per keymap entry that names no binding of the app."""
    from .keys import binding_ids

    try:
        from ..core.config import check_keymap
    except ImportError:
        return [
            f"keymap: no binding {name!r} — ignored" for name in keymap if name not in binding_ids()
        ]
    return check_keymap(keymap, binding_ids())


def value(settings: Any, name: str, default: Any) -> Any:
    got = getattr(settings, name, default)
    return default if got is None and default is not None else got


def updated(settings: Any, **changes: Any) -> Any:
    """A copy of ``settings`` with ``changes`` (for frozen dataclasses and plain objects)."""
    if dataclasses.is_dataclass(settings):
        known = {f.name for f in dataclasses.fields(settings)}
        return dataclasses.replace(settings, **{k: v for k, v in changes.items() if k in known})
    for key, val in changes.items():
        setattr(settings, key, val)
    return settings


def save(path: Path, settings: Any) -> str | None:
    """Write the settings; a one-line reason when that was not possible."""
    if isinstance(settings, DefaultSettings):
        return None  # without the settings module there is no file format to write
    try:
        from ..core import config

        moved = config.save_settings(path, settings)
    except Exception as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return f"{path}: settings not saved ({reason}); the change lasts until you quit"
    if moved:
        return f"{path} could not be read; it was moved to {moved} and a fresh one written"
    return None
