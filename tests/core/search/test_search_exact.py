"""Search means exactly what was typed (issue 14), on the bundled articles: one test per
point of the issue, with the exact articles expected (checked against the texts by hand:
e.g. ``grep -il`` for each word; 003 says "Putinite", never "Putin")."""

# ruff: noqa: F811 - pytest passes the imported fixture `index` by name

from __future__ import annotations

import pytest
from seed_ids import A000, A001, A002, A003, A004
from test_search_entities import index  # noqa: F401 (the fixture: the bundled articles with the graph)

from kzreader.core.search.index import SearchIndex
from kzreader.core.search.passages import SearchResult


def run(index: SearchIndex, text: str, **kw: object) -> SearchResult:
    result = index.search(text, limit=20, **kw)  # type: ignore[arg-type]
    assert result.error is None, result.error
    return result


def ids(index: SearchIndex, text: str, **kw: object) -> list[str]:
    return [hit.article for hit in run(index, text, **kw).hits]


# 1. Boolean logic is exact ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("farmer AND polonium", set()),
        ("Putin AND Nazarbayev", {A001}),
        ("Tokayev AND Borat", set()),
        ("Tokayev AND Putin", {A001, A002, A004}),
        ("Borat OR polonium", {A003}),
        ("(farmer OR Borat) AND Kazakhstan", {A000, A003}),
        ("Kazakhstan AND NOT Kotov", {A001, A002, A003, A004}),
        ("Tokayev -Putin", set()),
        ("Kazakhstan -Tokayev", {A000, A003}),
        ("NOT NOT Borat", {A003}),
        ("Borat AND NOT NOT Kazakhstan", {A003}),
    ],
)
def test_boolean_logic_is_exact(index: SearchIndex, text: str, expected: set[str]) -> None:
    result = run(index, text)
    assert {hit.article for hit in result.hits} == expected
    assert result.total == len(expected)
    assert all(hit.all_words for hit in result.hits)


def test_implicit_query_marks_partial_hits_with_their_words(index: SearchIndex) -> None:
    result = run(index, "Tokayev Borat")
    assert result.complete_total == 0 and result.total == 4
    assert {hit.article: hit.matched for hit in result.hits} == {
        A001: ("Tokayev",),
        A002: ("Tokayev",),
        A004: ("Tokayev",),
        A003: ("Borat",),
    }
    assert all(hit.to_json()["partial"] is True for hit in result.hits)


def test_plus_keeps_a_word_required_in_the_partial_tier(index: SearchIndex) -> None:
    result = run(index, "+Borat Tokayev")
    assert [hit.article for hit in result.hits] == [A003]
    assert result.hits[0].partial and result.hits[0].matched == ()


# 2. Phrases are exact, stop words included --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"fourth decade of its independence"', {A002}),
        ('"fourth decade independence"', set()),
        ('"the fourth decade of its independence"', {A002}),
        ('"decade of independence"', set()),
        ('"Republic of Kazakhstan"', {A003}),
        ('"Kazakhstan of Republic"', set()),
    ],
)
def test_phrases_are_exact(index: SearchIndex, text: str, expected: set[str]) -> None:
    assert set(ids(index, f"={text}")) == expected  # literally: no widening


def test_phrase_highlights_the_whole_phrase(index: SearchIndex) -> None:
    result = run(index, '"fourth decade of its independence"')
    (hit,) = result.hits
    shown = {p.text[a:b] for p in hit.passages for a, b in p.highlights}
    assert shown == {"fourth decade of its independence"}


def test_slop_allows_words_between(index: SearchIndex) -> None:
    assert ids(index, '"fourth independence"~4') == [A002]
    assert ids(index, '"fourth independence"~3') == []


# 3. Name widening is honest ----------------------------------------------------------


