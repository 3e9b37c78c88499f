"""Validated theme specs → Textual themes, and the ``$kz-*`` defaults every theme needs.

The core (:mod:`kzreader.core.themes`) reads and validates theme files without
Textual; here each spec is checked once more against Textual itself (its colour
parser and the names of its design variables) before it becomes a
``textual.theme.Theme``. A file that fails either check is reported once —
``FILE: reason — skipped`` — and the app goes on with the others.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.design import ColorSystem
from textual.theme import Theme

from ..core.paths import DataPaths, bundled_themes
from ..core.theme_variables import derived_variables
from ..core.themes import (
    KZ_VARIABLES,
    REQUIRED_COLOURS,
    ThemeCatalog,
    ThemeProblem,
    ThemeSpec,
    discover_themes,
)

__all__ = [
    "KZ_VARIABLES",
    "load_themes",
    "textual_problem",
    "theme_catalog",
    "theme_variable_defaults",
    "to_textual_theme",
]


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """The Textual theme for a spec; its ``variables`` carry every ``kz-*`` value."""
    return Theme(
        name=spec.name,
        primary=spec.primary,
        secondary=spec.secondary,
        accent=spec.accent,
        foreground=spec.foreground,
        background=spec.background,
        surface=spec.surface,
        panel=spec.panel,
        warning=spec.warning,
        error=spec.error,
        success=spec.success,
        boost=spec.boost,
        dark=spec.dark,
        ansi=spec.ansi,
        variables={**_ansi_backdrop(spec), **spec.textual_variables, **spec.variables},
    )


def _ansi_backdrop(spec: ThemeSpec) -> dict[str, str]:
    """``$ansi-background``/``$ansi-foreground``: Textual's own CSS needs them, but only
    its non-ANSI colour system defines them, so an ANSI theme must (as Textual's do)."""
    if not spec.ansi:
        return {}
    if spec.dark:
        return {"ansi-background": "ansi_black", "ansi-foreground": "ansi_white"}
    return {"ansi-background": "ansi_white", "ansi-foreground": "ansi_black"}


def theme_variable_defaults(theme: Theme | None = None) -> dict[str, str]:
    """Fallbacks for every ``$kz-*`` variable, for ``App.get_theme_variable_defaults``.

    Without them a stylesheet that uses ``$kz-hit`` fails at start-up under any
    theme that does not define it (Textual's built-in ones). Given the current
    theme, the values are derived from its colours (dark or light, ANSI or not),
    so they suit it; without one, they suit Textual's default dark theme::

        def get_theme_variable_defaults(self) -> dict[str, str]:
            return theme_variable_defaults(self.current_theme)
    """
    if theme is None:
        return derived_variables(dark=True)
    return derived_variables(
        dark=theme.dark,
        ansi=theme.ansi,
        background=theme.background,
        foreground=theme.foreground,
        primary=theme.primary,
        accent=theme.accent,
    )


@cache
def _textual_variable_names() -> frozenset[str]:
    """Every design variable Textual generates for a theme (ANSI or not)."""
    names: set[str] = set()
    for ansi in (False, True):
        names.update(ColorSystem(primary="#0178d4", dark=True, ansi=ansi).generate())
    # App-level variables Textual's built-in themes set but the colour system leaves out.
    names.update({"ansi-background", "ansi-foreground"})
    return frozenset(names)


def _style_ok(value: str) -> bool:
    words = value.split()
    return bool(words) and all(word in VALID_STYLE_FLAGS for word in words)


def _colour_value_problem(value: str) -> str | None:
    """None if ``value`` is a CSS colour value: a colour, or "colour N%", or "auto N%"."""
    words = value.split()
    if len(words) == 2 and words[1].endswith("%"):
        try:
            float(words[1][:-1])
        except ValueError:
            return f"{value!r}: {words[1]!r} is not a percentage"
        colour = words[0]
    elif len(words) == 1:
        colour = words[0]
    else:
        return f"{value!r} is not a colour"
    if colour == "auto" and len(words) == 2:
        return None
    try:
        Color.parse(colour)
    except ColorParseError as error:
        return str(error)
    return None


def textual_problem(spec: ThemeSpec) -> str | None:
    """Why Textual would not accept this spec (None when it would)."""
    for key in (*REQUIRED_COLOURS, "boost"):
        value = getattr(spec, key)
        if value is None:
            continue
        try:
            Color.parse(value)
        except ColorParseError as error:
            return f"{key!r}: {error}"
    for key in KZ_VARIABLES:
        try:
            Color.parse(spec.variables[key])
        except ColorParseError as error:
            return f"'variables.{key}': {error}"
    known = _textual_variable_names()
    for key, value in spec.textual_variables.items():
        where = f"variables.{key}"
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            return f"unknown key {where!r} (neither a kz-* variable nor one of Textual's{hint})"
        if key.endswith(("-text-style", "-style", "-style-hover")):
            if not _style_ok(value):
                return f"{where!r}: {value!r} is not a text style (e.g. bold, italic, none)"
        elif problem := _colour_value_problem(value):
            return f"{where!r}: {problem}"
    try:
        to_textual_theme(spec).to_color_system().generate()
    except Exception as error:  # Textual's own checks, whatever they raise
        return f"Textual rejects it: {error}"
    return None


def theme_catalog(paths: DataPaths, shipped_dir: Path | None = None) -> ThemeCatalog:
    """Shipped and user themes that both the core and Textual accept, and every problem."""
    return discover_themes(shipped_dir or bundled_themes(), paths.themes_dir, textual_problem)


def load_themes(paths: DataPaths) -> tuple[list[Theme], list[str]]:
    """Textual themes to register (shipped, then the user's) and one message per broken file."""
    catalog = theme_catalog(paths)
    return [to_textual_theme(spec) for spec in catalog.themes], _messages(catalog.problems)


def _messages(problems: Iterable[ThemeProblem]) -> list[str]:
    return [str(problem) for problem in problems]
