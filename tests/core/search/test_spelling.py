"""The word list behind "did you mean" (core/spelling.py) and its life beside the index."""

from __future__ import annotations

import shutil
from pathlib import Path

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import bundled_seeds
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.spelling import Dictionary
from kzreader.core.search.store import DICTIONARY


def test_words_are_folded_as_the_index_folds_them() -> None:
    words = Dictionary()
    words.add_text("Tokayev’s reforms and the Токаев question, NAZARBAYEV")
    assert {"tokayev", "reforms", "tokaev", "question", "nazarbayev"} <= set(words._words)
    assert "and" not in words and "the" not in words  # stop words
    assert words.dirty


def test_near_finds_words_within_two_edits_sharing_the_first_letter() -> None:
    words = Dictionary(["nazarbayev", "separatism", "sanctions", "zhovtis", "astana"])
    assert list(words.near("nazarbaev")) == ["nazarbayev"]
    assert list(words.near("separtism")) == ["separatism"]
    assert list(words.near("sanxxxons")) == []  # three edits
    assert list(words.near("ostana")) == []  # the first letter differs


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    Dictionary(["b", "a", "кириллица"]).save(path)
    assert set(Dictionary.load(path)._words) == {"a", "b", "кириллица"}
    assert len(Dictionary.load(tmp_path / "missing.txt")) == 0
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert len(Dictionary.load(path)) == 0


def test_the_index_keeps_the_list_and_adds_new_articles_words(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), root)
    index_dir = tmp_path / "index"
    index = SearchIndex.open(Corpus.open(root), index_dir)
    assert index.search("separatsm").corrected == "separatism"
    assert "separatism" in Dictionary.load(index_dir / DICTIONARY)
    index.close()

    reopened = SearchIndex.open(Corpus.open(root), index_dir)
    assert reopened.report.action == "unchanged"
    assert reopened.search("separatsm").corrected == "separatism"
    assert reopened.search("Qyzylorda").total == 0
    reopened.close()

    (root / "new.txt").write_text("Qyzylorda hosts the festival.\n", encoding="utf-8")
    updated = SearchIndex.open(Corpus.open(root), index_dir)
    assert updated.report.action == "updated"
    assert updated.search("Qyzylordq").corrected == "Qyzylorda"


def test_a_rebuild_starts_the_list_afresh(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    SearchIndex.open(Corpus.open(bundled_seeds()), index_dir).close()
    Dictionary(["zzzyzx"]).save(index_dir / DICTIONARY)
    SearchIndex.open(Corpus.open(bundled_seeds()), index_dir, rebuild=True).close()
    assert "zzzyzx" not in Dictionary.load(index_dir / DICTIONARY)
