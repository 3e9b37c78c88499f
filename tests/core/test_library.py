"""The Library wires a folder once: the stages in order, the graph handed to the index."""

from __future__ import annotations

from pathlib import Path

from kzreader.core.library import Library
from kzreader.core.paths import DataPaths


def _library(folder: Path, tmp_path: Path) -> Library:
    return Library(folder, DataPaths.resolve(tmp_path / "data"))


def test_stages_build_a_searchable_collection_with_its_overlay(
    seeds_copy: Path, tmp_path: Path
) -> None:
    library = _library(seeds_copy, tmp_path)
    assert library.list_catalog() is None  # nothing scanned yet: no catalog
    library.collection = library.open_collection()
    corpus = library.corpus = library.scan()
    assert len(corpus) == 5
    assert library.list_catalog() is not None  # the scan wrote the catalog
    assert library.index_dir.is_relative_to(tmp_path / "data")

    graph = library.build_entities(corpus)
    tokayev = graph.lookup("Tokayev")
    assert tokayev is not None
    # The overlay is the collection's: a rename there shows in the next build.
    library.load_overlay().rename(tokayev, "President Tokayev")
    renamed = library.build_entities(corpus).lookup("Tokayev")
    assert renamed is not None and renamed.name == "President Tokayev"

    index = library.open_search(corpus)
    try:
        library.search = index
        assert index.entities is None  # no graph installed yet
        library.entities = graph
        assert index.entities is graph  # installing the graph hands it to the index
        assert index.search("person:Tokayev").total >= 1
    finally:
        library.close()
    assert library.search is None


def test_a_new_index_gets_the_graph_already_installed(seeds_copy: Path, tmp_path: Path) -> None:
    library = _library(seeds_copy, tmp_path)
    corpus = library.corpus = library.scan()
    library.entities = graph = library.build_entities(corpus)
    library.search = index = library.open_search(corpus)
    try:
        assert index.entities is graph
    finally:
        library.close()


def test_issues_are_told_once(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nSome text about Astana.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    library = _library(folder, tmp_path)
    library.collection = library.open_collection()
    corpus = library.scan()
    assert [Path(issue.path).name for issue in library.unseen_issues(corpus)] == ["empty.txt"]
    assert list(library.unseen_issues(library.scan())) == []  # shown once, until it changes
