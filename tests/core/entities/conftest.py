"""Fixtures for the entity tests: the seeds' graph is built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.reading import read_article
from kzreader.core.entities import EntityGraph
from kzreader.core.paths import bundled_seeds

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    return Corpus.open(bundled_seeds())


@pytest.fixture(scope="session")
def seed_graph(seeds: Corpus) -> EntityGraph:
    """The seeds' graph with no cache, no overlay and no model: the default pipeline."""
    return EntityGraph.build(seeds, use_ner=False)


@pytest.fixture(scope="session")
def extra_articles() -> list:
    return [read_article(p, p.stem)[0] for p in sorted((FIXTURES / "extra").glob("*.txt"))]


def copies_of_seeds(out: Path, copies: int) -> Path:
    """A folder of the seeds, each under ``copies`` names: a corpus that links across them."""
    out.mkdir()
    for path in sorted(bundled_seeds().glob("*.txt")):
        for copy in range(copies):
            shutil.copy(path, out / f"{copy}_{path.name}")
    return out


def article_id(corpus: Corpus, prefix: str) -> str:
    (found,) = [i for i in corpus.ids if i.startswith(prefix)]
    return found
