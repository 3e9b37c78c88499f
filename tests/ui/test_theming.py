"""Theme specs as Textual themes: variables resolve under every theme, live switching, keymap."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from textual._color_constants import COLOR_NAME_TO_RGB
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.containers import Grid, Vertical
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

from kzreader.core.colour import ColourError, parse_colour
from kzreader.core.config import Settings, load_settings, startup_theme
from kzreader.core.paths import DataPaths, bundled_themes
from kzreader.core.themes import KZ_VARIABLES, discover_themes
from kzreader.ui.theming import (
    load_themes,
    textual_problem,
    theme_variable_defaults,
    to_textual_theme,
)

SHIPPED = [spec.name for spec in discover_themes(bundled_themes(), None).themes]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("KZREADER_HOME", str(folder))
    return folder


class Preview(App[None]):
    """A page of an article drawn with every ``$kz-*`` variable, in the theme it is given."""

    CSS = """
    Screen { background: $background; align: center top; }
    #page { width: 66; height: auto; background: $surface; padding: 1 1 0 1; }
    .heading { color: $kz-heading; text-style: bold; padding: 0 1; }
    .byline { color: $text-muted; padding: 0 1 1 1; }
    .para { padding: 0 1; margin-bottom: 1; }
    .cursor { background: $kz-cursor; }
    .hit { background: $kz-hit; }
    .hit-current { background: $kz-hit-current; }
    .person { color: $kz-entity-person; }
    .place { color: $kz-entity-place; }
    .organisation { color: $kz-entity-organisation; }
    .marker { color: $kz-bookmark; }
    .comment { color: $kz-comment; padding: 0 1; border-top: solid $panel; }
    #legend { height: auto; grid-size: 3; grid-rows: 1; grid-gutter: 0 1; margin-top: 1; }
    #legend Static { height: 1; padding: 0 1; border: none; }
    #status { dock: bottom; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, theme: str | None = None) -> None:
        super().__init__()
        themes, self.messages = load_themes(DataPaths.resolve())
        for item in themes:
            self.register_theme(item)
        self._start_theme = theme

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)

    def on_mount(self) -> None:
        if self._start_theme:
            self.theme = self._start_theme

    def compose(self) -> ComposeResult:
        with Vertical(id="page"):
            yield Static("Astana and Moscow: an uneasy partnership", classes="heading")
            yield Static("By A. Analyst · Example Review · 2024-05-01", classes="byline")
            yield Static(
                "[$kz-bookmark]▍[/]President [$kz-entity-person]Kassym-Jomart Tokayev[/] met "
                "[$kz-entity-person]Vladimir Putin[/] in [$kz-entity-place]Astana[/] "
                "to discuss the [on $kz-hit]Eurasian[/] corridor.",
                classes="para cursor",
            )
            yield Static(
                "The [$kz-entity-organisation]Eurasian Economic Union[/] and the "
                "[$kz-entity-organisation]CSTO[/] remain central; [on $kz-hit-current]Eurasian"
                "[/] integration is on the agenda in [$kz-entity-place]Moscow[/] too.",
                classes="para",
            )
            yield Static(
                "[MVD] stays literal here: [i.e. Russian cars–Trans.]", markup=False, classes="para"
            )
            yield Static(
                "Reader comment: the [on $kz-hit]Eurasian[/] idea again…", classes="comment"
            )
            # One cell per variable: a legend for the eye, probes for the tests.
            with Grid(id="legend"):
                for label, classes in (
                    ("cursor", "cursor"),
                    ("hit", "hit"),
                    ("current hit", "hit-current"),
                    ("▍bookmark", "marker"),
                    ("person", "person"),
                    ("place", "place"),
                    ("organisation", "organisation"),
                    ("comment", "comment"),
                    ("heading", "heading"),
                ):
                    yield Static(label, classes=f"{classes} probe")
        yield Static(f"theme: {self.theme}", id="status")

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted:
            self.query_one("#status", Static).update(f"theme: {theme}")


PROBES = {
    "kz-cursor": (".cursor.probe", "background"),
    "kz-hit": (".hit.probe", "background"),
    "kz-hit-current": (".hit-current.probe", "background"),
    "kz-entity-person": (".person.probe", "color"),
    "kz-entity-place": (".place.probe", "color"),
    "kz-entity-organisation": (".organisation.probe", "color"),
    "kz-bookmark": (".marker.probe", "color"),
    "kz-comment": (".comment.probe", "color"),
    "kz-heading": (".heading.probe", "color"),
}


def test_probes_cover_every_variable() -> None:
    assert set(PROBES) == set(KZ_VARIABLES)


