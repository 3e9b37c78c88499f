"""The settings file (YAML in the config dir): theme, keymap overrides, reading layout.

Reading never fails: unknown keys are reported and kept, wrong values are reported
and replaced by defaults, a broken file is reported and defaults are used. Writing
is atomic and conservative: only the keys whose value changed are rewritten, in
place, so the user's comments, layout and unknown keys survive; a file that does
not parse is never overwritten but moved aside first (``settings.yaml.broken-…``).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .atomic import atomic_write_text, move_aside, read_user_file
from .themes import ANSI_THEME, DEFAULT_THEME
from .yamlsafe import YamlError, brief, load_yaml, type_name

#: A settings file is a few lines; anything this large is not one (and is not read).
MAX_SETTINGS_BYTES = 1 << 20

#: Narrowest reading measure that still makes sense (0 means "full width").
MIN_READER_WIDTH = 20
MAX_READER_WIDTH = 1000


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Settings:
    """What the user chose; every field has a sensible default."""

    theme: str = DEFAULT_THEME
    #: binding id → keys, e.g. ``{"kz.bookmark": "m"}`` (Textual's ``App.set_keymap`` format)
    keymap: Mapping[str, str] = field(default_factory=_empty)
    #: reading measure in columns; 0 = the full width of the pane
    reader_width: int = 88
    show_comments: bool = True
    sidebar_visible: bool = True

    def __post_init__(self) -> None:
        # Accept any mapping from callers, keep an immutable copy.
        object.__setattr__(self, "keymap", MappingProxyType(dict(self.keymap)))


#: The keys of the settings file, in the order a new file lists them.
SETTINGS_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Settings))
_DEFAULTS = Settings()


def with_changes(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with some fields changed (``dataclasses.replace``)."""
    return dataclasses.replace(settings, **changes)


# --------------------------------------------------------------------------- validation


_KEY_RE = re.compile(r"\S+")


