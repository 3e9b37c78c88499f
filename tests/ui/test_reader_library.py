"""The library (sort, filter, click, 2,000 rows), an empty folder, a long article, indexing."""

from __future__ import annotations

import random
from pathlib import Path

from reader_helpers import main_screen, reader, settle

from kzreader.ui.messages import IndexProgress
from kzreader.ui.widgets.library import LibraryFilter, LibraryTable


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    rng = random.Random(3)
    for number in range(count):
        words = " ".join(
            rng.choice(["steppe", "oil", "border", "treaty"]) for _ in range(number % 7 + 3)
        )
        (folder / f"{number:04d}.txt").write_text(
            f"Report {number:04d} on {words}\n\nBy Author {number % 5}\n\n{words}.\n",
            encoding="utf-8",
        )
    return folder


async def test_sorting_by_key_and_by_header_click_and_filtering(tmp_path: Path) -> None:
    app = reader(_folder(tmp_path, 30))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        library = main_screen(pilot).library
        table = library.query_one(LibraryTable)
        titles = [i.title for i in library.shown]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("o")  # next sort: newest first (no dates: stable by id)
        await pilot.press("o")  # longest first
        words = [i.words for i in library.shown]
        assert words == sorted(words, reverse=True)
        assert "Words ↓" in table.render_line(0).text
        await pilot.click(table, offset=(3, 0))  # the Title header
        titles = [i.title for i in library.shown]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.click(table, offset=(3, 0))  # again: reversed
        assert [i.title for i in library.shown] == sorted(titles, key=str.casefold, reverse=True)
        await pilot.press("f")
        assert isinstance(app.focused, LibraryFilter)
        for char in "0012":
            await pilot.press(char)
        await settle(pilot, 0.2)
        assert [i.id for i in library.shown] == ["0012"]
        await pilot.press("enter")  # into the list
        assert app.focused is table
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(pilot).active_view.article.id == "0012"


async def test_clicking_a_row_moves_the_cursor_and_a_second_click_opens(tmp_path: Path) -> None:
    app = reader(_folder(tmp_path, 10))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        table = screen.library.table
        await pilot.click(table, offset=(5, 4))
        assert table.cursor_row == 3
        assert screen.active_view.article is None
        await pilot.click(table, offset=(5, 4))
        await settle(pilot)
        assert screen.active_view.article.id == screen.library.shown[3].id


async def test_two_thousand_rows_scroll_with_the_cursor(tmp_path: Path) -> None:
    app = reader(_folder(tmp_path, 2000))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        table = main_screen(pilot).library.table
        table.focus()
        await pilot.press("G")
        assert table.cursor_row == 1999
        assert table.scroll_y > 1900
        assert table.render_line(table.scrollable_content_region.height - 1).text.strip()
        await pilot.press("g", "pagedown")
        assert 0 < table.cursor_row < 60


async def test_an_empty_folder_opens_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app = reader(tmp_path / "empty")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert str(screen.query_one("#library-detail").render()) == "No articles."
        await pilot.press("enter", "j", "slash", "x", "enter")
        await settle(pilot, 0.3)
        assert "0 articles" in str(screen.query_one("#corpus-info").render())


async def test_a_long_article_opens_lazily_and_pages_to_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    rng = random.Random(1)
    paragraphs = [
        " ".join(rng.choice(["alpha", "beta", "gamma", "delta"]) for _ in range(120))
        for _ in range(2500)
    ]
    paragraphs[-1] = "The very last paragraph [ends] here."
    (folder / "long.txt").write_text("A long one\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    app = reader(folder)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = main_screen(pilot).active_view
        assert view.layout_height > 20_000
        await pilot.press("pagedown", "pagedown")
        assert view.scroll_y > 60
        await pilot.press("G")
        lines = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any("The very last paragraph [ends] here." in line for line in lines)
        assert view.cursor == view._layout.order[-1]


async def test_indexing_progress_shows_in_the_header_and_the_results_tab() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.post_message(IndexProgress(2, 5))
        await pilot.pause()
        assert str(screen.query_one("#index-status").render()) == "indexing 2/5"
        bar = screen.query_one("#index-progress")
        assert bar.display and not bar.has_class("-hidden") and bar.progress == 2
        # A build that was stopped goes on from what it had: counted over the whole corpus.
        screen.post_message(IndexProgress(1000, 7500, offset=2500, resumed=True))
        await pilot.pause()
        status = str(screen.query_one("#index-status").render())
        assert status == "indexing 3,500/10,000 (resumed)"
        assert bar.progress == 3500 and bar.total == 10_000
        screen.index_ready()
        await pilot.pause()
        assert bar.has_class("-hidden")
        assert str(screen.query_one("#index-status").render()) == ""
