"""Two folders in the app: each shows its own bookmarks and corrections, the old global
files are migrated, other collections' bookmarks are shown on purpose (A), and a
file's warning is not repeated at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from collection_files import collection_of, small_folder
from reader_helpers import ALMATY, main_screen, open_in_library, reader, settle

from kzreader.core.bookmarks import Bookmark, BookmarkStore, make_anchor
from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import Overlay
from kzreader.core.entities.overlay import OverlayOp
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.ui.app import KzReaderApp

SIZE = (140, 45)
SEEDS = bundled_seeds()


@pytest.fixture
def other(tmp_path: Path) -> Path:
    return small_folder(tmp_path / "other")


async def at_paragraph(pilot, article: str, paragraph: int) -> None:  # type: ignore[no-untyped-def]
    await open_in_library(pilot, article)
    main_screen(pilot).active_view.move_cursor(paragraph)
    await pilot.pause()


def notes(app: KzReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the entity graph is built (the overlay has been applied by then)."""
    for _ in range(200):
        await settle(pilot, 0.02)
        if pilot.app.entities is not None:
            return
    raise AssertionError("the entity graph was never built")


def shown_ids(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The bookmarks the Bookmarks tab lists (this collection's, then others' if shown)."""
    listing = main_screen(pilot).bookmarks_panel.list
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return [o.id for o in options if o.id and not o.id.startswith("\t")]


async def test_two_folders_no_cross_talk_and_all_collections_on_purpose(other: Path) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, ALMATY, 4)
        await pilot.press("b")
        await settle(pilot)
        (mine,) = main_screen(pilot).bookmarks
    app = reader(other)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = main_screen(pilot)
        assert screen.bookmarks == [] and shown_ids(pilot) == []
        assert not [n for n in notes(app) if "overlay" in n or "orphan" in n.casefold()]
        await pilot.press("3")
        screen.bookmarks_panel.list.focus()
        await pilot.press("A")  # the other collections' bookmarks, asked for
        await settle(pilot)
        assert shown_ids(pilot) == [f"0\t{mine.id}"]
        assert screen.bookmarks == []  # still not this collection's
        screen.bookmarks_panel.list.highlighted = screen.bookmarks_panel.list.get_option_index(
            f"0\t{mine.id}"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert any("belongs to the collection seeds" in n for n in notes(app))
        assert screen.active_view.article is None  # not opened here
        await pilot.press("A")
        await settle(pilot)
        assert shown_ids(pilot) == []


async def test_an_old_global_file_is_migrated_when_the_app_starts(other: Path) -> None:
    paths = DataPaths.resolve()
    seeds_mark = Bookmark("seed0001", make_anchor(Corpus.open(SEEDS).article(ALMATY), 5))
    other_mark = Bookmark("other001", make_anchor(Corpus.open(other).article("note1"), 2))
    BookmarkStore.open(paths.bookmarks_file).take_in([seeds_mark, other_mark])
    Overlay(paths.overlay_file).append(
        OverlayOp("rename", "person:timur", "Timur", "Timur the driver")
    )
    app = reader(other)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [p.id for p in main_screen(pilot).bookmarks] == ["other001"]
        assert not [p for p in main_screen(pilot).bookmarks if p.orphan]
        assert any(n.startswith("From the old global files: 1 bookmark") for n in notes(app))
        assert not [n for n in notes(app) if "overlay" in n]
        assert not any(e.name == "Timur the driver" for e in app.entities.entities())
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [p.id for p in main_screen(pilot).bookmarks] == ["seed0001"]
        assert any(e.name == "Timur the driver" for e in app.entities.entities())
        assert not [n for n in notes(app) if "overlay" in n or "From the old" in n]
    assert collection_of(other).bookmarks_file.exists()
    assert not paths.bookmarks_file.exists()  # every bookmark found its collection


async def test_positions_follow_the_collection(other: Path, tmp_path: Path) -> None:
    (other / "note2.txt").write_text("Two\n\n" + "\n\n".join(["Line."] * 9) + "\n", "utf-8")
    app = reader(other)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await at_paragraph(pilot, "note2", 7)
        await app.action_quit()
    moved = other.rename(tmp_path / "moved")
    app = reader(moved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = main_screen(pilot).active_view
        assert view.article is not None and view.article.id == "note2"  # the last one read
        assert view.cursor == 7
        assert any("This folder was at" in n for n in notes(app))


async def test_a_file_warning_is_not_repeated_at_the_next_start(other: Path) -> None:
    (other / "empty.txt").write_text("", encoding="utf-8")
    for expected in (1, 0):
        app = reader(other)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            said = [n for n in notes(app) if "empty.txt" in n]
            assert len(said) == expected, notes(app)
