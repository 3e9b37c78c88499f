"""Theme files: YAML → a validated, frozen :class:`ThemeSpec` (pure data, no Textual).

A theme file names the Textual theme colours (primary, background, …) and
kzreader's own variables (``kz-entity-person``, ``kz-hit``, …) that the UI's CSS
uses as ``$kz-…``. Everything a user can get wrong — bad YAML, a missing or
unparsable colour, an unknown key, a wrong type, an unsafe ``!!python/object``
tag — becomes a :class:`ThemeFileError` naming the file and the key, so a
broken theme is reported once and skipped instead of stopping the app.

Colours are parsed here without Textual (the same syntax Textual accepts:
``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb()``, ``rgba()``, ``hsl()``,
``hsla()``, CSS colour names and ``ansi_*``) so the core can validate themes,
compute WCAG contrast and derive defaults on its own.
"""

from __future__ import annotations

import colorsys
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .atomic import read_user_file
from .terminal import printable
from .yamlsafe import YamlError, brief, load_yaml, type_name

__all__ = ["type_name"]  # re-exported: messages about theme and settings values use it

# --------------------------------------------------------------------------- schema

#: Textual theme colours every theme file must give.
REQUIRED_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)
#: Textual theme colours a theme file may give.
OPTIONAL_COLOURS: tuple[str, ...] = ("boost",)

#: kzreader's own CSS variables (``$kz-…`` in the UI's stylesheets).
KZ_VARIABLES: tuple[str, ...] = (
    "kz-entity-person",  # text colour of a person mention
    "kz-entity-place",  # text colour of a place mention
    "kz-entity-organisation",  # text colour of an organisation mention
    "kz-hit",  # background of a search hit
    "kz-hit-current",  # background of the hit the reader is on
    "kz-bookmark",  # bookmark marker
    "kz-cursor",  # background of the paragraph cursor
    "kz-comment",  # dimmed text of reader comments and boilerplate
    "kz-heading",  # headings inside an article
)

#: Top-level keys of a theme file.
THEME_KEYS: tuple[str, ...] = (
    "name",
    "description",
    "dark",
    "ansi",
    *REQUIRED_COLOURS,
    *OPTIONAL_COLOURS,
    "variables",
)

#: Shipped themes in the order ``ctrl+t`` cycles through them; others follow by name.
SHIPPED_ORDER: tuple[str, ...] = ("kz-dark", "kz-paper", "kz-contrast", "kz-ansi", "kz-ansi-light")
#: The theme to start with when the terminal has no true colour (or NO_COLOR is set).
ANSI_THEME = "kz-ansi"
DEFAULT_THEME = "kz-dark"

#: A theme file larger than this is not a theme (and is not read into memory).
MAX_THEME_BYTES = 256 * 1024

_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
#: Names of Textual's own design variables (block-cursor-background, footer-key-foreground, …).
_TEXTUAL_VARIABLE_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

# --------------------------------------------------------------------------- colours

ANSI_NAMES: tuple[str, ...] = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)
# The RGB Textual assumes for the ANSI colours when it must blend them (VGA-like).
_ANSI_RGB = [
    "000000",
    "800000",
    "008000",
    "808000",
    "000080",
    "800080",
    "008080",
    "c0c0c0",
    "808080",
    "ff0000",
    "00ff00",
    "ffff00",
    "0000ff",
    "ff00ff",
    "00ffff",
    "ffffff",
]

