"""The development fixtures of the format tests (written for kzreader; annotated by hand).

``fixtures/dev`` holds the files the parsers were tuned on. ``fixtures/heldback`` holds
files written the same way that were not looked at while tuning; only
``test_heldback.py`` reads them.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
DEV = FIXTURES / "dev"
HELDBACK = FIXTURES / "heldback"


def paragraphs_of(path: Path) -> list[str]:
    """A one-paragraph-per-line fixture's paragraphs: the annotation."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def wrapped(paragraphs: list[str], width: int, *, hyphens: bool = True, sep: str = "\n\n") -> str:
    """The paragraphs hard-wrapped at ``width`` the way ``textwrap``/``fmt`` do it."""
    return sep.join(textwrap.fill(p, width, break_on_hyphens=hyphens) for p in paragraphs) + "\n"


def folder_with(tmp_path: Path, *names: str) -> Path:
    """A fresh folder holding copies of the named dev fixtures."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names:
        shutil.copy(DEV / name, folder / name)
    return folder


def highlighted(folder: Path, home: Path, query: str) -> list[list[str]]:
    """For each passage the search for ``query`` finds in ``folder``: the highlighted text."""
    from kzreader.core.corpus.collection import Corpus
    from kzreader.core.paths import DataPaths
    from kzreader.core.search.index import SearchIndex

    ix = SearchIndex.open(Corpus.open(folder), DataPaths.resolve(home).index_dir(folder))
    return [
        [passage.text[a:b] for a, b in passage.highlights]
        for hit in ix.search(query).hits
        for passage in hit.passages
    ]
