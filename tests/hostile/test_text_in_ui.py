"""Hostile text in the reader and the command line: shown literally, never run, never leaked.

Each nasty string is an article's title and part of its body. The app must show
exactly the cleaned text (what ``clean_text`` leaves) in the article view, the
library, the search results and the entity sidebar; markup must not style
anything or run an action; escape sequences never reach the terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from collection_files import collection_of
from reader_helpers import all_text, main_screen, open_in_library, settle

from kzreader.core.paths import DataPaths
from kzreader.core.text import clean_text
from kzreader.ui.app import KzReaderApp
from kzreader.ui.widgets.results import ResultsList

#: the ones also searched for in the app (each search takes a moment)
SEARCHED = ("markup", "click", "escapes", "bidi", "rtl", "emoji")
LONG_WORD = "Ы" * 2500 + "w" * 2500

#: name → the hostile text (raw, as it is in the file)
NASTY: dict[str, str] = {
    "markup": "[bold red]x[/] and [i]italic[/i]",
    "link": "[link=http://x]y[/link] here",
    "click": "[@click=app.quit]z[/] and [@click=app.bell]b",
    "unbalanced": "closing [/] without opening [/bold]",
    "backslash": "a trailing backslash \\",
    "escapes": (
        "\x1b]0;PWNED\x07title\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b[?1049hclear"
    ),
    "c1": "c1\x85controls\x9b31m\x9dnot\x9c here",
    "bidi": "bidi \u202eevil\u202c and \u2067isolate\u2069 end",
    "zero": "zero\u200bwidth\u200d joiner and e\u0301\u0327combining",
    "rtl": "Arabic العربية and Hebrew עברית mixed",
    "emoji": "emoji 😀👍🏽 flags 🇰🇿🇷🇺 family 👨‍👩‍👧",
}


def hostile_corpus(folder: Path) -> dict[str, str]:
    """Write one article per NASTY entry (and the long word); return id → marker word."""
    folder.mkdir(parents=True, exist_ok=True)
    markers = {}
    for i, (name, text) in enumerate(NASTY.items()):
        marker = f"marker{chr(ord('a') + i)}"
        body = f"{text}\n\nPresident Kassym-Jomart Tokayev read {text} in Astana, {marker}."
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
        markers[name] = marker
    (folder / "longword.txt").write_text(
        f"A long word\n\nBefore {LONG_WORD} after, markerlong.", encoding="utf-8"
    )
    markers["longword"] = "markerlong"
    return markers


def screen_text(app: KzReaderApp) -> str:
    """Everything on the screen now, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def lines_of(widget) -> str:
    height = widget.scrollable_content_region.height
    return "\n".join(widget.render_line(y).text for y in range(height))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "nasty"
    hostile_corpus(folder)
    return folder