def _keys_text(value: Any) -> str | None:
    """Keys for one binding: ``"m"``, ``"ctrl+t,f2"`` or a list of keys; None if invalid."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = ",".join(value)
    if not isinstance(value, str):
        return None
    keys = [key.strip() for key in value.split(",")]
    if not keys or not all(_KEY_RE.fullmatch(key) for key in keys):
        return None
    return ",".join(keys)


def _validate(data: Mapping[Any, Any], where: str) -> tuple[Settings, list[str]]:
    """Settings from a parsed mapping; each problem becomes one message."""
    messages: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS_KEYS:
            close = difflib.get_close_matches(brief(key, quote=False), SETTINGS_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            messages.append(f"{where}: unknown key {brief(key)}{hint} — ignored (kept in the file)")
            continue
        default = getattr(_DEFAULTS, key)
        if key == "theme":
            if isinstance(value, str) and value.strip():
                values[key] = value.strip()
            else:
                messages.append(
                    f"{where}: 'theme': expected a theme name, got {type_name(value)} "
                    f"— {default!r} used"
                )
        elif key == "reader_width":
            ok = isinstance(value, int) and not isinstance(value, bool)
            if ok and (value == 0 or MIN_READER_WIDTH <= value <= MAX_READER_WIDTH):
                values[key] = value
            else:
                got = brief(value) if ok else type_name(value)
                messages.append(
                    f"{where}: 'reader_width': expected 0 (full width) or a number of columns "
                    f"from {MIN_READER_WIDTH} to {MAX_READER_WIDTH}, got {got} — {default} used"
                )
        elif key in ("show_comments", "sidebar_visible"):
            if isinstance(value, bool):
                values[key] = value
            else:
                messages.append(
                    f"{where}: {key!r}: expected true or false, got {type_name(value)} "
                    f"— {str(default).lower()} used"
                )
        elif key == "keymap":
            if value is None:
                continue
            if not isinstance(value, dict):
                messages.append(
                    f"{where}: 'keymap': expected a mapping of binding ids to keys, "
                    f"got {type_name(value)} — ignored"
                )
                continue
            keymap: dict[str, str] = {}
            for binding, keys in value.items():
                text = _keys_text(keys)
                if not isinstance(binding, str) or not binding.strip():
                    messages.append(
                        f"{where}: 'keymap': {brief(binding)} is not a binding id — ignored"
                    )
                elif text is None:
                    messages.append(
                        f"{where}: 'keymap.{brief(binding, quote=False)}': expected keys such "
                        f'as "m" or "ctrl+t,f2", got {brief(keys)} — ignored'
                    )
                else:
                    keymap[binding.strip()] = text
            values[key] = keymap
    return Settings(**values), messages


def check_keymap(keymap: Mapping[str, str], binding_ids: Collection[str]) -> list[str]:
    """One message per keymap entry naming a binding the app does not have."""
    messages = []
    for binding in keymap:
        if binding not in binding_ids:
            close = difflib.get_close_matches(binding, list(binding_ids), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            messages.append(f"keymap: no binding {binding!r}{hint} — ignored")
    return messages


# --------------------------------------------------------------------------- reading


class _Broken(Exception):
    """The settings file exists but is not a YAML mapping."""


def _read_mapping(path: Path) -> tuple[str, dict[Any, Any]] | None:
    """(text, mapping) of the file; None if it does not exist; _Broken if it cannot be used.

    OSError other than "not found" propagates (the file may be fine, just unreadable).
    """
    try:
        raw = read_user_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Broken("not UTF-8 text") from None
    try:
        data = load_yaml(text)
    except YamlError as error:
        raise _Broken(str(error)) from None
    if data is None:
        return text, {}
    if not isinstance(data, dict):
        raise _Broken(f"expected a mapping of settings, got {type_name(data)}")
    return text, data


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in ``path`` and one message per problem (never raises).

    A missing file gives the defaults silently. A broken file gives the defaults
    and a message; it is left as it is, and :func:`save_settings` moves it aside
    before writing, so nothing the user wrote is lost.
    """
    path = Path(path)
    try:
        found = _read_mapping(path)
    except _Broken as broken:
        return Settings(), [
            f"{path}: {broken} — defaults used; the file will be kept as "
            f"{path.name}.broken-… if settings are saved"
        ]
    except OSError as error:
        return Settings(), [f"{path}: cannot read: {error.strerror or error} — defaults used"]
    if found is None:
        return Settings(), []
    return _validate(found[1], str(path))


# --------------------------------------------------------------------------- writing

_HEADER = """\
# kzreader settings. Edit freely: kzreader keeps your comments and any keys it
# does not know, and rewrites only the values you change from inside the app.
"""
_COMMENTS = {
    "theme": "# theme: a name listed by `kzreader themes` (ctrl+t cycles them in the app)",
    "keymap": '# keymap: binding id → keys, e.g.  kz.bookmark: m   or   kz.search: "ctrl+f,f3"',
    "reader_width": "# reader_width: reading measure in columns (0 = the full width of the pane)",
    "show_comments": "# show_comments: show reader comments under the article",
    "sidebar_visible": "# sidebar_visible: show the entity sidebar",
}


def _plain(settings: Settings, key: str) -> Any:
    value = getattr(settings, key)
    return dict(value) if key == "keymap" else value


def _dump(mapping: Mapping[str, Any]) -> str:
    return yaml.safe_dump(
        dict(mapping), default_flow_style=False, allow_unicode=True, sort_keys=False, width=100
    )


def _fresh_text(settings: Settings, extra: Mapping[Any, Any]) -> str:
    """A new, commented settings file (plus any keys it does not know, kept)."""
    parts = [_HEADER]
    for key in SETTINGS_KEYS:
        parts.append("\n" + _COMMENTS[key] + "\n")
        parts.append(_dump({key: _plain(settings, key)}))
    unknown = {k: v for k, v in extra.items() if k not in SETTINGS_KEYS}
    if unknown:
        parts.append("\n# Keys this version of kzreader does not know (kept as written):\n")
        parts.append(_dump(unknown))
    return "".join(parts)


