"""The whoosh index: query language, ranking, landing on paragraphs, updates, recovery."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cancelling import cancel_after
from search_corpus import write_corpus
from seed_ids import A000, A001, A002, A003, A004

from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.core.search import build, engine, store
from kzreader.core.search.engine import postings
from kzreader.core.search.errors import IndexCancelled
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.store import MANIFEST, WHOOSH_DIR


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    corpus = Corpus.open(bundled_seeds())
    return SearchIndex.open(corpus, tmp_path_factory.mktemp("index"))


def articles(index: SearchIndex, text: str, **kw: int) -> list[str]:
    result = index.search(text, **kw)
    assert result.error is None, result.error
    return [hit.article for hit in result.hits]


def highlighted(index: SearchIndex, text: str) -> set[str]:
    result = index.search(text, limit=10)
    return {p.text[a:b] for h in result.hits for p in h.passages for a, b in p.highlights}


def test_build_report(index: SearchIndex) -> None:
    assert index.report.action == "built"
    assert index.report.total == 5


def test_passages_land_on_their_paragraph(index: SearchIndex) -> None:
    result = index.search("Borat")
    hit = result.hits[0]
    assert hit.article == A003
    article = index.corpus.article(A003)
    for passage in hit.passages:
        assert passage.text == article.paragraph(passage.paragraph).text
        assert [passage.text[a:b] for a, b in passage.highlights] == ["Borat"] * len(
            passage.highlights
        )
    assert [p.paragraph for p in hit.passages][:1] in ([2], [4])


def test_no_passages_asked_reads_no_article(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``passages=0`` (a count, a list of titles) answers from the catalog alone."""
    with_passages = index.search("Tokayev")
    monkeypatch.setattr(index.corpus, "article", lambda _id: pytest.fail("read an article"))
    bare = index.search("Tokayev", passages=0)
    assert [(h.article, h.title, h.score) for h in bare.hits] == [
        (h.article, h.title, h.score) for h in with_passages.hits
    ]
    assert bare.hits and not any(h.passages or h.pending for h in bare.hits)


