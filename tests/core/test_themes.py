"""Theme files: schema, validation errors, shipped themes, WCAG contrast."""

from __future__ import annotations

import colorsys
import itertools
from pathlib import Path

import pytest
import yaml

from kzreader.core.colour import (
    Colour,
    ColourError,
    contrast_ratio,
    flatten,
    parse_colour,
    relative_luminance,
)
from kzreader.core.paths import bundled_themes
from kzreader.core.theme_variables import derived_variables, next_theme
from kzreader.core.themes import (
    KZ_VARIABLES,
    REQUIRED_COLOURS,
    SHIPPED_ORDER,
    ThemeFileError,
    ThemeSpec,
    discover_themes,
    load_theme_file,
    parse_theme,
)

ENTITIES = ("kz-entity-person", "kz-entity-place", "kz-entity-organisation")
TEXT_BACKGROUNDS = ("background", "surface", "panel")
MARKED_BACKGROUNDS = ("kz-cursor", "kz-hit", "kz-hit-current")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZREADER_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def shipped() -> dict[str, ThemeSpec]:
    catalog = discover_themes(bundled_themes(), None)
    assert catalog.problems == ()
    return {spec.name: spec for spec in catalog.themes}


def good_theme(**changes: object) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((bundled_themes() / "kz-dark.yaml").read_text())
    data["name"] = "mine"
    data.update(changes)
    return data


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- WCAG


def wcag_ratio(fg: str, bg: str) -> float:
    """The WCAG 2.x contrast ratio, computed here from the spec (not from the module)."""

    def lum(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#ffffff", "#000000", 21.0),
        ("#000000", "#ffffff", 21.0),
        ("#777777", "#ffffff", 4.48),  # the classic "just fails AA" grey
        ("#595959", "#ffffff", 7.0),  # the classic AAA grey
        ("#123456", "#123456", 1.0),
    ],
)
def test_contrast_ratio_matches_known_values(fg: str, bg: str, expected: float) -> None:
    assert wcag_ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(parse_colour(fg), parse_colour(bg)) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_endpoints() -> None:
    assert relative_luminance(parse_colour("black")) == 0
    assert relative_luminance(parse_colour("white")) == pytest.approx(1)


# --------------------------------------------------------------------------- colours


@pytest.mark.parametrize(
    ("text", "rgba"),
    [
        ("#abc", (0xAA, 0xBB, 0xCC, 1.0)),
        ("#AbC8", (0xAA, 0xBB, 0xCC, 0x88 / 255)),
        ("#1a2b3c", (0x1A, 0x2B, 0x3C, 1.0)),
        ("#1a2b3c80", (0x1A, 0x2B, 0x3C, 0x80 / 255)),
        ("rgb(10, 20,30)", (10, 20, 30, 1.0)),
        ("rgba(10,20,30,0.5)", (10, 20, 30, 0.5)),
        ("rgb(300, -4, 7.9)", (255, 0, 7, 1.0)),
        ("hsl(0, 100%, 50%)", (255, 0, 0, 1.0)),
        ("hsla(120,100%,25%,0.25)", (0, 128, 0, 0.25)),
        ("rebeccapurple", (0x66, 0x33, 0x99, 1.0)),
        ("ansi_bright_red", (255, 0, 0, 1.0)),
        ("  navy ", (0, 0, 128, 1.0)),
    ],
)
def test_parse_colour_accepts_textual_syntax(text: str, rgba: tuple[int, int, int, float]) -> None:
    colour = parse_colour(text)
    assert (colour.r, colour.g, colour.b) == rgba[:3]
    assert colour.a == pytest.approx(rgba[3])


def test_ansi_colours_are_marked() -> None:
    assert parse_colour("ansi_cyan").ansi == "cyan"
    assert parse_colour("ansi_default").is_terminal_default
    assert parse_colour("#00ffff").ansi is None


@pytest.mark.parametrize(
    "text", ["", "#12", "#12345", "#ggg", "rgb(1,2)", "Red", "ansi_purple", "blu", "1", "red 50%"]
)
def test_parse_colour_rejects_garbage(text: str) -> None:
    with pytest.raises(ColourError):
        parse_colour(text)


def test_parse_colour_suggests_a_name() -> None:
    with pytest.raises(ColourError, match="did you mean 'navy'"):
        parse_colour("navvy")