def test_a_surname_never_widens_to_a_first_name(index: SearchIndex) -> None:
    assert ids(index, "Kotov") == [A000]  # not 001 through another "Alexei"
    assert ids(index, '"Aleksei Kotov"') == [A000]
    assert ids(index, "Kiriyenko") == [A004]  # not Lavrov's or Duvanov's "Sergey"


def test_not_widens_as_the_positive_query_does(index: SearchIndex) -> None:
    assert set(ids(index, "Kazakhstan NOT Kotov")) == {A001, A002, A003, A004}


def test_widened_matches_rank_after_literal_ones_and_are_marked(index: SearchIndex) -> None:
    result = run(index, '"Republic of Kazakhstan"')
    assert result.hits[0].article == A003 and result.hits[0].aliases == ()
    widened = result.hits[1:]
    assert {hit.article for hit in widened} == {A000, A001, A002, A004}
    assert all("Kazakhstan" in hit.aliases for hit in widened)
    assert all(hit.to_json()["via"] == "alias" for hit in widened)
    assert dict(result.widened)['"Republic of Kazakhstan"'.strip('"')]


def test_equals_and_literal_switch_widening_off(index: SearchIndex) -> None:
    assert ids(index, '="Republic of Kazakhstan"') == [A003]
    assert ids(index, '"Republic of Kazakhstan"', widen=False) == [A003]
    assert run(index, "=Kotov").widened == ()


def test_an_acronym_is_not_a_lowercase_word(index: SearchIndex) -> None:
    result = run(index, 'org:"Ministry of Foreign Affairs of Russia"')
    shown = {p.text[a:b] for h in result.hits for p in h.passages for a, b in p.highlights}
    assert "mid" not in {s.lower() for s in shown if s.islower()}
    assert [h.article for h in result.hits] == [A002]


# 4. Filters and sort --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date:2022", {A002, A004}),
        ("date:2021-06..2022-01", {A000, A002}),
        ("date:>2022-03", {A001, A004}),
        ("date:<2021", {A003}),
        ("Kazakhstan -date:2022", {A000, A001, A003}),
        ('outlet:"Eurasia Review"', {A002, A004}),
        ("author:Tazhutov", {A002, A004}),
        ("title:Almaty", {A003}),
        ("kind:comment Russia", {A000, A004}),
        # filters with no word: kind:comment is every article with reader comments
        ("kind:comment", {A000, A004}),
        ("-kind:comment", {A000, A001, A002, A003, A004}),
        ("date:2024 kind:comment", set()),
        ("kind:comment date:2009", set()),
        ("-date:2022 kind:comment", {A000}),
        ("-kind:comment date:2022", {A002, A004}),
    ],
)
def test_filters(index: SearchIndex, text: str, expected: set[str]) -> None:
    assert set(ids(index, text)) == expected


def test_kind_comment_lands_on_comments_only(index: SearchIndex) -> None:
    result = run(index, "kind:comment Russia")
    assert {p.kind for h in result.hits for p in h.passages} == {"comment"}
    without = run(index, "-kind:comment Russia")
    assert "comment" not in {p.kind for h in without.hits for p in h.passages}


def test_kind_comment_alone_shows_where_the_comments_start(index: SearchIndex) -> None:
    result = run(index, "kind:comment")
    assert result.error is None
    assert {p.kind for h in result.hits for p in h.passages} == {"comment"}


def test_bad_date_is_a_clear_message(index: SearchIndex) -> None:
    assert "date: takes" in (index.search("date:yesterday").error or "")


def test_sort_by_date_is_newest_first(index: SearchIndex) -> None:
    assert ids(index, "Kazakhstan", sort="date") == [A001, A004, A002, A000, A003]


# 5. "Did you mean" ----------------------------------------------------------------------


def test_did_you_mean_leaves_stop_words_and_operators_alone(index: SearchIndex) -> None:
    assert run(index, "farmer and polonium").corrected is None
    assert run(index, "farmer AND polonium").corrected is None
    assert run(index, "farmr").corrected in {"farmer", "farm"}
