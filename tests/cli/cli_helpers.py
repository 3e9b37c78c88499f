"""Running ``kzreader`` as a user does: a separate process with its own data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def kz(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``kzreader ARGS`` with ``KZREADER_HOME=home``, output captured as text.

    Run from a neutral folder, so the installed package runs — the one this test process
    imported (from the repository's top folder, ``-m kzreader`` would find the source
    tree instead, with its own copy of the bundled articles)."""
    env = {**os.environ, "KZREADER_HOME": str(home), "COLUMNS": "120"}
    env.pop("KZREADER_DEBUG", None)
    env.pop("PYTHONPATH", None)
    home.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        cwd=home.parent,
    )
