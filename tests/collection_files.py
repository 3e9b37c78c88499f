"""Where a test's collection keeps its data: as the app and the CLI find it."""

from __future__ import annotations

from pathlib import Path

from kzreader.core.collection import Collection
from kzreader.core.migrate import open_collection
from kzreader.core.paths import DataPaths, bundled_seeds


def collection_of(folder: Path | None = None, home: Path | None = None) -> Collection:
    """The collection of ``folder`` (default: the bundled articles) in ``home`` (default:
    this test's KZREADER_HOME), registered as opening it would."""
    return open_collection(DataPaths.resolve(home), folder or bundled_seeds())


ASTANA_NOTE = "Astana news\n\nAstana is the capital. Tokayev spoke there on Monday.\n"


def small_folder(root: Path) -> Path:
    """A folder of one short article (``note1``), not the bundled articles."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "note1.txt").write_text(ASTANA_NOTE, encoding="utf-8")
    return root
