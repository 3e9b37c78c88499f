"""Rules added after the seventeenth held-back set (issue 17): spellings the gazetteer
keeps apart, region-only names, the Russian official name order, exercises, weapons and
scripts, Russian-titled papers, structures named "X of Y", registered names' first word,
one case each, in sentences written for this test.
"""

from __future__ import annotations

from entity_graphs import entity_type as _type
from entity_graphs import graph as _graph
from entity_graphs import names as _names
from entity_graphs import surfaces as _surfaces

from kzreader.core.entities import EntityType


def test_two_places_whose_names_key_alike_stay_apart_by_spelling() -> None:
    graph = _graph("Freight crossed from Horgos in China to Khorgos in Kazakhstan.")
    assert graph.lookup("Horgos") != graph.lookup("Khorgos")
    assert {"Horgos", "Khorgos"} <= _names(graph)


def test_a_region_with_no_town_of_its_name_is_the_region() -> None:
    graph = _graph("Floods hit Khatlon, and the Khatlon Region governor asked for help.")
    assert _surfaces(graph, "Khatlon Region") == {"Khatlon", "Khatlon Region"}


def test_the_russian_official_order_is_the_same_person() -> None:
    graph = _graph(
        "The delegation met Sidorova Irina Pavlovna, the deputy governor.",
        "Irina Sidorova said the dam would hold.",
    )
    assert "Sidorova Irina Pavlovna" in _surfaces(graph, "Irina Sidorova")


def test_exercises_weapons_and_scripts_are_no_entities() -> None:
    graph = _graph(
        "Troops from Kazakhstan joined Cooperation-2025, where Iskander missiles were shown; "
        "the releases are in Latin script."
    )
    names = _names(graph)
    assert "Kazakhstan" in names
    assert not {"Cooperation-2025", "Iskander", "Latin"} & names


def test_a_russian_adjective_before_a_known_paper_names_another() -> None:
    graph = _graph("The regional paper Omskiye Izvestiya reported the fire, Izvestia did not.")
    assert _type(graph, "Omskiye Izvestiya") is EntityType.ORGANISATION
    assert _surfaces(graph, "Izvestia") == {"Izvestia"}


def test_a_structure_of_someone_is_a_place_not_the_person() -> None:
    graph = _graph("Pilgrims came to the Mausoleum of Aisha Bibi near Taraz.")
    assert _type(graph, "Mausoleum of Aisha Bibi") is EntityType.PLACE


def test_a_registered_names_first_word_is_that_company() -> None:
    graph = _graph(
        "Sanctions named Orion Bridge Components Ltd of Hong Kong.",
        "Orion denied any link to the buyers.",
    )
    assert "Orion" in _surfaces(graph, "Orion Bridge Components Ltd")


def test_general_trading_is_a_companys_name() -> None:
    graph = _graph("The Dubai-based Falcon Star General Trading shipped the parts.")
    assert _type(graph, "Falcon Star General Trading") is EntityType.ORGANISATION


def test_military_units_keep_their_number() -> None:
    graph = _graph("The 76th Guards Air Assault Division flew to Almaty.")
    assert _type(graph, "76th Guards Air Assault Division") is EntityType.ORGANISATION


def test_a_first_name_and_a_surname_end_an_office_written_before_them() -> None:
    graph = _graph("Director for International Programs Oleg Savchenko said the launch slipped.")
    assert _type(graph, "Oleg Savchenko") is EntityType.PERSON
    order = _graph("The governor met Savchenko Oleg Petrovich on Monday.")
    assert "Savchenko Oleg Petrovich" in {m.surface for e in order for m in order.mentions(e.id)}


def test_a_bare_word_with_a_place_cue_is_not_the_company_it_starts() -> None:
    graph = _graph(
        "Bogatyr Komir operates the Bogatyr mine. Bogatyr Komir exports coal.",
        "The boilers were built for coal from Bogatyr.",
    )
    assert "Bogatyr" not in _surfaces(graph, "Bogatyr Komir")


def test_a_russian_region_in_lower_case_is_the_region_not_its_city() -> None:
    graph = _graph(
        "He showed a map of the Saratov region; his wife came from Saratov.",
        "Floods hit the Tyumen region and North Ossetia.",
    )
    assert graph.lookup("Saratov Oblast") != graph.lookup("Saratov")
    assert {"Saratov Oblast", "Saratov", "Tyumen Oblast", "North Ossetia"} <= _names(graph)


def test_buoys_and_rockets_by_code_are_no_entities() -> None:
    graph = _graph("Tankers load at SPM-3 near Novorossiysk; a Soyuz-2.1b flew from Plesetsk.")
    names = _names(graph)
    assert {"Novorossiysk"} <= names
    assert not {"SPM-3", "Soyuz-2.1b"} & names
