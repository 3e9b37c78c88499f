"""``kzreader themes``: the themes the app can use, where each comes from, and broken files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from . import Context

HELP = "list the themes (shipped, yours, Textual's) and any theme file that is broken"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _rows(ctx: Context) -> tuple[list[dict[str, Any]], list[dict[str, str]], str]:
    # Textual is imported only here: the same checks as the app, so the list cannot disagree.
    from textual.theme import BUILTIN_THEMES

    from ..core.config import load_settings
    from ..ui.theming import theme_catalog

    catalog = theme_catalog(ctx.paths)
    settings, messages = load_settings(ctx.paths.settings_file)
    for message in messages:
        ctx.warn(message)
    rows: list[dict[str, Any]] = [
        {
            "name": spec.name,
            "source": spec.source,
            "path": str(spec.path) if spec.path else None,
            "dark": spec.dark,
            "ansi": spec.ansi,
            "description": spec.description,
        }
        for spec in catalog.themes
    ]
    ours = set(catalog.names)
    rows.extend(
        {
            "name": name,
            "source": "textual",
            "path": None,
            "dark": theme.dark,
            "ansi": theme.ansi,
            "description": "",
        }
        for name, theme in BUILTIN_THEMES.items()
        if name not in ours
    )
    for row in rows:
        row["current"] = row["name"] == settings.theme
    if not any(row["current"] for row in rows):
        ctx.warn(f"settings: theme {settings.theme!r} is not available — the app uses the default")
    errors = [{"path": str(p.path), "message": p.reason} for p in catalog.problems]
    return rows, errors, settings.theme


def run(args: argparse.Namespace, ctx: Context) -> int:
    rows, errors, current = _rows(ctx)
    if args.json:
        json.dump({"themes": rows, "errors": errors}, ctx.stdout, ensure_ascii=False, indent=2)
        ctx.stdout.write("\n")
        return 0
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=ctx.stdout, highlight=False, markup=False, emoji=False)
    table = Table(
        title=f"{len(rows)} themes — current: {current} (settings: {ctx.paths.settings_file})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("source", overflow="fold")
    table.add_column("description", ratio=1)
    for row in rows:
        kind = ("dark" if row["dark"] else "light") + (", ANSI" if row["ansi"] else "")
        source = f"user: {row['path']}" if row["source"] == "user" else row["source"]
        table.add_row(
            "*" if row["current"] else "",
            Text(row["name"]),
            kind,
            Text(source),
            Text(row["description"] or ""),
        )
    console.print(table)
    if errors:
        console.print(Text(f"{len(errors)} theme file(s) could not be used:"))
        for error in errors:
            console.print(Text(f"  {error['path']}: {error['message']} — skipped"))
    return 0
