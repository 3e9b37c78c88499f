"""The Shelf: bookmarks placed in a corpus, as the app and the command line use them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from bookmarks_helpers import A000, A001, A003, copy_seeds, edit_article, seeds

from kzreader.core.bookmarks import (
    AnchorError,
    BookmarkError,
    BookmarkStore,
    Match,
    Shelf,
    UnknownBookmark,
    parse_tags,
)
from kzreader.core.bookmarks import model as model_module
from kzreader.core.corpus.collection import Corpus


@pytest.fixture
def file(tmp_path: Path) -> Path:
    return tmp_path / "bookmarks.yaml"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each new time one minute after the last, so sorting by date is deterministic."""
    minutes = itertools.count()
    monkeypatch.setattr(model_module, "now_iso", lambda: f"2026-01-01T10:{next(minutes):02d}:00Z")
    from kzreader.core.bookmarks import shelf as shelf_module

    monkeypatch.setattr(shelf_module, "now_iso", model_module.now_iso)


def test_adding_a_paragraph_and_a_range(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    whole = shelf.add(A001, 5, note="his plea", tags=["putin", "#courts"])
    text = seeds().article(A001).paragraph(5).text
    assert (whole.paragraph, whole.start, whole.end, whole.match) == (5, 0, len(text), Match.EXACT)
    assert whole.text == text == whole.bookmark.quote
    assert whole.bookmark.tags == ("putin", "courts")
    part = shelf.add(A001, 5, 1, 31)
    assert part.text == "Vladimir Vladimirovich (Putin)"
    assert [p.id for p in Shelf.open(file, seeds()).placed()] == [whole.id, part.id]


def test_a_bad_passage_writes_nothing(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    with pytest.raises(AnchorError):
        shelf.add("no_such_article", 1)
    with pytest.raises(AnchorError):
        shelf.add(A001, 999)
    assert not file.exists()


def test_query_by_text_and_tags(file: Path, clock: None) -> None:
    shelf = Shelf.open(file, seeds())
    plea = shelf.add(A001, 5, note="Appeal to Putin", tags=["putin", "courts"])
    almaty = shelf.add(A003, 2, note="Güneş was here", tags=["travel"])
    slavery = shelf.add(A000, 3, tags=["courts"])
    ids = lambda items: [p.id for p in items]  # noqa: E731
    assert ids(shelf.query("PUTIN")) == [plea.id]
    assert ids(shelf.query("gunes")) == [almaty.id]  # accents and case folded
    assert ids(shelf.query("week almaty")) == [almaty.id]  # the title counts too
    assert ids(shelf.query(tags=["courts"])) == [slavery.id, plea.id]  # reading order
    assert ids(shelf.query(tags=["courts", "putin"])) == [plea.id]
    assert ids(shelf.query(tags=["#COURTS"])) == [slavery.id, plea.id]
    assert ids(shelf.query(sort="date")) == [slavery.id, almaty.id, plea.id]  # newest first
    assert shelf.query("nothing like this") == []
    assert shelf.tags() == [("courts", 2), ("putin", 1), ("travel", 1)]


def test_groups_follow_the_corpus_and_reading_order(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    later = shelf.add(A001, 9)
    other = shelf.add(A000, 3)
    earlier = shelf.add(A001, 4)
    groups = shelf.groups()
    assert [g.article for g in groups] == [A000, A001]
    assert [p.id for p in groups[1].items] == [earlier.id, later.id]
    assert groups[0].title == seeds().info(A000).title
    assert (groups[0].outlet, groups[0].date) == ("Caravanserai", "2021-11-25")
    assert [p.id for p in shelf.in_article(A001)] == [earlier.id, later.id]
    assert [p.id for p in shelf.in_article(A000)] == [other.id]


def test_an_edit_saves_the_current_position(tmp_path: Path, file: Path) -> None:
    corpus_dir = copy_seeds(tmp_path)
    shelf = Shelf.open(file, Corpus.open(corpus_dir))
    added = shelf.add(A001, 5, 1, 31, note="first")
    paragraph_4 = Corpus.open(corpus_dir).article(A001).paragraph(4).text
    edit_article(corpus_dir, A001, paragraph_4, "Inserted.\n" + paragraph_4)

    moved = Shelf.open(file, Corpus.open(corpus_dir))
    placed = moved.get(added.id)
    assert placed is not None
    assert (placed.paragraph, placed.match) == (6, Match.QUOTE)
    stored = yaml.safe_load(file.read_text(encoding="utf-8"))["bookmarks"][0]
    assert stored["paragraph"] == 5  # re-anchoring alone does not rewrite the file

    edited = moved.edit(added.id, note="second", tags=parse_tags("a, b"))
    assert (edited.paragraph, edited.match, edited.bookmark.note) == (6, Match.EXACT, "second")
    assert edited.bookmark.tags == ("a", "b")
    stored = yaml.safe_load(file.read_text(encoding="utf-8"))["bookmarks"][0]
    assert (stored["paragraph"], stored["start"], stored["quote"]) == (
        6,
        1,
        "Vladimir Vladimirovich (Putin)",
    )
    assert stored["prefix"] == (paragraph_4 + "\n“")[-32:]


def test_editing_an_orphan_keeps_its_anchor(tmp_path: Path, file: Path) -> None:
    corpus_dir = copy_seeds(tmp_path)
    shelf = Shelf.open(file, Corpus.open(corpus_dir))
    added = shelf.add(A003, 2)
    (corpus_dir / f"{A003}.txt").unlink()
    shelf = Shelf.open(file, Corpus.open(corpus_dir))
    assert [p.id for p in shelf.orphans()] == [added.id]
    assert shelf.anchored() == []
    edited = shelf.edit(added.id, note="article gone, note kept")
    assert edited.orphan
    assert edited.bookmark.anchor == added.bookmark.anchor
    assert shelf.query(orphans=True)[0].bookmark.note == "article gone, note kept"
    assert shelf.query(orphans=False) == []


def test_remove_then_undo_restores_the_same_bookmark(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    keep = shelf.add(A001, 2)
    gone = shelf.add(A001, 4, note="oops")
    assert not shelf.can_undo
    removed = shelf.remove(gone.id)
    assert [p.id for p in shelf.placed()] == [keep.id]
    assert shelf.can_undo
    back = shelf.undo()
    assert back is not None and back.bookmark == removed == gone.bookmark
    assert {p.id for p in Shelf.open(file, seeds()).placed()} == {keep.id, gone.id}
    assert shelf.undo() is None
    with pytest.raises(UnknownBookmark):
        shelf.remove(gone.id + "x")


def test_refresh_picks_up_changes_from_another_process(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    assert not shelf.refresh()
    other = Shelf.open(file, seeds())
    added = other.add(A001, 7)
    assert shelf.refresh()
    assert [p.id for p in shelf.placed()] == [added.id]


def test_a_broken_file_is_reported_through_the_shelf(file: Path) -> None:
    file.write_text("bookmarks: {oops", encoding="utf-8")
    shelf = Shelf.open(file, seeds())
    assert len(shelf) == 0
    assert len(shelf.notices) == 1
    assert "moved it to" in shelf.notices[0]
    assert isinstance(shelf.store, BookmarkStore)
    assert shelf.offered_backup is None  # there was no good file before


def test_the_offered_backup_through_the_shelf(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    kept = shelf.add(A001, 2)
    file.write_text("bookmarks: {oops", encoding="utf-8")
    shelf.reload()
    assert shelf.offered_backup is not None
    assert shelf.placed() == []
    assert shelf.restore_backup() == 1
    assert [p.id for p in shelf.placed()] == [kept.id]
    assert shelf.offered_backup is None
    file.write_text("bookmarks: {oops", encoding="utf-8")
    shelf.reload()
    shelf.dismiss_backup()
    assert shelf.offered_backup is None


def test_export_to_a_folder_that_cannot_be_written(file: Path, tmp_path: Path) -> None:
    shelf = Shelf.open(file, seeds())
    shelf.add(A001, 2)
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(BookmarkError, match="cannot write"):
        shelf.export_to(blocker / "out.md")
    target = tmp_path / "out.csv"
    assert shelf.export_to(target) == "csv"
    assert target.read_bytes().decode("utf-8") == shelf.export("csv")


def test_markers_by_paragraph_and_finding_an_existing_bookmark(file: Path) -> None:
    shelf = Shelf.open(file, seeds())
    whole = shelf.add(A001, 5)
    part = shelf.add(A001, 5, 1, 31)
    other = shelf.add(A001, 9)
    marks = shelf.by_paragraph(A001)
    assert sorted(marks) == [5, 9]
    assert [p.id for p in marks[5]] == [whole.id, part.id]
    assert [p.id for p in marks[9]] == [other.id]
    assert shelf.existing(A001, 5) == whole
    assert shelf.existing(A001, 5, 1, 31) == part
    assert (
        shelf.existing(A001, 5, 0, 31) is None
    )  # includes the opening quote mark: another passage
    assert shelf.existing(A001, 6) is None
    assert shelf.existing("nope", 1) is None


def test_switching_corpus_re_anchors(tmp_path: Path, file: Path) -> None:
    corpus_dir = copy_seeds(tmp_path)
    shelf = Shelf.open(file, Corpus.open(corpus_dir))
    added = shelf.add(A003, 2)
    (corpus_dir / f"{A003}.txt").unlink()
    shelf.use_corpus(Corpus.open(corpus_dir))
    assert shelf.placed()[0].orphan
    shelf.use_corpus(seeds())
    assert shelf.get(added.id) is not None and not shelf.placed()[0].orphan
