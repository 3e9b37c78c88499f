"""Start-up does only what the first frame needs (issue 7: start to first frame).

Each import below costs tens of milliseconds; they load when first used (a search, the
entity list, a dialog, a file in another encoding), never before the first frame. The
theme the settings name is applied without parsing the stylesheets twice.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from textual.color import Color

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.ui.app import KzReaderApp

#: Not needed to draw the first frame.
LATER = (
    "whoosh",
    "charset_normalizer",
    "multiprocessing",
    "kzreader.core.corpus.collection",  # imported by the worker that lists the library
    "kzreader.core.corpus.classify",
    "kzreader.core.corpus.parsers",
    "kzreader.core.search.index",
    "kzreader.core.entities",
    "kzreader.core.bookmarks",
    "kzreader.ui.keys",
    "kzreader.ui.bookmarks_worker",
    "kzreader.ui.dialogs.entity_card",
    "kzreader.ui.dialogs.entity_prompts",
    "kzreader.ui.dialogs.related_articles",
    "kzreader.ui.dialogs.help",
    "kzreader.ui.dialogs.bookmark_edit",
    "kzreader.ui.dialogs.export",
)

FIRST_FRAME = """
import json, sys
from pathlib import Path
from kzreader.core.paths import DataPaths
from kzreader.ui.app import KzReaderApp

later = json.loads(sys.argv[3])
seen = {}
opened = []


def audit(event, args):
    if event == "open" and isinstance(args[0], str) and "drawn" not in seen:
        opened.append(args[0])


sys.addaudithook(audit)


class FirstFrame(KzReaderApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._drawn)

    def _drawn(self):
        seen["screen"] = type(self.screen).__name__
        seen["loaded"] = sorted(m for m in later if m in sys.modules)
        seen["drawn"] = True
        self.exit(0)


paths = DataPaths.resolve(sys.argv[2])
FirstFrame(Path(sys.argv[1]), paths).run(headless=True, size=(120, 40))
watched = (str(Path(sys.argv[1]).resolve()), str(paths.index_dir(Path(sys.argv[1]))))
seen["read"] = sorted({p for p in opened if p.startswith(watched)})
print(json.dumps(seen))
"""


def _run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_first_frame_is_drawn_before_search_entities_bookmarks_and_dialogs_load(
    tmp_path: Path,
) -> None:
    out = _run(FIRST_FRAME, str(bundled_seeds()), str(tmp_path / "home"), json.dumps(LATER))
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["screen"] == "MainScreen"
    assert seen["loaded"] == []


def test_nothing_of_the_corpus_or_its_index_is_read_before_the_first_frame(
    tmp_path: Path,
) -> None:
    paths = DataPaths.resolve(str(tmp_path / "home"))
    catalog = paths.index_dir(bundled_seeds()) / "catalog.json"
    Corpus.open(bundled_seeds(), catalog=catalog)  # as a previous run leaves it
    assert catalog.is_file()
    out = _run(FIRST_FRAME, str(bundled_seeds()), str(tmp_path / "home"), json.dumps(LATER))
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["drawn"]
    assert seen["read"] == []  # the library is listed from the catalog after the frame


def test_the_command_line_imports_no_sub_command_to_start_the_app() -> None:
    code = (
        "import json, sys\n"
        "import kzreader.__main__\n"
        "print(json.dumps(sorted(m for m in sys.modules if m in json.loads(sys.argv[1])\n"
        "    or m.split('.')[0] in ('textual', 'rich') or m.startswith('kzreader.cli.'))))\n"
    )
    loaded = json.loads(_run(code, json.dumps(LATER)))
    assert loaded == []


async def test_the_settings_theme_draws_the_first_frame_and_later_changes_restyle(
    tmp_path: Path,
) -> None:
    paths = DataPaths.resolve(str(tmp_path / "home"))
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("theme: kz-paper\n", encoding="utf-8")
    app = KzReaderApp(bundled_seeds(), paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "kz-paper"
        assert app.screen.styles.background == Color.parse("#EFE9DD")  # kz-paper's paper
        app.theme = "kz-contrast"  # after start, a change is a full restyle as before
        await pilot.pause()
        assert app.screen.styles.background == Color.parse("#000000")


async def test_what_is_loaded_leaves_the_cycle_collectors_sight_until_the_app_ends(
    tmp_path: Path,
) -> None:
    """Full collections walked the whole corpus and index: 150-200 ms stutters at 10k."""
    gc.unfreeze()
    app = KzReaderApp(bundled_seeds(), DataPaths.resolve(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.index is None:
            await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
