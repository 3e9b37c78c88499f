"""The main screen routes, its controllers work: one event reaches each controller once.

The screen has one handler per event; these tests pin down that it calls each
controller that cares, in its fixed order (it used to be three handlers merged by
Textual through the mixins' method resolution order).
"""

from __future__ import annotations

from reader_helpers import ALMATY, main_screen, open_in_library, reader, settle

from kzreader.ui.screens.main.bookmarks import BookmarksController
from kzreader.ui.screens.main.entities import EntitiesController
from kzreader.ui.screens.main.panes import PanesController
from kzreader.ui.screens.main.search import SearchController


def _spy(monkeypatch, cls: type, name: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    original = getattr(cls, name)

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(f"{cls.__name__}.{name}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, spy)


async def test_one_cursor_move_reaches_position_entities_and_bookmarks_in_order(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        screen = main_screen(pilot)
        seen: list[str] = []
        _spy(monkeypatch, PanesController, "cursor_moved", seen)
        _spy(monkeypatch, EntitiesController, "follow_cursor", seen)
        _spy(monkeypatch, BookmarksController, "mark_view", seen)
        before = screen.active_view.cursor
        await pilot.press("j")
        await settle(pilot)
        assert screen.active_view.cursor == (before or 0) + 1
        assert seen == [
            "PanesController.cursor_moved",
            "EntitiesController.follow_cursor",
            "BookmarksController.mark_view",
        ]
        # The position went to the state through the panes controller.
        assert app.state.position(app.corpus_key, ALMATY) == screen.active_view.cursor


async def test_the_index_opening_reaches_search_with_the_graph(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        seen: list[str] = []
        _spy(monkeypatch, SearchController, "index_ready", seen)
        screen.index_ready()
        assert seen == ["SearchController.index_ready"]
        # The entity graph, built by now, answers the index's person: searches.
        assert app.index.entities is app.entities


async def test_typing_in_the_search_box_reaches_the_search_controller_only() -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash", *"grain")
        await settle(pilot, 0.4)  # past the search delay
        assert screen.results.result is not None and screen.results.result.query == "grain"
        # The bookmark filter box is an Input too: typing there searches nothing.
        screen.action_bookmarks_filter()
        await pilot.pause()
        assert app.focused is screen.bookmarks_panel.filter_input
        await pilot.press(*"xyz")
        await settle(pilot, 0.4)
        assert screen.results.result.query == "grain"


async def test_a_card_message_reaches_the_reading_screen_below_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kzreader.ui.dialogs.entity_card import EntityCard

    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        seen: list[str] = []
        _spy(monkeypatch, EntitiesController, "undo_entity_edit", seen)
        screen.entity_control.open_entity_card("person:kassym-jomart-tokayev")
        await settle(pilot)
        assert isinstance(app.screen, EntityCard)
        await pilot.press("u")  # the card posts UndoAsked below it; it holds no screen
        await settle(pilot)
        assert seen == ["EntitiesController.undo_entity_edit"]
        assert isinstance(app.screen, EntityCard)  # nothing to undo: the card stays
