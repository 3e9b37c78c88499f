"""The shape of the code: no import circles, small modules.

The layer rules (the core imports no UI, only core/search imports whoosh, widgets no
screens) are import-linter contracts in pyproject.toml, which CI checks; whoosh's
internals only in core/search/engine is tests/core/search/test_search_boundaries.py.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[1] / "kzreader"
MAX_LINES = 400
#: What the docstring of a module that is one module on purpose says (and then why).
ONE_MODULE = "over 400 lines"


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for module in sorted(graph):
            if module not in order:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles() -> None:
    """Imports inside functions count too: a lazy import is still a dependency."""
    imports = grimp.build_graph("kzreader", exclude_type_checking_imports=True)
    graph = {
        module: set(imports.find_modules_directly_imported_by(module)) & imports.modules
        for module in imports.modules
    }
    assert _cycles(graph) == []


def test_modules_are_small_or_say_why() -> None:
    large = []
    for name, path in _modules():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_LINES and ONE_MODULE not in (ast.get_docstring(ast.parse(text)) or ""):
            large.append(f"{name}: {lines} lines")
    assert large == []
