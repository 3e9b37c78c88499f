"""The seams of core/search: whoosh's internals only in engine/, no whoosh outside search."""

from __future__ import annotations

import ast
from pathlib import Path

import kzreader
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.service import SearchService

PACKAGE = Path(kzreader.__file__).parent
SEARCH = PACKAGE / "core" / "search"
ENGINE = SEARCH / "engine"
#: whoosh's modules whose classes and on-disk layout the engine alone may rely on.
INTERNAL = ("whoosh.codec", "whoosh.filedb", "whoosh.matching", "whoosh.multiproc")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_only_the_engine_touches_whoosh_internals() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in _imports(path) if m.startswith(INTERNAL))
        for path in PACKAGE.rglob("*.py")
        if ENGINE not in path.parents
    }
    assert {p: m for p, m in offenders.items() if m} == {}


def test_nothing_outside_search_imports_whoosh() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in _imports(path) if m.startswith("whoosh"))
        for path in PACKAGE.rglob("*.py")
        if SEARCH not in path.parents
    }
    assert {p: m for p, m in offenders.items() if m} == {}


def test_search_index_is_the_search_service() -> None:
    """Every member the UI and the CLI use is there (the types are mypy's to check)."""
    members = [name for name in dir(SearchService) if not name.startswith("_")]
    members += list(SearchService.__annotations__)
    missing = [
        name
        for name in members
        if not hasattr(SearchIndex, name) and name not in SearchIndex.__init__.__code__.co_names
    ]
    assert missing == []