# CSS named colours (the set Textual accepts; names are case-sensitive there too).
_CSS_NAMES = """
black=000000 silver=c0c0c0 gray=808080 white=ffffff maroon=800000 red=ff0000 purple=800080
fuchsia=ff00ff green=008000 lime=00ff00 olive=808000 yellow=ffff00 navy=000080 blue=0000ff
teal=008080 aqua=00ffff orange=ffa500 aliceblue=f0f8ff antiquewhite=faebd7 aquamarine=7fffd4
azure=f0ffff beige=f5f5dc bisque=ffe4c4 blanchedalmond=ffebcd blueviolet=8a2be2 brown=a52a2a
burlywood=deb887 cadetblue=5f9ea0 chartreuse=7fff00 chocolate=d2691e coral=ff7f50
cornflowerblue=6495ed cornsilk=fff8dc crimson=dc143c cyan=00ffff darkblue=00008b darkcyan=008b8b
darkgoldenrod=b8860b darkgray=a9a9a9 darkgreen=006400 darkgrey=a9a9a9 darkkhaki=bdb76b
darkmagenta=8b008b darkolivegreen=556b2f darkorange=ff8c00 darkorchid=9932cc darkred=8b0000
darksalmon=e9967a darkseagreen=8fbc8f darkslateblue=483d8b darkslategray=2f4f4f
darkslategrey=2f4f4f darkturquoise=00ced1 darkviolet=9400d3 deeppink=ff1493 deepskyblue=00bfff
dimgray=696969 dimgrey=696969 dodgerblue=1e90ff firebrick=b22222 floralwhite=fffaf0
forestgreen=228b22 gainsboro=dcdcdc ghostwhite=f8f8ff gold=ffd700 goldenrod=daa520
greenyellow=adff2f grey=808080 honeydew=f0fff0 hotpink=ff69b4 indianred=cd5c5c indigo=4b0082
ivory=fffff0 khaki=f0e68c lavender=e6e6fa lavenderblush=fff0f5 lawngreen=7cfc00
lemonchiffon=fffacd lightblue=add8e6 lightcoral=f08080 lightcyan=e0ffff
lightgoldenrodyellow=fafad2 lightgray=d3d3d3 lightgreen=90ee90 lightgrey=d3d3d3 lightpink=ffb6c1
lightsalmon=ffa07a lightseagreen=20b2aa lightskyblue=87cefa lightslategray=778899
lightslategrey=778899 lightsteelblue=b0c4de lightyellow=ffffe0 limegreen=32cd32 linen=faf0e6
magenta=ff00ff mediumaquamarine=66cdaa mediumblue=0000cd mediumorchid=ba55d3 mediumpurple=9370db
mediumseagreen=3cb371 mediumslateblue=7b68ee mediumspringgreen=00fa9a mediumturquoise=48d1cc
mediumvioletred=c71585 midnightblue=191970 mintcream=f5fffa mistyrose=ffe4e1 moccasin=ffe4b5
navajowhite=ffdead oldlace=fdf5e6 olivedrab=6b8e23 orangered=ff4500 orchid=da70d6
palegoldenrod=eee8aa palegreen=98fb98 paleturquoise=afeeee palevioletred=db7093
papayawhip=ffefd5 peachpuff=ffdab9 peru=cd853f pink=ffc0cb plum=dda0dd powderblue=b0e0e6
rosybrown=bc8f8f royalblue=4169e1 saddlebrown=8b4513 salmon=fa8072 sandybrown=f4a460
seagreen=2e8b57 seashell=fff5ee sienna=a0522d skyblue=87ceeb slateblue=6a5acd slategray=708090
slategrey=708090 snow=fffafa springgreen=00ff7f steelblue=4682b4 tan=d2b48c thistle=d8bfd8
tomato=ff6347 turquoise=40e0d0 violet=ee82ee wheat=f5deb3 whitesmoke=f5f5f5 yellowgreen=9acd32
rebeccapurple=663399
"""
_NAMED: dict[str, str] = dict(pair.split("=") for pair in _CSS_NAMES.split())
_NAMED.update({f"ansi_{name}": rgb for name, rgb in zip(ANSI_NAMES, _ANSI_RGB, strict=True)})

_NUM = r"\s*(-?\d+(?:\.\d*)?)\s*"
_PCT = r"\s*(-?\d+(?:\.\d*)?)%\s*"
_RGB_RE = re.compile(rf"rgb\({_NUM},{_NUM},{_NUM}\)")
_RGBA_RE = re.compile(rf"rgba\({_NUM},{_NUM},{_NUM},{_NUM}\)")
_HSL_RE = re.compile(rf"hsl\({_NUM},{_PCT},{_PCT}\)")
_HSLA_RE = re.compile(rf"hsla\({_NUM},{_PCT},{_PCT},{_NUM}\)")
_HEX_RE = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")

COLOUR_SYNTAX = "#rgb, #rrggbb, rgb(r, g, b), hsl(h, s%, l%), a colour name or ansi_*"


class ColourError(ValueError):
    """A string that is not a colour Textual would accept."""


