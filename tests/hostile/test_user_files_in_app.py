"""The reader app with every user file hostile (issue 15, items 4, 5 and 8).

Alias bombs, deep nesting and huge numbers in settings, overlay, bookmarks, state and
a theme, or each of them a FIFO: the app starts, lists the bookmarks (not stuck on
"Loading the bookmarks…"), searches, and names each file once. The app runs in a
child process limited to 2 GB and two minutes, so a failure cannot hang the suite or
take the machine's memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_user_files import MEMORY_LIMIT, bomb, nested

from kzreader.core.paths import DataPaths

UI_TESTS = Path(__file__).resolve().parent.parent / "ui"

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    sys.path.insert(0, {ui!r})
    from reader_helpers import ALMATY, main_screen, open_in_library, reader, settle

    async def main():
        app = reader()
        async with app.run_test(size=(140, 45)) as pilot:
            for _ in range(100):
                await settle(pilot, 0.05)
                if app.entities is not None and main_screen(pilot).bookmarker.shelf_ready:
                    break
            await open_in_library(pilot, ALMATY)
            screen = main_screen(pilot)
            screen.search("Almaty")
            await settle(pilot)
            print(json.dumps({{
                "hits": len(screen.results.result.hits),
                "bookmarks_ready": screen.bookmarker.shelf_ready,
                "notes": [n.message for n in app._notifications],
                "running": app.is_running,
            }}))

    asyncio.run(main())
    """
)


def hostile_files(paths: DataPaths, kind: str) -> list[Path]:
    files = [
        paths.settings_file,
        paths.overlay_file,
        paths.bookmarks_file,
        paths.state_file,
        paths.themes_dir / "hostile.yaml",
    ]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "fifo":
            if path.suffix == ".yaml" and path.parent == paths.themes_dir:
                path.write_text("name: [unclosed\n")  # a FIFO in the themes folder is skipped
            else:
                os.mkfifo(path)
            continue
        anchors, top = bomb()
        value = {"bomb": top, "deep": nested(), "huge": "9" * 5000}[kind]
        prefix = anchors if kind == "bomb" else ""
        body = {
            "settings.yaml": f"keymap:\n  kz.bookmark: {value}\n",
            "overlay.yaml": f"operations:\n- {{op: hide, entity: {value}}}\n",
            "bookmarks.yaml": (
                f"bookmarks:\n- {{id: {value}, article: a, paragraph: 1, quote: q}}\n"
            ),
            "state.yaml": f"corpora:\n  c: {{last: {value}}}\n",
            "hostile.yaml": f"name: {value}\ndark: true\n",
        }[path.name]
        path.write_text(prefix + body, encoding="utf-8")
    return files


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("kind", ["bomb", "deep", "huge", "fifo"])
def test_app_starts_and_works_with_every_user_file_hostile(kind: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    files = hostile_files(DataPaths.resolve(home), kind)
    env = {**os.environ, "KZREADER_HOME": str(home)}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(ui=str(UI_TESTS))],
        capture_output=True,
        env=env,
        timeout=180,
        check=False,
        preexec_fn=_limited,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["running"] and result["hits"] and result["bookmarks_ready"]
    notes = result["notes"]
    for path in files:
        about = [note for note in notes if str(path) in note or path.name in note]
        assert about, f"{path.name}: no notice in {notes}"
        assert all(len(note) < 2000 for note in about)
