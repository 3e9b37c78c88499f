"""The test suite itself: pytest's default import mode needs unique module basenames."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_test_module_names_are_unique() -> None:
    tests = Path(__file__).parent
    names = Counter(p.name for p in tests.rglob("*.py") if p.name != "conftest.py")
    clashes = sorted(name for name, count in names.items() if count > 1)
    assert not clashes, f"two test modules share a name (pytest cannot collect both): {clashes}"
