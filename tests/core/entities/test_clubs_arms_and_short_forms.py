"""Rules added after the eleventh held-back set (issue 17): clubs, companies' national
arms, short forms defined for state bodies, fields named after towns, one case each.

Each case is a sentence written for this test in the style of wire copy; none comes from
an annotated set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from entity_graphs import article as _article
from entity_graphs import entity_type as _type
from entity_graphs import graph as _graph
from entity_graphs import surfaces as _surfaces

from kzreader.core.corpus.model import Article, Kind, Paragraph
from kzreader.core.entities import EntityGraph, EntityType


def test_a_short_form_defined_for_a_state_body_is_that_body_in_its_article_only() -> None:
    kyrgyz = _article(
        "kg",
        "The Ministry of Emergency Situations of the Kyrgyz Republic (MES) mapped 300 sites.",
        "The MES will publish the map in May.",
    )
    kazakh = _article(
        "kz",
        "The Ministry of Emergency Situations of Kazakhstan (MES) opened an inquiry.",
        "The MES said the leak had been stopped.",
    )
    graph = EntityGraph.from_articles([kyrgyz, kazakh], use_ner=False)
    names = {e.name for e in graph if "MES" in {m.surface for m in graph.mentions(e.id)}}
    assert names == {
        "Ministry of Emergency Situations of Kyrgyzstan",
        "Ministry of Emergency Situations of Kazakhstan",
    }


def test_a_clubs_short_name_is_the_club_not_a_namesakes_first_name() -> None:
    graph = _graph(
        "FC Kairat won the title on Sunday.",
        "Kairat president Kairat Omarbekov said Kairat would keep the squad together.",
    )
    assert _type(graph, "FC Kairat") is EntityType.ORGANISATION
    assert "Kairat" in _surfaces(graph, "FC Kairat")
    assert _surfaces(graph, "Kairat Omarbekov") == {"Kairat Omarbekov"}


def test_a_club_named_after_its_city_is_no_mention_of_the_city() -> None:
    graph = _graph(
        "Tobol won 4-0 over FC Astana, and Yertis drew with Shakhter Karagandy.",
        "Greater Almaty grew by 40,000 people.",
    )
    assert _type(graph, "FC Astana") is EntityType.ORGANISATION
    assert _type(graph, "Shakhter Karagandy") is EntityType.ORGANISATION
    assert graph.lookup("Astana") is None and graph.lookup("Karaganda") is None
    assert _surfaces(graph, "Almaty") == {"Almaty"}


def test_a_field_named_after_a_town_is_another_place_but_a_known_field_is_itself() -> None:
    graph = _graph(
        "Gas from the Orenburg field is processed in Orenburg, and oil from the Tengiz "
        "field goes west."
    )
    field = graph.lookup("Orenburg field")
    town = graph.lookup("Orenburg")
    assert field is not None and town is not None and field.id != town.id
    assert field.type is EntityType.PLACE
    assert _type(graph, "Tengiz") is EntityType.PLACE and graph.lookup("Tengiz field") is not None
    assert graph.lookup("Tengiz field") == graph.lookup("Tengiz")


def test_a_country_after_a_banks_name_names_its_national_arm() -> None:
    graph = _graph("She joined TBC Bank Uzbekistan in 2020 from a rival lender.")
    assert _type(graph, "TBC Bank Uzbekistan") is EntityType.ORGANISATION
    assert graph.lookup("Uzbekistan") is None


def test_a_particle_after_an_unlisted_given_name_in_a_contact_line() -> None:
    graph = _graph("Media contact:", "Marijke de Boer, Head of Communications")
    assert _type(graph, "Marijke de Boer") is EntityType.PERSON
    assert graph.lookup("Boer") is None


def test_a_short_form_in_brackets_made_of_the_names_own_words() -> None:
    graph = _graph(
        "The plant will be built by China Energy Engineering Corporation (Energy China) "
        "under a fixed-price contract."
    )
    corporation = graph.lookup("China Energy Engineering Corporation")
    assert corporation is not None and corporation.type is EntityType.ORGANISATION
    assert "Energy China" in _surfaces(graph, "China Energy Engineering Corporation")
    assert graph.lookup("China") is None


def test_a_basin_named_after_a_city_and_a_group_of_deposits_are_places() -> None:
    graph = _graph(
        "He worked in the Karaganda basin for a decade before moving to Karaganda, and "
        "later mapped the Akbakai group of deposits."
    )
    basin, city = graph.lookup("Karaganda basin"), graph.lookup("Karaganda")
    assert basin is not None and city is not None and basin.id != city.id
    assert _type(graph, "Akbakai") is EntityType.PLACE


def test_routes_named_after_their_ends_singly_and_in_a_list() -> None:
    graph = _graph(
        "Freight through the Khorgos–Nurly Zhol crossing rose, and the new "
        "Kyzylzhar–Mointy and Tobyl–Zhezkazgan lines open in 2027.",
        "Trucks use the Taraz–Merke road.",
    )
    for name in ("Kyzylzhar–Mointy", "Tobyl–Zhezkazgan", "Taraz–Merke road"):
        assert _type(graph, name) is EntityType.PLACE, name
    assert graph.lookup("Taraz") is None and graph.lookup("Merke") is None


def test_formulas_units_and_titles_of_honour_are_no_names() -> None:
    graph = _graph(
        "CO2 and H2S emissions fell; the IPO raised $200m for 300 MW.",
        "He was named Honoured Geologist of the Republic in 1984.",
    )
    names = {e.name for e in graph}
    assert not names & {"CO2", "H2S", "IPO", "MW", "Honoured Geologist"}


def test_a_site_the_gazetteer_knows_apart_from_its_town_is_that_site() -> None:
    graph = _graph("Talks covered the Baikonur cosmodrome and the town of Baikonur.")
    site, town = graph.lookup("Baikonur Cosmodrome"), graph.lookup("Baikonur")
    assert site is not None and town is not None and site.id != town.id
    assert _surfaces(graph, "Baikonur Cosmodrome") == {"Baikonur cosmodrome"}


def test_a_court_written_in_lower_case_after_its_place_is_an_organisation() -> None:
    graph = _graph(
        "The Medeu district court jailed him, and the Almaty city court upheld the verdict."
    )
    for name in ("Medeu district court", "Almaty city court"):
        assert _type(graph, name) is EntityType.ORGANISATION, name
    assert graph.lookup("Almaty") is None


def test_a_person_named_after_an_officials_region_is_no_body_of_the_region() -> None:
    graph = _graph("He met the akim of North Kazakhstan Region Gauhar Baimukhanova in Petropavl.")
    assert _type(graph, "Gauhar Baimukhanova") is EntityType.PERSON
    assert _type(graph, "North Kazakhstan Region") is EntityType.PLACE


def test_a_title_in_a_title_case_headline_does_not_make_the_next_words_a_person() -> None:
    paragraphs = (
        Paragraph(1, Kind.TITLE, "Governor, Akim Discuss Cross-Border Water Sharing", True),
        Paragraph(2, Kind.BODY, "The governor and the akim met in Orenburg.", False),
    )
    article = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    graph = EntityGraph.from_articles([article], use_ner=False)
    assert not [e for e in graph if e.type is EntityType.PERSON]


def test_amounts_and_stakes_around_a_bare_company_name() -> None:
    graph = _graph(
        "Shares in Otbasy rose after the regulator fined Otbasy 12 million tenge.",
        "Nurbank, another mid-sized lender, fell.",
    )
    assert _type(graph, "Otbasy") is EntityType.ORGANISATION
    assert graph.lookup("Otbasy 12") is None
    assert _type(graph, "Nurbank") is EntityType.ORGANISATION


def test_a_first_name_that_is_also_a_word_of_no_name_before_a_surname() -> None:
    graph = _graph("By Roman Yefimov | Kursiv", "Islam Zhaksylykov scored twice.")
    assert _type(graph, "Roman Yefimov") is EntityType.PERSON
    assert _type(graph, "Islam Zhaksylykov") is EntityType.PERSON


def test_a_bodys_kind_alone_and_a_role_before_of_are_no_part_of_a_name() -> None:
    graph = _graph(
        "The Company said output would rise.",
        "She is a Member of the Kazakh Geological Society and Head of the National Bank "
        "Timur Suleimenov agreed.",
    )
    assert graph.lookup("Company") is None
    assert _type(graph, "Kazakh Geological Society") is EntityType.ORGANISATION
    assert _type(graph, "Timur Suleimenov") is EntityType.PERSON


def test_a_known_acronym_defined_for_another_countrys_body_is_that_body() -> None:
    graph = _graph(
        "In Bishkek, the Central Commission for Elections and Referendums (CEC) said "
        "turnout was 40%. The CEC will publish the results. Russia was not mentioned.",
    )
    body = graph.lookup("Central Commission for Elections and Referendums")
    assert body is not None and "CEC" in _surfaces(graph, body.name)
    assert not [e for e in graph if "Election Commission" in e.name]


def test_a_clubs_name_without_its_city_is_the_club() -> None:
    graph = _graph("Yertis Pavlodar beat Avangard Omsk 3-2, and Avangard stay fifth.")
    assert "Avangard" in _surfaces(graph, "Avangard Omsk")
    assert _type(graph, "Avangard Omsk") is EntityType.ORGANISATION


def test_a_headlines_run_of_the_bodys_own_words_and_a_possessive_before_a_site() -> None:
    paragraphs = (
        Paragraph(1, Kind.TITLE, "Qazsteel Signs Coke Supply Deal With Zhansay Coke", True),
        Paragraph(
            2,
            Kind.BODY,
            "Qazsteel signed a supply deal for coke with Zhansay Coke. Deliveries from "
            "Zhansay Coke's plants start in May.",
            False,
        ),
    )
    article = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    graph = EntityGraph.from_articles([article], use_ner=False)
    names = {e.name for e in graph}
    assert "Signs Coke Supply Deal" not in names
    assert not [n for n in names if "plant" in n.lower()]  # a company's plants, no site


def test_a_known_name_of_two_words_in_a_russian_case() -> None:
    graph = _graph("Токаев провёл переговоры с Владимиром Путиным и встретился с Токаевым.")
    putin = graph.lookup("Vladimir Putin")
    assert putin is not None and "Владимиром Путиным" in _surfaces(graph, "Vladimir Putin")
    assert "Токаевым" in _surfaces(graph, "Kassym-Jomart Tokayev")


def test_an_author_line_with_the_date_after_the_name() -> None:
    paragraphs = (
        Paragraph(1, Kind.TITLE, "Kazakhstan Picks a Reactor Builder", True),
        Paragraph(2, Kind.BODY, "Marit Lund   Jun 18, 2025", False),
        Paragraph(3, Kind.BODY, "Kazakhstan has chosen a builder for its plant.", False),
    )
    article = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    graph = EntityGraph.from_articles([article], use_ner=False)
    assert _type(graph, "Marit Lund") is EntityType.PERSON


def test_a_bases_and_ranges_and_the_general_staff_of_the_officials_country() -> None:
    graph = _graph(
        "Fighters flew from the Kant air base to the Oymasha range, watched by Kazakhstan's "
        "defence minister and by Russia's Chief of the General Staff Valery Gerasimov."
    )
    assert _type(graph, "Kant air base") is EntityType.PLACE
    assert _type(graph, "Oymasha range") is EntityType.PLACE
    assert _type(graph, "General Staff of Russia") is EntityType.ORGANISATION
    assert _type(graph, "Valery Gerasimov") is EntityType.PERSON


def test_an_unqualified_body_takes_no_country_the_places_do_not_back() -> None:
    graph = _graph(
        "Officials in Astana and Almaty said Kazakhstan watched trade with Russia. Goods "
        "bound for Russia are tracked in Aktobe, and Russia's buyers complain. Shipments "
        "to Russia fell.",
        "The State Revenue Committee, part of the Finance Ministry, opened 46 cases.",
    )
    assert graph.lookup("Ministry of Finance of Russia") is None


#: One sentence, one name, the type its cue gives (each cue a rule of its own).
CUES = [
    ("The champions ended the season by beating Okzhetpes 2-1 at home.", "Okzhetpes", "org"),
    ("Spot uranium rose, according to price reporter UxC.", "UxC", "org"),
    ("The film was made by Tajikfilm in Dushanbe.", "Tajikfilm", "org"),
    ("More than 20,000 fans filled the Central Stadium on Sunday.", "Central Stadium", "place"),
    ("The institute was founded by the academician Kanysh Satpayev.", "Kanysh Satpayev", "person"),
    ("Users of the payment services Tolem and Qazpay grew by a third.", "Tolem", "org"),
    ('He wrote on the Telegram channel "Dala Zhanalyk" on Monday.', "Dala Zhanalyk", "org"),
    ("Channels such as Oral Info spread the remarks within minutes.", "Oral Info", "org"),
    ("The city lies in Ahal velayat.", "Ahal velayat", "place"),
    ("The festival honours the poet Toktogul Satylganov.", "Toktogul Satylganov", "person"),
    ("The chairman of the Management Board Oleg Belozerov spoke.", "Oleg Belozerov", "person"),
    ("He laid a wreath in the Alexander Garden on Monday.", "Alexander Garden", "place"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "name", "type_"), CUES)
def test_a_cue_types_a_name(sentence: str, name: str, type_: str) -> None:
    assert _type(_graph(sentence), name) is EntityType.parse(type_)


def test_a_name_named_after_a_person_honours_them_and_mentions_nobody() -> None:
    graph = _graph(
        "The film was made by Uzbekfilm named after Kamil Yarmatov; Uzbekfilm also paid. "
        "The Corporation named after S. P. Korolev built it. The Chirchiq reservoir, "
        "named after the poet Abdulla Qodiriy, is low.",
    )
    studio = graph.lookup("Uzbekfilm named after Kamil Yarmatov")
    assert studio is not None and studio.type is EntityType.ORGANISATION
    assert "Uzbekfilm" in _surfaces(graph, studio.name)
    assert graph.lookup("Kamil Yarmatov") is None and graph.lookup("Korolev") is None
    assert _type(graph, "Abdulla Qodiriy") is EntityType.PERSON


def test_a_registered_name_with_its_country_in_brackets() -> None:
    graph = _graph(
        "The loan came from Halyk Bank (Kyrgyzstan) and the audit from Grant Audit (UK) "
        "Limited, but he flew to Astana (Kazakhstan) for the signing."
    )
    assert _type(graph, "Halyk Bank (Kyrgyzstan)") is EntityType.ORGANISATION
    assert _type(graph, "Grant Audit (UK) Limited") is EntityType.ORGANISATION
    assert graph.lookup("Kyrgyzstan") is None and graph.lookup("United Kingdom") is None
    assert _type(graph, "Kazakhstan") is EntityType.PLACE


def test_an_acronym_defined_after_a_datelines_agency_is_still_defined() -> None:
    graph = _graph(
        "BISHKEK (Reuters) – Kyrgyzstan's State Committee for National Security (GKNB) said "
        "two people died.",
        "Tajikistan's border service, part of its own State Committee for National "
        "Security, blamed Kyrgyz troops. Kamchybek Tashiev, the head of the GKNB, flew in.",
    )
    tajik = graph.lookup("State Committee for National Security of Tajikistan")
    assert tajik is not None and "GKNB" not in _surfaces(graph, tajik.name)
    assert "GKNB" in _surfaces(graph, "State Committee for National Security of Kyrgyzstan")