def test_flatten_lays_alpha_over_backdrop() -> None:
    half_white = parse_colour("#ffffff80")
    assert flatten(half_white, parse_colour("#000000")).hex == "#808080"
    assert flatten(parse_colour("#102030"), parse_colour("#ffffff")).hex == "#102030"


# --------------------------------------------------------------------------- shipped


def test_the_four_required_themes_ship(shipped: dict[str, ThemeSpec]) -> None:
    assert {"kz-dark", "kz-paper", "kz-contrast", "kz-ansi"} <= set(shipped)
    assert list(shipped)[: len(SHIPPED_ORDER)] == list(SHIPPED_ORDER)
    assert shipped["kz-dark"].dark and not shipped["kz-paper"].dark
    assert shipped["kz-ansi"].ansi


def test_every_shipped_theme_sets_every_variable(shipped: dict[str, ThemeSpec]) -> None:
    for spec in shipped.values():
        assert spec.derived == (), f"{spec.name} leaves {spec.derived} to defaults"
        assert tuple(spec.variables) == KZ_VARIABLES
        assert spec.description, spec.name
        assert spec.source == "shipped"
        for name in (*REQUIRED_COLOURS, *KZ_VARIABLES):
            spec.colour(name)  # parses


def test_every_shipped_theme_file_loads_alone() -> None:
    files = sorted(bundled_themes().glob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        assert load_theme_file(path).path == path


def _truecolour(shipped: dict[str, ThemeSpec]) -> list[ThemeSpec]:
    return [spec for spec in shipped.values() if not spec.ansi]


def _ratio(spec: ThemeSpec, fg: str, bg: str) -> float:
    back = spec.colour(bg)
    return contrast_ratio(flatten(spec.colour(fg), back), back)


def test_body_text_meets_wcag_aa_everywhere(shipped: dict[str, ThemeSpec]) -> None:
    """Body text on every background it can sit on: ≥ 4.5:1 in every true-colour theme."""
    for spec in _truecolour(shipped):
        for bg in (*TEXT_BACKGROUNDS, *MARKED_BACKGROUNDS):
            ratio = _ratio(spec, "foreground", bg)
            assert ratio >= 4.5, f"{spec.name}: foreground on {bg} is {ratio:.2f}:1"


def test_reading_text_colours_are_readable(shipped: dict[str, ThemeSpec]) -> None:
    """Entities, headings, comments ≥ 4.5:1 on the reading backgrounds; on marks ≥ 3:1."""
    for spec in _truecolour(shipped):
        for fg in (*ENTITIES, "kz-heading", "kz-comment"):
            for bg in ("background", "surface"):
                ratio = _ratio(spec, fg, bg)
                assert ratio >= 4.5, f"{spec.name}: {fg} on {bg} is {ratio:.2f}:1"
            for bg in MARKED_BACKGROUNDS:
                ratio = _ratio(spec, fg, bg)
                assert ratio >= 3.0, f"{spec.name}: {fg} on {bg} is {ratio:.2f}:1"
        ratio = _ratio(spec, "kz-bookmark", "background")
        assert ratio >= 3.0, f"{spec.name}: the bookmark marker is {ratio:.2f}:1"


def test_high_contrast_theme(shipped: dict[str, ThemeSpec]) -> None:
    """kz-contrast: body text AAA (≥ 7:1) on its backgrounds, every text colour AA on every
    background including the cursor and both hit colours."""
    spec = shipped["kz-contrast"]
    for bg in TEXT_BACKGROUNDS:
        assert wcag_ratio(spec.colour("foreground").hex, spec.colour(bg).hex) >= 7.0
    for fg in ("foreground", *ENTITIES, "kz-heading", "kz-comment", "kz-bookmark"):
        for bg in (*TEXT_BACKGROUNDS, *MARKED_BACKGROUNDS):
            ratio = wcag_ratio(spec.colour(fg).hex, spec.colour(bg).hex)
            assert ratio >= 4.5, f"kz-contrast: {fg} on {bg} is {ratio:.2f}:1"
    # Textual's muted and disabled text (labels, placeholders) are pinned, not translucent.
    for name in ("text-muted", "text-disabled"):
        muted = parse_colour(spec.textual_variables[name])
        assert muted.a == 1.0
        for bg in TEXT_BACKGROUNDS:
            ratio = wcag_ratio(muted.hex, spec.colour(bg).hex)
            assert ratio >= 4.5, f"kz-contrast: {name} on {bg} is {ratio:.2f}:1"


def _hue(colour: Colour) -> float:
    h, _, _ = colorsys.rgb_to_hls(colour.r / 255, colour.g / 255, colour.b / 255)
    return h * 360


def test_entity_colours_are_distinguishable(shipped: dict[str, ThemeSpec]) -> None:
    for spec in shipped.values():
        values = [spec.variables[name] for name in ENTITIES]
        assert len(set(values)) == 3, spec.name
        if spec.ansi:
            continue
        for a, b in itertools.combinations(ENTITIES, 2):
            gap = abs(_hue(spec.colour(a)) - _hue(spec.colour(b)))
            gap = min(gap, 360 - gap)
            assert gap >= 40, f"{spec.name}: {a} and {b} are only {gap:.0f}° apart"


def test_hits_stand_apart_from_cursor(shipped: dict[str, ThemeSpec]) -> None:
    for spec in shipped.values():
        marks = {spec.variables[name] for name in MARKED_BACKGROUNDS}
        assert len(marks) == 3, f"{spec.name}: cursor, hit and current hit must differ"


def test_ansi_themes_use_only_terminal_colours(shipped: dict[str, ThemeSpec]) -> None:
    ansi = [spec for spec in shipped.values() if spec.ansi]
    assert "kz-ansi" in {spec.name for spec in ansi}
    for spec in ansi:
        values = [getattr(spec, key) for key in REQUIRED_COLOURS]
        values += list(spec.variables.values())
        values += [v for k, v in spec.textual_variables.items() if not k.endswith("-style")]
        assert all(value.startswith("ansi_") for value in values), spec.name


# --------------------------------------------------------------------------- validation


def test_valid_user_theme_appears_beside_shipped(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", yaml.safe_dump(good_theme()))
    catalog = discover_themes(bundled_themes(), tmp_path)
    assert catalog.problems == ()
    assert catalog.names[: len(SHIPPED_ORDER)] == SHIPPED_ORDER
    mine = catalog.get("mine")
    assert mine is not None and mine.source == "user" and mine.path == tmp_path / "mine.yaml"


def test_missing_kz_variables_are_derived_from_the_theme(tmp_path: Path) -> None:
    data = good_theme(dark=False, background="#fdfdfd", foreground="#222222")
    data["variables"] = {"kz-hit": "#ffee88"}
    spec = parse_theme(data)
    assert spec.variables["kz-hit"] == "#ffee88"
    assert "kz-hit" not in spec.derived and "kz-cursor" in spec.derived
    assert tuple(spec.variables) == KZ_VARIABLES
    # derived for a light background: dark entity text, readable
    bg = parse_colour("#fdfdfd")
    for name in ENTITIES:
        assert contrast_ratio(spec.colour(name), bg) >= 4.5


BROKEN = {
    "bad-yaml.yaml": ("name: x\nprimary: [1, 2\n", "not valid YAML at line"),
    "missing.yaml": (
        yaml.safe_dump({k: v for k, v in good_theme().items() if k != "background"}),
        "'background': missing required colour",
    ),
    "unknown.yaml": (yaml.safe_dump(good_theme(bakground="#000")), "unknown key 'bakground'"),
    "unknown-var.yaml": (
        yaml.safe_dump(good_theme(variables={"kz-hits": "#000"})),
        "unknown key 'variables.kz-hits' (did you mean 'kz-hit'?)",
    ),
    "python.yaml": (
        "!!python/object/apply:os.system ['touch PWNED']\n",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "python-value.yaml": (
        "name: x\ndark: true\nprimary: !!python/object:builtins.dict {}\n",
        "YAML tag '!!python/object:builtins.dict' is not allowed",
    ),
    "wrong-type.yaml": (yaml.safe_dump(good_theme(dark="yes please")), "'dark': expected true"),
    "colour-type.yaml": (yaml.safe_dump(good_theme(primary=12)), "'primary': expected a colour"),
    "bad-colour.yaml": (yaml.safe_dump(good_theme(accent="#12345")), "'accent': '#12345' is not"),
    "list.yaml": ("- a\n- b\n", "a theme must be a mapping of keys to values, not a list"),
    "empty.yaml": ("", "a theme must be a mapping of keys to values, not nothing"),
    "no-name.yaml": (yaml.safe_dump({**good_theme(), "name": None}), "'name': missing"),
    "bad-name.yaml": (yaml.safe_dump(good_theme(name="two words")), "is not a theme name"),
    "vars-list.yaml": (yaml.safe_dump(good_theme(variables=["a"])), "'variables': expected a"),
    "latin1.yaml": ("name: caf\xe9\n", "not UTF-8"),
}


@pytest.mark.parametrize("file_name", sorted(BROKEN))
def test_each_broken_theme_is_reported_once_and_skipped(
    tmp_path: Path, file_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, reason = BROKEN[file_name]
    user = tmp_path / "themes"
    if file_name == "latin1.yaml":
        user.mkdir()
        (user / file_name).write_bytes(text.encode("latin-1"))
    else:
        write(user, file_name, text)
    write(user, "fine.yaml", yaml.safe_dump(good_theme(name="fine")))
    monkeypatch.chdir(tmp_path)
    catalog = discover_themes(bundled_themes(), user)
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.path == user / file_name
    assert reason in problem.reason
    assert str(problem) == f"{user / file_name}: {problem.reason} — skipped"
    assert "fine" in catalog.names and len(catalog.themes) == len(SHIPPED_ORDER) + 1
    assert not (tmp_path / "PWNED").exists()


def test_load_theme_file_raises_one_line_error(tmp_path: Path) -> None:
    data = good_theme()
    del data["primary"]
    path = write(tmp_path, "t.yaml", yaml.safe_dump(data))
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert str(caught.value) == f"{path}: 'primary': missing required colour — skipped"
    assert "\n" not in str(caught.value)


def test_all_missing_colours_are_named_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "name: t\ndark: true\nprimary: '#88c0d0'\n")
    with pytest.raises(ThemeFileError, match="missing required colours: secondary, accent, "):
        load_theme_file(path)


def test_oversized_theme_file_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "big.yaml", "# " + "x" * 300_000 + "\n")
    with pytest.raises(ThemeFileError, match="too large"):
        load_theme_file(path)


def test_user_theme_replaces_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    write(tmp_path, "dark.yaml", yaml.safe_dump(good_theme(name="kz-dark", accent="#ff0000")))
    catalog = discover_themes(bundled_themes(), tmp_path)
    assert catalog.names.count("kz-dark") == 1
    spec = catalog.get("kz-dark")
    assert spec is not None and spec.source == "user" and spec.accent == "#ff0000"
    assert catalog.names[0] == "kz-dark"  # keeps its place in the cycle


def test_two_user_files_with_one_name(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", yaml.safe_dump(good_theme(name="twin")))
    write(tmp_path, "b.yml", yaml.safe_dump(good_theme(name="twin")))
    catalog = discover_themes(bundled_themes(), tmp_path)
    assert catalog.names.count("twin") == 1
    assert [p.path.name for p in catalog.problems] == ["b.yml"]
    assert "already defined in" in catalog.problems[0].reason


def test_other_files_and_missing_folder_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# not a theme")
    write(tmp_path, ".hidden.yaml", "nonsense: [")
    (tmp_path / "dir.yaml").mkdir()
    assert discover_themes(bundled_themes(), tmp_path).problems == ()
    assert discover_themes(bundled_themes(), tmp_path / "nope").problems == ()


@pytest.mark.parametrize("dark", [True, False])
def test_derived_variables_cover_every_name(dark: bool) -> None:
    values = derived_variables(dark=dark)
    assert tuple(sorted(values)) == tuple(sorted(KZ_VARIABLES))
    for value in values.values():
        parse_colour(value)
    ansi = derived_variables(dark=dark, ansi=True)
    assert all(v.startswith("ansi_") for v in ansi.values())


def test_derived_variables_survive_odd_inputs() -> None:
    values = derived_variables(dark=True, background="ansi_default", primary="not a colour")
    assert set(values) == set(KZ_VARIABLES)


def test_next_theme_cycles() -> None:
    names = ("kz-dark", "kz-paper", "kz-contrast")
    assert next_theme(names, "kz-dark") == "kz-paper"
    assert next_theme(names, "kz-contrast") == "kz-dark"
    assert next_theme(names, "kz-dark", -1) == "kz-contrast"
    assert next_theme(names, "nord") == "kz-dark"
    assert next_theme((), "nord") == "nord"
