"""``kzreader index``: build or update the search index, with progress."""

from __future__ import annotations

import argparse

from ..core.index import committed_articles
from . import CliError, Context

HELP = "build or update the search index (only changed files are re-indexed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="rebuild from scratch")


def run(args: argparse.Namespace, ctx: Context) -> int:
    corpus = ctx.corpus()
    try:
        return _index(args, ctx, len(corpus))
    except KeyboardInterrupt:
        kept = committed_articles(ctx.index_dir)
        raise CliError(
            f"interrupted; {kept} of {len(corpus)} articles are indexed and kept: "
            "run 'kzreader index' again to index the rest",
            status=130,
        ) from None


def _index(args: argparse.Namespace, ctx: Context, articles: int) -> int:
    if ctx.stderr.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=ctx.stderr, markup=False, highlight=False)
        with Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("indexing", total=articles)
            index = ctx.index(
                rebuild=args.rebuild,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    else:
        step = max(1, articles // 10)

        def plain(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                print(f"indexed {done}/{total}", file=ctx.stderr, flush=True)

        index = ctx.index(rebuild=args.rebuild, progress=plain)
    print(index.report.summary(), file=ctx.stdout)
    return 0 if index.available else 1
