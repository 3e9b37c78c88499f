"""Our own theme variables (search hits, cursor, entity colours…), defaulted from any theme.

Textual fails at start-up on a CSS ``$variable`` that no theme defines, so every
variable our stylesheet uses gets a value here, derived from the active theme's
colours; the YAML themes (issue 6) may set each one explicitly.
"""

from __future__ import annotations

from textual.color import Color
from textual.theme import Theme

VARIABLES = (
    "kz-hit",
    "kz-hit-current",
    "kz-cursor",
    "kz-bookmark",
    "kz-comment",
    "kz-heading",
    "kz-entity-person",
    "kz-entity-place",
    "kz-entity-organisation",
)


def derived_defaults(theme: Theme) -> dict[str, str]:
    """Values for every ``kz-*`` variable that suit ``theme``."""
    colors = theme.to_color_system().generate()

    def pick(name: str, fallback: str) -> Color:
        try:
            return Color.parse(colors.get(name) or fallback)
        except Exception:
            return Color.parse(fallback)

    background = pick("background", "#1e1e1e")
    foreground = pick("foreground", "#e0e0e0")
    warning = pick("warning", "#ffa62b")
    accent = pick("accent", "#ffa62b")
    primary = pick("primary", "#0178d4")
    secondary = pick("secondary", "#004578")
    success = pick("success", "#4ebf71")
    error = pick("error", "#ba3c5b")
    return {
        "kz-hit": background.blend(warning, 0.45).hex,
        "kz-hit-current": background.blend(accent, 0.8).hex,
        "kz-cursor": background.blend(primary, 0.22).hex,
        "kz-bookmark": success.hex,
        "kz-comment": background.blend(foreground, 0.6).hex,
        "kz-heading": foreground.blend(primary, 0.35).hex,
        "kz-entity-person": foreground.blend(secondary, 0.5).hex,
        "kz-entity-place": foreground.blend(success, 0.5).hex,
        "kz-entity-organisation": foreground.blend(error, 0.45).hex,
    }
