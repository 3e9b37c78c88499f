"""The typing and span rules added for text nobody curated (issue 17), one case each.

Each case is a sentence written for this test in the style of wire copy; none comes from
an annotated set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from entity_graphs import entity_type as _type
from entity_graphs import graph as _graph
from entity_graphs import headline_graph as _headline_graph

from kzreader.core.corpus.model import Article, Kind, Paragraph
from kzreader.core.entities import EntityGraph, EntityType


def test_a_site_noun_after_a_name_leaves_the_name_a_place() -> None:
    graph = _graph("Workers at the Borly mine were sent home.", "Borly was closed in June.")
    borly = graph.lookup("Borly")
    assert borly is not None and borly.type is EntityType.PLACE
    assert {m.surface for m in graph.mentions(borly.id)} == {"Borly"}


def test_a_person_of_a_body_is_not_part_of_its_name() -> None:
    graph = _graph("Aidos Serikov of the Kazakh Union of Millers said flour prices rose.")
    assert _type(graph, "Aidos Serikov") is EntityType.PERSON
    assert not any("Serikov of" in e.name for e in graph.entities())


def test_a_known_place_ending_an_organisation_name_is_no_mention_of_it() -> None:
    graph = _graph("The Geographical Society of Kazakhstan said the survey would go on.")
    assert _type(graph, "Geographical Society of Kazakhstan") is EntityType.ORGANISATION
    assert graph.lookup("Kazakhstan") is None


def test_offices_and_countries_name_companies() -> None:
    graph = _graph(
        "The chairman of Tauken, Bekzhan Utepov, said output would rise.",
        "It sells ore to Voltex of Canada.",
    )
    assert _type(graph, "Tauken") is EntityType.ORGANISATION
    assert _type(graph, "Bekzhan Utepov") is EntityType.PERSON
    assert _type(graph, "Voltex") is EntityType.ORGANISATION


def test_business_words_trade_nouns_and_apposition_name_companies() -> None:
    graph = _graph(
        "Analysts at Orken Finance were cautious.",
        "Zhebe, a microfinance lender, raised its rates.",
        "Stake talks with Zhylyoi, an oil producer, stalled.",
        "The Clean Steppe Campaign said it would sue.",
    )
    for name in ("Orken Finance", "Zhebe", "Zhylyoi", "Clean Steppe Campaign"):
        assert _type(graph, name) is EntityType.ORGANISATION, name


def test_to_inside_a_name_and_a_head_first() -> None:
    graph = _graph(
        "The Foundation to Support Farmers said the grant was late.",
        "The rest stays with Alliance Dala.",
    )
    assert _type(graph, "Foundation to Support Farmers") is EntityType.ORGANISATION
    assert _type(graph, "Alliance Dala") is EntityType.ORGANISATION
    assert graph.lookup("Support Farmers") is None


def test_an_agency_alone_in_a_credit_and_acronyms_in_prose() -> None:
    graph = _graph(
        "The deal may include ZKM, BNK and the TMZ plant, the ministry said.",
        "Photo: Zharqyn",
    )
    for name in ("ZKM", "BNK", "Zharqyn"):
        assert _type(graph, name) is EntityType.ORGANISATION, name


def test_a_body_named_after_a_known_place() -> None:
    graph = _graph("Officials at Astana Qala Tynysy said the survey would go on.")
    assert _type(graph, "Astana Qala Tynysy") is EntityType.ORGANISATION
    assert graph.lookup("Astana") is None
    people = _graph("In Almaty Nurlan Abenov met the Kuban Nogais.")
    assert people.lookup("Almaty") is not None  # a given name after a place is no body


def test_a_headline_name_is_cut_to_what_the_body_calls_it() -> None:
    graph = _headline_graph(
        "Investors Back New Terms for Sarykol Gold Mine",
        "Output at the Sarykol mine rose, the company said.",
    )
    sarykol = graph.lookup("Sarykol")
    assert sarykol is not None and sarykol.type is EntityType.PLACE
    assert {m.paragraph for m in graph.mentions(sarykol.id)} == {1, 2}
    assert not any("Terms" in e.name for e in graph.entities())


def test_an_adjective_after_the_starts_a_headed_name() -> None:
    graph = _graph("The Asian Bank for Water and Soil Studies lent the money.")
    assert _type(graph, "Asian Bank for Water and Soil Studies") is EntityType.ORGANISATION
    assert graph.lookup("Bank for Water and Soil Studies") is None


def test_a_dateline_agency_is_one_organisation_and_no_alias() -> None:
    paragraphs = (
        Paragraph(1, Kind.TITLE, "Wheat Exports Rise", True),
        Paragraph(2, Kind.BODY, "ASTANA (Interfax-Kazakhstan) – Wheat exports rose.", False),
    )
    article = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    graph = EntityGraph.from_articles([article], use_ner=False)
    assert _type(graph, "Interfax-Kazakhstan") is EntityType.ORGANISATION
    assert graph.lookup("Kazakhstan") is None
    astana = graph.lookup("Astana")
    assert astana is not None and "Interfax-Kazakhstan" not in astana.aliases


def test_and_ends_a_name_before_a_code_or_the() -> None:
    graph = _graph(
        "Carriers Tulpar and K7 Group cut fares.",
        "Loans came from Agroprombank and the Fund for Rural Roads.",
    )
    assert _type(graph, "Tulpar") is EntityType.ORGANISATION
    assert _type(graph, "K7 Group") is EntityType.ORGANISATION
    assert _type(graph, "Agroprombank") is EntityType.ORGANISATION
    assert _type(graph, "Fund for Rural Roads") is EntityType.ORGANISATION


def test_a_sentence_initial_acronym_is_a_name() -> None:
    graph = _graph("Ships were short. KMTF, the carrier, bought two.")
    assert _type(graph, "KMTF") is EntityType.ORGANISATION


def test_combines_domains_and_agency_stems_are_organisations() -> None:
    graph = _graph(
        "The Balkhash Mining and Metallurgical Combine cut output.",
        "He told 8.kz on Friday.",
        "Belstat and Roshydromet published figures; Roskomnadzor blocked a site.",
        "Analysts at Tengri Securities were cautious.",
    )
    assert _type(graph, "Balkhash Mining and Metallurgical Combine") is EntityType.ORGANISATION
    for name in ("8.kz", "Belstat", "Roshydromet", "Roskomnadzor", "Tengri Securities"):
        assert _type(graph, name) is EntityType.ORGANISATION, name


def test_trade_nouns_and_sites_in_apposition() -> None:
    graph = _graph(
        "The zinc smelter Kenbulak said output fell.",
        "It buys cranes from Koneva, the Finnish maker.",
        "Talks on Zhambyl-Sever, an offshore block, went on.",
        "Miners left the Akbakai pit; the Saryarka structure holds gas.",
    )
    assert _type(graph, "Kenbulak") is EntityType.ORGANISATION
    assert _type(graph, "Koneva") is EntityType.ORGANISATION
    for name in ("Zhambyl-Sever", "Akbakai", "Saryarka"):
        assert _type(graph, name) is EntityType.PLACE, name


def test_a_bank_s_short_name_joins_it() -> None:
    graph = _graph("Regulators fined Tolagay Bank. Tolagay said it would appeal.")
    bank = graph.lookup("Tolagay Bank")
    assert bank is not None and bank.type is EntityType.ORGANISATION
    assert graph.lookup("Tolagay") == bank


def test_a_one_word_name_takes_the_type_of_the_body_it_starts_elsewhere() -> None:
    articles = [
        Article(f"t{n}", Path(f"t{n}.txt"), "t", None, None, None, (paragraph,), "t")
        for n, paragraph in enumerate(
            (
                Paragraph(1, Kind.BODY, "Regulators fined Zhebe Bank on Monday.", False),
                Paragraph(1, Kind.BODY, "Later Zhebe fell by a fifth.", False),
                Paragraph(1, Kind.BODY, "Analysts at Orken Finance and Orken Bank agreed.", False),
                Paragraph(1, Kind.BODY, "Later Orken rose.", False),
            )
        )
    ]
    graph = EntityGraph.from_articles(articles, use_ner=False)
    assert _type(graph, "Zhebe") is EntityType.ORGANISATION
    assert graph.lookup("Zhebe") != graph.lookup("Zhebe Bank")  # typed, not merged
    assert _type(graph, "Orken") is not EntityType.ORGANISATION  # two bodies: no vote


def test_a_cause_before_a_country_names_a_chapter() -> None:
    graph = _graph(
        "Integrity Tajikistan, a monitoring group, published the tenders.",
        "A report by Freedom Turkmenistan found the same.",
    )
    for name in ("Integrity Tajikistan", "Freedom Turkmenistan"):
        assert _type(graph, name) is EntityType.ORGANISATION, name
    assert graph.lookup("Tajikistan") is None  # a name inside another is no mention of it


def test_a_country_starts_a_body_headed_before_for_and_its_acronym_joins() -> None:
    graph = _graph(
        "The Kyrgyzstan National Bureau for Water and Land Rights sued.",
        "The bureau, known as KNBWL, said it would appeal.",
    )
    body = graph.lookup("Kyrgyzstan National Bureau for Water and Land Rights")
    assert body is not None and body.type is EntityType.ORGANISATION
    assert graph.lookup("KNBWL") == body
    assert graph.lookup("Kyrgyzstan") is None


def test_a_forum_for_a_cause_is_a_body_a_forum_named_after_a_place_an_event() -> None:
    graph = _graph(
        "The Tajik Forum for Open Courts said the trial was unfair.",
        "Ministers met at the Astana Mining and Metals Forum.",
    )
    assert _type(graph, "Tajik Forum for Open Courts") is EntityType.ORGANISATION
    assert graph.lookup("Astana Mining and Metals Forum") is None


def test_a_headline_name_may_run_on_to_what_the_body_calls_it() -> None:
    paragraphs = (
        Paragraph(1, Kind.TITLE, "Watchdog Fines Tolagay Bank Over Lending", True),
        Paragraph(2, Kind.BODY, "The watchdog fined Tolagay Bank on Monday.", False),
    )
    article = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    graph = EntityGraph.from_articles([article], use_ner=False)
    bank = graph.lookup("Tolagay Bank")
    assert bank is not None and {m.paragraph for m in graph.mentions(bank.id)} == {1, 2}
    assert not any("Fines" in e.name for e in graph.entities())


def test_a_determiner_before_a_lower_case_fund_is_no_name() -> None:
    graph = _graph("The fund also holds stakes in three miners.", "This institute is old.")
    assert not graph.entities()


def test_a_press_service_names_its_body() -> None:
    graph = _graph(
        "Photo: Kerey press service",
        "Photo: Press service of Tulpar Munai",
        "The press service of Zharkyn declined to comment.",
    )
    for name in ("Kerey", "Tulpar Munai", "Zharkyn"):
        assert _type(graph, name) is EntityType.ORGANISATION, name


def test_a_subsidiary_of_a_named_body_in_apposition_is_a_body() -> None:
    graph = _graph("Analysts said Saryzhal, the former Kerey subsidiary, would suffer.")
    assert _type(graph, "Saryzhal") is EntityType.ORGANISATION
    assert _type(graph, "Kerey") is EntityType.ORGANISATION


def test_a_sentence_initial_modifier_of_a_kind_of_body_is_no_name() -> None:
    graph = _graph(
        "Shipping company Kerey Lines bought two ferries.", "Ratings agency Zhebe agreed."
    )
    assert graph.lookup("Ratings") is None
    assert _type(graph, "Kerey Lines") is EntityType.ORGANISATION
    assert _type(graph, "Zhebe") is EntityType.ORGANISATION


def test_a_long_agency_stem_after_a_two_letter_prefix_is_an_organisation() -> None:
    graph = _graph("Flood warnings came late from Tjhydromet, farmers said.")
    assert _type(graph, "Tjhydromet") is EntityType.ORGANISATION


def _corpus(*articles: str) -> EntityGraph:
    built = [
        Article(f"a{i}", Path(f"a{i}.txt"), f"a{i}", None, None, None,
                (Paragraph(1, Kind.BODY, text, False),), text)
        for i, text in enumerate(articles)
    ]  # fmt: skip
    return EntityGraph.from_articles(built, use_ner=False)


def test_a_company_with_and_without_its_legal_form_is_one_company() -> None:
    graph = _corpus(
        "Irtysh Copper LLP said on Monday that output at its smelter rose 4 percent.",
        "Shares in Irtysh Copper fell after the ministry cut its export quota.",
    )
    company = graph.lookup("Irtysh Copper LLP")
    assert company is not None and company.type is EntityType.ORGANISATION
    assert company is graph.lookup("Irtysh Copper")
    assert company.name == "Irtysh Copper"  # the bare name is the one readers use
    assert set(company.articles) == {"a0", "a1"}


def test_a_legal_form_does_not_join_a_person_or_a_first_name() -> None:
    graph = _corpus(
        "Aidar Sultanov said the plant would reopen.",
        "Aidar LLP, a trading firm, bought the grain.",
    )
    person = graph.lookup("Aidar Sultanov")
    assert person is not None and person.type is EntityType.PERSON
    firm = graph.lookup("Aidar LLP")
    assert firm is None or firm.id != person.id


def test_a_known_company_and_a_business_word_is_its_arm() -> None:
    graph = _graph("Analysts at Halyk Finance expect the base rate to hold, Halyk Bank said.")
    arm, bank = graph.lookup("Halyk Finance"), graph.lookup("Halyk Bank")
    assert arm is not None and arm.type is EntityType.ORGANISATION
    assert bank is not None and arm.id != bank.id


def test_a_route_named_after_its_ends_is_one_place_with_its_noun() -> None:
    graph = _graph(
        "Exports moved to the Aktobe–Orsk pipeline and the Kazakhstan-China pipeline.",
        "Aktobe Turns to Aktobe–Orsk Pipeline",
    )
    route = graph.lookup("Aktobe–Orsk pipeline")
    assert route is not None and route.type is EntityType.PLACE
    assert graph.lookup("Orsk") is None  # the route is no mention of the town
    both = graph.lookup("Kazakhstan-China pipeline")
    assert both is not None and both.type is EntityType.PLACE
    assert graph.lookup("China") is None


def test_a_stake_is_no_part_of_a_name() -> None:
    graph = _graph("Tenge Oil holds 40% of the venture, Kerey Gas 5% and Zhaik Munai 10 percent.")
    assert _type(graph, "Kerey Gas") is EntityType.ORGANISATION
    assert not any(e.name.endswith(("5", "10")) for e in graph.entities())


def test_a_venture_prefix_makes_the_name_a_company_not_the_deposit() -> None:
    graph = _graph("JV Inkai, the venture, said output at Inkai would stay flat.")
    venture, deposit = graph.lookup("JV Inkai"), graph.lookup("Inkai")
    assert venture is not None and venture.type is EntityType.ORGANISATION
    assert deposit is not None and deposit.type is EntityType.PLACE and deposit.id != venture.id
    # Before a known company the legal form changes nothing: JSC Kazatomprom is Kazatomprom.
    company = _graph("JSC Kazatomprom said output rose.").lookup("Kazatomprom")
    assert company is not None and company.type is EntityType.ORGANISATION


def test_a_common_word_and_a_head_keep_each_other() -> None:
    graph = _graph(
        "Freedom Telecom, a newer rival, cut prices. Crowds gathered on Independence Square.",
        "The Aral Policy Lab said so.",
    )
    assert _type(graph, "Freedom Telecom") is EntityType.ORGANISATION
    assert _type(graph, "Independence Square") is EntityType.PLACE
    assert _type(graph, "Aral Policy Lab") is EntityType.ORGANISATION
    assert graph.lookup("Telecom") is None and graph.lookup("Square") is None


def test_a_city_in_an_event_name_is_no_mention_of_it() -> None:
    graph = _graph("Tokayev spoke at the Astana International Forum in May.")
    assert graph.lookup("Astana") is None
    graph = _graph("Tokayev spoke at the Astana International Forum. Astana was cold.")
    astana = graph.lookup("Astana")
    assert astana is not None and len(graph.mentions(astana.id)) == 1


def test_a_headline_does_not_stretch_a_known_name() -> None:
    graph = _headline_graph(
        "Rosatom Starts Work on Kazakhstan's First Nuclear Plant", "Rosatom said work began."
    )
    rosatom = graph.lookup("Rosatom")
    assert rosatom is not None and rosatom.type is EntityType.ORGANISATION
    assert not any("Starts" in e.name for e in graph.entities())


PLACE, ORG = EntityType.PLACE, EntityType.ORGANISATION


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # A route across is a place; a railway company an organisation.
        ("The Trans-Altai Railway would cross the range.", "Trans-Altai Railway", PLACE),
        ("Mongolian Railway said the line would open.", "Mongolian Railway", ORG),
        # A particle inside a hyphenated name keeps it one word.
        ("Trucks ran from Termez to Mazar-i-Sharif.", "Mazar-i-Sharif", PLACE),
        ("Trucks went on to Rostov-on-Don.", "Rostov-on-Don", PLACE),
        # "X-based" after a hyphen.
        ("The Sarykol-based group said it would appeal.", "Sarykol", PLACE),
        # Sites of water.
        ("Levels at the Kerey water intake fell.", "Kerey", PLACE),
        ("The Zhaltyr reservoir dried up.", "Zhaltyr reservoir", PLACE),
    ],
)
def test_one_sentence_types_one_name(text: str, name: str, type_: EntityType) -> None:
    graph = _graph(text)
    assert _type(graph, name) is type_
    assert graph.lookup("Sharif") is None and graph.lookup("Altai") is None


def test_a_body_in_a_capital_is_that_countrys() -> None:
    graph = _graph(
        "Police in Moscow held 300 migrants, Russia's Interior Ministry said.",
        "The Foreign Ministry in Astana told citizens to carry papers.",
        "Kyrgyzstan's Ministry of Foreign Affairs said its citizens were held.",
    )
    kazakh = graph.lookup("Ministry of Foreign Affairs of Kazakhstan")
    assert kazakh is not None
    assert "Foreign Ministry" in {m.surface for m in graph.mentions(kazakh.id)}
    assert graph.lookup("Ministry of Foreign Affairs of Russia") is None


def test_a_minister_s_portfolio_is_part_of_the_title() -> None:
    graph = _graph(
        "Minister of Labour and Social Protection Dariga Omarova met the unions.",
        "Later, the Energy and Water Resources Minister said tariffs would rise.",
    )
    assert _type(graph, "Dariga Omarova") is EntityType.PERSON
    names = {e.name for e in graph.entities()}
    assert not names & {"Labour", "Social Protection", "Water Resources", "Energy"}


def test_a_ministry_named_by_a_list_of_portfolios_is_one_body() -> None:
    graph = _graph(
        "The Ministry of Culture, Tourism, Sports and Youth Affairs of Tajikistan "
        "closed the theatre."
    )
    names = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert any("Tourism" in n for n in names) or any(
        "Culture" in m.surface and "Youth Affairs" in m.surface
        for e in graph.entities(type=EntityType.ORGANISATION)
        for m in graph.mentions(e.id)
    )
    assert not names & {"Tourism", "Sports", "Youth Affairs"}


def test_a_patronymic_full_name_is_the_person_with_first_name_and_surname() -> None:
    graph = _graph(
        "Judge Arkady Semyonovich Belov read out the verdict.",
        "Arkady Belov gave the defence a week to appeal.",
    )
    belov = graph.lookup("Arkady Belov")
    assert belov is not None and belov.type is EntityType.PERSON
    assert graph.lookup("Arkady Semyonovich Belov") == belov


def test_a_listed_patronymic_name_gives_first_name_and_patronymic() -> None:
    graph = _graph("“Vladimir Vladimirovich knows our position,” the envoy said.")
    assert graph.lookup("Vladimir Vladimirovich") == graph.lookup("Vladimir Putin")


def test_a_capital_decides_an_unqualified_body_s_country() -> None:
    graph = _graph(
        "BISHKEK — The Interior Ministry said 40 people were detained in Bishkek.",
        "Kyrgyzstan and Kazakhstan share a border; officials in Bishkek declined to comment.",
    )
    bodies = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert any("Kyrgyzstan" in n for n in bodies), bodies


def test_a_power_plant_code_names_a_place() -> None:
    graph = _graph("Units at Pavlodar TETs-3 and the Nurek HPP were stopped for repairs.")
    assert _type(graph, "Pavlodar TETs-3") is EntityType.PLACE
    assert _type(graph, "Nurek HPP") is EntityType.PLACE


def test_two_companies_with_legal_forms_joined_by_and_are_two() -> None:
    graph = _graph("The list names Kolos Agro Trade LLP and Berkut Cargo LLP of Shymkent.")
    names = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert names == {"Kolos Agro Trade LLP", "Berkut Cargo LLP"}


def test_a_title_word_before_for_and_a_head_starts_a_body() -> None:
    graph = _graph(
        "The Justice for Miners Fund said it would pay the families.",
        "Justice Marat Seitov adjourned the hearing.",
    )
    assert _type(graph, "Justice for Miners Fund") is EntityType.ORGANISATION
    assert _type(graph, "Marat Seitov") is EntityType.PERSON


def test_a_known_organisation_with_a_suffix_is_the_same_organisation() -> None:
    graph = _graph("Prosecutors went after Kloop Media, the foundation behind the site Kloop.")
    kloop = graph.lookup("Kloop")
    assert kloop is not None and graph.lookup("Kloop Media") == kloop


def test_a_facility_named_by_a_kind_and_a_noun_is_a_place() -> None:
    graph = _graph(
        "The men were held at the Zelenyi migration centre and later at the Orlik "
        "training ground, lawyers said."
    )
    assert _type(graph, "Zelenyi") is EntityType.PLACE
    assert _type(graph, "Orlik") is EntityType.PLACE


def test_an_acronym_and_a_common_word_end_one_name() -> None:
    graph = _graph("The port operator KM World holds a 49% stake in the terminal.")
    assert _type(graph, "KM World") is EntityType.ORGANISATION
    assert graph.lookup("KM") is None


def test_a_dateline_in_capitals_is_the_known_place_whatever_its_spelling_folds() -> None:
    graph = _graph(
        "MOSCOW, March 3 /TASS/. The talks ended late.",
        "KYIV, March 4 (Reuters) - Officials in Kyiv and Moscow said nothing.",
    )
    moscow = graph.lookup("Moscow")
    assert moscow is not None and moscow.type is EntityType.PLACE
    assert {m.surface for m in graph.mentions(moscow.id)} == {"MOSCOW", "Moscow"}
    assert _type(graph, "TASS") is EntityType.ORGANISATION
    kyiv = graph.lookup("Kyiv")
    assert kyiv is not None and {m.surface for m in graph.mentions(kyiv.id)} == {"KYIV", "Kyiv"}


def test_agency_datelines_with_a_full_stop_after_the_place() -> None:
    graph = _headline_graph(
        "Grain Talks Go On", "ASTANA. Nov 12 (Interfax) - Exporters met in the capital."
    )
    assert _type(graph, "Interfax") is EntityType.ORGANISATION
    assert _type(graph, "Astana") is EntityType.PLACE
    assert graph.lookup("Exporters") is None  # the story's first word starts a sentence


def test_and_between_two_companies_but_not_inside_one() -> None:
    graph = _graph(
        "Fares fell after Qanat Air and Turkish Airlines added flights.",
        "Halyk Bank and Kaspi Bank cut rates; Navoi Mining and Metallurgical Combine did not.",
        "The Kazakh Oil and Gas Institute and analysts at Freedom Broker disagreed.",
    )
    names = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    for name in ("Qanat Air", "Turkish Airlines", "Halyk Bank", "Kaspi Bank"):
        assert _type(graph, name) is EntityType.ORGANISATION, name
    assert not any(" and " in n and "Bank" in n for n in names)
    assert {"Navoi Mining and Metallurgical Combine", "Freedom Broker"} <= names
    assert any(n.endswith("Oil and Gas Institute") for n in names)


def test_a_site_noun_names_the_place_more_fully_but_the_mention_is_the_name() -> None:
    graph = _graph("Output at the Koktal field rose.", "Koktal produced 4 million tonnes.")
    place = graph.lookup("Koktal")
    assert place is not None and place.type is EntityType.PLACE
    assert place.name == "Koktal field"
    assert {m.surface for m in graph.mentions(place.id)} == {"Koktal"}


def test_a_known_body_s_own_country_after_it_is_its_name() -> None:
    graph = _graph("The Atomic Energy Agency of the Republic of Kazakhstan issued a licence.")
    agency = graph.lookup("Atomic Energy Agency of Kazakhstan")
    assert agency is not None
    assert graph.lookup("Kazakhstan") is None


def test_directions_and_front_heads_start_a_place_s_name() -> None:
    graph = _graph(
        "Gas would reach the Western Gas Corridor, far from the North Aral Sea, "
        "the Aral Sea and Lake Shalkar."
    )
    assert _type(graph, "Western Gas Corridor") is EntityType.PLACE
    north = graph.lookup("North Aral Sea")
    assert north is not None and north != graph.lookup("Aral Sea")
    assert _type(graph, "Lake Shalkar") is EntityType.PLACE


def test_a_route_between_two_known_places_may_be_a_canal() -> None:
    graph = _graph("Barges used the Volga-Don canal.")
    assert _type(graph, "Volga-Don canal") is EntityType.PLACE
    assert graph.lookup("Volga") is None


def test_a_live_blog_entry_starts_a_sentence_after_its_time() -> None:
    graph = _graph(
        "19:40 — Polls have closed in Osh.", "07:05 — Turnout is low, officials in Osh said."
    )
    assert graph.lookup("Polls") is None and graph.lookup("Turnout") is None
    assert _type(graph, "Osh") is EntityType.PLACE


def test_an_unknown_ministry_named_by_a_list_of_portfolios_is_one_body() -> None:
    graph = _graph(
        "The Ministry of Water Resources, Irrigation and Land Reclamation said it would "
        "repair the canal."
    )
    names = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert names == {"Ministry of Water Resources, Irrigation and Land Reclamation"}


def test_a_press_release_dateline_and_executive_titles() -> None:
    graph = _headline_graph(
        "Plant Opens",
        "KOSTANAY, Kazakhstan--(BUSINESS WIRE)--Saryarka Motors LLP opened a plant, "
        "Chief Executive Officer Daulet Omarov said. Partners came from Munich.",
    )
    assert _type(graph, "Business Wire") is EntityType.ORGANISATION
    assert _type(graph, "Daulet Omarov") is EntityType.PERSON
    assert _type(graph, "Munich") is EntityType.PLACE
    assert graph.lookup("Executive Officer") is None


def test_an_apposition_of_a_trade_or_a_town_types_the_name() -> None:
    graph = _graph(
        "KEGOC, the country's largest grid operator, and ERG, the biggest coal miner, "
        "signed the deal.",
        "Workers came from Temirtau and from Shakhtinsk, a mining town near Karaganda.",
        "KMK, a coal miner, objected.",
    )
    assert _type(graph, "KMK") is EntityType.ORGANISATION
    assert _type(graph, "Shakhtinsk") is EntityType.PLACE


def test_a_span_of_months_is_no_name() -> None:
    graph = _graph("Exports rose 12% in January-October, the Samruk fund said.")
    assert graph.lookup("January-October") is None


def test_a_title_word_inside_a_street_or_station_name_stays_in_it() -> None:
    graph = _graph(
        "Traffic on Kabanbay Batyr Avenue and Dostyk Avenue was closed.",
        "The new line runs from Abai Khan station to Almaty station.",
    )
    places = {e.name for e in graph.entities(type=EntityType.PLACE)}
    assert {"Kabanbay Batyr Avenue", "Dostyk Avenue", "Abai Khan station"} <= places
    assert "Almaty station" in places and "Almaty" not in places
    assert not any(e.type is EntityType.PERSON for e in graph.entities())


def test_a_plural_site_noun_names_each_site() -> None:
    graph = _graph(
        "The Zhetysu and Kuldzha stations will open in May.", "Kuldzha has a long platform."
    )
    kuldzha = graph.lookup("Kuldzha")
    assert kuldzha is not None and kuldzha.name == "Kuldzha station"
    assert kuldzha.type is EntityType.PLACE
    assert _type(graph, "Zhetysu station") is EntityType.PLACE


def test_a_known_town_before_district_is_the_district() -> None:
    graph = _graph("Herders in Zhanaozen district lost their pasture.")
    district = graph.lookup("Zhanaozen district")
    assert district is not None and district.type is EntityType.PLACE
    assert graph.lookup("Zhanaozen") is None or graph.lookup("Zhanaozen") == district


def test_a_company_based_somewhere_is_an_organisation() -> None:
    graph = _graph("The tunnel was dug by Istanbul-based Yildiz Insaat in 2024.")
    assert _type(graph, "Yildiz Insaat") is EntityType.ORGANISATION


def test_legal_forms_with_full_stops_and_before_names() -> None:
    graph = _graph(
        "Shares of Hunan Steppe Copper Co. Ltd rose, and Steppe Invest B.V. and "
        "Rhein GmbH & Co. KG signed with JSC Kazatomprom.",
        "State-run AO Tau-Ken Samruk will hold the rest.",
    )
    orgs = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert {"Hunan Steppe Copper Co. Ltd", "Steppe Invest B.V.", "Rhein GmbH & Co. KG"} <= orgs
    assert not {"Shares of Hunan Steppe Copper Co. Ltd", "AO", "Co. KG"} & orgs


def test_a_body_for_a_portfolio_goes_on_after_and() -> None:
    graph = _graph("The Institute for Strategic Studies and Reforms said growth would slow.")
    orgs = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert orgs == {"Institute for Strategic Studies and Reforms"}


def test_a_quoted_short_name_in_parentheses_is_an_alias() -> None:
    graph = _graph(
        'Hubei Tengri New Materials Co., Ltd. ("Tengri Materials") will build the plant.',
        "Tengri Materials said the first line would open in 2027.",
    )
    org = graph.lookup("Tengri Materials")
    assert org is not None and org.type is EntityType.ORGANISATION
    assert org.name.startswith("Hubei Tengri")


def test_a_known_town_before_an_unlisted_region_is_the_region() -> None:
    graph = _graph(
        "Grain moves through Murmansk Region and the Kostroma Region depot.",
        "The Moscow District Military Court heard the case.",
    )
    places = {e.name for e in graph.entities(type=EntityType.PLACE)}
    assert "Murmansk Region" in places and "Murmansk" not in places
    assert _type(graph, "Moscow District Military Court") is EntityType.ORGANISATION


def test_buildings_and_lists_are_named_by_their_heads() -> None:
    graph = _graph(
        "Pilgrims visit the Arystan Bab Mausoleum, which UNESCO put on its World Heritage "
        "List, and the Zenkov Cathedral; the Hang Seng Index fell.",
        "He admired the philosopher Zhusup Balasaguni.",
        "Tour buses go to the ancient settlements of Sygnak and Sozak.",
    )
    assert _type(graph, "Arystan Bab Mausoleum") is EntityType.PLACE
    assert _type(graph, "Zenkov Cathedral") is EntityType.PLACE
    assert _type(graph, "UNESCO") is EntityType.ORGANISATION
    assert graph.lookup("World Heritage List") is None and graph.lookup("Hang Seng Index") is None
    assert _type(graph, "Zhusup Balasaguni") is EntityType.PERSON
    assert _type(graph, "Sygnak") is EntityType.PLACE and _type(graph, "Sozak") is EntityType.PLACE


def test_a_name_known_as_another_is_one_entity() -> None:
    graph = _graph(
        "The Ertis Aluminium Company, better known as EAC, raised output.",
        "The Caspian–Volga pipeline, known as CVP, is being built.",
    )
    kas = graph.lookup("EAC")
    assert kas is not None and kas == graph.lookup("Ertis Aluminium Company")
    cvp = graph.lookup("CVP")
    assert cvp is not None and cvp.type is EntityType.PLACE


def test_legal_forms_departments_and_seats_around_names() -> None:
    graph = _graph(
        "Zhanna Omarova, Head of Communications, Steppe Motors LLP, said the plant opened.",
        "Registered locally as AO Zhetysu Savings Bank, the lender has 40 branches.",
        "Graduates of the Kazakh-German University work at a lab based in Kurchatov.",
        "Korkyt Ventures Ltd, registered in the Astana International Financial Centre, "
        "and Rhein Beteiligungs GmbH, a family office, bought it. The JV will hire 500.",
    )
    orgs = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert "Communications" not in orgs and "JV" not in orgs
    assert {"Zhetysu Savings Bank", "Kazakh-German University", "Korkyt Ventures Ltd"} <= orgs
    assert "Rhein Beteiligungs GmbH" in orgs
    assert _type(graph, "Kurchatov") is EntityType.PLACE


def test_a_dateline_of_two_cities_ranks_and_workplaces() -> None:
    graph = _graph(
        "BISHKEK/TASHKENT — Shelling near the border stopped on Friday, "
        "Lieutenant-General Bolot Kurmanov said.",
        "Economists at Halyk Ventures and analysts at Steppe Mackay expect growth.",
    )
    assert graph.lookup("Shelling") is None
    assert (
        _type(graph, "Bishkek") is EntityType.PLACE and _type(graph, "Tashkent") is EntityType.PLACE
    )
    assert _type(graph, "Bolot Kurmanov") is EntityType.PERSON
    assert graph.lookup("Lieutenant-General Bolot Kurmanov") is None
    assert _type(graph, "Steppe Mackay") is EntityType.ORGANISATION


def test_kyrgyz_patronymic_words_end_a_persons_name() -> None:
    graph = _graph(
        "Reporter Aidana Toktobek kyzy and cameraman Nurlan Asan uulu were detained.",
        "Toktobek kyzy's lawyer said she would appeal.",
    )
    people = {e.name for e in graph.entities(type=EntityType.PERSON)}
    assert {"Aidana Toktobek kyzy", "Nurlan Asan uulu"} <= people


def test_an_officials_first_name_and_patronymic_is_that_official() -> None:
    graph = _graph(
        "Deputy Prime Minister Alexander Novak met Alexander Petrenko of Steppe Coal.",
        '"We thank Alexander Valentinovich for the tariff," Petrenko said.',
    )
    novak = graph.lookup("Alexander Valentinovich")
    assert novak is not None and novak.name == "Alexander Novak"


def test_a_bodys_kind_before_its_quoted_known_name_is_no_body() -> None:
    graph = _graph('Its shareholder is Sovereign Wealth Fund "Samruk-Kazyna" JSC.')
    orgs = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert orgs == {"Samruk-Kazyna"}


def test_plural_terminals_and_advisory_firms() -> None:
    graph = _graph(
        "Delays grew at the Kuryk and Aktau terminals, said a partner at Steppe Way Advisory.",
        "Solar and wind plants will supply a fifth of the power.",
    )
    assert _type(graph, "Steppe Way Advisory") is EntityType.ORGANISATION
    assert graph.lookup("Solar") is None


def test_the_mazhilis_and_the_senate_are_chambers_of_their_own() -> None:
    graph = _graph(
        "The Mazhilis passed the bill, and the Kazakh Senate will vote on it.",
        "Senate speaker Maulen Ashimbayev and Akim Yerbolat Dossayev attended, as did "
        "players of FC Kairat.",
    )
    mazhilis = graph.lookup("Mazhilis")
    assert mazhilis is not None and mazhilis.name == "Mazhilis"
    senate = graph.lookup("Senate")
    assert senate is not None and senate.name == "Senate of Kazakhstan"
    assert len(graph.mentions(senate.id)) == 1  # not "Senate speaker …"
    assert _type(graph, "Yerbolat Dossayev") is EntityType.PERSON
    assert _type(graph, "FC Kairat") is EntityType.ORGANISATION


def test_ampersands_join_a_name_and_projects_are_no_bodies() -> None:
    graph = _graph(
        "Steppe Oil & Gas and Hyundai Engineering & Construction bid, S&P Global said.",
        "The Future Growth Project at the Tengiz field started.",
    )
    orgs = {e.name for e in graph.entities(type=EntityType.ORGANISATION)}
    assert {"Steppe Oil & Gas", "Hyundai Engineering & Construction", "S&P Global"} <= orgs
    assert graph.lookup("Future Growth Project") is None


def test_names_listed_before_a_plural_unit_noun_are_each_that_unit() -> None:
    graph = _graph(
        "Frosts will persist in Akmola, Kostanay and North Kazakhstan regions.",
        "Herders in the Saryagash and Tulkibas districts lost sheep; trade between "
        "Russia and China regions grew.",
    )
    akmola = graph.lookup("Akmola")
    assert akmola is not None and akmola.name == "Akmola Region"
    assert graph.lookup("Astana") is None  # Akmola is also the capital's old name
    assert _type(graph, "Tulkibas District") is EntityType.PLACE
    assert _type(graph, "Russia") is EntityType.PLACE and graph.lookup("Russia Region") is None


def test_an_articles_places_decide_whose_unqualified_ministry_it_is() -> None:
    graph = _graph(
        "ATYRAU — Output at the Tengiz field and at Kashagan rose, and Atyrau Region "
        "officials said Russian buyers took more.",
        "The Ministry of Energy said exports via Russia would grow.",
    )
    ministry = graph.lookup("Ministry of Energy")
    assert ministry is not None and ministry.name == "Ministry of Energy of Kazakhstan"


def test_every_located_place_is_a_place_the_gazetteer_lists() -> None:
    from kzreader.core.entities.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert gaz.located
    assert all(gaz.entries[i].type is EntityType.PLACE for i in gaz.located if i in gaz.entries)
    assert set(gaz.located) <= set(gaz.entries)


def test_a_plant_is_a_place_and_the_company_running_it_an_organisation() -> None:
    graph = _graph(
        "Workers at the Pavlodar Petrochemical Plant and the Atyrau Oil Refinery struck, "
        "while Shymkent Oil Refinery LLP hired 40 people.",
        "The Koktal Hybrid Power Plant opened with 200 MW; the Koktal plant cost "
        "$300 million at 12:00 GMT.",
    )
    assert _type(graph, "Pavlodar Petrochemical Plant") is EntityType.PLACE
    assert _type(graph, "Atyrau Oil Refinery") is EntityType.PLACE
    assert _type(graph, "Shymkent Oil Refinery LLP") is EntityType.ORGANISATION
    plant = graph.lookup("Koktal Hybrid Power Plant")
    assert plant is not None and plant == graph.lookup("Koktal")
    assert graph.lookup("MW") is None and graph.lookup("GMT") is None


def test_names_listed_before_a_plural_site_noun_are_each_a_site() -> None:
    graph = _graph(
        "Steppe Petroleum runs the Akkar East and Akkar North fields, and output fell at "
        "the Shurtan and Gazli fields.",
        "The promenade runs from the mouth of the river to the Auezov Avenue bridge along "
        "Zhastar Embankment.",
    )
    east = graph.lookup("Akkar East")
    assert east is not None and east.name == "Akkar East field" and east.type is EntityType.PLACE
    shurtan = graph.lookup("Shurtan")
    assert shurtan is not None and shurtan.name == "Shurtan"
    assert _type(graph, "Auezov Avenue") is EntityType.PLACE
    assert _type(graph, "Zhastar Embankment") is EntityType.PLACE


def test_a_first_name_before_a_town_named_after_a_person_is_that_person() -> None:
    graph = _graph(
        "The test was supervised by Igor Kurchatov; scientists now work in Kurchatov.",
    )
    assert _type(graph, "Igor Kurchatov") is EntityType.PERSON
    assert _type(graph, "Kurchatov") is EntityType.PLACE


def test_a_known_company_and_a_country_name_its_national_arm() -> None:
    graph = _graph(
        "The refinery is run by Rosneft Deutschland, while oil goes along the "
        "Baku–Tbilisi–Ceyhan line; Rosneft's own output fell.",
    )
    arm = graph.lookup("Rosneft Deutschland")
    assert arm is not None and arm.type is EntityType.ORGANISATION
    assert arm != graph.lookup("Rosneft")
    assert _type(graph, "Baku–Tbilisi–Ceyhan line") is EntityType.PLACE


def test_a_sea_trade_port_is_the_company_that_runs_the_port() -> None:
    graph = _graph("The Aktau International Sea Trade Port handled more grain, it said.")
    assert _type(graph, "Aktau International Sea Trade Port") is EntityType.ORGANISATION
    assert graph.lookup("Aktau") is None


def test_models_caps_legal_forms_lakes_and_banks_from_a_country() -> None:
    graph = _graph(
        "Two VVER-1200 reactors will be built near Lake Balkhash; Balkhash Lake is shallow.",
        "Nordwind invested through Nordwind Energie Kasachstan TOO, and the unit was sold "
        "to Lesha Bank of Qatar.",
        "The Specialised Interdistrict Criminal Court of Abai Region heard the case.",
    )
    assert graph.lookup("VVER-1200") is None
    lake = graph.lookup("Balkhash Lake")
    assert lake is not None and lake == graph.lookup("Lake Balkhash")
    assert _type(graph, "Nordwind Energie Kasachstan TOO") is EntityType.ORGANISATION
    assert _type(graph, "Lesha Bank") is EntityType.ORGANISATION
    assert _type(graph, "Qatar") is EntityType.PLACE
    court = "Specialised Interdistrict Criminal Court of Abai Region"
    assert _type(graph, court) is EntityType.ORGANISATION


def test_a_known_site_is_called_with_its_noun() -> None:
    graph = _graph("Water in the Toktogul reservoir fell, and output at the Tengiz field rose.")
    tengiz = graph.lookup("Tengiz")
    assert tengiz is not None and tengiz.name == "Tengiz"
    assert {m.surface for m in graph.mentions(tengiz.id)} == {"Tengiz field"}


def test_tickers_awards_arenas_and_bodies_of_an_academy() -> None:
    graph = _graph(
        "Steppe Uranium JSC (STU LI) fell 4% in London, while Cameco Corp. (CCJ US) rose.",
        "He received the Order of Lenin and fought at the Barys Arena for Matchroom Boxing.",
        "He headed the Institute of Geological Sciences of the Academy of Sciences of the "
        "Kazakh SSR, Chief Executive Aidos Serikov said.",
    )
    assert graph.lookup("US") is None and graph.lookup("STU LI") is None
    assert graph.lookup("Lenin") is None
    assert _type(graph, "Barys Arena") is EntityType.PLACE
    assert _type(graph, "Matchroom Boxing") is EntityType.ORGANISATION
    institute = "Institute of Geological Sciences of the Academy of Sciences of the Kazakh SSR"
    assert _type(graph, institute) is EntityType.ORGANISATION
    assert _type(graph, "Aidos Serikov") is EntityType.PERSON


def test_a_body_under_the_president_and_a_chemical_complex() -> None:
    graph = _graph(
        "ALMATY, 18 November 2026 — The Agency for Statistics under the President of the "
        "Republic of Uzbekistan said the Ustyurt Gas Chemical Complex grew.",
    )
    agency = "Agency for Statistics under the President of the Republic of Uzbekistan"
    assert _type(graph, agency) is EntityType.ORGANISATION
    assert _type(graph, "Ustyurt Gas Chemical Complex") is EntityType.PLACE
    assert _type(graph, "Almaty") is EntityType.PLACE


def test_exchanges_are_organisations_and_a_ticker_is_no_name() -> None:
    graph = _graph("Its shares trade on the Nasdaq under the ticker STPX.")
    assert _type(graph, "Nasdaq") is EntityType.ORGANISATION
    assert graph.lookup("STPX") is None


def test_a_related_story_link_is_read_as_a_headline() -> None:
    graph = _graph(
        "Read also: Kazakh Court Jails Blogger Over Post",
        "Photo by Daniyar Mussirov on Unsplash",
    )
    assert graph.lookup("Kazakh Court Jails Blogger") is None
    assert _type(graph, "Unsplash") is EntityType.ORGANISATION


def test_central_asian_ministries_committees_and_documents() -> None:
    graph = _graph(
        "The Ministry of Labour, Migration and Employment of Population of Tajikistan and "
        "the Committee on Budget, Economy and Fiscal Policy met.",
        "Both are parties to the Convention on the Protection and Use of Transboundary "
        "Watercourses and International Lakes.",
    )
    surfaces = {m.surface for e in graph.entities() for m in graph.mentions(e.id)}
    assert "Ministry of Labour, Migration and Employment of Population of Tajikistan" in surfaces
    assert "Committee on Budget, Economy and Fiscal Policy" in surfaces
    assert graph.lookup("Transboundary Watercourses") is None and graph.lookup("Lakes") is None


def test_facilities_of_towns_and_towns_named_after_people() -> None:
    graph = _graph(
        "Gas flows through the Beineu compressor station; Mehrangez Tursunzoda, an engineer, "
        "works in Tursunzoda and in Shevchenko, as Aktau was called.",
    )
    assert _type(graph, "Beineu compressor station") is EntityType.PLACE
    assert graph.lookup("Beineu") is None  # the town is not mentioned
    assert _type(graph, "Mehrangez Tursunzoda") is EntityType.PERSON
    assert _type(graph, "Tursunzoda") is EntityType.PLACE
    assert graph.lookup("Shevchenko") == graph.lookup("Aktau")


def test_a_republics_ministry_and_a_national_companys_form() -> None:
    graph = _graph(
        "Officials of the Ministry of Energy and Water Resources of the Republic of Tajikistan "
        "met NAC Kazatomprom JSC in Almaty.",
    )
    ministry = graph.lookup("Ministry of Energy and Water Resources of the Republic of Tajikistan")
    assert ministry is not None and ministry.name.endswith("of Tajikistan")
    assert graph.lookup("Tajikistan") is None  # part of the ministry's name
    kazatomprom = graph.lookup("Kazatomprom")
    assert kazatomprom is not None and kazatomprom.name == "Kazatomprom"
