"""Detection on every core: the pool gives what one process gives, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copies_of_seeds

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph, extract
from kzreader.core.paths import bundled_seeds

COPIES = 12  # 60 articles: past POOL_AFTER, so the pool starts


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copies_of_seeds(tmp_path / "corpus", COPIES)


def test_the_pool_gives_what_one_process_gives(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(Corpus.open(folder).ids) > extract.POOL_AFTER
    pooled = EntityGraph.build(Corpus.open(folder), cache_dir=tmp_path / "a", use_ner=False)
    monkeypatch.setattr(extract, "POOL_AFTER", 10**9)
    alone = EntityGraph.build(Corpus.open(folder), cache_dir=tmp_path / "b", use_ner=False)
    assert pooled.to_json() == alone.to_json()
    ids = Corpus.open(folder).ids
    assert [pooled.mentions_in(i) for i in ids] == [alone.mentions_in(i) for i in ids]
    # The workers wrote every article's cache file: resolving again from a copy of the
    # article cache alone (no snapshot) detects nothing.
    shutil.copytree(tmp_path / "a" / "articles", tmp_path / "c" / "articles")
    again = EntityGraph.build(Corpus.open(folder), cache_dir=tmp_path / "c", use_ner=False)
    assert again.report is not None and again.report.extracted == 0
    assert again.to_json() == alone.to_json()


def test_workers_are_the_cores_we_may_use() -> None:
    assert extract.workers() >= 1


def test_few_articles_are_detected_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent import futures

    def no_pool(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a pool was started for a handful of articles")

    monkeypatch.setattr(extract, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(futures, "ProcessPoolExecutor", no_pool)
    graph = EntityGraph.build(Corpus.open(bundled_seeds()), use_ner=False)
    assert len(graph) > 50


def test_a_broken_pool_goes_on_in_one_process(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers killed (or processes not allowed): the build finishes here, and says so."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class Broken:
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls = 0

        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            if self.calls > 2:
                raise BrokenProcessPool("gone")
            future: Future = Future()
            future.set_exception(BrokenProcessPool("killed"))
            return future

        def shutdown(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pass

    monkeypatch.setattr(extract, "ProcessPoolExecutor", Broken)
    broken = EntityGraph.build(Corpus.open(folder), cache_dir=tmp_path / "a", use_ner=False)
    monkeypatch.setattr(extract, "POOL_AFTER", 10**9)
    alone = EntityGraph.build(Corpus.open(folder), cache_dir=tmp_path / "b", use_ner=False)
    assert broken.to_json() == alone.to_json()
    assert broken.report is not None
    assert any("worker processes stopped" in m for m in broken.report.messages)
