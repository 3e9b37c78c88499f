"""The graph at scale, tested by counting: what a build holds, what a load reads, what resumes."""

from __future__ import annotations

import gc
import importlib
import threading
from pathlib import Path

import pytest
from cancelling import cancel_after
from conftest import copies_of_seeds

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import Cancelled, Candidate, Detector, EntityGraph, Overlay
from kzreader.core.entities.cache import CandidateCache
from kzreader.core.entities.resolve import Resolver
from kzreader.core.entities.store import MentionStore, MentionWriter

COPIES = 4  # each seed four times: 20 articles


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seeds, each under several names: a corpus of 20 articles that links across them."""
    return copies_of_seeds(tmp_path / "corpus", COPIES)


def _count_detect(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    detect = Detector.detect

    def counting(self: Detector, article):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        return detect(self, article)

    monkeypatch.setattr(Detector, "detect", counting)
    return calls


def _all_mentions(graph: EntityGraph) -> dict[str, list]:
    return {a: graph.mentions_in(a) for a in graph.article_ids}


def test_a_build_holds_one_article_of_candidates_at_a_time(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def live() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o) is Candidate)

    before = live()
    seen: list[tuple[int, int]] = []
    add = Resolver.add

    def counting(self: Resolver, cands):  # type: ignore[no-untyped-def]
        seen.append((len(cands), live() - before))
        return add(self, cands)

    monkeypatch.setattr(Resolver, "add", counting)
    cache = tmp_path / "cache"
    EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    # Extracted, then again from the per-article cache (the snapshot is gone).
    (cache / "corpus.json").unlink()
    EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert len(seen) == 2 * 5 * COPIES
    assert all(n > 0 for n, _ in seen)
    # Only the article being resolved has candidates alive (the old build held them all).
    assert all(alive <= n for n, alive in seen), seen


def test_a_cancelled_build_resumes_where_it_stopped(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_detect(monkeypatch)
    cache = tmp_path / "cache"
    cancel, progress = cancel_after(8)

    with pytest.raises(Cancelled):
        EntityGraph.build(
            Corpus.open(folder), cache_dir=cache, use_ner=False, progress=progress, cancel=cancel
        )
    assert len(calls) == 8
    assert len(list(cache.glob("articles/*.json"))) == 8
    assert not (cache / "corpus.json").exists()
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no spool left over
    done = set(calls)
    calls.clear()
    graph = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert len(calls) == 12 and not done & set(calls)
    assert graph.report is not None and (graph.report.cached, graph.report.extracted) == (8, 12)
    assert graph.to_json() == EntityGraph.build(Corpus.open(folder), use_ner=False).to_json()


def test_an_unchanged_corpus_reads_the_snapshot_only(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cold = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    expected = _all_mentions(cold)

    rows: list[int] = []
    read_rows = MentionStore.rows

    def counting(self: MentionStore, article: int) -> list:
        rows.append(article)
        return read_rows(self, article)

    def no_candidates(*args: object) -> None:
        raise AssertionError("a per-article cache file was read")

    monkeypatch.setattr(MentionStore, "rows", counting)
    monkeypatch.setattr(CandidateCache, "load", no_candidates)
    monkeypatch.setattr(Detector, "detect", no_candidates)
    corpus = Corpus.open(folder)
    monkeypatch.setattr(corpus, "article", no_candidates)
    warm = EntityGraph.build(corpus, cache_dir=cache, use_ner=False)
    assert rows == []  # no mention is read until an article asks
    assert warm.to_json() == cold.to_json()
    first = warm.article_ids[3]
    assert warm.mentions_in(first) == expected[first]
    assert rows == [3]
    warm.mentions_in(first)
    assert rows == [3]  # the last articles' mentions are kept
    assert _all_mentions(warm) == expected


def test_stored_mentions_are_the_mentions_resolved_in_memory(folder: Path, tmp_path: Path) -> None:
    corpus = Corpus.open(folder)
    stored = EntityGraph.build(corpus, cache_dir=tmp_path / "cache", use_ner=False)
    in_memory = EntityGraph.from_articles([corpus.article(i) for i in corpus.ids], use_ner=False)
    assert stored.to_json() == in_memory.to_json()
    assert _all_mentions(stored) == _all_mentions(in_memory)
    for graph in (stored, in_memory):
        for entity in graph:
            mentions = graph.mentions(entity.id)
            assert len(mentions) == entity.mentions
            assert tuple(dict.fromkeys(m.article for m in mentions)) == entity.articles
            assert entity.comments_only == all(m.in_comment for m in mentions)


def test_overlay_on_a_loaded_snapshot_redirects_and_hides_mentions(
    folder: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    plain = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    kotov, zhovtis = plain.lookup("Kotov"), plain.lookup("Zhovtis")
    russia = plain.lookup("Russia")
    assert kotov and zhovtis and russia
    overlay = Overlay(tmp_path / "overlay.yaml").merge(kotov, zhovtis).hide(russia)
    graph = EntityGraph.build(Corpus.open(folder), cache_dir=cache, overlay=overlay, use_ner=False)
    assert graph.report is not None and graph.report.extracted == 0
    assert graph.entity(kotov.id) is None and graph.entity(russia.id) is None
    merged = graph.entity(zhovtis.id)
    assert merged is not None and merged.mentions == kotov.mentions + zhovtis.mentions
    assert set(merged.articles) == set(kotov.articles) | set(zhovtis.articles)
    everything = [m for ms in _all_mentions(graph).values() for m in ms]
    assert all(m.entity_id in graph for m in everything)
    assert sum(m.entity_id == zhovtis.id for m in everything) == merged.mentions
    assert len(graph.mentions(zhovtis.id)) == merged.mentions
    # The snapshot itself is untouched by the overlay.
    again = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert again.to_json() == plain.to_json()


def test_a_missing_mentions_file_resolves_again_from_the_cache(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    expected = _all_mentions(first)
    del first  # closes its file
    (stored,) = cache.glob("mentions-*.jsonl")
    stored.unlink()
    calls = _count_detect(monkeypatch)
    graph = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert calls == [] and graph.report is not None and graph.report.cached == 5 * COPIES
    assert _all_mentions(graph) == expected
    assert len(list(cache.glob("mentions-*.jsonl"))) == 1


def test_a_graph_in_use_keeps_reading_after_a_rebuild(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    changed = sorted(folder.glob("0_003_*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAsel Nurova met Bolat.\n")
    new = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert len(list(cache.glob("mentions-*.jsonl"))) == 1  # the old file was removed ...
    assert any(old.mentions_in(a) for a in old.article_ids)  # ... but stays readable
    assert new.lookup("Asel Nurova") is not None and old.lookup("Asel Nurova") is None


def test_mention_writer_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    writer = MentionWriter(blocker / "sub", "mentions")
    writer.add([[0, 1, 2, 3, "A", 0]])
    writer.add([])
    store = writer.close()
    assert writer.error is not None and store.path is None
    assert list(store) == [[[0, 1, 2, 3, "A", 0]], []]
    assert store.rows(5) == []


def test_leftovers_of_a_killed_build_are_cleaned_up(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from kzreader.core.entities.cache import STALE_AFTER

    cache = tmp_path / "cache"
    cancel, progress = cancel_after(3)

    # A kill leaves the spool behind, as if it were never discarded.
    with monkeypatch.context() as patch:
        patch.setattr(MentionWriter, "discard", lambda self: None)
        with pytest.raises(Cancelled):
            EntityGraph.build(
                Corpus.open(folder),
                cache_dir=cache,
                use_ner=False,
                progress=progress,
                cancel=cancel,
            )
    (left,) = [p for p in cache.iterdir() if p.name != "articles"]
    fresh = cache / (left.name + "-running")  # perhaps another build's, running now
    fresh.write_text("[]\n")
    then = time.time() - STALE_AFTER - 60
    os.utime(left, (then, then))
    EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert not left.exists() and fresh.exists()


def test_a_loaded_snapshot_brings_its_name_keys(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # EntityRecord.name_keys (resolve.records) is where a record's keys are worked out.
    resolve = importlib.import_module("kzreader.core.entities.resolve.records")
    cache = tmp_path / "cache"
    cold = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    kotov = cold.lookup("Kotov")
    assert kotov is not None
    keys: list[str] = []
    name_key = resolve.name_key

    def counting(text: str) -> str:
        keys.append(text)
        return name_key(text)

    monkeypatch.setattr(resolve, "name_key", counting)
    warm = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert keys == [] and warm.lookup("Kotov") == kotov
    # A rename in the overlay changes the names: only that entity's keys are worked out.
    overlay = Overlay(tmp_path / "overlay.yaml").rename(kotov, "Kotoff the Archivist")
    renamed = EntityGraph.build(Corpus.open(folder), cache_dir=cache, overlay=overlay)
    found = renamed.lookup("kotoff the archivist")
    assert found is not None and found.id == kotov.id and renamed.lookup("Kotov") == found
    assert set(keys) == {"Kotoff the Archivist", *kotov.aliases, kotov.name}


def test_a_build_cancelled_after_extraction_keeps_only_the_article_cache(
    folder: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == total:
            cancel.set()  # extraction is over: resolution is what gets cancelled

    with pytest.raises(Cancelled):
        EntityGraph.build(
            Corpus.open(folder), cache_dir=cache, use_ner=False, progress=progress, cancel=cancel
        )
    assert len(list(cache.glob("articles/*.json"))) == 5 * COPIES
    assert sorted(p.name for p in cache.iterdir()) == ["articles"]


def test_an_entity_card_reads_each_of_its_articles_once(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    graph = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    rows: list[int] = []
    read_rows = MentionStore.rows

    def counting(self: MentionStore, article: int) -> list:
        rows.append(article)
        return read_rows(self, article)

    monkeypatch.setattr(MentionStore, "rows", counting)
    opened = graph.article_ids[0]
    graph.mentions_in(opened)
    kazakhstan = graph.lookup("Kazakhstan")
    assert kazakhstan is not None and len(kazakhstan.articles) == len(graph.article_ids)
    rows.clear()
    # What the card asks: the concordance twice, the entities mentioned with it.
    concordance = graph.mentions(kazakhstan.id)
    assert graph.mentions(kazakhstan.id) == concordance
    together = graph.cooccurring(kazakhstan.id)
    assert len(concordance) == kazakhstan.mentions and together
    assert sorted(rows) == list(range(1, len(graph.article_ids)))  # the open one was kept
    rows.clear()
    graph.mentions_in(opened)
    assert rows == []  # the reader's article is still at hand


def test_a_cached_candidate_keeps_links_to_the_first_one() -> None:
    linked = Candidate(1, 10, 14, "KNB", "knb", alias_of=0, after=0)
    again = Candidate.from_json(linked.to_json())
    assert (again.alias_of, again.after) == (0, 0)
    assert Candidate.from_json(Candidate(1, 0, 3, "Abc", "abc").to_json()).alias_of is None


def test_resolving_from_the_cache_gives_what_fresh_candidates_give(
    folder: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    fresh = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    (cache / "corpus.json").unlink()
    cached = EntityGraph.build(Corpus.open(folder), cache_dir=cache, use_ner=False)
    assert cached.report is not None and cached.report.extracted == 0
    assert cached.to_json() == fresh.to_json()
    assert _all_mentions(cached) == _all_mentions(fresh)