def _expected(theme: Theme, name: str) -> Color:
    value = theme.variables.get(name) or theme_variable_defaults(theme)[name]
    return Color.parse(value)


async def test_variables_resolve_under_shipped_and_builtin_themes() -> None:
    app = Preview()
    async with app.run_test(size=(80, 40)) as pilot:
        assert app.messages == []
        names = SHIPPED + [name for name in BUILTIN_THEMES if name not in SHIPPED]
        assert len(names) > len(SHIPPED) + 10
        for name in names:
            app.theme = name
            await pilot.pause()
            theme = app.current_theme
            assert theme.name == name
            for variable, (selector, attribute) in PROBES.items():
                widget = app.screen.query_one(selector)
                got = getattr(widget.styles, attribute)
                assert got == _expected(theme, variable), f"{name}: ${variable}"
        assert "theme: " in str(app.screen.query_one("#status", Static).content)


async def test_shipped_theme_values_reach_the_screen() -> None:
    app = Preview()
    async with app.run_test(size=(80, 40)) as pilot:
        app.theme = "kz-paper"
        await pilot.pause()
        hit = app.screen.query_one(".hit.probe").styles.background
        assert hit == Color.parse("#f5df91")
        app.theme = "kz-contrast"
        await pilot.pause()
        assert app.screen.query_one(".hit.probe").styles.background == Color.parse("#4a3800")
        assert app.screen.styles.background == Color.parse("#000000")


async def test_start_in_a_shipped_theme() -> None:
    app = Preview("kz-ansi")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "kz-ansi" and app.current_theme.ansi
        cursor = app.screen.query_one(".cursor.probe").styles.background
        assert cursor.ansi is not None  # a terminal colour, not an RGB approximation


async def test_no_color_starts_in_the_ansi_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLORTERM", "truecolor")
    probe = Preview()
    name, messages = startup_theme(Settings(theme="kz-paper"), probe.available_themes)
    assert (name, messages) == ("kz-ansi", [])
    app = Preview(name)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.no_color and app.theme == "kz-ansi"


def test_to_textual_theme_carries_our_variables() -> None:
    for spec in discover_themes(bundled_themes(), None).themes:
        theme = to_textual_theme(spec)
        assert isinstance(theme, Theme)
        assert (theme.name, theme.dark, theme.ansi) == (spec.name, spec.dark, spec.ansi)
        assert theme.background == spec.background and theme.primary == spec.primary
        for name in KZ_VARIABLES:
            assert theme.variables[name] == spec.variables[name]
        for name, value in spec.textual_variables.items():
            assert theme.variables[name] == value
        colours = theme.to_color_system().generate()
        assert "block-cursor-background" in colours