def test_passages_stop_when_the_hits_so_far_are_enough(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``enough`` (the screen is full) ends the first answer's reading; ``complete``
    finds the rest, as a search with every passage would have."""
    everything = index.search("Tokayev")
    assert len(everything.hits) >= 3
    read: list[str] = []
    article = index.corpus.article
    monkeypatch.setattr(index.corpus, "article", lambda i: read.append(i) or article(i))
    first = index.search("Tokayev", passages_for=10, enough=lambda hits: len(hits) >= 2)
    assert [h.pending for h in first.hits] == [False, False] + [True] * (len(first.hits) - 2)
    assert read == [h.article for h in first.hits[:2]]
    assert index.complete(first).hits == everything.hits


def test_prepared_wildcards_read_no_word_list(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``prepare`` reads each segment's words ahead, so a first wildcard or fuzzy search
    does not stop to; what it finds is the same."""
    from whoosh.reading import SegmentReader

    engine.clear_caches()
    postings._LEXICONS.clear()
    expected = [index.search(q).hits for q in ("Tok*", "Tokaev~", "title:kaz*")]
    engine.clear_caches()
    postings._LEXICONS.clear()
    index.warm_up()
    monkeypatch.setattr(SegmentReader, "lexicon", lambda *_: pytest.fail("read a word list"))
    assert [index.search(q).hits for q in ("Tok*", "Tokaev~", "title:kaz*")] == expected
    assert all(expected)


def test_all_words_rank_before_some_words(index: SearchIndex) -> None:
    result = index.search("Tokayev Borat")
    # No article has both words: every article with either still appears.
    assert set(h.article for h in result.hits) == {A001, A002, A003, A004}
    assert not any(h.all_words for h in result.hits)
    result = index.search("Tokayev Putin Kremlin")
    flags = [h.all_words for h in result.hits]
    assert flags == sorted(flags, reverse=True)  # all-word articles first
    assert flags[0] is True


def test_title_outranks_body(index: SearchIndex) -> None:
    # "untold" is in 004's title; "truth" also appears in other bodies.
    assert articles(index, "untold truth")[0] == A004
    assert articles(index, "title:untold") == [A004]


def test_author_field(index: SearchIndex) -> None:
    assert set(articles(index, "author:Tazhutov")) == {A002, A004}
    assert articles(index, "author:Altynbayev") == [A000]


def test_phrase(index: SearchIndex) -> None:
    assert set(articles(index, '"Kassym-Jomart Tokayev"')) == {A001, A002}
    assert articles(index, '"Tokayev Kassym-Jomart"') == []


def test_boolean_operators(index: SearchIndex) -> None:
    assert articles(index, "Kotov NOT Putin") == [A000]
    assert set(articles(index, "Borat OR Kotov")) == {A000, A003}
    assert articles(index, "Borat AND Zhovtis") == [A003]


def test_prefix_and_fuzzy(index: SearchIndex) -> None:
    assert A001 in articles(index, "Kazimir*")
    assert "Kazimirchuk" in highlighted(index, "Kazimir*")
    assert articles(index, "Kazimirchuck~") == [A001]
    assert index.search("ka*").error is not None  # too short to expand


def test_stemming_and_case(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title one\n\nThe EU sanctioned three banks.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title two\n\nProtest erupted in Almaty.", encoding="utf-8")
    ix = SearchIndex.open(Corpus.open(tmp_path), tmp_path / "ix")
    assert articles(ix, "sanctions") == ["a"]
    assert articles(ix, "PROTESTERS") == ["b"]


def test_accent_folding(index: SearchIndex) -> None:
    assert articles(index, "Gunes") == [A002]
    assert articles(index, "Güneş") == [A002]


def test_transliteration(index: SearchIndex) -> None:
    assert set(articles(index, "Медведев")) == {A001, A004}
    assert "Medvedev" in highlighted(index, "Медведев")
    assert articles(index, "Esli") == [A003]  # Latin query, Cyrillic text ("Если")
    assert set(articles(index, "Токаев")) == {A001, A002, A004}


def test_spelling_variants_meet(index: SearchIndex) -> None:
    assert articles(index, "Jovtis") == [A003]
    assert "Zhovtis" in highlighted(index, "Jovtis")
    yevgeny = set(articles(index, "Yevgeny"))
    assert {A001, A004} <= yevgeny  # both say "Evgeny Fyodorov"
    assert "Evgeny" in highlighted(index, "Yevgeny")
    assert set(articles(index, "Kassym-Zhomart")) >= {A001, A002}


def test_did_you_mean(index: SearchIndex) -> None:
    result = index.search("separatsm")
    assert result.total == 0
    assert result.corrected == "separatism"
    assert index.search("separatism").corrected is None
    assert index.search("qqqzzx").corrected is None


@pytest.mark.parametrize(
    "bad",
    [
        '"unbalanced',
        "AND",
        "*",
        "",
        "   ",
        "x" * 10_000,
        "word " * 2000,
        "((",
        ")(",
        "NOT",
        "the of and",
        "!!!",
        "title:",
        'a"b"c"',
        "?",
        "~",
        "foo:bar",
        "Tokayev~9",
        "[MVD]",
        "\x1b[2J",
    ],
)
def test_bad_queries_never_raise(index: SearchIndex, bad: str) -> None:
    result = index.search(bad)
    assert result.error is None or ("\n" not in result.error and len(result.error) < 200)


def test_bad_query_messages(index: SearchIndex) -> None:
    assert "type something" in (index.search("").error or "")
    assert "everything" in (index.search("*").error or "")
    assert "only" in (index.search("AND").error or "")
    assert index.search('"Kassym-Jomart Tokayev').notice == "closed an unbalanced quote"
    long = index.search("Kotov " * 3000)
    assert long.error is None and long.notice and A000 in [h.article for h in long.hits]


def test_highlight_whole_article(index: SearchIndex) -> None:
    article = index.corpus.article(A000)
    spans = index.highlight("Kotov", article)
    assert len(spans) >= 15
    for number, ranges in spans.items():
        text = article.paragraph(number).text
        assert all(text[a:b].startswith("Kotov") for a, b in ranges)


def _open(folder: Path, home: Path) -> SearchIndex:
    paths = DataPaths.resolve(home)
    return SearchIndex.open(Corpus.open(folder), paths.index_dir(folder))


def test_incremental_update(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _open(seeds_copy, home).report.action == "built"
    assert _open(seeds_copy, home).report.action == "unchanged"
    (seeds_copy / f"{A003}.txt").write_text(
        "Borat returns\n\nA new text about Zhambyl.", encoding="utf-8"
    )
    (seeds_copy / "new.txt").write_text(
        "Fresh piece\n\nAbout Shymkent and Taraz.", encoding="utf-8"
    )
    (seeds_copy / f"{A000}.txt").unlink()
    ix = _open(seeds_copy, home)
    assert (ix.report.action, ix.report.added, ix.report.changed, ix.report.removed) == (
        "updated",
        1,
        1,
        1,
    )
    assert articles(ix, "Zhambyl") == [A003]
    assert articles(ix, "Taraz") == ["new"]
    assert articles(ix, "Kotov") == []
    assert articles(ix, "Zhovtis") == []


def test_corrupt_index_is_rebuilt(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    ix = _open(seeds_copy, home)
    ix.close()
    store = ix.index_dir / WHOOSH_DIR
    for path in store.glob("*.seg"):
        path.write_bytes(b"garbage")
    for path in store.glob("_MAIN_*.toc"):
        path.write_bytes(path.read_bytes()[:20])
    again = _open(seeds_copy, home)
    assert again.report.action == "built"
    assert "unreadable" in (again.report.message or "")
    assert articles(again, "Borat") == [A003]


def test_deleted_index_and_manifest_are_rebuilt(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    ix = _open(seeds_copy, home)
    (ix.index_dir / MANIFEST).unlink()
    assert _open(seeds_copy, home).report.action == "built"
    shutil.rmtree(ix.index_dir / WHOOSH_DIR)
    assert articles(_open(seeds_copy, home), "Borat") == [A003]


def test_locked_index_searches_read_only(seeds_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = _open(seeds_copy, home)
    writer = first._ix.writer()  # another process holding the write lock
    try:
        (seeds_copy / "new.txt").write_text("Fresh piece\n\nAbout Taraz.", encoding="utf-8")
        second = _open(seeds_copy, home)
        assert second.report.action == "read-only"
        assert "read-only" in (second.report.message or "")
        assert articles(second, "Borat") == [A003]  # searching still works
    finally:
        writer.cancel()
    assert articles(_open(seeds_copy, home), "Taraz") == ["new"]


def test_cancel_then_resume(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "BATCH", 2)
    paths = DataPaths.resolve(tmp_path / "home")
    corpus = Corpus.open(seeds_copy)
    cancel, progress = cancel_after(3)

    with pytest.raises(IndexCancelled):
        SearchIndex.open(corpus, paths.index_dir(seeds_copy), progress=progress, cancel=cancel)
    resumed = SearchIndex.open(corpus, paths.index_dir(seeds_copy))
    assert resumed.report.action == "updated"
    assert resumed.report.added < 5  # the first committed batch was kept
    assert len(articles(resumed, "Kazakhstan", limit=10)) == 5


@pytest.mark.parametrize("code", ["EROFS", "ENOSPC", "EACCES"])
def test_unwritable_index_folder_searches_from_memory(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    import errno

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    monkeypatch.setattr(store, "create", refuse)
    ix = _open(seeds_copy, tmp_path / "home")
    assert "searching from memory" in (ix.report.message or "")
    assert os.strerror(getattr(errno, code)) in (ix.report.message or "")
    assert articles(ix, "Borat") == [A003]


def test_disk_full_in_the_middle_of_indexing(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    real = store.write_manifest

    def full(path: Path | None, articles: dict[str, str]) -> None:
        if path is not None:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, articles)

    monkeypatch.setattr(store, "write_manifest", full)
    ix = _open(seeds_copy, tmp_path / "home")
    assert "No space left on device" in (ix.report.message or "")
    assert articles(ix, "Kotov") == [A000]


def test_closing_the_index_while_it_reads_ahead_leaves_no_searcher_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting (``close``) between two segments read ahead: no searcher is reopened."""
    root = tmp_path / "corpus"
    write_corpus(root, 60)
    SearchIndex.open(Corpus.open(root), tmp_path / "index", procs=1).close()
    for i in range(0, 60, 7):  # an update: a second segment
        path = root / f"a{i:03d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nTokayev in Astana.\n", "utf-8")
    index = SearchIndex.open(Corpus.open(root), tmp_path / "index", procs=1)
    assert len(index._current().leaf_searchers()) > 1
    read = engine.read_words

    def read_then_quit(reader, fieldnames):  # type: ignore[no-untyped-def]
        read(reader, fieldnames)
        index.close()  # the app quits (action_quit) between two segments

    monkeypatch.setattr(engine, "read_words", read_then_quit)
    index.warm_up()
    assert index._searcher is None


def test_an_index_of_an_older_version_is_rebuilt_once_and_says_so(tmp_path: Path) -> None:
    """Index version 6 keeps stop words' positions (exact phrases): an older index lacks
    them, so it is rebuilt on the first start, with a message, and then opened as usual."""
    import json

    corpus = Corpus.open(bundled_seeds())
    SearchIndex.open(corpus, tmp_path).close()
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    (tmp_path / MANIFEST).write_text(json.dumps({**manifest, "version": 5}))
    rebuilt = SearchIndex.open(corpus, tmp_path)
    assert rebuilt.report.action == "built" and "older kzreader" in (rebuilt.report.message or "")
    assert [h.article for h in rebuilt.search('"fourth decade of its independence"').hits] == [
        "002_851d0b61443ca080"
    ]
    rebuilt.close()
    again = SearchIndex.open(corpus, tmp_path)
    assert again.report.action == "unchanged" and again.report.message is None
