"""The app's side of the settings file: load it with its warnings, change it, save it.

``kzreader.core.config`` owns the file format; here a failure to save becomes the
one-line message the app shows (a change still lasts until quit).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ..core import config
from ..core.config import Settings


def load(path: Path) -> tuple[Settings, list[str]]:
    """The user's settings and one warning per problem (defaults where it is broken)."""
    settings, warnings = config.load_settings(path)
    return settings, list(warnings)


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """One message per keymap entry that names no binding of the app."""
    from .keys import binding_ids

    return config.check_keymap(keymap, binding_ids())


def value(settings: Settings, name: str, default: Any) -> Any:
    got = getattr(settings, name, default)
    return default if got is None and default is not None else got


def updated(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with the known ``changes``."""
    known = {f.name for f in dataclasses.fields(settings)}
    return dataclasses.replace(settings, **{k: v for k, v in changes.items() if k in known})


def save(path: Path, settings: Settings) -> str | None:
    """Write the settings; a one-line reason when that was not possible."""
    try:
        moved = config.save_settings(path, settings)
    except OSError as error:
        reason = error.strerror or error
        return f"{path}: settings not saved ({reason}); the change lasts until you quit"
    if moved:
        return f"{path} could not be read; it was moved to {moved} and a fresh one written"
    return None
