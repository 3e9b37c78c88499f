"""The library's muted columns (outlet, date, words) stay readable under every shipped theme."""

from __future__ import annotations

import pytest
from reader_helpers import until
from rich.color import Color

from kzreader.core.colour import contrast_ratio, parse_colour
from kzreader.core.paths import DataPaths, bundled_seeds
from kzreader.ui.app import KzReaderApp
from kzreader.ui.widgets.library_table import LibraryTable


def _hex(color: Color) -> str:
    red, green, blue = color.get_truecolor()
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize("theme", ["kz-dark", "kz-paper", "kz-contrast"])
async def test_muted_library_text_is_readable(theme: str) -> None:
    app = KzReaderApp(bundled_seeds(), DataPaths.resolve())
    async with app.run_test(size=(120, 30)) as pilot:
        app.theme = theme
        await until(pilot, lambda: app.screen.query(LibraryTable), "the library drawn")
        await pilot.pause()  # the theme's styles applied to it
        table = app.screen.query_one(LibraryTable)
        table.notify_style_update()
        styles = table._styles_for()
        ratio = contrast_ratio(
            parse_colour(_hex(styles["dim"].color)), parse_colour(_hex(table.rich_style.bgcolor))
        )
        assert ratio >= 4.5, f"{theme}: muted library text at {ratio:.2f}:1"
