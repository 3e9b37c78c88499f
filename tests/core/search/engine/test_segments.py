"""The ways around whoosh's slow paths (fastpath, TermPositions) change speed only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from whoosh import query
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.scoring import BM25F

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind, Paragraph
from kzreader.core.paths import bundled_seeds
from kzreader.core.search import engine
from kzreader.core.search.analysis import (
    TermPositions,
    is_stop,
    iter_terms,
    names_analyzer,
    text_analyzer,
)
from kzreader.core.search.engine import segments
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.passages import merge_spans
from kzreader.core.search.query import FIELD_BOOSTS
from kzreader.core.search.store import WHOOSH_DIR

QUERIES = [
    "Kazakhstan",
    "Tokayev Putin",
    '"human rights"',
    "title:russia",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Path]:
    corpus = Corpus.open(bundled_seeds())
    folder = tmp_path_factory.mktemp("index")
    SearchIndex.open(corpus, folder).close()
    return corpus, folder


@pytest.mark.parametrize("analyzer", [text_analyzer(), names_analyzer()], ids=["text", "names"])
def test_term_positions_match_whoosh_positions(analyzer) -> None:
    corpus = Corpus.open(bundled_seeds())
    for info in corpus:
        text = "\n".join(p.text for p in corpus.article(info.id).paragraphs)
        ours = sorted(TermPositions(field_boost=1.0).word_values(text, analyzer, mode="index"))
        theirs = sorted(Positions(field_boost=1.0).word_values(text, analyzer, mode="index"))
        # Stop words are kept for phrases (text fields only), with no weight or length.
        stops = [v for v in ours if is_stop(v[0])]
        assert [v for v in ours if not is_stop(v[0])] == theirs
        assert len(theirs) > 50
        assert bool(stops) == analyzer.stops
        assert all(freq == 0 and weight == 0.0 for _, freq, weight, _ in stops)


def scores(storage: FileStorage, queries: list[str], index: SearchIndex) -> list[list]:
    ix = storage.open_index()
    fast = isinstance(storage, engine.SegmentStorage)
    out = []
    weighting = engine.FieldBoosts(FIELD_BOOSTS) if fast else BM25F()
    with ix.searcher(weighting=weighting) as searcher:
        if fast:
            engine.preload_lengths(searcher, ("title", "body", "comments", "names", "author"))
        for text in queries:
            q = index.parse(text).strict
            if fast:
                q = engine.streamline(q, searcher.reader(), FIELD_BOOSTS)
            hits = searcher.search(q, limit=None, optimize=False)
            out.append([(h["article"], round(h.score, 9)) for h in hits])
    return out


def test_fast_paths_rank_exactly_as_whoosh_does(built: tuple[Corpus, Path]) -> None:
    """Not prefixes or fuzzy terms: whoosh drops their field boost when one expands to
    a single word (``title:separat*`` → separatism), where FieldBoosts keeps it."""
    corpus, folder = built
    index = SearchIndex.open(corpus, folder)
    store = str(folder / WHOOSH_DIR)
    plain = scores(FileStorage(store, supports_mmap=False), QUERIES, index)
    fast = scores(engine.SegmentStorage(store), QUERIES, index)
    assert fast == plain
    assert all(plain), "every query should find something in the seeds"


def test_streamline_reaches_every_or_and_drops_absent_terms(built: tuple[Corpus, Path]) -> None:
    corpus, folder = built
    index = SearchIndex.open(corpus, folder)
    reader = index._current().reader()
    q = query.And(
        [
            query.Or([query.Term("body", "kazakhstan"), query.Term("comments", "zzzqx")]),
            query.Not(
                query.Or([query.Term("body", "putin"), query.Term("title", "kazakhstan", boost=3)])
            ),
        ]
    )
    engine.streamline(q, reader, {"title": 3.0})
    first, second = q.subqueries[0], q.subqueries[1].query
    assert [o.matcher_type for o in (first, second)] == [query.Or.DEFAULT_MATCHER] * 2
    assert first.subqueries == [query.Term("body", "kazakhstan")]  # zzzqx is nowhere
    assert second.subqueries[1].boost == 1  # the scorer applies the field's 3


def test_a_truncated_segment_is_an_error_not_a_crash(tmp_path: Path) -> None:
    corpus = Corpus.open(bundled_seeds())
    SearchIndex.open(corpus, tmp_path).close()
    for seg in (tmp_path / WHOOSH_DIR).glob("*.seg"):
        seg.write_bytes(seg.read_bytes()[:-4000])
    reopened = SearchIndex.open(corpus, tmp_path)
    assert "unreadable" in (reopened.report.message or "")
    assert reopened.search("Kazakhstan").hits


def reference_spans(matcher, text: str) -> list[tuple[int, int]]:
    """Hits found the slow, obvious way: every word of the paragraph through the tokenizer
    (the names field's words are the capitalised ones, as it is indexed)."""
    spans = []
    for field, terms in (("text", matcher.text_terms), ("names", matcher.name_terms)):
        words = iter_terms(text, field, capitalised=field == "names")
        spans += [(a, b) for term, a, b in words if term in terms]
    return list(merge_spans(spans))


TRICKY = (
    "Tokayev’s aides met O'Tokayev and Tokayevs. TOKAYEV, Токаев and Tokayev-led talks; "
    "tokayev. «Tokayev» (Tokayev) Tokayev's Tokayev’ Kazakh Kazakhstan’s Kazakhs kazakhstan"
)


@pytest.mark.parametrize(
    "text", ["Tokayev", "Kazakhstan", "Kazakh*", "Putin Kremlin sanctions", "Nazarbaev~", "Токаев"]
)
def test_hits_are_exactly_the_tokenizers(built: tuple[Corpus, Path], text: str) -> None:
    corpus, folder = built
    index = SearchIndex.open(corpus, folder)
    matcher = index._term_matcher(index._current(), index.parse(text))
    tricky = replace(
        corpus.article(corpus.ids[0]),
        id="tricky",
        paragraphs=(Paragraph(1, Kind.BODY, TRICKY, False),),
    )
    for article in [*(corpus.article(i) for i in corpus.ids), tricky]:
        found = matcher.highlights(article)
        expected = {
            p.number: spans
            for p in article.paragraphs
            if (spans := reference_spans(matcher, p.text))
        }
        assert found == expected, article.id


def test_segment_lengths_answer_as_whoosh_does(built: tuple[Corpus, Path]) -> None:
    """What the index build asks for each posting it writes, from a cache instead."""
    _corpus, folder = built
    ix = FileStorage(str(folder / WHOOSH_DIR), supports_mmap=False).open_index()
    with ix.reader() as reader:
        perdoc = reader._perdoc
        cached = segments._SegmentLengths(perdoc)
        for field in ("title", "body", "comments", "names", "author", "nosuchfield"):
            for doc in range(reader.doc_count_all()):
                assert cached.doc_field_length(doc, field) == perdoc.doc_field_length(doc, field)
                assert cached.doc_field_length(doc, field, 7) == perdoc.doc_field_length(
                    doc, field, 7
                )
        assert cached.doc_count_all() == perdoc.doc_count_all()  # the rest is whoosh's


def test_index_builds_write_postings_with_cached_lengths() -> None:
    from whoosh.writing import SegmentWriter

    assert getattr(SegmentWriter.per_document_reader, "_kz_cached", False)


@pytest.mark.parametrize("field", ["text", "names"])
def test_words_for_finds_what_converting_every_word_would(
    field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembered both ways, and right across the cache being emptied when full."""
    from kzreader.core.search import analysis

    corpus = Corpus.open(bundled_seeds())
    texts = [
        analysis.WordSet(
            analysis.WORD.findall(" ".join(p.text for p in corpus.article(i).paragraphs))
        )
        for i in corpus.ids
    ]
    for limit in (analysis._CACHE, 50):  # 50: the cache empties again and again
        monkeypatch.setattr(analysis, "_CACHE", limit)
        for _ in range(2):  # the same texts again: their words were known, then forgotten
            for text in texts:
                expected: dict[str, set[str]] = {}
                for word in text.words:
                    if (term := analysis._TERMS[field](word)) is not None:
                        expected.setdefault(term, set()).add(word)
                wanted = [*sorted(expected)[::7], "zzqx"]
                found = analysis.words_for(wanted, text, field)
                assert {t: set(w) for t, w in found.items()} == {
                    t: expected[t] for t in wanted if t in expected
                }
                assert analysis.words_for(wanted, set(text.words), field) == found
