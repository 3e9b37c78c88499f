"""Hostile files: huge, long-lined, numerous, deeply nested, oddly named, changing under us.

The simpler cases (encodings, empty, binary, unreadable, symlink loops, duplicate
stems) live in tests/core/test_corpus.py and tests/core/test_text.py; these are
the ones that stress size, count and timing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.reading import MAX_FILE_BYTES, ArticleError
from kzreader.core.paths import DataPaths
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.store import MANIFEST

PARAGRAPH = "Astana and Moscow signed a treaty on the Caspian pipeline and grain transit. " * 6


def big_article(size: int, marker: str = "Zhanaozen") -> str:
    """An article of about ``size`` bytes: many paragraphs, ``marker`` in the last one."""
    head = "A very long report\n\n"
    count = size // (len(PARAGRAPH) + 2) + 1
    body = "\n\n".join(f"{PARAGRAPH}Part {i}." for i in range(count))
    return f"{head}{body}\n\nThe end, in {marker}."


def index_of(folder: Path, home: Path) -> SearchIndex:
    corpus = Corpus.open(folder)
    return SearchIndex.open(corpus, DataPaths.resolve(home).index_dir(folder))


def test_five_megabyte_article_loads_and_its_last_paragraph_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "big.txt").write_text(big_article(5 * 2**20), encoding="utf-8")
    started = time.perf_counter()
    corpus = Corpus.open(folder)
    article = corpus.article("big")
    assert len(article.paragraphs) > 9000
    assert article.paragraphs[-1].text == "The end, in Zhanaozen."
    assert corpus.issues == []
    assert time.perf_counter() - started < 5


@pytest.mark.slow
def test_fifty_megabyte_article_indexes_and_searches(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "huge.txt").write_text(big_article(50 * 2**20), encoding="utf-8")
    (folder / "small.txt").write_text("Small one\n\nAbout Taraz.", encoding="utf-8")
    ix = index_of(folder, tmp_path / "home")
    assert ix.report.total == 2
    result = ix.search("Zhanaozen")
    assert result.error is None
    assert [hit.article for hit in result.hits] == ["huge"]
    assert [h.article for h in ix.search("Taraz").hits] == ["small"]


def test_file_over_the_limit_is_skipped_with_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with (folder / "monster.txt").open("wb") as out:  # sparse: no 64 MB written
        out.truncate(MAX_FILE_BYTES + 1)
    (folder / "ok.txt").write_text("Fine\n\nText.", encoding="utf-8")
    corpus = Corpus.open(folder)
    assert corpus.ids == ["ok"]
    [issue] = corpus.issues
    assert issue.path == "monster.txt" and "skipped" in issue.message and "MB" in issue.message


def test_one_megabyte_line_is_one_paragraph_and_searchable(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "line.txt").write_text("word " * 200_000 + "zebraline", encoding="utf-8")
    ix = index_of(folder, tmp_path / "home")
    article = ix.corpus.article("line")
    assert len(article.paragraphs) == 1
    result = ix.search("zebraline")
    assert [hit.article for hit in result.hits] == ["line"]
    [passage] = result.hits[0].passages
    start, end = passage.highlights[-1]
    assert passage.text[start:end] == "zebraline"


def test_thousands_of_tiny_files_index_and_search(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    for i in range(3000):
        sub = folder / f"batch{i // 500}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note{i:04d}.txt").write_text(f"Note {i}\n\nItem number {i}.", encoding="utf-8")
    (folder / "batch3" / "note1700.txt").write_text(
        "Note 1700\n\nThe one about Kyzylorda.", encoding="utf-8"
    )
    started = time.perf_counter()
    ix = index_of(folder, tmp_path / "home")
    assert len(ix.corpus) == 3000 and ix.report.total == 3000
    assert [hit.article for hit in ix.search("Kyzylorda").hits] == ["note1700"]
    assert time.perf_counter() - started < 30
    # The second start reads the manifest, not the files.
    again = index_of(folder, tmp_path / "home")
    assert again.report.action == "unchanged"


def test_two_hundred_folders_deep(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    deep = folder
    for level in range(200):
        deep = deep / f"d{level}"
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text("At the bottom\n\nOf a well in Aktobe.", encoding="utf-8")
    (folder / "top.txt").write_text("At the top\n\nOf a hill.", encoding="utf-8")
    ix = index_of(folder, tmp_path / "home")
    assert sorted(ix.corpus.ids) == ["bottom", "top"]
    assert ix.corpus.info("bottom").path.count("/") == 200
    assert [hit.article for hit in ix.search("Aktobe").hits] == ["bottom"]


NAMES = ["with space.txt", "Қазақстан — жаңалық.txt", "line\nbreak.txt", "tab\there.txt", "😀.md"]


@pytest.mark.parametrize("name", NAMES)
def test_odd_file_names_load_index_and_search(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / name).write_text("Odd name\n\nA story about Semey.", encoding="utf-8")
    ix = index_of(folder, tmp_path / "home")
    [article_id] = ix.corpus.ids
    assert "\n" not in article_id and "\t" not in article_id
    assert [hit.article for hit in ix.search("Semey").hits] == [article_id]
    assert ix.corpus.article(article_id).title == "Odd name"


def _manifest(ix: SearchIndex) -> dict[str, str]:
    data = json.loads((ix.index_dir / MANIFEST).read_text(encoding="utf-8"))
    return data["articles"]


def _three(folder: Path) -> None:
    folder.mkdir()
    for name, place in (("a", "Atyrau"), ("b", "Balkhash"), ("c", "Karaganda")):
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nAbout {place}.", encoding="utf-8")


def test_file_vanishing_while_indexed_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    _three(folder)
    corpus = Corpus.open(folder)
    corpus._cache.clear()  # make the index read each file again, as a big corpus would
    real = corpus.article

    def vanishing(article_id: str):
        if article_id == "b":
            (folder / "b.txt").unlink(missing_ok=True)
        return real(article_id)

    monkeypatch.setattr(corpus, "article", vanishing)
    ix = SearchIndex.open(corpus, DataPaths.resolve(tmp_path / "home").index_dir(folder))
    assert [h.article for h in ix.search("Atyrau").hits] == ["a"]
    assert ix.search("Balkhash").hits == ()
    assert sorted(_manifest(ix)) == ["a", "c"]  # b is not claimed as indexed
    # The next start sees the folder as it is now, and agrees with the manifest.
    again = index_of(folder, tmp_path / "home")
    assert again.report.action == "unchanged"
    assert sorted(again.corpus.ids) == ["a", "c"]


def test_file_changing_while_indexed_takes_the_new_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    _three(folder)
    corpus = Corpus.open(folder)
    corpus._cache.clear()
    real = corpus.article

    def changing(article_id: str):
        if article_id == "b":
            (folder / "b.txt").write_text("Story b, rewritten\n\nAbout Ekibastuz.", "utf-8")
        return real(article_id)

    monkeypatch.setattr(corpus, "article", changing)
    ix = SearchIndex.open(corpus, DataPaths.resolve(tmp_path / "home").index_dir(folder))
    assert [h.article for h in ix.search("Ekibastuz").hits] == ["b"]
    assert ix.search("Balkhash").hits == ()
    import hashlib

    assert _manifest(ix)["b"] == hashlib.sha256((folder / "b.txt").read_bytes()).hexdigest()
    again = index_of(folder, tmp_path / "home")
    assert again.report.action == "unchanged"
    assert [h.article for h in again.search("Ekibastuz").hits] == ["b"]


def test_file_vanishing_after_indexing_is_left_out_of_results(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _three(folder)
    ix = index_of(folder, tmp_path / "home")
    ix.corpus._cache.clear()
    (folder / "c.txt").unlink()
    result = ix.search("Karaganda")
    assert result.error is None and result.hits == ()
    with pytest.raises(ArticleError):
        ix.corpus.article("c")


def test_sidecar_with_a_python_tag_runs_nothing_and_names_the_tag(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    marker = tmp_path / "PWNED"
    (folder / "a.txt").write_text("Story a\n\nAbout Atyrau.", encoding="utf-8")
    (folder / "metadata.yaml").write_text(
        f"a:\n  title: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    corpus = Corpus.open(folder)
    assert not marker.exists()
    assert corpus.info("a").title == "Story a"
    [issue] = corpus.issues
    assert issue.path == "metadata.yaml"
    assert "ignored" in issue.message
    assert "YAML tag '!!python/object/apply:os.system' is not allowed" in issue.message