async def test_article_library_and_results_show_hostile_text_literally(corpus: Path) -> None:
    app = KzReaderApp(corpus, DataPaths.resolve())
    async with app.run_test(size=(220, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        for name, raw in NASTY.items():
            shown = clean_text(raw)
            assert "\x1b" not in shown and "\u202e" not in shown
            await open_in_library(pilot, name)
            assert app.is_running, f"{name}: the app stopped"
            view = screen.active_view
            assert view.article.id == name
            text = all_text(view)
            assert shown in text, f"{name}: article body not literal"
            # The library lists the title as written (cleaned), unstyled by its brackets.
            library = lines_of(screen.library.table)
            # (cut to the column's width, with an ellipsis)
            assert shown[:16] in library, f"{name}: library title"
            # And the pane's border title carries it too.
            painted = screen_text(app).split("\n")[view.parent.region.y]
            assert shown in painted, f"{name}: pane title {painted!r}"
        assert app.is_running


@pytest.mark.slow
async def test_search_results_show_hostile_text_literally(corpus: Path) -> None:
    app = KzReaderApp(corpus, DataPaths.resolve())
    async with app.run_test(size=(220, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        results = screen.query_one(ResultsList)
        for i, (name, raw) in enumerate(NASTY.items()):
            if name not in SEARCHED:
                continue
            screen.search(f"marker{chr(ord('a') + i)}")
            await settle(pilot, 0.1)
            result = screen.results.result
            assert result is not None and [h.article for h in result.hits] == [name]
            prompts = [
                str(results.get_option_at_index(j).prompt) for j in range(results.option_count)
            ]
            assert any(clean_text(raw) in p for p in prompts), f"{name}: {prompts}"
        assert app.is_running
        # Nothing leaked into what is on screen: no ESC, no bidi override.
        painted = screen_text(app)
        assert "\x1b" not in painted and "\u202e" not in painted


async def test_click_markup_does_not_run_an_action(corpus: Path) -> None:
    app = KzReaderApp(corpus, DataPaths.resolve())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, "click")
        view = screen.active_view
        region = view.content_region
        # Click all over the article: a live [@click=app.quit] would quit the app.
        for y in range(region.y, region.y + min(region.height, 4)):
            for x in range(region.x, region.x + 24, 8):
                await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert "[@click=app.quit]z[/]" in all_text(view)


async def test_a_five_thousand_character_word_wraps_and_scrolls(corpus: Path) -> None:
    app = KzReaderApp(corpus, DataPaths.resolve())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await open_in_library(pilot, "longword")
        view = screen.active_view
        lines = all_text(view).split("\n")
        assert max(len(line) for line in lines) <= view.scrollable_content_region.width
        assert LONG_WORD in "".join(lines)
        for key in ("j", "end", "home", "pagedown"):
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running


async def test_entity_sidebar_shows_a_name_with_markup_literally(
    corpus: Path, isolated_home: Path
) -> None:
    from kzreader.core.entities.overlay import Overlay, OverlayOp

    paths = DataPaths.resolve()
    evil = "[@click=app.quit]Boss[/] [bold red]x \\"
    Overlay(collection_of(corpus).overlay_file).append(
        OverlayOp("rename", "person:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", evil)
    )
    app = KzReaderApp(corpus, paths)
    async with app.run_test(size=(200, 50)) as pilot:
        for _ in range(60):
            await settle(pilot, 0.05)
            if app.entities is not None and app.index is not None:
                break
        assert app.entities is not None
        screen = main_screen(pilot)
        await open_in_library(pilot, "click")
        await pilot.press("E")
        await settle(pilot)
        listing = lines_of(screen.entity_sidebar.entity_list)
        assert "[@click=app.quit]" in listing  # cut to the sidebar's width, but literal
        assert app.entities.entity("person:kassym-jomart-tokayev").name == evil
        assert "Arabic" not in listing  # the sidebar is this article's
        assert app.is_running


# ------------------------------------------------------------------ the command line


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KZREADER_HOME": str(home), "COLUMNS": "200"}
    env.pop("KZREADER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "kzreader", *args],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_cli_articles_and_search_print_no_escape_sequences(corpus: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    listing = run_cli("--corpus", str(corpus), "articles", home=home)
    assert listing.returncode == 0, listing.stderr
    assert b"\x1b" not in listing.stdout and b"\x1b" not in listing.stderr
    out = listing.stdout.decode("utf-8")
    assert "[bold red]x[/] and [i]italic[/i]" in out
    assert "\u202e" not in out and "\x9b" not in out
    for query in ("markera", "markerf", "markerg", "Astana", "PWNED"):
        found = run_cli("--corpus", str(corpus), "search", query, home=home)
        assert found.returncode in (0, 1), found.stderr
        assert b"\x1b" not in found.stdout + found.stderr, query
        assert b"Traceback" not in found.stderr
    shown = run_cli("--corpus", str(corpus), "search", "markerc", home=home).stdout.decode()
    assert "[@click=app.quit]z[/]" in shown
    as_json = run_cli("--corpus", str(corpus), "search", "--json", "markerf", home=home)
    assert b"\x1b" not in as_json.stdout


async def test_odd_file_names_open_in_the_app(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    names = {"with space": "Spaces", "new\nline": "Newline", "Қазақ тілі": "Kazakh", "😀": "Emoji"}
    for stem, title in names.items():
        (folder / f"{stem}.txt").write_text(f"{title} title\n\nAbout {title}.", encoding="utf-8")
    app = KzReaderApp(folder, DataPaths.resolve())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert sorted(app.corpus.ids) == sorted(["with space", "new line", "Қазақ тілі", "😀"])
        for article_id in app.corpus.ids:
            await open_in_library(pilot, article_id)
            view = screen.active_view
            assert view.article.id == article_id
            assert f"{view.article.title}" in all_text(view)
        assert app.is_running
