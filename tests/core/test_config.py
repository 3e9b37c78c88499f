"""The settings file: defaults, validation messages, round trip, in-place edits, broken files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzreader.core.config import (
    SETTINGS_KEYS,
    Settings,
    check_keymap,
    color_disabled,
    load_settings,
    save_settings,
    startup_theme,
    truecolor_supported,
    with_changes,
)
from kzreader.core.paths import DataPaths


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZREADER_HOME", str(tmp_path / "home"))


@pytest.fixture
def path() -> Path:
    return DataPaths.resolve().settings_file


def test_defaults_when_there_is_no_file(path: Path) -> None:
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert messages == []
    assert (settings.theme, settings.reader_width) == ("kz-dark", 88)
    assert settings.show_comments and settings.sidebar_visible
    assert dict(settings.keymap) == {}
    assert not path.exists()  # reading never writes


def test_round_trip(path: Path) -> None:
    chosen = Settings(
        theme="kz-paper",
        keymap={"kz.bookmark": "m", "kz.split": "ctrl+s,f6"},
        reader_width=0,
        show_comments=False,
        sidebar_visible=False,
    )
    assert save_settings(path, chosen) is None
    assert load_settings(path) == (chosen, [])
    assert sorted(yaml.safe_load(path.read_text())) == sorted(SETTINGS_KEYS)
    leftovers = [p.name for p in path.parent.iterdir() if p.name != path.name]
    assert leftovers == []  # atomic write left no temp file


def test_settings_are_immutable() -> None:
    keymap = {"kz.bookmark": "m"}
    settings = Settings(keymap=keymap)
    keymap["kz.quit"] = "x"
    assert dict(settings.keymap) == {"kz.bookmark": "m"}
    with pytest.raises(TypeError):
        settings.keymap["kz.quit"] = "x"  # type: ignore[index]
    changed = with_changes(settings, theme="kz-contrast")
    assert changed.theme == "kz-contrast" and changed.keymap == settings.keymap
    assert settings.theme == "kz-dark"


def test_unknown_keys_are_reported_and_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("theme: kz-paper\nthem: oops\nfuture_option: [1, 2]\n")
    settings, messages = load_settings(path)
    assert settings.theme == "kz-paper"
    assert messages == [
        f"{path}: unknown key 'them' (did you mean 'theme'?) — ignored (kept in the file)",
        f"{path}: unknown key 'future_option' — ignored (kept in the file)",
    ]
    save_settings(path, with_changes(settings, reader_width=70))
    data = yaml.safe_load(path.read_text())
    assert data["them"] == "oops" and data["future_option"] == [1, 2]
    assert data["reader_width"] == 70


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        ("theme: 3\n", "theme", "'theme': expected a theme name, got a number — 'kz-dark' used"),
        ("theme: ''\n", "theme", "'theme': expected a theme name"),
        ("reader_width: wide\n", "reader_width", "got text — 88 used"),
        ("reader_width: 5\n", "reader_width", "from 20 to 1000, got 5 — 88 used"),
        ("reader_width: true\n", "reader_width", "got true/false — 88 used"),
        ("reader_width: -1\n", "reader_width", "got -1"),
        ("show_comments: 'no'\n", "show_comments", "expected true or false, got text — true used"),
        ("sidebar_visible: 1\n", "sidebar_visible", "got a number — true used"),
        ("keymap: [m]\n", "keymap", "'keymap': expected a mapping of binding ids to keys"),
    ],
)
def test_wrong_types_are_reported_and_defaulted(
    path: Path, text: str, field: str, fragment: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(text)
    settings, messages = load_settings(path)
    assert getattr(settings, field) == getattr(Settings(), field)
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}: ")
    assert fragment in messages[0]


def test_keymap_entries(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        "keymap:\n"
        "  kz.bookmark: m\n"
        "  kz.split: [ctrl+s, f6]\n"
        "  kz.find: ' ctrl+f , f3 '\n"
        "  kz.bad: 5\n"
        "  kz.space: 'two words'\n"
    )
    settings, messages = load_settings(path)
    assert dict(settings.keymap) == {
        "kz.bookmark": "m",
        "kz.split": "ctrl+s,f6",
        "kz.find": "ctrl+f,f3",
    }
    assert len(messages) == 2
    assert "'keymap.kz.bad'" in messages[0] and "'keymap.kz.space'" in messages[1]


def test_check_keymap_names_unknown_bindings() -> None:
    keymap = {"kz.bookmark": "m", "kz.bookmrk": "b", "zz": "z"}
    assert check_keymap(keymap, {"kz.bookmark", "kz.quit"}) == [
        "keymap: no binding 'kz.bookmrk' (did you mean 'kz.bookmark'?) — ignored",
        "keymap: no binding 'zz' — ignored",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"theme: [kz-dark\n", "not valid YAML at line"),
        (b"- a list\n", "expected a mapping of settings, got a list"),
        (b"just text\n", "expected a mapping of settings, got text"),
        (b"theme: caf\xe9\n", "not UTF-8 text"),
    ],
)
def test_broken_file_is_reported_and_never_overwritten(
    path: Path, content: bytes, reason: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings, messages = load_settings(path)
    assert settings == Settings()
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}: {reason}")
    assert "defaults used" in messages[0] and "broken" in messages[0]

    moved = save_settings(path, with_changes(settings, theme="kz-paper"))
    assert moved is not None
    assert moved.parent == path.parent
    assert moved.name.startswith("settings.yaml.broken-")
    assert moved.read_bytes() == content  # what the user wrote is kept, byte for byte
    assert load_settings(path) == (Settings(theme="kz-paper"), [])


def test_two_broken_saves_keep_both_files(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("a: [\n")
    first = save_settings(path, Settings())
    path.write_text("b: [\n")
    second = save_settings(path, Settings())
    assert first and second and first != second
    assert first.read_text() == "a: [\n" and second.read_text() == "b: [\n"


def test_empty_file_is_fine(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("# nothing yet\n")
    assert load_settings(path) == (Settings(), [])


def test_save_edits_in_place_and_keeps_comments(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = (
        "# my settings\n"
        "theme: kz-dark   # dark at night\n"
        "\n"
        "# wide screen\n"
        "reader_width: 100\n"
        "keymap:\n"
        "  kz.bookmark: m   # like vim marks\n"
        "extra: {kept: true}\n"
    )
    path.write_text(original)
    settings, _ = load_settings(path)
    save_settings(path, with_changes(settings, theme="kz-paper"))
    assert path.read_text() == original.replace("theme: kz-dark", "theme: kz-paper")
    save_settings(path, with_changes(settings, theme="kz-paper", sidebar_visible=False))
    text = path.read_text()
    assert text.endswith("sidebar_visible: false\n")
    assert "# like vim marks" in text and "# wide screen" in text
    assert load_settings(path)[0] == with_changes(settings, theme="kz-paper", sidebar_visible=False)


def test_changing_the_keymap_keeps_the_rest(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("keymap:\n  kz.bookmark: m\n# after\nreader_width: 70\n")
    settings, _ = load_settings(path)
    save_settings(path, with_changes(settings, keymap={"kz.bookmark": "b", "kz.quit": "x"}))
    text = path.read_text()
    assert "# after\nreader_width: 70\n" in text
    assert load_settings(path)[0].keymap == {"kz.bookmark": "b", "kz.quit": "x"}


def test_nothing_changed_nothing_written(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("theme: kz-contrast\nreader_width: wide   # reported, left alone\n")
    before = path.stat().st_mtime_ns, path.read_text()
    settings, messages = load_settings(path)
    assert len(messages) == 1
    save_settings(path, settings)
    assert (path.stat().st_mtime_ns, path.read_text()) == before


def test_a_new_file_explains_itself(path: Path) -> None:
    save_settings(path, Settings())
    text = path.read_text()
    assert text.startswith("# kzreader settings.")
    for key in SETTINGS_KEYS:
        assert f"\n# {key}: " in text
    assert load_settings(path) == (Settings(), [])


def test_unwritable_folder_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        save_settings(blocker / "settings.yaml", Settings())


# --------------------------------------------------------------------------- terminal


@pytest.mark.parametrize(
    ("environ", "disabled"),
    [({}, False), ({"NO_COLOR": ""}, False), ({"NO_COLOR": "1"}, True), ({"NO_COLOR": "0"}, True)],
)
def test_color_disabled(environ: dict[str, str], disabled: bool) -> None:
    assert color_disabled(environ) is disabled


def test_color_disabled_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "yes")
    assert color_disabled()
    monkeypatch.delenv("NO_COLOR")
    assert not color_disabled()


@pytest.mark.parametrize(
    ("environ", "truecolor"),
    [
        ({}, False),
        ({"COLORTERM": "truecolor"}, True),
        ({"COLORTERM": "24bit"}, True),
        ({"COLORTERM": "TrueColor"}, True),
        ({"COLORTERM": "yes"}, False),
        ({"TERM": "xterm-256color"}, False),
    ],
)
def test_truecolor_supported(environ: dict[str, str], truecolor: bool) -> None:
    assert truecolor_supported(environ) is truecolor


THEMES = ("kz-dark", "kz-paper", "kz-ansi", "nord")
TRUE = {"COLORTERM": "truecolor"}


@pytest.mark.parametrize(
    ("theme", "environ", "expected", "n_messages"),
    [
        ("kz-dark", TRUE, "kz-dark", 0),
        ("kz-paper", TRUE, "kz-paper", 0),
        ("kz-dark", {}, "kz-ansi", 0),  # no true colour and nothing chosen: the terminal's own
        ("kz-paper", {}, "kz-paper", 0),  # an explicit choice stands (Textual down-samples)
        ("nord", {**TRUE, "NO_COLOR": "1"}, "kz-ansi", 0),
        ("gone", TRUE, "kz-dark", 1),
        ("gone", {}, "kz-ansi", 1),
    ],
)
def test_startup_theme(theme: str, environ: dict[str, str], expected: str, n_messages: int) -> None:
    name, messages = startup_theme(Settings(theme=theme), THEMES, environ)
    assert name == expected
    assert len(messages) == n_messages
    if messages:
        assert f"theme {theme!r} not found" in messages[0]


# --------------------------------------------------------------------------- properties

_names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=12
)
_keys = st.lists(_names.filter(lambda k: "," not in k), min_size=1, max_size=3).map(",".join)
_settings = st.builds(
    Settings,
    theme=_names,
    keymap=st.dictionaries(_names, _keys, max_size=4),
    reader_width=st.sampled_from([0, 20, 72, 88, 1000]),
    show_comments=st.booleans(),
    sidebar_visible=st.booleans(),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sequence=st.lists(_settings, min_size=1, max_size=4),
    prelude=st.sampled_from(
        ["", "# mine\n", "extra: [1, 2]   # keep\n", "theme: x  # note\nreader_width: 60\n"]
    ),
)
def test_successive_saves_always_read_back(
    tmp_path: Path, sequence: list[Settings], prelude: str
) -> None:
    """Whatever the values, every save (in place or fresh) reads back exactly."""
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "settings.yaml"
    path.write_text(prelude)
    for item in sequence:
        save_settings(path, item)
        loaded, messages = load_settings(path)
        assert loaded == item
        assert all("unknown key" in message for message in messages)
    if "extra" in prelude:
        assert yaml.safe_load(path.read_text())["extra"] == [1, 2]
