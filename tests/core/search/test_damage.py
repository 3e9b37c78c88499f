"""Index damage is told to the user; a bug in our own search code is not dressed up as it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import bundled_seeds
from kzreader.core.search import engine
from kzreader.core.search.engine import evaluation
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.store import WHOOSH_DIR


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex.open(Corpus.open(bundled_seeds()), tmp_path / "index")
    assert ix.search("Kazakhstan").hits  # the searcher is open, its term dictionary read
    return ix


@pytest.mark.parametrize("error", [KeyError, IndexError, ValueError])
def test_an_error_in_our_search_code_propagates_as_the_bug_it_is(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch, error: type[Exception]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error("a bug of ours")

    monkeypatch.setattr(evaluation._Evaluator, "term", broken)
    engine.clear_caches()
    with pytest.raises(error, match="a bug of ours"):
        index.search("Tokayev")


def test_a_garbled_segment_file_is_damage(index: SearchIndex, tmp_path: Path) -> None:
    for seg in (tmp_path / "index" / WHOOSH_DIR).glob("*.seg"):
        seg.write_bytes(b"\xff" * seg.stat().st_size)  # the postings, read from disk, are garbage
    engine.clear_caches()
    result = index.search("Tokayev")
    assert result.error is not None and "\n" not in result.error
    assert "is damaged" in result.error and "the next start rebuilds it" in result.error


def test_a_truncated_segment_file_is_damage(index: SearchIndex, tmp_path: Path) -> None:
    for seg in (tmp_path / "index" / WHOOSH_DIR).glob("*.seg"):
        seg.write_bytes(seg.read_bytes()[:100])
    engine.clear_caches()
    result = index.search("Tokayev")
    assert result.error is not None and "is damaged" in result.error
    assert "EOFError" in result.error  # a short read, not whoosh's bare "Block tag error"
