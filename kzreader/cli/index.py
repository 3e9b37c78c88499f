"""``kzreader index``: build or update the search index, with progress."""

from __future__ import annotations

import argparse

from . import Context

HELP = "build or update the search index (only changed files are re-indexed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="rebuild from scratch")


def run(args: argparse.Namespace, ctx: Context) -> int:
    corpus = ctx.corpus()
    if ctx.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        console = Console(file=ctx.stderr, markup=False, highlight=False)
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("indexing", total=len(corpus))
            index = ctx.index(
                rebuild=args.rebuild,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    else:
        step = max(1, len(corpus) // 10)

        def plain(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                print(f"indexed {done}/{total}", file=ctx.stderr, flush=True)

        index = ctx.index(rebuild=args.rebuild, progress=plain)
    print(index.report.summary(), file=ctx.stdout)
    return 0 if index.available else 1
