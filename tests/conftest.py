"""Shared fixtures: every test runs with its own data folder, never the developer's."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kzreader.core.paths import bundled_seeds

SEEDS = bundled_seeds()

# The reader's Pilot helpers (tests/ui/reader_helpers.py) serve the UI tests in every
# folder below tests/ui and the hostile tests.
UI_HELPERS = str(Path(__file__).resolve().parent / "ui")
if UI_HELPERS not in sys.path:
    sys.path.insert(0, UI_HELPERS)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """KZREADER_HOME in a fresh folder, so no test reads or writes real user data."""
    home = tmp_path_factory.mktemp("kzhome")
    monkeypatch.setenv("KZREADER_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled articles, for tests that edit files."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
