"""Property tests: arbitrary text and bytes through the loader, parser, index and queries.

Whatever comes in, nothing raises, offsets stay inside the text, and cleaned text
holds nothing a terminal would interpret.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzreader.core.corpus.classify import parse_text
from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind
from kzreader.core.corpus.reading import ArticleError, read_article
from kzreader.core.corpus.scan import safe_id
from kzreader.core.paths import bundled_seeds
from kzreader.core.search.index import SearchIndex
from kzreader.core.text import BinaryFileError, clean_text, decode_bytes, is_clean

# Text with the nasty parts over-represented: escapes, controls, bidi, brackets, quotes.
NASTY = st.sampled_from(
    ["\x1b[2J", "\x1b]0;t\x07", "\x1b]8;;u\x1b\\", "\x9b31m", "\u202e", "\u200b", "\r\n", "\n\n",
     "[bold]", "[/]", "[@click=app.quit]", "\\", '"', "~", "*", ":", "Ж", "🇰🇿", "e\u0301", "\t"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=40).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_clean_text_leaves_nothing_for_a_terminal(text: str) -> None:
    cleaned = clean_text(text)
    assert is_clean(cleaned)
    assert "\r" not in cleaned
    assert clean_text(cleaned) == cleaned


@FAST
@given(TEXT)
def test_parse_never_fails_and_numbers_are_consecutive(text: str) -> None:
    parsed = parse_text(clean_text(text))
    assert [p.number for p in parsed.paragraphs] == list(range(1, len(parsed.paragraphs) + 1))
    for para in parsed.paragraphs:
        assert para.text and para.text == para.text.strip()
        assert isinstance(para.kind, Kind)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except BinaryFileError:
        return
    assert isinstance(decoded.text, str)


@FAST
@given(st.binary(max_size=400))
def test_any_file_loads_or_is_skipped_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("f") / "x.txt"
    path.write_bytes(data)
    try:
        article, _ = read_article(path, "x")
    except ArticleError as error:
        assert str(error).startswith("skipped:") and "\n" not in str(error)
        return
    assert article.paragraphs and all(is_clean(p.text) for p in article.paragraphs)


@FAST
@given(st.text(min_size=1, max_size=30))
def test_ids_from_any_file_name_are_clean(stem: str) -> None:
    article_id = safe_id(stem)
    assert article_id and is_clean(article_id) and "\n" not in article_id


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    return SearchIndex.open(Corpus.open(bundled_seeds()), tmp_path_factory.mktemp("ix"))


QUERY_PARTS = (
    'Tokayev AND OR NOT " ( ) * ~ title: author: kaz* Медведев x~2 ? ^ [ ] \\ : the person:'
)
QUERY = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(QUERY_PARTS.split()), max_size=8).map(" ".join),
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERY)
def test_any_query_answers_in_bounded_time(seeds_index: SearchIndex, text: str) -> None:
    started = time.perf_counter()
    result = seeds_index.search(text, limit=5)
    assert time.perf_counter() - started < 3
    if result.error:
        assert "\n" not in result.error and len(result.error) < 200
    for hit in result.hits:
        for passage in hit.passages:
            for start, end in passage.highlights:
                assert 0 <= start < end <= len(passage.text)


@settings(max_examples=25, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_any_articles_index_and_search(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("corpus")
    for n, text in enumerate(texts):
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    corpus = Corpus.open(folder)
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("ix"))
    for info in corpus:
        words = [w for p in corpus.article(info.id).paragraphs for w in p.text.split()][:3]
        for word in words:
            result = index.search(word)
            assert result.error is None or "\n" not in result.error


def test_file_names_with_newlines_and_controls(tmp_path: Path) -> None:
    (tmp_path / "bad\nname\x1b[2J.txt").write_text("Title\n\nBody about Taraz.", encoding="utf-8")
    (tmp_path / "пробел и 🇰🇿.md").write_text("# Заголовок\n\nТекст.", encoding="utf-8")
    corpus = Corpus.open(tmp_path)
    assert sorted(corpus.ids) == ["bad name", "пробел и 🇰🇿"]
    assert corpus.article("bad name").title == "Title"
