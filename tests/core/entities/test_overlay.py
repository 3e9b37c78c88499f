"""The user's overlay: merge, rename, retype, hide; kept across re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph, EntityType, Overlay, OverlayError
from kzreader.core.paths import DataPaths


@pytest.fixture
def overlay_file() -> Path:
    return DataPaths.resolve().overlay_file  # inside the test's KZREADER_HOME


def test_missing_overlay_is_empty(overlay_file: Path) -> None:
    overlay = Overlay.load(overlay_file)
    assert overlay.operations == () and overlay.error is None


def test_operations_apply_and_survive_reextraction(
    seeds: Corpus, seed_graph: EntityGraph, overlay_file: Path, tmp_path: Path
) -> None:
    timur = seed_graph.lookup("Timur")
    bokeria = seed_graph.lookup("Giga Bokeria")
    european = seed_graph.lookup("European Georgia")
    vaz, gaz = seed_graph.lookup("VAZ"), seed_graph.lookup("GAZ")
    assert timur and bokeria and european and vaz and gaz
    overlay = Overlay.load(overlay_file)
    overlay = overlay.rename(timur, "Timur (taxi driver)")
    overlay = overlay.retype(european, "place")
    overlay = overlay.merge(gaz, vaz)
    overlay = overlay.hide(bokeria)
    assert len(overlay.operations) == 4
    on_disk = yaml.safe_load(overlay_file.read_text(encoding="utf-8"))
    assert [op["op"] for op in on_disk["operations"]] == ["rename", "retype", "merge", "hide"]

    cache = tmp_path / "cache"
    for _ in range(2):  # extracted, then from the cache: the overlay applies both times
        graph = EntityGraph.build(seeds, cache_dir=cache, overlay=overlay_file, use_ner=False)
        renamed = graph.entity(timur.id)
        assert renamed is not None and renamed.name == "Timur (taxi driver)"
        assert "Timur" in renamed.aliases and graph.lookup("Timur") is renamed
        assert graph.entity(european.id).type is EntityType.PLACE  # type: ignore[union-attr]
        merged = graph.entity(vaz.id)
        assert merged is not None and "GAZ" in merged.aliases and merged.mentions == 2
        assert graph.entity(gaz.id) is None and graph.lookup("GAZ") is merged
        assert graph.entity(bokeria.id) is None and graph.lookup("Giga Bokeria") is None
        assert {m.entity_id for m in graph.mentions(vaz.id)} == {vaz.id}


def test_an_operation_can_be_undone(seeds: Corpus, overlay_file: Path) -> None:
    overlay = Overlay.load(overlay_file).hide("person:aleksei-kotov").hide("person:timur")
    overlay = overlay.remove(0)
    assert [op.entity for op in Overlay.load(overlay_file).operations] == ["person:timur"]
    graph = EntityGraph.build(seeds, overlay=overlay_file, use_ner=False)
    assert graph.lookup("Kotov") is not None and graph.lookup("Timur") is None
    with pytest.raises(OverlayError):
        overlay.remove(5)


def test_operation_finds_its_entity_by_name_when_the_id_changed(seeds: Corpus) -> None:
    text = (
        "version: 1\noperations:\n"
        "- {op: hide, entity: 'person:old-id-of-kotov', name: Aleksei Kotov}\n"
        "- {op: rename, entity: 'person:gone', name: Nobody Atall, to: X}\n"
    )
    from kzreader.core.entities.overlay import parse_operations

    overlay = Overlay(None, parse_operations(text))
    graph = EntityGraph.build(seeds, overlay=overlay, use_ner=False)
    assert graph.lookup("Kotov") is None
    assert graph.report is not None
    assert any("Nobody Atall" in m and "no such entity" in m for m in graph.report.messages)


@pytest.mark.parametrize(
    "text",
    [
        "operations: [\n",  # not YAML
        "- just a list\n",  # not a mapping
        "operations:\n- {op: explode, entity: x}\n",  # unknown op
        "operations:\n- {op: retype, entity: x, to: planet}\n",  # unknown type
        "operations:\n- {op: merge, entity: x}\n",  # merge without a target
    ],
)
def test_broken_overlay_is_reported_and_never_overwritten(
    seeds: Corpus, overlay_file: Path, text: str
) -> None:
    overlay_file.parent.mkdir(parents=True, exist_ok=True)
    overlay_file.write_text(text, encoding="utf-8")
    overlay = Overlay.load(overlay_file)
    assert overlay.error is not None and str(overlay_file) in overlay.error
    assert "\n" not in overlay.error
    graph = EntityGraph.build(seeds, overlay=overlay, use_ner=False)
    assert graph.report is not None and overlay.error in graph.report.messages
    assert graph.lookup("Kotov") is not None  # extraction goes on without the overlay
    with pytest.raises(OverlayError):
        overlay.hide("person:aleksei-kotov")
    assert overlay_file.read_text(encoding="utf-8") == text


def test_invalid_edits_are_refused(overlay_file: Path) -> None:
    overlay = Overlay.load(overlay_file)
    with pytest.raises(OverlayError):
        overlay.rename("person:x", "   ")
    with pytest.raises(ValueError):
        overlay.retype("person:x", "planet")
    assert not overlay_file.exists()
    with pytest.raises(OverlayError):
        Overlay().hide("person:x")  # no file to write to
