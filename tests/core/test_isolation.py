"""The core must import and run without Textual or Rich (the UI is a thin layer on top)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kzreader.core


def _core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(kzreader.core.__path__, prefix="kzreader.core.")
    )


def test_core_modules_exist() -> None:
    assert "kzreader.core.search.index" in _core_modules()
    assert "kzreader.core.corpus" in _core_modules()


def test_core_imports_without_textual_or_rich() -> None:
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"
