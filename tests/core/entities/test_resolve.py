"""Resolution on the seeds: what is merged, what is kept apart, and why."""

from __future__ import annotations

from conftest import article_id

from kzreader.core.entities import EntityGraph, EntityType


def _at(graph: EntityGraph, article: str, paragraph: int, surface: str) -> str:
    (found,) = [
        m for m in graph.mentions_in(article) if m.paragraph == paragraph and m.surface == surface
    ]
    return found.entity_id


def test_two_ministries_called_mvd_are_told_apart(seeds, seed_graph) -> None:
    a000 = article_id(seeds, "000")
    kazakh = "organisation:ministry-of-internal-affairs-of-kazakhstan"
    russian = "organisation:ministry-of-internal-affairs-of-russia"
    assert _at(seed_graph, a000, 15, "Interior Ministry") == kazakh  # "Kazakh Interior Ministry"
    assert _at(seed_graph, a000, 15, "MVD") == kazakh  # "(MVD)" defined there
    assert _at(seed_graph, a000, 16, "MVD") == kazakh  # "the MVD said"
    assert _at(seed_graph, a000, 21, "MVD") == russian  # "a Russian MVD official"
    assert _at(seed_graph, a000, 26, "MVD") == russian  # "Russia's [MVD]"
    assert {e.id for e in seed_graph.lookup_all("MVD")} == {kazakh, russian}


def test_renaming_acronyms_and_transliterations_merge(seeds, seed_graph) -> None:
    astana = seed_graph.lookup("Nur-Sultan")
    assert astana is not None and astana.name == "Astana"
    knb = seed_graph.lookup("KNB")
    assert knb is seed_graph.lookup("National Security Committee")
    assert knb is not None and len(knb.articles) == 2  # 001 says the name, 003 both
    csto = seed_graph.lookup("CSTO")
    assert csto is not None and csto.name == "Collective Security Treaty Organization"
    tokayev = seed_graph.lookup("Kassym-Zhomart Tokayev")
    assert tokayev is not None and tokayev.name == "Kassym-Jomart Tokayev"
    assert {"Tokayev", "Kassym-Zhomart Tokayev"} <= set(tokayev.aliases)
    assert seed_graph.lookup("Токаев") is tokayev
    assert seed_graph.lookup("Evgeny Fedorov") is seed_graph.lookup("Evgeny Fyodorov")


def test_what_differs_is_not_merged(seed_graph) -> None:
    city, region = seed_graph.lookup("Karaganda"), seed_graph.lookup("Karaganda province")
    assert city is not None and region is not None and city.id != region.id
    nazarbayev, astana = seed_graph.lookup("Nursultan Nazarbayev"), seed_graph.lookup("Nur-Sultan")
    assert nazarbayev is not None and astana is not None
    assert (nazarbayev.type, astana.type) == (EntityType.PERSON, EntityType.PLACE)
    evgenia, elena = seed_graph.lookup("Evgenia Potopa"), seed_graph.lookup("Elena Potopa")
    assert evgenia is not None and elena is not None and evgenia.id != elena.id


def test_surnames_first_names_patronymics_and_a_typo_join_the_full_name(seed_graph) -> None:
    kotov = seed_graph.lookup("Aleksei Kotov")
    assert kotov is not None and "Kotov" in kotov.aliases
    # "Aleksei" alone is his mention here, but never his alias: search widens by aliases,
    # and a first name is shared by many people.
    assert "Aleksei" not in kotov.aliases
    assert "Aleksei" in {m.surface for m in seed_graph.mentions(kotov.id)}
    zhovtis = seed_graph.lookup("Yevgeny Zhovtis")
    assert zhovtis is not None
    assert {"Zhovtis", "Zovtis", "Yevgeny Alexandrovich"} <= set(zhovtis.aliases)
    putin = seed_graph.lookup("Putin")
    assert putin is not None and "Vladimir Vladimirovich" in putin.aliases
    hakobyan = seed_graph.lookup("Albert Hakobyan")
    assert hakobyan is not None and "Urumov" in hakobyan.aliases


def test_comment_only_entities_are_flagged(seeds, seed_graph) -> None:
    red_army = seed_graph.lookup("Red Army")
    assert red_army is not None and red_army.comments_only
    mentions = seed_graph.mentions(red_army.id)
    assert mentions and all(m.in_comment for m in mentions)
    kotov = seed_graph.lookup("Kotov")
    assert kotov is not None and not kotov.comments_only
    ussr = seed_graph.lookup("USSR")
    assert ussr is not None and not ussr.comments_only  # in 000's comments, 001's text
    assert any(m.in_comment for m in seed_graph.mentions(ussr.id))


def test_types_come_from_votes_across_the_corpus(seed_graph) -> None:
    expected = {
        "Chatroulette": EntityType.ORGANISATION,  # "the Chatroulette website"
        "Shet district": EntityType.PLACE,
        "Bekdash": EntityType.PLACE,  # listed with Balkhash and Baikonur
        "Timur": EntityType.PERSON,  # "taxi driver Timur"
        "People's Anticorruption Committee": EntityType.ORGANISATION,
        "Strategy center for social and political research": EntityType.ORGANISATION,
    }
    for name, type_ in expected.items():
        entity = seed_graph.lookup(name)
        assert entity is not None and entity.type is type_, name
    for word in (
        "Police",
        "Nostalgia",
        "Borat",
        "Criminal Code",
        "Kazakh",
        "President",
        "November",
    ):
        assert seed_graph.lookup(word) is None, word
