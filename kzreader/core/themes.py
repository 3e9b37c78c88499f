"""Theme files: YAML → a validated, frozen :class:`ThemeSpec` (pure data, no Textual).

A theme file names the Textual theme colours (primary, background, …) and
kzreader's own variables (``kz-entity-person``, ``kz-hit``, …) that the UI's CSS
uses as ``$kz-…``. Everything a user can get wrong — bad YAML, a missing or
unparsable colour, an unknown key, a wrong type, an unsafe ``!!python/object``
tag — becomes a :class:`ThemeFileError` naming the file and the key, so a
broken theme is reported once and skipped instead of stopping the app.

Colours are parsed without Textual (``core.colour``), so the core validates themes
on its own; the variables a file leaves out are derived (``core.theme_variables``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .atomic import read_user_file
from .colour import COLOUR_SYNTAX, Colour, ColourError, parse_colour
from .terminal import printable
from .theme_variables import derived_variables
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
