"""Search with the entity graph: person:/place:/org:/entity: fields and alias expansion."""

from __future__ import annotations

import pytest
from seed_ids import A001, A002, A003, A004

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph
from kzreader.core.paths import bundled_seeds
from kzreader.core.search.index import SearchIndex
from kzreader.core.search.widening import expand


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    corpus = Corpus.open(bundled_seeds())
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("index"))
    index.entities = EntityGraph.build(corpus)
    return index


def found(index: SearchIndex, text: str) -> dict[str, set[str]]:
    """article → the highlighted strings of its passages."""
    result = index.search(text, limit=10, passages=10)
    assert result.error is None, result.error
    return {
        h.article: {p.text[a:b] for p in h.passages for a, b in p.highlights} for h in result.hits
    }


def test_acronym_finds_its_expansion(index: SearchIndex) -> None:
    hits = found(index, "KNB")
    assert set(hits) == {A001, A003}  # 001 never says "KNB"
    assert hits[A001] == {"National Security Committee"}
    assert {"KNB", "National Security Committee"} <= hits[A003]


def test_widening_leaves_out_names_containing_the_word(index: SearchIndex) -> None:
    """ "Kassym-Zhomart Tokayev" finds nothing "Tokayev" does not: no phrase for it."""
    widened = expand("Tokayev", index.entities).text
    assert "Tokayev" in widened and "Kassym" not in widened
    assert "National Security Committee" in expand("KNB", index.entities).text
    assert set(found(index, "person:Tokayev")) <= set(found(index, "Tokayev"))


def test_person_field_matches_every_form(index: SearchIndex) -> None:
    hits = found(index, "person:Tokayev")
    assert set(hits) == {A001, A002, A004}
    assert "Kassym-Zhomart Tokayev" in hits[A002]  # the other spelling, in the same article
    assert found(index, 'person:"Kassym-Zhomart Tokayev"').keys() == hits.keys()
    assert found(index, "person:Токаев").keys() == hits.keys()


def test_renamed_city(index: SearchIndex) -> None:
    hits = found(index, "place:Nur-Sultan")
    assert A001 in hits and hits[A001] == {"Astana"}  # 001 says Astana only
    assert "Nur-Sultan" in hits[A002]


def test_phrase_aliases_highlight_whole_names_only(index: SearchIndex) -> None:
    hits = found(index, "org:CSTO")
    assert "Collective Security Treaty Organization" in hits[A002]
    assert "Security" not in hits[A002]


def test_entity_fields_combine_with_words(index: SearchIndex) -> None:
    assert set(found(index, "person:Medvedev hacked")) == {A001, A004}
    assert set(found(index, "person:Medvedev NOT Chatroulette")) == {A004}


def test_unknown_or_mistyped_entity(index: SearchIndex) -> None:
    assert index.search("org:Nobody").error == "no organisation called 'Nobody' in these articles"
    assert "no person called 'Astana'" in (index.search("person:Astana").error or "")
    assert "needs a name" in (index.search("person:").error or "")


def test_entity_fields_before_the_graph_is_ready(tmp_path_factory: pytest.TempPathFactory) -> None:
    corpus = Corpus.open(bundled_seeds())
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("bare"))
    assert "still being gathered" in (index.search("person:Tokayev").error or "")
    assert {h.article for h in index.search("KNB").hits} == {A003}  # no expansion yet
