"""A hostile environment: bad queries, broken user files, full or read-only disks, an
index pulled away, two instances, odd terminals, tiny windows and resize storms.
"""

from __future__ import annotations

import errno
import os
import shutil
import types
from pathlib import Path

import pytest
import yaml
from collection_files import collection_of
from reader_helpers import ALMATY, main_screen, open_in_library, reader, settle

from kzreader.__main__ import main
from kzreader.core.bookmarks.store import BookmarkStore
from kzreader.core.paths import DataPaths, bundled_seeds

SEEDS = bundled_seeds()

#: Queries a user (or a cat on the keyboard) may type.
BAD_QUERIES = [
    "AND",
    "OR OR",
    "NOT",
    "(",
    ")(",
    '"unclosed',
    "title:",
    "foo:bar",
    "*",
    "?",
    "~",
    "Tokayev~99",
    "the of and to a",
    "!!!...,,,;;;",
    "—–-",
    ".*",
    "[a-z]+",
    "(?:x)",
    "\\d",
    "^$",
    "a|b",
    "[@click=app.quit]",
    "\x1b[2J",
    "x" * 10_000,
    " ".join(["Almaty"] * 2000),
]


def one_line(text: str) -> bool:
    return "\n" not in text.strip() and "Traceback" not in text


@pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_cli_search_answers_any_query_in_one_line(
    query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["search", query])
    out, err = capsys.readouterr()
    assert status in (0, 1)
    assert "Traceback" not in out + err and "\x1b" not in out + err
    assert one_line(err)


async def test_app_search_box_answers_any_query_in_one_line() -> None:
    app = reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        for query in BAD_QUERIES:
            screen.search(query)
            await settle(pilot)
            assert app.is_running, query
            result = screen.results.result
            assert result is not None and result.query == query
            if result.error:
                assert one_line(result.error), query
                status = str(screen.query_one("#results-status").render())
                assert result.error[:30] in status, query
        # And the box still works after all that.
        screen.search("Almaty")
        await settle(pilot)
        assert screen.results.result.hits


# ------------------------------------------------------------------ broken user files


PAYLOAD = "!!python/object/apply:os.system ['touch {marker}']"


