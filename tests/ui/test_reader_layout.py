"""Split panes, help, palette, remembered positions, small terminals, keymap."""

from __future__ import annotations

import yaml
from reader_helpers import ALMATY, THREATS, main_screen, open_in_library, reader, settle
from textual.command import CommandPalette

from kzreader.ui.dialogs.help import HelpScreen
from kzreader.ui.keys import binding_ids, key_groups
from kzreader.ui.widgets.article_pane import ArticlePane
from kzreader.ui.widgets.library import LibraryTable


async def test_s_splits_the_next_article_opens_in_the_focused_pane_and_S_closes() -> None:
    app = reader()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("j", "j")
        await pilot.press("s")
        await settle(pilot)
        first, second = screen.query(ArticlePane)
        assert screen.active_pane is second and app.focused is second.view
        assert second.article.id == ALMATY and second.view.cursor == first.view.cursor
        await open_in_library(pilot, THREATS)
        assert second.article.id == THREATS and first.article.id == ALMATY
        await pilot.press("j")
        assert second.view.cursor != first.view.cursor  # each pane has its own cursor
        # tab moves the focus on through the panes
        first.view.focus()
        await pilot.pause()
        assert screen.active_pane is first
        await pilot.press("tab")
        assert app.focused is second.view
        await pilot.press("tab")  # on to the library, past the search box
        assert isinstance(app.focused, LibraryTable)
        await pilot.press("shift+tab")
        assert app.focused is second.view
        await pilot.press("S")
        await settle(pilot)
        panes = list(screen.query(ArticlePane))
        assert len(panes) == 1 and panes[0] is first  # S closed the focused pane
        assert app.focused is first.view


async def test_question_mark_lists_every_binding_grouped_and_escape_closes() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        for group in key_groups():
            if group.bindings:
                assert group.title in text
            for binding in group.bindings:
                assert binding.description in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id_and_a_keymap_remaps_it(isolated_home) -> None:
    assert "kz.split" in binding_ids() and "kz.article.down" in binding_ids()
    for group in key_groups():
        for binding in group.bindings:
            if binding.action != "app.command_palette":
                assert binding.id and binding.id.startswith("kz."), binding
    (isolated_home / "settings.yaml").write_text(
        yaml.safe_dump({"keymap": {"kz.article.down": "x", "kz.split": "ctrl+s"}}),
        encoding="utf-8",
    )
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        view = screen.active_view
        await pilot.press("x")
        assert view.cursor == view._layout.order[1]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(screen.query(ArticlePane)) == 2
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "^s" in text or "ctrl+s" in text.lower()


async def test_palette_offers_actions_open_article_and_search_for() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for char in "Almaty":
            await pilot.press(char)
        await settle(pilot, 0.2)
        assert screen.search_input.value == ""  # typing in the palette searches nothing yet
        await pilot.press("enter")
        await settle(pilot)
        assert screen.active_view.article is not None
        assert screen.active_view.article.id == ALMATY
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "split":
            await pilot.press(char)
        await settle(pilot, 0.2)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.query(ArticlePane)) == 2
        await pilot.press("ctrl+p")
        for char in "search for borat":
            await pilot.press(char if char != " " else "space")
        await settle(pilot, 0.2)
        await pilot.press("enter")
        await settle(pilot, 0.2)
        assert screen.search_input.value == "search for borat"


async def test_the_position_in_each_article_is_remembered_between_articles_and_runs() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("j", "j", "j", "j")
        where = screen.active_view.cursor
        await open_in_library(pilot, THREATS)
        assert screen.active_view.cursor == screen.active_view._layout.order[0]
        await open_in_library(pilot, ALMATY)
        assert screen.active_view.cursor == where
        await pilot.press("j")
        where = screen.active_view.cursor
        await pilot.press("q")
    assert app.return_code == 0
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        # the last article read is open again, at the same paragraph, the library keeps focus
        assert screen.active_view.article.id == ALMATY
        assert screen.active_view.cursor == where
        assert isinstance(app.focused, LibraryTable)


async def test_tiny_terminals_do_not_crash_and_panels_collapse() -> None:
    app = reader()
    async with app.run_test(size=(20, 8)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "pagedown", "G", "s")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "S")
        await settle(pilot)
    app = reader()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.has_class("-narrow") and screen.has_class("-no-sidebar")
        left = screen.query_one("#left")
        assert left.display and left.region.width > 0  # the library has focus: it is shown
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#left").region.width == 0
        assert screen.active_view.region.width > 40
        await pilot.press("1")
        await pilot.pause()
        assert screen.query_one("#left").region.width > 0
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash")  # typing a search shows the results as they come
        await pilot.pause()
        assert screen.query_one("#left").region.width > 0
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not screen.has_class("-narrow") and not screen.has_class("-no-sidebar")
        assert screen.query_one("#sidebar").region.width > 0


async def test_e_hides_and_shows_the_entity_sidebar_and_z_leaves_the_article_alone() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        sidebar = screen.query_one("#sidebar")
        assert sidebar.region.width > 0
        await pilot.press("e")
        await pilot.pause()
        assert sidebar.region.width == 0
        await pilot.press("e", "z")
        await pilot.pause()
        assert sidebar.region.width == 0 and screen.query_one("#left").region.width == 0
        assert screen.active_view.region.width > 100


async def test_a_split_in_a_small_window_gives_the_panes_the_width() -> None:
    app = reader()
    async with app.run_test(size=(90, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, ALMATY)
        assert screen.query_one("#left").region.width > 0
        await pilot.press("s")
        await settle(pilot)
        first, second = screen.query(ArticlePane)
        assert screen.query_one("#left").region.width == 0
        assert first.region.width >= 40 and second.region.width >= 40
        await pilot.press("tab")  # on to the library: it is shown while it has focus
        await pilot.pause()
        assert isinstance(app.focused, LibraryTable)
        assert screen.query_one("#left").region.width > 0
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is first.view
        await pilot.press("S")
        await settle(pilot)
        assert screen.query_one("#left").region.width > 0


async def test_an_unknown_keymap_entry_is_reported_once(isolated_home) -> None:
    (isolated_home / "settings.yaml").write_text(
        yaml.safe_dump({"keymap": {"kz.splitt": "x"}}), encoding="utf-8"
    )
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications if "kz.splitt" in n.message]
        assert len(notes) == 1 and "kz.split" in notes[0]


async def test_escape_walks_back_from_article_to_results_to_search_box() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash", "B", "o", "r", "a", "t", "enter")
        await settle(pilot, 0.3)
        results = app.focused
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.active_view
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("escape")
        assert app.focused is screen.search_input
        await pilot.press("escape")  # where / was pressed: the library
        assert isinstance(app.focused, LibraryTable)
        await pilot.press("escape")  # nothing further back: the article
        assert app.focused is screen.active_view
