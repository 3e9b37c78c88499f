"""Rules added after the fifteenth held-back set (issue 17): clubs named after
two-word cities, titles inside bodies' names, seas as adjectives, rivers' headwaters,
crossings named after a company's word, generic bodies' acronyms and consulates, short
names of bodies and of people, one case each.

Each case is a sentence written for this test in the style of wire copy; none comes from
an annotated set.
"""

from __future__ import annotations

from entity_graphs import entity_type as _type
from entity_graphs import graph as _graph
from entity_graphs import names as _names
from entity_graphs import surfaces as _surfaces

from kzreader.core.entities import EntityType


def test_a_club_named_after_a_two_word_city_is_one_organisation() -> None:
    graph = _graph("The striker joined Dinamo Nizhny Novgorod from Torpedo Kutaisi in June.")
    assert _type(graph, "Dinamo Nizhny Novgorod") is EntityType.ORGANISATION
    assert "Nizhny Novgorod" not in _names(graph)


def test_a_title_word_before_a_bodys_head_is_part_of_its_name() -> None:
    graph = _graph("The Kazakhstan Premier League season starts in March, Khan Bank said.")
    assert _type(graph, "Kazakhstan Premier League") is EntityType.ORGANISATION
    assert _type(graph, "Khan Bank") is EntityType.ORGANISATION


def test_a_seas_adjective_before_a_noun_is_no_mention_of_the_sea() -> None:
    graph = _graph("Trade through Caspian ports grew.", "Ships crossed the Caspian in May.")
    assert _surfaces(graph, "Caspian Sea") == {"Caspian"}
    only = _graph("The Caspian states met in Aktau.")
    assert "Caspian Sea" not in _names(only)


def test_a_colour_before_a_known_river_is_another_river() -> None:
    graph = _graph("The Black Irtysh rises in China and joins the Irtysh at Lake Zaysan.")
    black = graph.lookup("Black Irtysh")
    assert black is not None and black.type is EntityType.PLACE
    assert black != graph.lookup("Irtysh")


def test_a_crossing_named_after_a_known_companys_word_is_a_place() -> None:
    graph = _graph("Trucks waited at the Kaspi checkpoint for two days.")
    assert _type(graph, "Kaspi checkpoint") is EntityType.PLACE


def test_one_acronym_of_a_generic_body_for_two_countries_and_a_consulate() -> None:
    graph = _graph(
        "Kazakhstan's MChS sent divers, and Russia's MChS sent a plane.",
        "Russia's Consulate General in Almaty declined to comment.",
    )
    names = _names(graph)
    assert {
        "Ministry of Emergency Situations of Kazakhstan",
        "Ministry of Emergency Situations of Russia",
        "Consulate General of Russia",
    } <= names


def test_a_short_name_between_commas_after_a_long_name_is_the_same_body() -> None:
    graph = _graph(
        "The Federal Agency for Fishery of Russia, Rosrybolovstvo, has banned the catch."
    )
    found = [e for e in graph if e.type is EntityType.ORGANISATION]
    assert len(found) == 1, [e.name for e in found]
    listed = _graph("The Energy Ministry of Uzbekistan, Uzbekneftegaz, and Lukoil signed.")
    assert len([e for e in listed if e.type is EntityType.ORGANISATION]) == 3


def test_a_known_bodys_name_without_its_country_is_that_body() -> None:
    graph = _graph(
        "The National Bank of Kazakhstan kept its rate.",
        "The National Bank said inflation had slowed.",
    )
    assert _surfaces(graph, "National Bank of Kazakhstan") == {
        "National Bank of Kazakhstan",
        "National Bank",
    }


def test_a_given_name_the_lexicon_lacks_is_the_one_person_who_has_it() -> None:
    graph = _graph(
        "He edited the kuis of Dauletkerey Shygayuly, the composer.",
        "Dauletkerey's pieces are still played.",
    )
    assert "Dauletkerey" in _surfaces(graph, "Dauletkerey Shygayuly")


def test_a_patronymic_shared_by_two_namesakes_names_nobody() -> None:
    graph = _graph(
        "Nurlan Abenov and Nurlan Sadykov were charged.",
        "Nurlan Serikovich denied the charge.",
    )
    assert "Nurlan Serikovich" not in _names(graph)
    assert {"Nurlan Abenov", "Nurlan Sadykov"} <= _names(graph)


def test_a_known_bodys_office_in_a_place_is_one_name() -> None:
    graph = _graph("The UNICEF Country Office in Uzbekistan funded the study.")
    assert _type(graph, "UNICEF Country Office in Uzbekistan") is EntityType.ORGANISATION
    assert "Uzbekistan" not in _names(graph)
    seat = _graph("The Caspian Policy Center in Washington published the paper.")
    assert "Washington" in _names(seat)


def test_a_body_under_a_ministry_is_one_name_and_the_ministry_no_mention() -> None:
    graph = _graph(
        "The Forestry Committee under the Ministry of Ecology of the Kyrgyz Republic "
        "planted 2,000 hectares."
    )
    long = "Forestry Committee under the Ministry of Ecology of the Kyrgyz Republic"
    assert _type(graph, long) is EntityType.ORGANISATION
    assert not [e for e in graph if e.name.startswith("Ministry of Ecology")]


def test_a_known_short_name_in_brackets_after_a_full_name_is_that_body() -> None:
    graph = _graph(
        "He met the head of the National Company for Atomic Energy of Uzbekistan (Uzatom)."
    )
    found = [e for e in graph if e.type is EntityType.ORGANISATION]
    assert len(found) == 1, [e.name for e in found]


def test_a_companys_board_is_no_body_and_a_week_named_after_a_place_no_mention() -> None:
    graph = _graph(
        "The Board of Directors of Kazakhtelecom and its Management Board met.",
        "Central Asia Fashion Week opened in Tashkent.",
    )
    names = _names(graph)
    assert not {"Directors", "Board", "Management Board", "Central Asia"} & names
    assert "Tashkent" in names


def test_kinds_of_company_and_ensemble_around_an_unknown_word_type_it() -> None:
    graph = _graph(
        "He played with the Sazgen folk orchestra. Builders such as Sembol bid.",
        "The Kyrgyz miner Kumtorgold said output fell, and coal miner Pavel Ivanov died.",
    )
    for name in ("Sazgen", "Sembol", "Kumtorgold"):
        assert _type(graph, name) is EntityType.ORGANISATION, name
    assert _type(graph, "Pavel Ivanov") is EntityType.PERSON


def test_near_and_neighbouring_make_an_unknown_word_a_place() -> None:
    graph = _graph(
        "His father was killed near Velikiye Luki in 1943.",
        "Residents of Kyzylzhar and neighbouring Akkol complained about the dust.",
        "Banks such as Tojiksodirotbonk cut rates, and trains wait at the Tobol junction.",
    )
    assert _type(graph, "Velikiye Luki") is EntityType.PLACE
    assert _type(graph, "Akkol") is EntityType.PLACE
    assert _type(graph, "Tojiksodirotbonk") is EntityType.ORGANISATION
    assert _type(graph, "Tobol junction") is EntityType.PLACE
