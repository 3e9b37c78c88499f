"""Colours without Textual: the syntax Textual accepts, parsed in the core, and WCAG contrast.

``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb()``, ``rgba()``, ``hsl()``, ``hsla()``,
CSS colour names and ``ansi_*`` — so the core can validate theme files, compute
contrast and derive defaults on its own (``core.themes``, ``core.theme_variables``).
"""

from __future__ import annotations

import colorsys
import difflib
import re
from dataclasses import dataclass

from .yamlsafe import brief, type_name

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
