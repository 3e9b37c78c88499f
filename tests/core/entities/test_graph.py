"""The graph API the sidebar and the index use, and its per-article cache."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from conftest import article_id

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import Cancelled, EntityGraph, EntityType, RelatedArticle, context


def test_entities_most_mentioned_first_and_filtered(seeds, seed_graph) -> None:
    everything = seed_graph.entities()
    counts = [e.mentions for e in everything]
    assert counts == sorted(counts, reverse=True)
    assert everything[0].name == "Kazakhstan"
    people = seed_graph.entities(type="person")
    assert people and all(e.type is EntityType.PERSON for e in people)
    assert seed_graph.entities(type="org") == seed_graph.entities(type=EntityType.ORGANISATION)
    a003 = article_id(seeds, "003")
    here = seed_graph.entities(article=a003)
    assert all(a003 in e.articles for e in here)
    local = seed_graph.counts(a003)
    assert [local[e.id] for e in here] == sorted((local[e.id] for e in here), reverse=True)
    assert here[0].name == "Kazakhstan"


def test_entity_ids_are_stable_slugs(seed_graph) -> None:
    tokayev = seed_graph.lookup("Tokayev")
    assert tokayev is not None and tokayev.id == "person:kassym-jomart-tokayev"
    assert seed_graph.entity(tokayev.id) is tokayev
    assert seed_graph.lookup(tokayev.id) is tokayev
    assert seed_graph.entity("person:nobody") is None


def test_mentions_are_a_concordance(seeds, seed_graph) -> None:
    kotov = seed_graph.lookup("Kotov")
    assert kotov is not None
    mentions = seed_graph.mentions(kotov.id)
    assert len(mentions) == kotov.mentions
    article = seeds.article(kotov.articles[0])
    for mention in mentions:
        _before, quote, _after = context(article, mention, width=20)
        assert quote == mention.surface and quote in ("Kotov", "Aleksei Kotov", "Aleksei")
    in_article = seed_graph.mentions_in(kotov.articles[0])
    assert [(m.paragraph, m.start) for m in in_article] == sorted(
        (m.paragraph, m.start) for m in in_article
    )
    assert set(mentions) <= set(in_article)


def test_related_articles_rank_by_shared_rare_entities(seeds, seed_graph) -> None:
    a002, a004 = article_id(seeds, "002"), article_id(seeds, "004")
    related = seed_graph.related_articles(a002)
    assert all(isinstance(r, RelatedArticle) for r in related)
    assert related[0].article == a004  # same author, CSTO, EU, Telegram, Tokayev, …
    assert related == sorted(related, key=lambda r: -r.score)
    _other, score, shared = related[0]
    assert "person:akhas-tazhutov" in shared and score > 0
    assert all(a002 in seed_graph.entity(i).articles for i in shared)  # type: ignore[union-attr]
    assert seed_graph.related_articles("no-such-article") == []


def test_cooccurring_entities(seed_graph) -> None:
    kotov = seed_graph.lookup("Kotov")
    assert kotov is not None
    together = dict(seed_graph.cooccurring(kotov.id))
    assert together[seed_graph.lookup("Kazakhstan").id] >= 2  # type: ignore[union-attr]
    assert kotov.id not in together
    assert seed_graph.lookup("Tokayev").id not in together  # type: ignore[union-attr]


def test_lookup_any_alias_any_spelling(seed_graph) -> None:
    medvedev = seed_graph.lookup("Dmitry Medvedev")
    for name in ("medvedev", "Медведев", "  MEDVEDEV ", "Mr.Medvedev", "Medvedev’s"):
        assert seed_graph.lookup(name) is medvedev, name
    assert seed_graph.lookup("no such name at all") is None
    assert seed_graph.lookup("Medvedev", type="person") is medvedev
    assert seed_graph.lookup("Medvedev", type="org") is None
    assert [e.name for e in seed_graph.lookup_all("MVD", type="organisation")] == [
        "Ministry of Internal Affairs of Kazakhstan",
        "Ministry of Internal Affairs of Russia",
    ]


def test_json_shape(seed_graph) -> None:
    data = seed_graph.to_json(type="place")
    first = data["entities"][0]
    assert set(first) == {"id", "name", "type", "aliases", "articles", "mentions", "comments_only"}
    assert first["type"] == "place"


def test_cache_makes_an_unchanged_corpus_free(seeds_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = EntityGraph.build(Corpus.open(seeds_copy), cache_dir=cache, use_ner=False)
    assert first.report is not None and first.report.extracted == 5
    assert len(list(cache.glob("articles/*.json"))) == 5
    assert (cache / "corpus.json").is_file()
    second = EntityGraph.build(Corpus.open(seeds_copy), cache_dir=cache, use_ner=False)
    assert second.report is not None and (second.report.cached, second.report.extracted) == (5, 0)
    assert second.to_json() == first.to_json()

    # One changed article is extracted again; a corrupt cache file is recomputed.
    changed = sorted(seeds_copy.glob("003_*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAsel Nurova met Bolat Zhunusov.\n")
    broken = sorted(cache.glob("articles/001_*.json"))[0]
    broken.write_text("{not json", encoding="utf-8")
    third = EntityGraph.build(Corpus.open(seeds_copy), cache_dir=cache, use_ner=False)
    assert third.report is not None and (third.report.cached, third.report.extracted) == (3, 2)
    assert (cache / "corpus.json").is_file()
    assert third.lookup("Asel Nurova") is not None

    # An article that leaves the corpus leaves the cache too.
    sorted(seeds_copy.glob("004_*.txt"))[0].unlink()
    EntityGraph.build(Corpus.open(seeds_copy), cache_dir=cache, use_ner=False)
    assert len(list(cache.glob("articles/*.json"))) == 4

    # An unchanged corpus starts from the resolved snapshot: no article file is read.
    shutil.rmtree(cache / "articles")
    warm = EntityGraph.build(Corpus.open(seeds_copy), cache_dir=cache, use_ner=False)
    assert warm.report is not None and (warm.report.cached, warm.report.extracted) == (4, 0)
    assert warm.lookup("Asel Nurova") is not None and not (cache / "articles").exists()


def test_build_reports_progress_and_can_be_cancelled(seeds) -> None:
    seen: list[tuple[int, int]] = []
    EntityGraph.build(seeds, use_ner=False, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5) and len(seen) == 5
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        EntityGraph.build(seeds, use_ner=False, cancel=cancel)


def test_unwritable_cache_only_costs_speed(seeds, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    graph = EntityGraph.build(seeds, cache_dir=blocker / "entities", use_ner=False)
    assert graph.report is not None
    assert any("entity cache not written" in m for m in graph.report.messages)
    assert graph.lookup("Kotov") is not None
    shutil.rmtree(tmp_path / "none", ignore_errors=True)


def test_article_gone_since_the_scan_is_reported(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzreader.core.corpus.reading import ArticleError

    corpus = Corpus.open(seeds_copy)
    read = corpus.article

    def article(article_id: str):  # type: ignore[no-untyped-def]
        if article_id.startswith("003_"):
            raise ArticleError("skipped: cannot be read (No such file or directory)")
        return read(article_id)

    monkeypatch.setattr(corpus, "article", article)
    graph = EntityGraph.build(corpus, use_ner=False)
    assert graph.report is not None
    assert any(m.startswith("003_") and "no entities" in m for m in graph.report.messages)
    assert graph.lookup("Zhovtis") is None and graph.lookup("Kotov") is not None
