"""How the index grows: parallel batches, segments left alone by edits, the batch size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import kzreader.core.search.build as index_module
from kzreader.core.corpus.collection import Corpus
from kzreader.core.search.build import batch_size, default_procs
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.store import WHOOSH_DIR

TOWNS = ["Almaty", "Astana", "Taraz", "Shymkent", "Aktobe", "Pavlodar", "Oral", "Semey"]


def write_corpus(root: Path, count: int) -> None:
    rng = random.Random(3)
    root.mkdir(parents=True)
    for n in range(count):
        town = TOWNS[n % len(TOWNS)]
        words = " ".join(rng.choice(TOWNS) for _ in range(30))
        (root / f"a{n:04d}.txt").write_text(
            f"Report {n} from {town}\n\nNews from {town} about item{n}. {words}.\n",
            encoding="utf-8",
        )


def segments(index_dir: Path) -> set[str]:
    return {p.stem for p in (index_dir / WHOOSH_DIR).glob("*.seg")}


def test_parallel_build_then_edits_leave_the_big_segments_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "TINY", 5)  # whoosh's processes split 240 as 200 + 40
    root, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_corpus(root, 240)
    built = SearchIndex.open(Corpus.open(root), index_dir, procs=2)
    assert built.report.action == "built"
    assert built.search("item17").hits[0].article == "a0017"
    assert built.search("news").total == 240
    big = segments(index_dir)
    assert len(big) == 2  # one per indexing process: nothing merged after the fact
    built.close()

    for n in (3, 5, 3, 8):  # edits, one file at a time (one of them twice)
        path = root / f"a{n:04d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdited {n} in Turkestan.\n")
        edited = SearchIndex.open(Corpus.open(root), index_dir)
        assert edited.report.action == "updated" and edited.report.changed == 1
        edited.close()
    now = segments(index_dir)
    assert big <= now, "an edit merged a large segment"
    assert len(now - big) == 1, "the small segments edits make are merged together"
    final = SearchIndex.open(Corpus.open(root), index_dir)
    assert {h.article for h in final.search("Turkestan").hits} == {"a0003", "a0005", "a0008"}
    assert final.search("news").total == 240


def test_removing_every_edited_article_drops_its_segment(tmp_path: Path) -> None:
    root, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_corpus(root, 12)
    SearchIndex.open(Corpus.open(root), index_dir).close()
    (root / "extra.txt").write_text("Extra\n\nAbout Turkestan.\n", encoding="utf-8")
    SearchIndex.open(Corpus.open(root), index_dir).close()
    (root / "extra.txt").unlink()
    gone = SearchIndex.open(Corpus.open(root), index_dir)
    assert gone.report.removed == 1 and gone.search("Turkestan").total == 0
    assert len(segments(index_dir)) == 1


def test_batch_size_cuts_a_build_into_about_four() -> None:
    assert batch_size(10) == index_module.BATCH
    assert batch_size(10_000, 3) == 2_500
    assert batch_size(50_000, 3) == 3 * index_module.PER_PROCESS  # each process's pool fits
    assert batch_size(50_000) == index_module.PER_PROCESS


def test_default_procs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert default_procs(50) == 1
    assert default_procs(10_000) == 3
    monkeypatch.setattr(index_module.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert default_procs(10_000) == 1
