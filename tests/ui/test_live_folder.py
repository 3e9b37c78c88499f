"""A live folder: files added, changed and removed while the app runs reach the library,
the search index and the entities; the palette's rescan does the same on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import main_screen, open_in_library, reader, settle, until

SIZE = (140, 45)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "astana.txt").write_text(
        "Astana news\n\nAstana is the capital. Tokayev spoke there on Monday.\n", "utf-8"
    )
    return root


def library_ids(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [info.id for info in main_screen(pilot).library.shown]


def found(app, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    if app.index is None:
        return []
    return [hit.article for hit in app.index.search(query).hits]


def entity_names(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.name for e in app.entities.entities()} if app.entities is not None else set()


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_added_changed_and_removed_files_follow_while_the_app_runs(folder: Path) -> None:
    app = reader(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.entities is not None, "the first entity graph")
        await open_in_library(pilot, "astana")

        (folder / "aktau.txt").write_text(
            "Aktau port grows\n\nThe port of Aktau handled more cargo, said officials "
            "in Mangystau.\n",
            "utf-8",
        )
        await until(pilot, lambda: "aktau" in library_ids(pilot), "the new file listed")
        await until(pilot, lambda: found(app, "Mangystau") == ["aktau"], "the new file found")
        await until(pilot, lambda: "Aktau" in entity_names(app), "its places in the sidebar")

        (folder / "astana.txt").write_text(
            "Astana news\n\nAstana is the capital. Karaganda miners met on Monday.\n", "utf-8"
        )
        await until(pilot, lambda: found(app, "Karaganda") == ["astana"], "the new text found")
        # Names widen through the entity graph: the old text is not found once it is rebuilt.
        await until(pilot, lambda: found(app, "Tokayev") == [], "the old text not found")
        view = main_screen(pilot).active_view
        await until(
            pilot,
            lambda: view.article is not None and "Karaganda" in view.article.paragraphs[1].text,
            "the open article re-read",
        )
        await until(pilot, lambda: "Tokayev" not in " ".join(entity_names(app)), "old names gone")

        (folder / "aktau.txt").unlink()
        await until(pilot, lambda: "aktau" not in library_ids(pilot), "the file gone")
        await until(pilot, lambda: found(app, "Mangystau") == [], "nor found")
        await until(pilot, lambda: "Aktau" not in entity_names(app), "its places gone")
        assert any(n.startswith("The folder changed: 1 removed") for n in notes(app))


async def test_rescan_from_the_palette(folder: Path) -> None:
    app = reader(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.index is not None, "the index")
        screen = main_screen(pilot)
        screen.live_folder.stop()  # as on a drive that reports no changes
        (folder / "later.txt").write_text("Later\n\nWritten while nobody watched.\n", "utf-8")
        await pilot.press("ctrl+p")
        await settle(pilot)
        for char in "Rescan the folder":
            await pilot.press("space" if char == " " else char)
        await settle(pilot, 0.1)
        await pilot.press("enter")
        await until(pilot, lambda: "later" in library_ids(pilot), "the file picked up")
        await until(pilot, lambda: found(app, "nobody") == ["later"], "and found")
        screen.action_rescan()
        await until(pilot, lambda: "No changes in the folder" in notes(app), "nothing new")
