"""Escape sequences in names reach no terminal (issue 15, item 1).

A file, a theme, a YAML key or a bookmark id named with OSC 52 (set the clipboard),
OSC 0 (retitle the terminal) or CSI 2J (clear it) is fed to every path a message
takes — the CLI's stdout and stderr, its JSON, usage errors, the app's notifications
and the real app on a terminal — and no control byte may come out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from reader_helpers import settle
from test_text_in_ui import run_cli as run
from textual.app import App

from kzreader.core.paths import DataPaths
from kzreader.ui.app import KzReaderApp

OSC52 = "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07"
OSC0 = "\x1b]0;PWNED\x07"
CSI = "\x1b[2J"
C1 = "\x9b31m\x9d0;C1\x9c"
EVIL = f"n{OSC52}{OSC0}{CSI}{C1}\u202e"
#: Bytes that must never come out: ESC, BEL, the C1 introducers (UTF-8 encoded), RLO.
FORBIDDEN = [b"\x1b", b"\x07", "\x9b".encode(), "\x9d".encode(), "\x9c".encode(), "\u202e".encode()]


def clean(data: bytes) -> bool:
    return not any(bad in data for bad in FORBIDDEN)


def hostile_folder(root: Path) -> Path:
    """A corpus whose every notice names something hostile."""
    folder = root / f"corpus{OSC0}"
    folder.mkdir()
    (folder / "good.txt").write_text("Almaty title\n\nTokayev met officials in Almaty.\n")
    (folder / f"empty{EVIL}.txt").write_bytes(b"")  # "skipped: the file is empty"
    (folder / f"binary{EVIL}.txt").write_bytes(b"\x00\x01\x02" * 10)  # "not text"
    (folder / "metadata.yaml").write_text(
        yaml.safe_dump({f"entry{EVIL}": {"title": "x", f"key{EVIL}": 1}, "good": "not a map"}),
        encoding="utf-8",
    )
    return folder


def hostile_home(home: Path) -> DataPaths:
    paths = DataPaths.resolve(home)
    paths.themes_dir.mkdir(parents=True)
    theme = {
        "name": "evil",
        "description": f"described {EVIL}",
        "dark": True,
        **{
            key: "#102030"
            for key in (
                "primary", "secondary", "accent", "foreground", "background",
                "surface", "panel", "warning", "error", "success",
            )
        },
    }  # fmt: skip
    (paths.themes_dir / "evil.yaml").write_text(yaml.safe_dump(theme), encoding="utf-8")
    (paths.themes_dir / "broken.yaml").write_text(f"name: [{EVIL}\n", encoding="utf-8")
    (paths.themes_dir / f"file{OSC0}.yaml").write_text("name: 12\n", encoding="utf-8")
    paths.settings_file.write_text(
        yaml.safe_dump({f"unknown{EVIL}": 1, "keymap": {f"kz{EVIL}": ["x"]}, "theme": EVIL}),
        encoding="utf-8",
    )
    paths.data.mkdir(parents=True, exist_ok=True)
    mark = {"article": "good", "paragraph": 2, "quote": "Tokayev", "note": f"note {EVIL}"}
    paths.bookmarks_file.write_text(
        yaml.safe_dump({"version": 1, "bookmarks": [{"id": EVIL, **mark}, {"id": EVIL, **mark}]}),
        encoding="utf-8",
    )
    return paths


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    folder = hostile_folder(tmp_path)
    home = tmp_path / "home"
    hostile_home(home)
    return folder, home


COMMANDS = [
    ["articles"],
    ["articles", "--json"],
    ["search", "Almaty"],
    ["search", "--json", "Almaty"],
    ["search", f"Almaty{EVIL}"],
    ["search", "--json", f"Almaty{EVIL}"],
    ["index"],
    ["themes"],
    ["themes", "--json"],
    ["bookmarks", "list"],
    ["bookmarks", "list", "--json"],
    ["bookmarks", "export", "--format", "json"],
    ["bookmarks", "remove", EVIL],
    ["bookmarks", "add", f"nothing{EVIL}", "1"],
    ["entities", "--json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a)[:30] for a in COMMANDS])
def test_every_command_prints_no_control_byte(args: list[str], hostile: tuple[Path, Path]) -> None:
    folder, home = hostile
    done = run("--corpus", str(folder), *args, home=home)
    assert clean(done.stdout), done.stdout[:2000]
    assert clean(done.stderr), done.stderr[:2000]
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
    if "--json" in args and done.returncode == 0:
        json.loads(done.stdout)  # still valid JSON, escapes and all


def test_the_notices_still_name_the_file(hostile: tuple[Path, Path]) -> None:
    folder, home = hostile
    err = run("--corpus", str(folder), "articles", home=home).stderr.decode()
    # shown, not obeyed: a file's name with escapes for its bytes (core.corpus.scan)
    assert "empty" in err and "\\x1b]52;c;" in err
    themes = run("--corpus", str(folder), "themes", home=home)
    assert "described" in themes.stdout.decode() and b"evil" in themes.stdout


def test_json_keeps_the_names_losslessly(hostile: tuple[Path, Path]) -> None:
    folder, home = hostile
    done = run("--corpus", str(folder), "themes", "--json", home=home)
    rows = {row["name"]: row for row in json.loads(done.stdout)["themes"]}
    assert rows["evil"]["description"].startswith("described n")


def test_usage_errors_print_no_control_byte(tmp_path: Path) -> None:
    done = run("search", "--limit", f"x{EVIL}", "q", home=tmp_path)
    assert done.returncode == 2 and clean(done.stderr), done.stderr
    done = run(f"nocommand{EVIL}", home=tmp_path)
    assert clean(done.stdout + done.stderr)


def test_printable_on_a_terminal_passes_only_style_sequences() -> None:
    from kzreader.core.terminal import PrintableStream, printable

    class Tty:
        def __init__(self) -> None:
            self.written = ""

        def write(self, text: str) -> int:
            self.written += text
            return len(text)

        def isatty(self) -> bool:
            return True

    tty = Tty()
    PrintableStream(tty).write(f"\x1b[1mbold\x1b[0m {EVIL}\n")  # type: ignore[arg-type]
    assert tty.written.startswith("\x1b[1mbold\x1b[0m n\\u001b]52;")
    assert tty.written.count("\x1b") == 2
    assert printable("a\nb") == "a\\nb" and printable("a\nb", multiline=True) == "a\nb"
    assert printable("bad\udcff") == "bad\\udcff"


async def test_app_notifications_carry_no_control_byte(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, home = hostile
    shown: list[str] = []
    original = App.notify

    def spy(self: App, message: str, *, title: str = "", **kwargs: object) -> None:
        shown.extend([message, title])
        original(self, message, title=title, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", spy)
    app = KzReaderApp(folder, DataPaths.resolve(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.notify(f"direct {EVIL}", title=f"title {EVIL}")
        await settle(pilot)
    text = "\n".join(shown)
    assert "direct" in text and "need attention" in text, text  # the corpus notices were shown
    assert clean(text.encode("utf-8", "surrogateescape")), text


def test_the_real_app_sends_no_payload_to_the_terminal(hostile: tuple[Path, Path]) -> None:
    from test_processes import READY, PtyApp, env_with

    folder, home = hostile
    with PtyApp([str(folder)], env_with(home), size=(140, 40)) as app:
        assert app.wait_for(READY), app.output[-500:]
        app.read_for(3)  # the notices arrive after the first frame
        app.send(b"\x11")
        app.finish()
    assert b"\x1b]52" not in app.output  # the clipboard was not set
    assert b"\x1b]0;PWNED" not in app.output  # nor the title
    assert "\u202e".encode() not in app.output
