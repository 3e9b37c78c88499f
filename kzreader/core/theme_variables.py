"""kzreader's own theme variables (``$kz-hit``, ``$kz-entity-person``…) derived from any theme.

Textual fails at start-up on a CSS ``$variable`` no theme defines, so every variable
the stylesheet uses gets a value here from the theme's own colours, readable on its
background; a theme file may set each one explicitly (``core.themes``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from .colour import Colour, ColourError, blend, parse_colour

# Entity colours readable on any dark / any light background (≥ 4.5:1 on #121212 / #efefef).
_ENTITY_DARK = {
    "kz-entity-person": "#f2a07b",
    "kz-entity-place": "#8fca8a",
    "kz-entity-organisation": "#b8a4f2",
}
_ENTITY_LIGHT = {
    "kz-entity-person": "#a3402a",
    "kz-entity-place": "#2c6b3a",
    "kz-entity-organisation": "#4a3f9e",
}
#: kz variables for themes that use only the terminal's ANSI colours, on a dark terminal…
ANSI_VARIABLES: Mapping[str, str] = MappingProxyType(
    {
        "kz-entity-person": "ansi_bright_yellow",
        "kz-entity-place": "ansi_bright_green",
        "kz-entity-organisation": "ansi_bright_cyan",
        "kz-hit": "ansi_magenta",
        "kz-hit-current": "ansi_red",
        "kz-bookmark": "ansi_bright_magenta",
        "kz-cursor": "ansi_blue",
        "kz-comment": "ansi_bright_black",
        "kz-heading": "ansi_bright_white",
    }
)
#: … and on a light one.
ANSI_LIGHT_VARIABLES: Mapping[str, str] = MappingProxyType(
    {
        "kz-entity-person": "ansi_magenta",
        "kz-entity-place": "ansi_green",
        "kz-entity-organisation": "ansi_blue",
        "kz-hit": "ansi_bright_yellow",
        "kz-hit-current": "ansi_yellow",
        "kz-bookmark": "ansi_red",
        "kz-cursor": "ansi_white",
        "kz-comment": "ansi_bright_black",
        "kz-heading": "ansi_blue",
    }
)
# Textual's fallbacks when a theme leaves these out (textual/design.py).
_TEXTUAL_DARK_BACKGROUND = "#121212"
_TEXTUAL_LIGHT_BACKGROUND = "#efefef"
_TEXTUAL_ACCENT = "#ffa62b"


def _maybe(text: str | None, fallback: str) -> Colour:
    try:
        colour = parse_colour(text) if text else parse_colour(fallback)
    except ColourError:
        colour = parse_colour(fallback)
    return colour if not colour.is_terminal_default else parse_colour(fallback)


def derived_variables(
    *,
    dark: bool,
    ansi: bool = False,
    background: str | None = None,
    foreground: str | None = None,
    primary: str | None = None,
    accent: str | None = None,
) -> dict[str, str]:
    """Values for every ``kz-*`` variable, derived from a theme's own colours.

    Used for the variables a theme file leaves out and for themes that know
    nothing of kzreader (Textual's built-in ones), so ``$kz-hit`` and friends
    always exist and sit well on that theme's background.
    """
    if ansi:
        return dict(ANSI_VARIABLES if dark else ANSI_LIGHT_VARIABLES)
    bg = _maybe(background, _TEXTUAL_DARK_BACKGROUND if dark else _TEXTUAL_LIGHT_BACKGROUND)
    fg = _maybe(foreground, "#e0e0e0" if dark else "#1e1e1e")
    pri = _maybe(primary, "#0178d4")
    acc = _maybe(accent, _TEXTUAL_ACCENT)
    values = dict(_ENTITY_DARK if dark else _ENTITY_LIGHT)
    values.update(
        {
            "kz-hit": blend(bg, acc, 0.28 if dark else 0.40).hex,
            "kz-hit-current": blend(bg, acc, 0.50 if dark else 0.70).hex,
            "kz-bookmark": acc.hex,
            "kz-cursor": blend(bg, pri, 0.20 if dark else 0.16).hex,
            "kz-comment": blend(fg, bg, 0.35).hex,
            "kz-heading": blend(fg, pri, 0.45).hex,
        }
    )
    return values


def next_theme(names: Sequence[str], current: str, step: int = 1) -> str:
    """The theme ``step`` places after ``current`` in ``names``, wrapping (for ``ctrl+t``).

    A ``current`` that is not in ``names`` (e.g. one of Textual's built-in themes
    picked from the palette) moves to the first of ``names``.
    """
    if not names:
        return current
    if current not in names:
        return names[0]
    return names[(list(names).index(current) + step) % len(names)]