@dataclass(frozen=True)
class Colour:
    """An sRGB colour with alpha; ``ansi`` names a terminal colour (its RGB is a guess)."""

    r: int
    g: int
    b: int
    a: float = 1.0
    ansi: str | None = None

    @property
    def hex(self) -> str:
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"

    @property
    def is_terminal_default(self) -> bool:
        """``ansi_default``: the terminal's own colour, whose RGB nobody knows."""
        return self.ansi == "default"


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _from_hex(digits: str) -> Colour:
    if len(digits) in (3, 4):
        digits = "".join(ch * 2 for ch in digits)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    a = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
    return Colour(r, g, b, a)


def _from_hsl(h: str, s: str, lum: str, a: float = 1.0) -> Colour:
    hue = float(h) % 360 / 360
    sat = _clamp(float(s) / 100, 0.0, 1.0)
    light = _clamp(float(lum) / 100, 0.0, 1.0)
    r, g, b = colorsys.hls_to_rgb(hue, light, sat)
    return Colour(int(r * 255 + 0.5), int(g * 255 + 0.5), int(b * 255 + 0.5), a)


def parse_colour(text: str) -> Colour:
    """Parse a colour the way Textual's ``Color.parse`` does; raises :class:`ColourError`."""
    if not isinstance(text, str):
        raise ColourError(f"expected a colour ({COLOUR_SYNTAX}), got {type_name(text)}")
    value = text.strip()
    if value == "ansi_default":
        return Colour(0, 0, 0, 1.0, ansi="default")
    if value == "transparent":
        return Colour(0, 0, 0, 0.0)
    named = _NAMED.get(value)
    if named is not None:
        colour = _from_hex(named)
        if value.startswith("ansi_"):
            return Colour(colour.r, colour.g, colour.b, 1.0, ansi=value[5:])
        return colour
    if match := _HEX_RE.fullmatch(value):
        return _from_hex(match.group(1))
    if match := _RGB_RE.fullmatch(value):
        r, g, b = (int(_clamp(float(v), 0, 255)) for v in match.groups())
        return Colour(r, g, b)
    if match := _RGBA_RE.fullmatch(value):
        r, g, b = (int(_clamp(float(v), 0, 255)) for v in match.groups()[:3])
        return Colour(r, g, b, _clamp(float(match.group(4)), 0.0, 1.0))
    if match := _HSL_RE.fullmatch(value):
        h, s, lum = match.groups()
        return _from_hsl(h, s, lum)
    if match := _HSLA_RE.fullmatch(value):
        h, s, lum, a = match.groups()
        return _from_hsl(h, s, lum, _clamp(float(a), 0.0, 1.0))
    hint = ""
    if value and not value.startswith(("#", "rgb", "hsl")):
        close = difflib.get_close_matches(value, [*_NAMED, "ansi_default", "transparent"], n=1)
        if close:
            hint = f"; did you mean {close[0]!r}?"
    raise ColourError(f"{brief(value)} is not a colour ({COLOUR_SYNTAX}){hint}")


def blend(base: Colour, other: Colour, amount: float) -> Colour:
    """``other`` laid over ``base`` at ``amount`` (0 = base, 1 = other), opaque."""
    t = _clamp(amount, 0.0, 1.0)
    return Colour(
        round(base.r + (other.r - base.r) * t),
        round(base.g + (other.g - base.g) * t),
        round(base.b + (other.b - base.b) * t),
    )


def flatten(colour: Colour, backdrop: Colour) -> Colour:
    """The opaque colour a translucent ``colour`` shows over ``backdrop``."""
    return colour if colour.a >= 1.0 else blend(backdrop, colour, colour.a)


def relative_luminance(colour: Colour) -> float:
    """WCAG 2.x relative luminance of an (opaque) sRGB colour, 0 (black) … 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast_ratio(first: Colour, second: Colour) -> float:
    """WCAG contrast ratio of two opaque colours, 1 … 21 (AA body text needs 4.5)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --------------------------------------------------------------------------- defaults

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


# --------------------------------------------------------------------------- spec