def break_everything(home: Path, marker: Path) -> dict[str, Path]:
    """Every file the user may edit, broken a different way. Returns name → file."""
    paths = DataPaths.resolve(home)
    files = {
        "settings": paths.settings_file,
        "overlay": paths.overlay_file,
        "theme": paths.themes_dir / "evil.yaml",
        "theme-types": paths.themes_dir / "types.yaml",
        "bookmarks": paths.bookmarks_file,
        "state": paths.state_file,
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    payload = PAYLOAD.format(marker=marker)
    files["settings"].write_text(f"theme: {payload}\nwrap: [unclosed\n", encoding="utf-8")
    files["overlay"].write_text(f"version: 1\noperations: {payload}\n", encoding="utf-8")
    files["theme"].write_text(payload + "\n", encoding="utf-8")
    files["theme-types"].write_text(
        yaml.safe_dump({"name": "types", "dark": "maybe", "primary": 12}), encoding="utf-8"
    )
    files["bookmarks"].write_text(f"bookmarks:\n  - {payload}\n  - : :\n", encoding="utf-8")
    files["state"].write_text("{{{ not json or yaml \x00", encoding="utf-8")
    return files


async def test_app_starts_with_every_user_file_broken(isolated_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    files = break_everything(isolated_home, marker)
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        for _ in range(40):  # the overlay is read when the entity graph is built
            await settle(pilot, 0.05)
            if app.entities is not None:
                break
        await open_in_library(pilot, ALMATY)
        await pilot.press("b")  # bookmarks: must not overwrite the broken file silently
        await settle(pilot, 0.2)
        screen = main_screen(pilot)
        screen.search("Almaty")
        await settle(pilot)
        assert screen.results.result.hits  # the app still works
        notes = [n.message for n in app._notifications]
        assert app.is_running
    assert not marker.exists(), "a YAML tag ran a command"
    for note in notes:
        assert one_line(note), note
    for name, path in files.items():
        about = [note for note in notes if str(path) in note]
        assert len(about) == 1, f"{name}: not one notice in {notes}"
    # Nothing the user wrote was thrown away: broken files are kept (in place or aside).
    for name, path in files.items():
        kept = list(path.parent.glob(path.name + "*"))
        assert kept, f"{name} vanished"


@pytest.mark.parametrize(
    "text",
    [
        PAYLOAD,
        "operations:\n  - " + PAYLOAD,
        "operations:\n  - !!python/object:os.system {}",
        "operations:\n  - op: rename\n    entity: !!python/name:os.system ''\n    to: x",
    ],
)
def test_overlay_with_python_tags_runs_nothing_and_says_which_tag(
    text: str, tmp_path: Path
) -> None:
    from kzreader.core.entities.overlay import Overlay, OverlayError, OverlayOp

    marker = tmp_path / "PWNED"
    path = tmp_path / "overlay.yaml"
    path.write_text(text.replace("{marker}", str(marker)), encoding="utf-8")
    overlay = Overlay.load(path)
    assert not marker.exists()
    assert overlay.operations == ()
    assert overlay.error and one_line(overlay.error) and str(path) in overlay.error
    assert "YAML tag '!!python/" in overlay.error and "not allowed" in overlay.error
    assert "ignored until it is fixed" in overlay.error
    with pytest.raises(OverlayError):  # and it is never overwritten
        overlay.append(OverlayOp("hide", "person:x"))
    assert path.read_text(encoding="utf-8") == text.replace("{marker}", str(marker))


# ------------------------------------------------------------------ full or read-only disk


def refuse_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Every atomic write fails with ``code`` (ENOSPC, EROFS …), as on a full/locked disk."""
    import kzreader.core.atomic as atomic

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic, "tempfile", types.SimpleNamespace(mkstemp=mkstemp))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["ENOSPC", "EROFS"])
async def test_app_keeps_working_when_nothing_can_be_saved(
    code: int, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    app = reader()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        refuse_writes(monkeypatch, code)
        await open_in_library(pilot, ALMATY)
        await pilot.press("j", "j", "b")  # a bookmark
        await settle(pilot, 0.2)
        await pilot.press("ctrl+t")  # a theme change is saved in the settings
        await settle(pilot)
        app.save_state()
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert app.is_running
        screen = main_screen(pilot)
        screen.search("Almaty")
        await settle(pilot)
        assert screen.results.result.hits
    reason = os.strerror(code)
    failures = [n for n in notes if reason in n]
    assert failures, notes
    for note in failures:
        assert one_line(note), note
    assert any("settings not saved" in n and "until you quit" in n for n in failures), failures
    assert any("state.yaml: not saved" in n and "tried again" in n for n in failures), failures
    assert any("bookmark" in n.lower() for n in failures), failures


def test_data_dir_under_a_file_still_searches_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status = main(["--data-dir", str(blocker / "home"), "search", "Almaty"])
    out, err = capsys.readouterr()
    assert status == 0 and "Almaty" in out  # searched from memory
    lines = err.strip().splitlines()
    assert lines and "Traceback" not in err
    for line in lines:  # one line per problem, naming the file, no errno noise
        assert str(blocker) in line and "[Errno" not in line, line
    assert any("searching from memory this time" in line for line in lines)
    from kzreader.core.state import ReadingState

    _, problems = ReadingState.load(DataPaths.resolve(blocker / "home").state_file)
    assert problems and all("[Errno" not in p and one_line(p) for p in problems), problems
    status = main(["--data-dir", str(blocker / "home"), "bookmarks", "list"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and one_line(err) and "read-only" in err


# ------------------------------------------------------------------ the index pulled away


async def test_index_deleted_or_truncated_while_the_app_runs(isolated_home: Path) -> None:
    app = reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.search("Almaty")
        await settle(pilot)
        assert screen.results.result.hits
        index_dir = app.paths.index_dir(app.corpus_dir)
        for path in index_dir.rglob("*"):
            if path.is_file() and path.suffix in (".seg", ".toc", ".pst", ".trm"):
                path.write_bytes(path.read_bytes()[:7])
        for query in ("Tokayev", "Kotov", "Almaty"):
            screen.search(query)
            await settle(pilot)
            result = screen.results.result
            assert result.query == query
            assert result.hits or (result.error and one_line(result.error))
        shutil.rmtree(index_dir)
        for query in ("Borat", "Zhambyl"):
            screen.search(query)
            await settle(pilot)
            result = screen.results.result
            assert result.query == query
            assert result.error is None or one_line(result.error)
        assert app.is_running
    # The next start rebuilds and finds things again.
    app = reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.search("Tokayev")
        await settle(pilot)
        assert screen.results.result.hits
        assert app.index.report.action == "built"


def test_index_files_truncated_then_deleted_under_an_open_index(seeds_copy: Path) -> None:
    """Truncating a memory-mapped index file would kill the process (SIGBUS); here it
    is one line saying what happened and what to do."""
    from kzreader.core.corpus.collection import Corpus
    from kzreader.core.search.index import SearchIndex

    corpus = Corpus.open(seeds_copy)
    index_dir = DataPaths.resolve().index_dir(seeds_copy)
    ix = SearchIndex.open(corpus, index_dir)
    assert ix.search("Tokayev").hits
    for path in index_dir.rglob("*"):
        if path.is_file() and path.suffix in (".seg", ".toc"):
            path.write_bytes(path.read_bytes()[:7])
    damaged = ix.search("Kotov")
    assert damaged.error and one_line(damaged.error)
    assert "is damaged" in damaged.error and "the next start rebuilds it" in damaged.error
    assert isinstance(ix.highlight("Kotov", corpus.article(corpus.ids[0])), dict)
    shutil.rmtree(index_dir)
    deleted = ix.search("Almaty")
    assert deleted.error and one_line(deleted.error)
    assert "was deleted" in deleted.error and "the next start rebuilds it" in deleted.error
    again = SearchIndex.open(Corpus.open(seeds_copy), index_dir)
    assert again.report.action == "built" and again.search("Kotov").hits


# ------------------------------------------------------------------ two instances


async def test_two_apps_on_one_home_lose_no_bookmark(isolated_home: Path) -> None:
    first, second = reader(), reader()
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await settle(one)
        await settle(two)
        await open_in_library(one, ALMATY)
        await open_in_library(two, ALMATY)
        for _ in range(3):
            await one.press("j", "b")
            await settle(one, 0.1)
            await two.press("j", "j", "b")
            await settle(two, 0.1)
        first.save_state()
        second.save_state()
    store = BookmarkStore.open(collection_of().bookmarks_file)
    assert len(store) == 6, [(b.article, b.paragraph) for b in store]
    state = collection_of().state_file
    assert state.exists() and yaml.safe_load(state.read_text(encoding="utf-8")) is not None


# ------------------------------------------------------------------ tiny windows, resize storms


@pytest.mark.slow
async def test_twenty_by_eight_and_a_resize_storm() -> None:
    app = reader()
    async with app.run_test(size=(20, 8)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "j", "j", "slash", "A", "l", "escape", "question_mark")
        await settle(pilot)
        assert app.is_running
        await pilot.press("escape")
        sizes = [(20, 8), (200, 60), (1, 1), (80, 24), (33, 9), (3, 40), (120, 5), (20, 8)]
        for _ in range(6):
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        await open_in_library(pilot, ALMATY)
        screen = main_screen(pilot)
        assert screen.active_view.article.id == ALMATY
        await pilot.press("j", "j", "n", "slash", "K", "enter")
        await settle(pilot)
        assert app.is_running


async def test_no_color_draws_in_the_terminals_own_colours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR starts the ANSI theme; Textual's Monochrome filter made it black on black."""
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = reader()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_theme.ansi
        kinds = {type(f) for f in app._filters}
        assert NoColor in kinds and Monochrome not in kinds
        strips = app.screen._compositor.render_strips()
        background = app.screen.styles.background
        for strip in strips:
            for filter_ in app._filters:
                strip = strip.apply_filter(filter_, background)
            for segment in strip:
                style = segment.style
                if style is None:
                    continue
                assert style.color is None or style.color.is_default, style
                assert style.bgcolor is None or style.bgcolor.is_default, style
        # A true-colour theme chosen later is drawn in greys, not dropped to nothing.
        app.theme = "kz-dark"
        await settle(pilot)
        kinds = {type(f) for f in app._filters}
        assert Monochrome in kinds and NoColor not in kinds


def test_app_with_a_missing_corpus_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert one_line(err) and "nowhere" in err
