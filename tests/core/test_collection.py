"""Collections: one folder's data apart from another's, a moved folder keeps its data,
the old global files migrated once without loss, and file warnings shown once."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from seed_ids import A001, A003

from kzreader.core.bookmarks import Bookmark, BookmarkStore, make_anchor
from kzreader.core.collection import Collections, similarity, sketch
from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph, Overlay
from kzreader.core.entities.overlay import OverlayOp
from kzreader.core.migrate import folder_ids, open_collection
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.core.state import ReadingState
from kzreader.core.warned import unseen

SEEDS = bundled_seeds()


def paths() -> DataPaths:
    return DataPaths.resolve()  # the test's own KZREADER_HOME


def folder(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


ASTANA = {
    "note1.txt": "Astana news\n\nAstana is the capital. Tokayev spoke on Monday.\n",
    "note2.txt": "Almaty weather\n\nIt snowed in Almaty on Tuesday, the city said.\n",
}


# -- fingerprints -------------------------------------------------------------------


def test_similarity_is_exact_for_small_sets_and_close_for_large_ones() -> None:
    assert similarity(sketch(["a", "b", "c"]), sketch(["b", "c", "d"])) == pytest.approx(0.5)
    assert similarity(sketch([]), sketch([])) == 0.0
    rng = random.Random(18)
    for _ in range(30):  # differential: the estimate against the exact Jaccard overlap
        universe = [f"{n:03d}_{rng.getrandbits(40):x}" for n in range(3000)]
        first = set(rng.sample(universe, 1500))
        second = set(rng.sample(universe, 1500))
        exact = len(first & second) / len(first | second)
        assert abs(similarity(sketch(first), sketch(second)) - exact) < 0.2


# -- the registry -------------------------------------------------------------------


def test_two_folders_are_two_collections_and_a_path_is_found_again(tmp_path: Path) -> None:
    one = folder(tmp_path / "one", ASTANA)
    two = folder(tmp_path / "two", ASTANA)
    registry = Collections(paths())
    first = registry.open(one, folder_ids(one))
    second = registry.open(two, folder_ids(two))
    assert first.id != second.id and first.folder != second.folder
    assert first.bookmarks_file.parent == first.folder and first.folder.is_dir()
    assert registry.open(one).id == first.id == registry.find(one).id
    assert registry.planned(one) == registry.find(one)
    assert not registry.needs_ids(one)


def test_a_moved_folder_keeps_its_collection_a_copy_does_not(tmp_path: Path) -> None:
    original = shutil.copytree(SEEDS, tmp_path / "articles")
    registry = Collections(paths())
    before = registry.open(original, folder_ids(original))
    copy = shutil.copytree(original, tmp_path / "copy")
    assert registry.open(copy, folder_ids(copy)).id != before.id  # both exist: a copy
    moved = original.rename(tmp_path / "renamed")
    (moved / f"{A003}.txt").unlink()  # moved and changed a little: still the same
    assert registry.needs_ids(moved)
    planned = registry.planned(moved)
    found = registry.open(moved, folder_ids(moved))
    assert (found.id, found.moved_from) == (before.id, str(original))
    assert planned.id != found.id  # the app reads its state again when told
    assert found.notices and "came with it" in found.notices[0]
    assert registry.find(moved).id == before.id and registry.find(original) is None


def test_only_a_folder_with_the_same_articles_is_taken_for_a_moved_one(tmp_path: Path) -> None:
    gone = shutil.copytree(SEEDS, tmp_path / "gone")
    registry = Collections(paths())
    old = registry.open(gone, folder_ids(gone))
    shutil.rmtree(gone)
    other = folder(tmp_path / "other", ASTANA)
    assert registry.open(other, folder_ids(other)).id != old.id
    # A collection is keyed by its folder first: at the same path, it is the same one
    # (a folder whose articles all changed keeps its history and corrections).
    again = folder(tmp_path / "gone", ASTANA)
    assert registry.open(again, folder_ids(again)).id == old.id


def test_an_unreadable_registry_is_left_alone(tmp_path: Path) -> None:
    registry_file = paths().collections_file
    registry_file.parent.mkdir(parents=True, exist_ok=True)
    registry_file.write_text("collections: [unclosed\n", encoding="utf-8")
    collection = open_collection(paths(), folder(tmp_path / "one", ASTANA))
    assert any("not valid YAML" in n for n in collection.notices)
    assert registry_file.read_text(encoding="utf-8") == "collections: [unclosed\n"


# -- migrating the old global files -----------------------------------------------------


def bookmark(corpus: Corpus, article: str, paragraph: int, mark_id: str) -> Bookmark:
    anchor = make_anchor(corpus.article(article), paragraph)
    return Bookmark(mark_id, anchor, note=mark_id, created="2026-11-01T10:00:00Z")


def legacy_home(other: Path) -> list[Bookmark]:
    """Old global files as an earlier kzreader left them, for the seeds and ``other``."""
    seeds, mine = Corpus.open(SEEDS), Corpus.open(other)
    lost = bookmark(seeds, A003, 2, "lost0001")  # kept for a folder opened later
    marks = [
        bookmark(seeds, A001, 5, "seed0001"),
        bookmark(mine, "note1", 2, "other001"),
        replace(lost, anchor=replace(lost.anchor, article="gone_article")),
    ]
    BookmarkStore.open(paths().bookmarks_file).take_in(marks)
    Overlay(paths().overlay_file).append(
        OverlayOp("rename", "person:timur", "Timur", "Timur the driver")
    )
    state = ReadingState(paths().state_file)
    state.set_position(str(SEEDS.resolve()), A003, 14)
    state.add_search("putin")
    assert state.save() is None
    return marks


def test_old_global_files_go_to_their_collections_once_without_loss(tmp_path: Path) -> None:
    other = folder(tmp_path / "other", ASTANA)
    marks = legacy_home(other)
    original = paths().bookmarks_file.read_bytes()

    mine = open_collection(paths(), other)
    seeds = Collections(paths()).find(SEEDS)
    assert seeds is not None  # the bundled articles were migrated too, the first time
    assert [b.id for b in BookmarkStore.open(mine.bookmarks_file)] == ["other001"]
    assert [b.id for b in BookmarkStore.open(seeds.bookmarks_file)] == ["seed0001"]
    assert [b.id for b in BookmarkStore.open(paths().bookmarks_file)] == ["lost0001"]
    kept = paths().bookmarks_file.with_name("bookmarks.yaml.pre-collections")
    assert kept.read_bytes() == original  # the old file as it was, kept
    assert any("1 bookmark moved here" in n for n in mine.notices)
    assert any("1 bookmark(s) of articles in no known folder" in n for n in mine.notices)

    # The correction is about a name only the bundled articles mention.
    assert not mine.overlay_file.exists()
    assert [op.to for op in Overlay.load(seeds.overlay_file).operations] == ["Timur the driver"]
    assert not paths().overlay_file.exists()
    assert paths().overlay_file.with_name("overlay.yaml.migrated").exists()

    # Positions went to the folder they were kept for, under its collection's id.
    state, _ = ReadingState.load(seeds.state_file)
    assert state.position(seeds.id, A003) == 14 and state.last_article(seeds.id) == A003
    assert state.history == ["putin"]
    assert not paths().state_file.exists()

    # Once: opening again moves nothing and says nothing.
    again = open_collection(paths(), other)
    assert again.notices == ()
    assert len(BookmarkStore.open(mine.bookmarks_file)) == 1

    # The unclaimed bookmark moves when a folder with its article is opened.
    later = folder(tmp_path / "later", {"gone_article.txt": "Gone\n\nIt was here.\n"})
    claimed = open_collection(paths(), later)
    assert [b.id for b in BookmarkStore.open(claimed.bookmarks_file)] == ["lost0001"]
    assert not paths().bookmarks_file.exists()
    everything = {
        b.id
        for c in (mine, seeds, claimed)
        for b in BookmarkStore.open(c.bookmarks_file)  # type: ignore[union-attr]
    }
    assert everything == {m.id for m in marks}


def test_the_other_folder_hears_nothing_of_the_bundled_corrections(tmp_path: Path) -> None:
    other = folder(tmp_path / "other", ASTANA)
    legacy_home(other)
    mine = open_collection(paths(), other)
    graph = EntityGraph.build(
        Corpus.open(other), overlay=Overlay.load(mine.overlay_file), use_ner=False
    )
    assert not [m for m in (graph.report.messages if graph.report else ()) if "overlay" in m]
    seeds = Collections(paths()).find(SEEDS)
    assert seeds is not None
    seed_graph = EntityGraph.build(
        Corpus.open(SEEDS), overlay=Overlay.load(seeds.overlay_file), use_ner=False
    )
    assert any(e.name == "Timur the driver" for e in seed_graph.entities())


def test_an_unreadable_old_bookmarks_file_is_kept_and_reported(tmp_path: Path) -> None:
    paths().bookmarks_file.parent.mkdir(parents=True, exist_ok=True)
    paths().bookmarks_file.write_text("bookmarks: [unclosed\n", encoding="utf-8")
    mine = open_collection(paths(), folder(tmp_path / "one", ASTANA))
    assert any("cannot be read" in n and "moved it to" in n for n in mine.notices)
    aside = list(paths().data.glob("bookmarks.yaml.broken-*"))
    assert [p.read_text(encoding="utf-8") for p in aside] == ["bookmarks: [unclosed\n"]


# -- warnings shown once --------------------------------------------------------------


def test_a_file_warning_is_shown_once_until_the_file_changes(tmp_path: Path) -> None:
    root = folder(tmp_path / "one", {**ASTANA, "empty.txt": ""})
    memory = tmp_path / "warned.yaml"
    first = Corpus.open(root).issues
    assert [i.path for i in unseen(first, root, memory)] == ["empty.txt"]
    assert unseen(Corpus.open(root).issues, root, memory) == []
    (root / "empty.txt").write_text("   \n", encoding="utf-8")  # changed, still empty
    assert [i.path for i in unseen(Corpus.open(root).issues, root, memory)] == ["empty.txt"]
    (root / "empty.txt").write_text("Now\n\nIt has words.\n", encoding="utf-8")
    assert unseen(Corpus.open(root).issues, root, memory) == []
    saved = yaml.safe_load(memory.read_text(encoding="utf-8"))
    assert saved["files"] == {}  # a problem gone is forgotten: if it comes back, it is said


def test_the_bundled_articles_are_one_collection_wherever_kzreader_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second install (a new virtual environment: the wheel's copy of the seeds in
    another place, the old one still there) keeps the bookmarks of the bundled articles."""
    import kzreader.core.collection as collection_module

    first = shutil.copytree(bundled_seeds(), tmp_path / "venv1" / "seeds")
    second = shutil.copytree(bundled_seeds(), tmp_path / "venv2" / "seeds")
    collections = Collections(paths())
    monkeypatch.setattr(collection_module, "bundled_seeds", lambda: first)
    one = collections.open(first, folder_ids(first))
    monkeypatch.setattr(collection_module, "bundled_seeds", lambda: second)
    assert collections.planned(second).folder == one.folder
    two = collections.open(second, folder_ids(second))
    assert two.id == one.id == "bundled" and two.folder == one.folder
    assert not two.notices  # not "moved": it is the same collection
    other = collections.open(first, folder_ids(first))  # now just a copy of the articles
    assert other.folder != one.folder