def _top_level_span(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines [start, end) holding top-level ``key`` and its indented value."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:(\s|$)")
    starts = [i for i, line in enumerate(lines) if pattern.match(line)]
    if len(starts) != 1:
        return None
    start = end = starts[0] + 1
    while end < len(lines) and (
        not lines[end].strip() or lines[end][0] in " \t" or lines[end].startswith("#")
    ):
        end += 1
    # Blank lines and column-0 comments just before the next key belong to that key.
    while end > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return starts[0], end


def _edited_text(
    text: str, data: Mapping[Any, Any], settings: Settings, changed: list[str]
) -> str | None:
    """``text`` with only the ``changed`` keys rewritten; None when that cannot be done safely."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key in changed:
        replacement = _dump({key: _plain(settings, key)}).splitlines(keepends=True)
        if key not in data:
            lines.extend(replacement)
            continue
        span = _top_level_span(lines, key)
        if span is None:
            return None
        start, end = span
        first = lines[start]
        comment = re.search(r"\s+#[^'\"]*$", first.rstrip("\n"))
        if comment and end == start + 1 and len(replacement) == 1:
            # Keep a trailing comment on a one-line value: `theme: kz-dark  # my favourite`
            replacement = [replacement[0].rstrip("\n") + comment.group(0) + "\n"]
        lines[start:end] = replacement
    edited = "".join(lines)
    target = dict(data)
    for key in changed:
        target[key] = _plain(settings, key)
    try:
        if load_yaml(edited) != target:
            return None
    except YamlError:
        return None
    return edited


def save_settings(path: Path, settings: Settings) -> Path | None:
    """Write ``settings`` to ``path`` atomically; raises OSError if that is impossible.

    Only keys whose value differs from what the file says are touched, in place
    (comments, order and unknown keys stay); nothing is written when nothing
    changed. A file that does not parse is moved aside to
    ``settings.yaml.broken-YYYYMMDDTHHMMSSZ`` first and a fresh file written;
    the return value is that path (None otherwise), for the app to tell the user.
    """
    path = Path(path)
    moved: Path | None = None
    try:
        found = _read_mapping(path)
    except _Broken:
        moved = move_aside(path)
        found = None
    if found is None:
        atomic_write_text(path, _fresh_text(settings, {}))
        return moved
    text, data = found
    on_disk, _ = _validate(data, str(path))
    changed = [key for key in SETTINGS_KEYS if getattr(on_disk, key) != getattr(settings, key)]
    if not changed:
        return None
    edited = _edited_text(text, data, settings, changed)
    if edited is None:
        merged = {**data, **{key: _plain(settings, key) for key in SETTINGS_KEYS}}
        edited = _fresh_text(settings, merged)
    atomic_write_text(path, edited)
    return None


# --------------------------------------------------------------------------- terminal


def color_disabled(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``NO_COLOR`` is set to a non-empty value (https://no-color.org)."""
    env = os.environ if environ is None else environ
    return bool(env.get("NO_COLOR", ""))


def truecolor_supported(environ: Mapping[str, str] | None = None) -> bool:
    """True when the terminal says it has 24-bit colour (``COLORTERM=truecolor``/``24bit``)."""
    env = os.environ if environ is None else environ
    return env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit")


def startup_theme(
    settings: Settings,
    available: Collection[str],
    environ: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """The theme to start with, and a message if the chosen one is missing.

    ``NO_COLOR`` → the ANSI theme (Textual then strips colour). A theme named in
    the settings that does not exist → the default, with a message. Without
    true colour, the default theme (i.e. the user chose nothing else) becomes
    the ANSI theme, which uses the terminal's own palette.
    """
    messages: list[str] = []
    name = settings.theme
    if name not in available:
        messages.append(
            f"theme {name!r} not found (see `kzreader themes`) — using {DEFAULT_THEME!r}"
        )
        name = DEFAULT_THEME
    if ANSI_THEME in available and (
        color_disabled(environ) or (name == DEFAULT_THEME and not truecolor_supported(environ))
    ):
        name = ANSI_THEME
    return name, messages
