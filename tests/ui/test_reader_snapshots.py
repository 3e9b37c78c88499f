"""Screenshots of the reader (pytest-textual-snapshot); review the SVGs when they change."""

from __future__ import annotations

import dataclasses

import pytest
from reader_helpers import ALMATY, THREATS, open_in_library, reader, settle

from kzreader.core.search.index import SearchIndex

SIZE = (140, 45)


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same picture on every machine: true colour (the default theme), no timings."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    search = SearchIndex.search

    def untimed(self, text, **kwargs):
        return dataclasses.replace(search(self, text, **kwargs), elapsed_ms=0.0)

    monkeypatch.setattr(SearchIndex, "search", untimed)


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def test_main_screen(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("j", "j", "j")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)


def test_search_result_landing(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        # Searching before the entity graph is attached finds fewer forms of the name
        # (no alias expansion): wait for it so the picture does not depend on timing.
        for _ in range(100):
            if pilot.app.index is not None and pilot.app.index.entities is not None:
                break
            await pilot.pause(0.1)
        await pilot.press("slash")
        await _type(pilot, "Tokayev")
        await pilot.press("enter")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)


def test_split_view(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        await pilot.press("s")
        await settle(pilot)
        await open_in_library(pilot, THREATS)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(reader(), terminal_size=SIZE, run_before=run_before)