@pytest.mark.parametrize("name", list(BUILTIN_THEMES))
def test_defaults_suit_every_builtin_theme(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    values = theme_variable_defaults(theme)
    assert set(values) == set(KZ_VARIABLES)
    for value in values.values():
        Color.parse(value)
    if theme.ansi:
        assert all(value.startswith("ansi_") for value in values.values())
    assert set(theme_variable_defaults()) == set(KZ_VARIABLES)


def test_load_themes_reports_broken_user_files(home: Path) -> None:
    folder = home / "themes"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text("name: [\n")
    data = yaml.safe_load((bundled_themes() / "kz-dark.yaml").read_text())
    data["name"] = "typo"
    data["variables"]["footer-kee-foreground"] = "red"
    (folder / "typo.yaml").write_text(yaml.safe_dump(data))
    data["name"] = "good"
    del data["variables"]["footer-kee-foreground"]
    (folder / "good.yaml").write_text(yaml.safe_dump(data))
    themes, messages = load_themes(DataPaths.resolve())
    assert [t.name for t in themes][-1] == "good"
    assert len(themes) == len(SHIPPED) + 1
    assert len(messages) == 2
    assert messages[0].startswith(f"{folder / 'bad.yaml'}: not valid YAML")
    assert messages[1] == (
        f"{folder / 'typo.yaml'}: unknown key 'variables.footer-kee-foreground' (neither a "
        "kz-* variable nor one of Textual's; did you mean 'footer-key-foreground'?) — skipped"
    )
    assert all(message.endswith(" — skipped") for message in messages)


def test_a_broken_override_keeps_the_shipped_theme(home: Path) -> None:
    folder = home / "themes"
    folder.mkdir(parents=True)
    data = yaml.safe_load((bundled_themes() / "kz-dark.yaml").read_text())
    data["variables"]["block-cursor-text-style"] = "sparkly"
    (folder / "kz-dark.yaml").write_text(yaml.safe_dump(data))
    themes, messages = load_themes(DataPaths.resolve())
    assert [theme.name for theme in themes] == SHIPPED
    assert themes[0].variables["block-cursor-text-style"] == "none"  # the shipped one
    assert len(messages) == 1 and messages[0].startswith(f"{folder / 'kz-dark.yaml'}: ")


@pytest.mark.parametrize(
    ("variables", "fragment"),
    [
        ({"block-cursor-text-style": "shiny"}, "is not a text style"),
        ({"border": "#12"}, "'variables.border'"),
        ({"input-selection-background": "#81a1c1 thirty%"}, "is not a percentage"),
    ],
)
def test_textual_variable_values_are_checked(variables: dict[str, str], fragment: str) -> None:
    from kzreader.core.themes import parse_theme

    data = yaml.safe_load((bundled_themes() / "kz-dark.yaml").read_text())
    data["variables"] = variables
    problem = textual_problem(parse_theme(data))
    assert problem is not None and fragment in problem


def test_textual_accepts_what_the_core_parser_accepts() -> None:
    """The core's Textual-free colour parser agrees with ``textual.color.Color.parse``."""
    samples = [
        "#abc", "#abcd", "#a1b2c3", "#a1b2c3d4", "#ABC", "rgb(1,2,3)", "rgb( 1 , 2 , 3 )",
        "rgba(1,2,3,0.5)", "rgb(1.5,2,3)", "hsl(200,50%,40%)", "hsla(10,20%,30%,0.4)",
        "red", "rebeccapurple", "darkslategrey", "ansi_red", "ansi_bright_white",
        "ansi_default", "Red", "ansi_purple", "#12", "#12345", "rgb(1,2)", "hsl(1,2,3)",
        "nope", "", "#ggg", "blue 50%",
    ]  # fmt: skip
    for sample in samples:
        try:
            theirs: Color | None = Color.parse(sample)
        except ColorParseError:
            theirs = None
        try:
            ours = parse_colour(sample)
        except ColourError:
            ours = None
        assert (ours is None) == (theirs is None), sample
        if ours is not None and theirs is not None and not ours.is_terminal_default:
            assert (ours.r, ours.g, ours.b) == (theirs.r, theirs.g, theirs.b), sample
            assert ours.a == pytest.approx(theirs.a, abs=0.01), sample


_num = st.one_of(
    st.integers(-300, 300).map(str),
    st.floats(-300, 300, allow_nan=False).map(lambda f: f"{f:.2f}"),
)
_colour_text = st.one_of(
    st.text("0123456789abcdefABCDEFg", min_size=0, max_size=9).map(lambda t: "#" + t),
    st.tuples(_num, _num, _num).map(lambda t: "rgb({}, {},{})".format(*t)),
    st.tuples(_num, _num, _num, _num).map(lambda t: "rgba({},{},{},{})".format(*t)),
    st.tuples(_num, _num, _num).map(lambda t: "hsl({},{}%,{}%)".format(*t)),
    st.sampled_from(sorted(COLOR_NAME_TO_RGB)),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(_colour_text)
def test_core_parser_agrees_with_textual_on_generated_input(text: str) -> None:
    try:
        theirs: Color | None = Color.parse(text.strip())
    except ColorParseError:
        theirs = None
    try:
        ours = parse_colour(text)
    except ColourError:
        ours = None
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None and not ours.is_terminal_default:
        assert (ours.r, ours.g, ours.b) == (theirs.r, theirs.g, theirs.b)
        assert ours.a == pytest.approx(theirs.a, abs=0.01)


class Keyed(App[None]):
    BINDINGS: ClassVar = [Binding("b", "bump", "Bump", id="kz.bump")]
    bumps = 0

    def action_bump(self) -> None:
        self.bumps += 1


async def test_keymap_override_from_settings_changes_a_binding(home: Path) -> None:
    home.mkdir(parents=True)
    settings_file = DataPaths.resolve().settings_file
    settings_file.write_text("keymap:\n  kz.bump: x\n")
    settings, messages = load_settings(settings_file)
    assert messages == []
    app = Keyed()
    async with app.run_test() as pilot:
        app.set_keymap(settings.keymap)
        await pilot.press("b")
        assert app.bumps == 0
        await pilot.press("x")
        assert app.bumps == 1


@pytest.mark.parametrize("name", SHIPPED)
def test_snapshot_each_shipped_theme(name: str, snap_compare) -> None:
    assert snap_compare(Preview(name), terminal_size=(70, 26))
