"""``kzreader themes [--json]``: shipped, user and built-in themes, and broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kzreader.__main__ import main
from kzreader.core.paths import bundled_themes


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("KZREADER_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "120")
    return folder


def _user_theme(home: Path, file_name: str, text: str) -> Path:
    (home / "themes").mkdir(parents=True, exist_ok=True)
    path = home / "themes" / file_name
    path.write_text(text, encoding="utf-8")
    return path


def _sepia() -> str:
    data = yaml.safe_load((bundled_themes() / "kz-paper.yaml").read_text())
    data["name"] = "sepia"
    return yaml.safe_dump(data)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["themes", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_shipped_then_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(capsys)
    assert out["errors"] == []
    names = [row["name"] for row in out["themes"]]
    assert names[:4] == ["kz-dark", "kz-paper", "kz-contrast", "kz-ansi"]
    assert "textual-dark" in names and "nord" in names
    first = out["themes"][0]
    assert {"name", "source", "path", "dark"} <= set(first)
    assert first["source"] == "shipped" and first["dark"] is True and first["current"] is True
    assert Path(first["path"]) == bundled_themes() / "kz-dark.yaml"
    paper = next(row for row in out["themes"] if row["name"] == "kz-paper")
    assert paper["dark"] is False
    nord = next(row for row in out["themes"] if row["name"] == "nord")
    assert nord["source"] == "textual" and nord["path"] is None


def test_user_themes_and_broken_files(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sepia = _user_theme(home, "sepia.yaml", _sepia())
    broken = _user_theme(home, "broken.yaml", "name: x\nprimary: [\n")
    evil = _user_theme(home, "evil.yaml", "!!python/object/apply:os.system ['true']\n")
    out = _json(capsys)
    row = next(row for row in out["themes"] if row["name"] == "sepia")
    assert row == {
        "name": "sepia",
        "source": "user",
        "path": str(sepia),
        "dark": False,
        "ansi": False,
        "description": row["description"],
        "current": False,
    }
    errors = {Path(error["path"]).name: error["message"] for error in out["errors"]}
    assert set(errors) == {"broken.yaml", "evil.yaml"}
    assert errors["broken.yaml"].startswith("not valid YAML at line")
    assert "is not allowed" in errors["evil.yaml"]
    assert str(broken) in [error["path"] for error in out["errors"]]
    assert str(evil) in [error["path"] for error in out["errors"]]


def test_current_theme_comes_from_settings(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "settings.yaml").write_text("theme: kz-contrast\n")
    out = _json(capsys)
    assert [row["name"] for row in out["themes"] if row["current"]] == ["kz-contrast"]


def test_human_output(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Wide enough for the long temporary path of a parallel run (a wrap there cost a space).
    monkeypatch.setenv("COLUMNS", "400")
    _user_theme(home, "sepia.yaml", _sepia())
    data = yaml.safe_load(_sepia())
    data["name"] = "bad"
    del data["primary"]
    bad = _user_theme(home, "bad.yaml", yaml.safe_dump(data))
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    for name in ("kz-dark", "kz-paper", "kz-contrast", "kz-ansi", "sepia", "nord"):
        assert name in out
    assert "current: kz-dark" in out
    assert "1 theme file(s) could not be used:" in out
    assert f"{bad}: 'primary': missing required colour — skipped" in out.replace("\n", "")


def test_markup_in_a_theme_is_shown_literally(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(_sepia())
    data["description"] = "[bold red]not markup[/]"
    _user_theme(home, "m.yaml", yaml.safe_dump(data))
    assert main(["themes"]) == 0
    assert "[bold red]not markup[/]" in capsys.readouterr().out


def test_data_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    _user_theme(other, "sepia.yaml", _sepia())
    out = _json(capsys, "--data-dir", str(other))
    assert "sepia" in [row["name"] for row in out["themes"]]


def test_settings_problems_are_warned(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "settings.yaml").write_text("theme: no-such-theme\nsidebar: 1\n")
    assert main(["themes", "--json"]) == 0
    captured = capsys.readouterr()
    assert not any(row["current"] for row in json.loads(captured.out)["themes"])
    err = captured.err
    assert "unknown key 'sidebar'" in err
    assert "theme 'no-such-theme' is not available" in err
