"""Opening an article, moving the paragraph cursor, literal text, comments apart."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import (
    ALMATY,
    SEEDS,
    all_text,
    main_screen,
    open_in_library,
    reader,
    settle,
    view_text,
)

from kzreader.core.corpus.model import Kind


async def test_enter_in_library_opens_the_article_with_cursor_on_first_paragraph() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert len(screen.library.shown) == 5
        await open_in_library(pilot, ALMATY)
        view = screen.active_view
        assert view.article is not None and view.article.id == ALMATY
        assert app.focused is view
        assert view.cursor == 1
        shown = view_text(view)
        assert "A Week in Almaty, Part 3" in shown
        assert "Grigory Pasko · Robert Amsterdam · 2009-09" in shown


async def test_j_k_g_G_and_page_keys_move_the_cursor_and_the_view_follows() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        view = main_screen(pilot).active_view
        order = view._layout.order
        await pilot.press("j", "j", "down")
        assert view.cursor == order[3]
        await pilot.press("k")
        assert view.cursor == order[2]
        await pilot.press("G")
        assert view.cursor == order[-1]
        assert view.scroll_y > 0
        block = view._layout.block(view.cursor)
        assert view.scroll_y <= block.top < view.scroll_y + view.size.height
        await pilot.press("g")
        assert view.cursor == order[0] and view.scroll_y == 0
        await pilot.press("pagedown")
        assert view.scroll_y > 0
        first = view._layout.block(view.cursor)
        assert first.top >= view.scroll_y or first.bottom > view.scroll_y
        await pilot.press("pageup")
        assert view.scroll_y == 0


async def test_clicking_a_paragraph_moves_the_cursor_there() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        view = main_screen(pilot).active_view
        target = view._layout.block(view._layout.order[3])
        await pilot.click(view, offset=(10, target.top - round(view.scroll_y)))
        assert view.cursor == view._layout.order[3]


def _literal_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "literal"
    folder.mkdir()
    (folder / "lit.txt").write_text(
        "Brackets stay as written\n\n"
        "The police [MVD] said [bold]nothing[/] and [/] closed the case.\n\n"
        "Cars [i.e. Russian cars–Trans.] and the politics lay.\\\n\n"
        "Markup like [link=x]this[/link] and $variables stay text too.\n",
        encoding="utf-8",
    )
    return folder


async def test_article_text_is_shown_literally(tmp_path: Path) -> None:
    app = reader(_literal_corpus(tmp_path))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_in_library(pilot, "lit")
        shown = " ".join(w.strip(" ▌") for w in view_text(main_screen(pilot).active_view).split())
        assert "The police [MVD] said [bold]nothing[/] and [/] closed the case." in shown
        assert "Cars [i.e. Russian cars–Trans.] and the politics lay.\\" in shown
        assert "Markup like [link=x]this[/link] and $variables stay text too." in shown


async def test_reader_comments_are_apart_under_a_rule_and_collapse_with_c() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_in_library(pilot, "000_5a428d05ab98c0ea")
        view = main_screen(pilot).active_view
        article = view.article
        comments = [p for p in article.paragraphs if p.kind is Kind.COMMENT]
        assert comments
        text = all_text(view)
        rule = text.index(f"Reader comments ({len(comments)})")
        last_body = [p for p in article.paragraphs if p.kind is Kind.BODY][-1]
        assert text.index(last_body.text[:40]) < rule < text.index(comments[0].text[:40])
        await pilot.press("c")
        text = all_text(view)
        assert comments[0].text[:40] not in text
        assert f"{len(comments)} hidden; press c to show them" in text
        await pilot.press("c")
        assert comments[0].text[:40] in all_text(view)


async def test_q_quits_with_status_zero_and_ctrl_q_too() -> None:
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_missing_corpus_folder_is_one_line_and_status_one(tmp_path: Path, capsys) -> None:
    from kzreader.core.paths import DataPaths
    from kzreader.ui.launch import run_app

    assert run_app(tmp_path / "nope", DataPaths.resolve()) == 1
    assert "is not a folder" in capsys.readouterr().err


async def test_skipped_files_are_reported_once_in_one_notification(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nSome text here.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    app = reader(folder)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        notes = [n for n in app._notifications if "need attention" in n.message]
        assert len(notes) == 1
        assert "empty.txt" in notes[0].message and "binary.txt" in notes[0].message
    assert SEEDS.is_dir()