@dataclass(frozen=True)
class ThemeSpec:
    """A validated theme: Textual's colours plus every ``kz-*`` variable, resolved."""

    name: str
    dark: bool
    primary: str
    secondary: str
    accent: str
    foreground: str
    background: str
    surface: str
    panel: str
    warning: str
    error: str
    success: str
    boost: str | None = None
    ansi: bool = False
    description: str = ""
    #: every name in KZ_VARIABLES → colour (given in the file, else derived)
    variables: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: overrides of Textual's own design variables (e.g. ``block-cursor-background``)
    textual_variables: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: names of kz variables the file did not give (derived instead)
    derived: tuple[str, ...] = ()
    path: Path | None = None
    source: str = "shipped"  # "shipped" or "user"

    def colour(self, name: str) -> Colour:
        """A theme colour or kz variable, parsed (e.g. for contrast checks)."""
        value = self.variables[name] if name.startswith("kz-") else getattr(self, name)
        return parse_colour(value)


class ThemeFileError(ValueError):
    """A theme file that cannot be used; ``str()`` is the one-line report."""

    def __init__(self, path: Path | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path or '<theme>'}: {reason} — skipped")


@dataclass(frozen=True)
class ThemeProblem:
    """A broken theme file, reported once and skipped."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason} — skipped"


@dataclass(frozen=True)
class ThemeCatalog:
    """The usable themes (shipped first, then the user's) and the broken files."""

    themes: tuple[ThemeSpec, ...]
    problems: tuple[ThemeProblem, ...]

    def get(self, name: str) -> ThemeSpec | None:
        return next((spec for spec in self.themes if spec.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.themes)


def _suggest(key: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_theme(data: Any, path: Path | None = None, source: str = "shipped") -> ThemeSpec:
    """Validate the parsed YAML of one theme file; raises :class:`ThemeFileError`."""

    def fail(reason: str) -> ThemeFileError:
        return ThemeFileError(path, reason)

    if not isinstance(data, dict):
        raise fail(f"a theme must be a mapping of keys to values, not {type_name(data)}")
    for key in data:
        if not isinstance(key, str):
            raise fail(f"key {brief(key)} is not text")
        if key not in THEME_KEYS:
            raise fail(f"unknown key {brief(key)}{_suggest(key, THEME_KEYS)}")

    name = data.get("name")
    if name is None:
        raise fail("'name': missing")
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
        raise fail(
            f"'name': {brief(name)} is not a theme name (letters, digits, '-', '_', '.'; "
            "at most 64 characters)"
        )
    if "dark" not in data:
        raise fail("'dark': missing (true for a dark theme, false for a light one)")
    flags: dict[str, bool] = {}
    for key in ("dark", "ansi"):
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise fail(f"{key!r}: expected true or false, got {type_name(value)}")
        flags[key] = value
    description = data.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise fail(f"'description': expected text, got {type_name(description)}")

    missing = [key for key in REQUIRED_COLOURS if data.get(key) is None]
    if len(missing) == 1:
        raise fail(f"{missing[0]!r}: missing required colour")
    if missing:
        raise fail(f"missing required colours: {', '.join(missing)}")
    colours: dict[str, str | None] = {}
    for key in (*REQUIRED_COLOURS, *OPTIONAL_COLOURS):
        value = data.get(key)
        colours[key] = None if value is None else _checked_colour(value, key, fail)

    given = data.get("variables", {})
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise fail(f"'variables': expected a mapping of names to colours, got {type_name(given)}")
    kz: dict[str, str] = {}
    textual: dict[str, str] = {}
    for key, value in given.items():
        where = f"variables.{key}"
        if not isinstance(key, str):
            raise fail(f"'variables': key {brief(key)} is not text")
        if key.startswith("kz-"):
            if key not in KZ_VARIABLES:
                raise fail(f"unknown key {brief(where)}{_suggest(key, KZ_VARIABLES)}")
            kz[key] = _checked_colour(value, where, fail)
        else:
            # One of Textual's design variables; the UI layer checks the name exists.
            if not _TEXTUAL_VARIABLE_RE.fullmatch(key):
                raise fail(f"{brief(where)}: not a variable name")
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise fail(f"{brief(where)}: expected text, got {type_name(value)}")
            textual[key] = str(value).strip()

    defaults = derived_variables(
        dark=flags["dark"],
        ansi=flags["ansi"],
        background=colours["background"],
        foreground=colours["foreground"],
        primary=colours["primary"],
        accent=colours["accent"],
    )
    variables = {name: kz.get(name, defaults[name]) for name in KZ_VARIABLES}
    return ThemeSpec(
        name=name,
        dark=flags["dark"],
        ansi=flags["ansi"],
        description=printable(description.strip()),  # shown by `kzreader themes` and the app
        primary=colours["primary"] or "",
        secondary=colours["secondary"] or "",
        accent=colours["accent"] or "",
        foreground=colours["foreground"] or "",
        background=colours["background"] or "",
        surface=colours["surface"] or "",
        panel=colours["panel"] or "",
        warning=colours["warning"] or "",
        error=colours["error"] or "",
        success=colours["success"] or "",
        boost=colours["boost"],
        variables=MappingProxyType(variables),
        textual_variables=MappingProxyType(textual),
        derived=tuple(name for name in KZ_VARIABLES if name not in kz),
        path=path,
        source=source,
    )


def _checked_colour(value: Any, key: str, fail: Any) -> str:
    if not isinstance(value, str):
        raise fail(f"{key!r}: expected a colour ({COLOUR_SYNTAX}), got {type_name(value)}")
    try:
        parse_colour(value)
    except ColourError as error:
        raise fail(f"{key!r}: {error}") from None
    return value.strip()


def load_theme_file(path: Path, source: str = "shipped") -> ThemeSpec:
    """Read and validate one theme file (through the one YAML loader, ``core.yamlsafe``)."""
    path = Path(path)
    try:
        raw = read_user_file(path, MAX_THEME_BYTES)
    except OSError as error:
        raise ThemeFileError(path, f"cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ThemeFileError(path, "not UTF-8 text") from None
    try:
        data = load_yaml(text)
    except YamlError as error:
        raise ThemeFileError(path, str(error)) from None
    return parse_theme(data, path, source)


def theme_files(folder: Path | None) -> list[Path]:
    """The ``*.yaml`` / ``*.yml`` files of a themes folder (none when it does not exist)."""
    if folder is None:
        return []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    return sorted(
        (
            entry
            for entry in entries
            if entry.suffix.lower() in (".yaml", ".yml")
            and not entry.name.startswith(".")
            and entry.is_file()
        ),
        key=lambda p: p.name,
    )


def discover_themes(
    shipped_dir: Path | None,
    user_dir: Path | None,
    check: Callable[[ThemeSpec], str | None] | None = None,
) -> ThemeCatalog:
    """Every usable theme, shipped first (in :data:`SHIPPED_ORDER`), then the user's.

    A user theme with a shipped theme's name replaces it (that is how one tweaks
    a shipped theme); two user files with the same name keep the first. ``check``
    is a further test (the UI's: "would Textual accept it?") that returns a reason
    to skip a spec, applied before the user's themes replace shipped ones.
    """
    problems: list[ThemeProblem] = []

    def load(path: Path, source: str) -> ThemeSpec | None:
        try:
            spec = load_theme_file(path, source)
        except ThemeFileError as error:
            problems.append(ThemeProblem(path, error.reason))
            return None
        except Exception as error:  # a bug on one odd file must not cost the other themes
            problems.append(ThemeProblem(path, f"cannot be used ({type(error).__name__})"))
            return None
        reason = check(spec) if check else None
        if reason:
            problems.append(ThemeProblem(path, reason))
            return None
        return spec

    shipped: dict[str, ThemeSpec] = {}
    for path in theme_files(shipped_dir):
        if spec := load(path, "shipped"):
            shipped.setdefault(spec.name, spec)
    order = {name: i for i, name in enumerate(SHIPPED_ORDER)}
    ordered = sorted(shipped.values(), key=lambda s: (order.get(s.name, len(order)), s.name))

    user: dict[str, ThemeSpec] = {}
    for path in theme_files(user_dir):
        spec = load(path, "user")
        if spec is None:
            continue
        if spec.name in user:
            problems.append(
                ThemeProblem(
                    path, f"theme {spec.name!r} is already defined in {user[spec.name].path}"
                )
            )
            continue
        user[spec.name] = spec

    themes = [user.pop(spec.name, spec) for spec in ordered]
    themes.extend(user.values())
    return ThemeCatalog(tuple(themes), tuple(problems))
