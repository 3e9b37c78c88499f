"""Helpers for the reader's Pilot tests: build the app, wait for it, read what it shows."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.ui.app import KzReaderApp
from kzreader.ui.screens.main import MainScreen
from kzreader.ui.widgets.article_view import ArticleView

SEEDS = bundled_seeds()
ALMATY = "003_e563ca9e96c9e019"  # "A Week in Almaty, Part 3" (17 paragraphs)
THREATS = "002_851d0b61443ca080"  # mentions Tokayev in several paragraphs


def reader(corpus: Path = SEEDS) -> KzReaderApp:
    """A reader app on ``corpus`` using $KZREADER_HOME (set per test by the root conftest)."""
    return KzReaderApp(corpus, DataPaths.resolve())


async def settle(pilot: Pilot, delay: float = 0.0) -> None:
    """Let timers fire, workers finish and the screen repaint."""
    await pilot.pause(delay)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def main_screen(pilot: Pilot) -> MainScreen:
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def view_text(view: ArticleView) -> str:
    """What the article view shows on screen now, line by line."""
    height = view.scrollable_content_region.height
    return "\n".join(view.render_line(y).text.rstrip() for y in range(height))


def all_text(view: ArticleView) -> str:
    """Every line of the article as laid out (not only the visible ones)."""
    layout = view._layout  # the test reads the layout the view draws from
    assert layout is not None
    lines = []
    for block in layout.blocks:
        lines.extend(block.text[s:e] for s, e in block.lines)
    return "\n".join(lines)


async def open_in_library(pilot: Pilot, article_id: str) -> None:
    """Move the library cursor to ``article_id`` and press Enter."""
    screen = main_screen(pilot)
    library = screen.library
    row = next(i for i, info in enumerate(library.shown) if info.id == article_id)
    library.table.focus()
    library.table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


def record_calls(monkeypatch, cls: type, name: str) -> list:  # type: ignore[no-untyped-def]
    """The argument of each call of ``cls.name(self, argument)``, which still runs."""
    calls: list = []
    original = getattr(cls, name)

    def spy(self, argument):  # type: ignore[no-untyped-def]
        calls.append(argument)
        return original(self, argument)

    monkeypatch.setattr(cls, name, spy)
    return calls


async def until(
    pilot: Pilot, condition: Callable[[], object], what: str = "", timeout: float = 30.0
) -> None:
    """Wait (polling the app's state, not sleeping a fixed time) until ``condition``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout:.0f} s: {what or condition}"
        await pilot.pause(0.02)


async def palette_shows(pilot: Pilot, command: str) -> None:
    """Wait until the open command palette lists ``command`` first (Enter then runs it)."""
    from textual.command import CommandList, CommandPalette

    def shown() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return False
        listing = screen.query_one(CommandList)
        if listing.option_count == 0 or listing.highlighted is None:
            return False
        return command in str(listing.get_option_at_index(listing.highlighted).prompt)

    await until(pilot, shown, f"the palette lists {command!r}")
