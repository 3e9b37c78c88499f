"""The README's key table is generated from the app's bindings; this test keeps it true.

To regenerate after changing bindings: KZREADER_UPDATE_README=1 pytest tests/ui/test_readme_keys.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kzreader.ui.keys import key_groups

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN = "<!-- keys:begin (generated from kzreader/ui/keys.py; a test checks it) -->"
END = "<!-- keys:end -->"


def _key(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[",
             "right_square_bracket": "]", "escape": "esc", "space": "space"}  # fmt: skip
    return names.get(key, key)


def render() -> str:
    lines = []
    for group in key_groups():
        if not group.bindings:
            continue
        lines += ["", f"**{group.title}**", "", "| keys | does | id |", "|---|---|---|"]
        for binding in group.bindings:
            keys = ", ".join(f"`{_key(k.strip())}`" for k in binding.key.split(",") if k.strip())
            lines.append(f"| {keys} | {binding.description} | `{binding.id or ''}` |")
    return "\n".join(lines).strip()


def test_readme_lists_every_key() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    expected = "\n" + render() + "\n"
    if os.environ.get("KZREADER_UPDATE_README"):
        README.write_text(text[:start] + expected + text[end:], encoding="utf-8")
        text = README.read_text(encoding="utf-8")
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    assert text[start:end] == expected, "README keys are stale: see this file's docstring"


def test_every_binding_has_an_id() -> None:
    missing = [b.description for g in key_groups() for b in g.bindings if not b.id]
    assert not missing or all(re.match(r"^Commands$", d) for d in missing), missing
