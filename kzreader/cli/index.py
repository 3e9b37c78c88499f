"""``kzreader index``: build or update the search index, with progress."""

from __future__ import annotations

import argparse

from ..core.search.store import committed_articles
from . import CliError, Context
from .progress import progress

HELP = "build or update the search index (only changed files are re-indexed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="rebuild from scratch")


def run(args: argparse.Namespace, ctx: Context) -> int:
    ctx.repeat_warnings = True  # checking the folder: every file problem, also known ones
    corpus = ctx.corpus()
    try:
        return _index(args, ctx)
    except KeyboardInterrupt:
        kept = committed_articles(ctx.index_dir)
        raise CliError(
            f"interrupted; {kept} of {len(corpus)} articles are indexed and kept: "
            "run 'kzreader index' again to index the rest",
            status=130,
        ) from None


def _index(args: argparse.Namespace, ctx: Context) -> int:
    with progress(ctx.stderr, "indexing") as report:
        index = ctx.index(rebuild=args.rebuild, progress=report, entities=False)
    print(index.report.summary(), file=ctx.stdout)
    return 0 if index.available else 1
