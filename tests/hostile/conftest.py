"""The hostile tests drive the reader with the UI tests' helpers (tests/ui/reader_helpers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

UI_TESTS = str(Path(__file__).resolve().parent.parent / "ui")
if UI_TESTS not in sys.path:
    sys.path.insert(0, UI_TESTS)
