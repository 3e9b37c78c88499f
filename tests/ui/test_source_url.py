"""The source URL in the article's header, and the keys that open it (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import all_text, main_screen, open_in_library, reader, settle
from textual.pilot import Pilot

from kzreader.ui.app import KzReaderApp
from kzreader.ui.widgets.article_view import ArticleView

URL = "https://steppeledger.example/2025/03/caspian-ferries"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "ferries.md").write_text(
        "# Caspian ferries in short supply\n\n"
        "Shippers say the [ferry fleet](https://example.org/fleet) is too small.\n\n"
        f"Source: {URL}\n",
        encoding="utf-8",
    )
    (folder / "plain.txt").write_text("A plain note\n\nNo address here.", encoding="utf-8")
    return folder


def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(KzReaderApp, "open_url", lambda self, url, **_: calls.append(url))
    return calls


async def opened_article(pilot: Pilot, article_id: str) -> ArticleView:
    """The view of ``article_id``, opened from the library and focused."""
    await settle(pilot)
    await open_in_library(pilot, article_id)
    view = main_screen(pilot).active_view
    view.focus()
    return view


async def test_header_shows_the_url_and_o_opens_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = opened(monkeypatch)
    app = reader(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        view = await opened_article(pilot, "ferries")
        text = all_text(view)
        assert URL in text
        assert text.index(URL) < text.index("Shippers say")  # in the header, above the text
        assert "example.org/fleet" not in text  # a link shows as its text
        await pilot.press("o")
        await settle(pilot)
        assert calls == [URL]
        view.move_cursor(2)
        await pilot.press("O")
        await settle(pilot)
        assert calls == [URL, "https://example.org/fleet"]


async def test_no_url_says_so_and_opens_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = opened(monkeypatch)
    app = reader(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await opened_article(pilot, "plain")
        await pilot.press("o")
        await settle(pilot)
        assert calls == []
        assert any("no source URL" in n.message for n in app._notifications)
