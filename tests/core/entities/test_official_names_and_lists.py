"""Rules added after the sixteenth held-back set (issue 17): a body of a ministry named in
full with its country, a parliament's chamber, committees "on" a portfolio, heads after a
hyphen, places named after a known person, names typed by the list they are in, quoted
short names in one bracket; one case each, in sentences written for this test.
"""

from __future__ import annotations

from entity_graphs import entity_type as _type
from entity_graphs import graph as _graph
from entity_graphs import names as _names
from entity_graphs import surfaces as _surfaces

from kzreader.core.entities import EntityType


def test_a_committee_of_a_ministry_written_in_full_is_one_name() -> None:
    graph = _graph(
        "The Committee for Veterinary Control of the Ministry of Agriculture of the "
        "Republic of Kazakhstan lifted the ban."
    )
    full = (
        "Committee for Veterinary Control of the Ministry of Agriculture of the Republic "
        "of Kazakhstan"
    )
    assert _type(graph, full) is EntityType.ORGANISATION
    assert not [n for n in _names(graph) if n.startswith("Ministry of Agriculture")]
    short = _graph("The Ecological Inspectorate of the Ministry of Ecology fined the plant.")
    assert "Ecological Inspectorate" in _names(short)


def test_a_parliaments_chamber_and_a_committee_on_a_portfolio_are_whole() -> None:
    graph = _graph(
        "The Senate Committee on International Relations and Defence met, and the "
        "Legislative Chamber of the Oliy Majlis passed the law."
    )
    names = _names(graph)
    assert "Legislative Chamber of the Oliy Majlis" in names
    assert "Senate Committee on International Relations and Defence" in names


def test_a_bodys_head_after_a_hyphen_and_a_mine_named_after_a_known_person() -> None:
    graph = _graph("Kar-Tel owns Mobile Telecom-Service, and it reopened the Lenin mine.")
    assert _type(graph, "Mobile Telecom-Service") is EntityType.ORGANISATION
    assert _type(graph, "Lenin mine") is EntityType.PLACE
    assert graph.lookup("Vladimir Lenin") is None


def test_a_name_typed_only_by_a_verb_takes_the_type_of_its_list() -> None:
    graph = _graph("Mobile operators Kcell and Altel said the network failed.")
    assert _type(graph, "Altel") is EntityType.ORGANISATION


def test_quoted_short_names_in_one_bracket_are_all_the_company() -> None:
    graph = _graph(
        'Steppe Copper Resources Ltd ("Steppe Copper", "SCR" or "the Company") said it '
        "would drill in May."
    )
    assert {"Steppe Copper", "SCR"} <= _surfaces(graph, "Steppe Copper Resources Ltd")


def test_an_unknown_superior_written_in_full_is_part_of_the_name() -> None:
    graph = _graph(
        "The Water Committee of the Ministry of Ecology, Geology and Natural Resources of "
        "the Republic of Kazakhstan issued the permit."
    )
    full = (
        "Water Committee of the Ministry of Ecology, Geology and Natural Resources of the "
        "Republic of Kazakhstan"
    )
    assert _type(graph, full) is EntityType.ORGANISATION


def test_a_makers_name_before_a_model_code_is_the_product() -> None:
    graph = _graph(
        "The airline flies Boeing 767 and Airbus A321neo jets.",
        "Airbus said on Monday that Boeing 2025 deliveries rose.",
    )
    assert _surfaces(graph, "Airbus") == {"Airbus"}
    assert _surfaces(graph, "Boeing") == {"Boeing"}


def test_degrees_are_no_bodies() -> None:
    graph = _graph("She holds a PhD from Al-Farabi Kazakh National University.")
    assert "PhD" not in _names(graph)
