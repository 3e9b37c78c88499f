"""``kzreader articles``: list the corpus."""

from __future__ import annotations

import argparse
import json

from . import Context

HELP = "list the articles of the corpus"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    corpus = ctx.corpus()
    rows = [
        {
            "id": info.id,
            "title": info.title,
            "author": info.author,
            "outlet": info.outlet,
            "date": info.date,
            "url": info.url,
            "paragraphs": info.paragraphs,
            "words": info.words,
            # The real name (the sanitiser writes its control bytes as \u escapes, so
            # JSON keeps it losslessly), not the name as shown in messages.
            "path": str(corpus.path(info.id)),
        }
        for info in corpus
    ]
    if args.json:
        json.dump({"articles": rows}, ctx.stdout, ensure_ascii=False, indent=2)
        ctx.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{corpus.name} — {len(rows)} articles", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("author / outlet", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    for row in rows:
        byline = " · ".join(str(v) for v in (row["author"], row["outlet"]) if v)
        title, date = str(row["title"]), str(row["date"] or "")
        table.add_row(str(row["id"]), title, byline, date, str(row["words"]))
    Console(file=ctx.stdout, highlight=False, markup=False, emoji=False).print(table)
    return 0
