"""Graphs of one or two articles built from sentences, for the tests of single rules."""

from __future__ import annotations

from pathlib import Path

from kzreader.core.corpus.model import Article, Kind, Paragraph
from kzreader.core.entities import EntityGraph, EntityType


def article(name: str, *texts: str) -> Article:
    """An article whose paragraphs are ``texts``, all body text."""
    paragraphs = tuple(Paragraph(i + 1, Kind.BODY, text, False) for i, text in enumerate(texts))
    return Article(name, Path(f"{name}.txt"), name, None, None, None, paragraphs, name)


def graph(*texts: str) -> EntityGraph:
    """The graph of one article of these paragraphs."""
    return EntityGraph.from_articles([article("t", *texts)], use_ner=False)


def headline_graph(title: str, body: str) -> EntityGraph:
    """The graph of one article with a title-case headline and one paragraph."""
    paragraphs = (Paragraph(1, Kind.TITLE, title, True), Paragraph(2, Kind.BODY, body, False))
    found = Article("t", Path("t.txt"), "t", None, None, None, paragraphs, "t")
    return EntityGraph.from_articles([found], use_ner=False)


def entity_type(found: EntityGraph, name: str) -> EntityType | None:
    """The type of the entity called ``name``, or None when there is none."""
    entity = found.lookup(name)
    return entity.type if entity is not None else None


def surfaces(found: EntityGraph, name: str) -> set[str]:
    """How the text calls the entity ``name`` (which must exist)."""
    entity = found.lookup(name)
    assert entity is not None, name
    return {m.surface for m in found.mentions(entity.id)}


def names(found: EntityGraph) -> set[str]:
    """The names of every entity in the graph."""
    return {e.name for e in found}
