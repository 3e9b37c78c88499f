"""Detection in single paragraphs: what is a name, where it is, what it looks like."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzreader.core.corpus.model import Kind, Paragraph
from kzreader.core.entities import Detector, EntityGraph
from kzreader.core.entities.candidate import Candidate


def detect(text: str, kind: Kind = Kind.BODY, heading: bool = False) -> list[Candidate]:
    out: list[Candidate] = []
    Detector().detect_paragraph(Paragraph(1, kind, text, heading), out)
    return out


def surfaces(text: str, **kwargs) -> list[str]:
    return [c.surface for c in detect(text, **kwargs)]


def test_offsets_point_at_the_surface(seeds) -> None:
    detector = Detector()
    total = 0
    for article_id in seeds.ids:
        article = seeds.article(article_id)
        for cand in detector.detect(article):
            text = article.paragraph(cand.paragraph).text
            assert text[cand.start : cand.end] == cand.surface
            assert not cand.surface.endswith(("'s", "’s"))
            total += 1
    assert total > 500


def test_titles_and_honorifics_are_not_part_of_names() -> None:
    found = detect("Kazakh President Kassym-Jomart Tokayev met Mr.Tokayev and MP Aidar Sultanov.")
    assert [c.surface for c in found] == ["Kassym-Jomart Tokayev", "Tokayev", "Aidar Sultanov"]
    text = "Mr.Tokayev"
    (tokayev,) = detect(text)
    assert (tokayev.start, tokayev.end) == (3, 10)


def test_demonyms_and_adjectives_are_not_entities() -> None:
    text = (
        "A Kazakh farmer, a Russian worker and Soviet legacy: the Putinite arsenal of "
        "Kazakhstani officials and pro-Russian Cossacks."
    )
    assert surfaces(text) == []


def test_possessive_is_stripped() -> None:
    assert surfaces("It was Russia’s foreign ministry and Tokayev's decision.") == [
        "Russia",
        "foreign ministry",
        "Tokayev",
    ]


def test_sentence_initial_and_heading_words_are_only_candidates() -> None:
    graph = EntityGraph.from_articles([_article(["Police arrested him.", "Nostalgia for it"])])
    assert graph.entities() == []


def test_real_name_in_heading_is_kept() -> None:
    from kzreader.core.corpus.model import Article

    article = Article(
        "a", None, "t", None, None, None,  # type: ignore[arg-type]
        (
            Paragraph(1, Kind.BODY, "Kotov's tall tale", heading=True),
            Paragraph(2, Kind.BODY, "The farmer said Aleksei Kotov lied."),
        ),
        "x",
    )  # fmt: skip
    graph = EntityGraph.from_articles([article])
    (kotov,) = graph.entities()
    assert kotov.name == "Aleksei Kotov" and kotov.mentions == 2


def test_cue_words_type_unknown_names() -> None:
    graph = EntityGraph.from_articles(
        [
            _article(
                [
                    "In the city of Zharkol the Ospanov Committee met.",
                    "Residents of Bayterek district told the Tengri Daily newspaper.",
                    "Analyst Marlen Abishev said the Kumkol website was closed.",
                ]
            )
        ]
    )
    types = {e.name: str(e.type) for e in graph.entities()}
    assert types == {
        "Zharkol": "place",
        "Ospanov Committee": "organisation",
        "Bayterek district": "place",
        "Tengri Daily": "organisation",
        "Marlen Abishev": "person",
        "Kumkol": "organisation",
    }


def test_dateline_in_capitals_is_a_place() -> None:
    graph = EntityGraph.from_articles(
        [_article(["SHALKAR, Kazakhstan -- People in Shalkar waited."])]
    )
    assert {e.name for e in graph.entities()} == {"Shalkar", "Kazakhstan"}


def test_a_street_named_after_a_person_is_a_place() -> None:
    graph = EntityGraph.from_articles([_article(["They marched on Lenin Street."])])
    (street,) = graph.entities()
    assert (street.name, str(street.type)) == ("Lenin Street", "place")


def test_shouting_comment_is_not_a_list_of_acronyms() -> None:
    text = "CHUR, CHURBAN and CHURKA are words, and a LOWLY renegade had no FLAG."
    assert surfaces(text, kind=Kind.COMMENT) == []


def _article(texts: list[str], article_id: str = "t"):
    from kzreader.core.corpus.model import Article

    paragraphs = tuple(
        Paragraph(i + 1, Kind.BODY, text, heading=not text.endswith("."))
        for i, text in enumerate(texts)
    )
    return Article(article_id, None, "t", None, None, None, paragraphs, article_id)  # type: ignore[arg-type]


_ALPHABET = "aAbBkKzZ Mr.-’'()[]«»,;:!?\n0123 ТоқаевКАЗ" + "TokayevNur-SultanKNB"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=80), min_size=1, max_size=4))
def test_any_text_gives_consistent_offsets(texts: list[str]) -> None:
    article = _article([t + "." for t in texts])
    graph = EntityGraph.from_articles([article])
    for mention in graph.mentions_in(article.id):
        text = article.paragraph(mention.paragraph).text
        assert text[mention.start : mention.end] == mention.surface
        assert graph.entity(mention.entity_id) is not None


def test_cyrillic_text_is_read() -> None:
    # Nominative forms only: Russian case endings (Путиным, в Астане) are not undone.
    graph = EntityGraph.from_articles(
        [_article(["Токаев: «Астана готова».", "Tokayev met Putin in Nur-Sultan."])]
    )
    tokayev = graph.lookup("Kassym-Jomart Tokayev")
    assert tokayev is not None and tokayev.mentions == 2
    assert graph.lookup("Астана") is graph.lookup("Astana") is not None
