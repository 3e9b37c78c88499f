"""``kzreader entities``: the people, places and organisations of the corpus."""

from __future__ import annotations

import argparse
import json

from ..core.entities import EntityType
from . import CliError, Context

HELP = "list people, places and organisations, most mentioned first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--type",
        metavar="TYPE",
        help="only person, place, organisation (org) or name (a name of unknown type)",
    )
    parser.add_argument(
        "--article", metavar="ID", help="only entities of one article (id or prefix)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--ner",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also use the spaCy model of kzreader[ner] (default: $KZREADER_NER)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    type_ = None
    if args.type:
        try:
            type_ = EntityType.parse(args.type)
        except ValueError as error:
            raise CliError(str(error), status=2) from error
    corpus = ctx.corpus()
    article = _article(corpus.ids, args.article) if args.article else None
    try:
        graph = ctx.entities(use_ner=args.ner, lines=True)
    except KeyboardInterrupt:
        raise CliError(
            "interrupted; the articles read so far are kept: "
            "run 'kzreader entities' again to read the rest",
            status=130,
        ) from None
    entities = graph.entities(type=type_, article=article)
    counts = graph.counts(article) if article else {}
    if args.json:
        rows = []
        for entity in entities:
            row = entity.to_json()
            if article:
                row["article_mentions"] = counts.get(entity.id, 0)
            rows.append(row)
        json.dump({"entities": rows}, ctx.stdout, ensure_ascii=False, indent=2)
        ctx.stdout.write("\n")
        return 0
    _table(ctx, corpus.name, entities, article, counts)
    return 0


def _article(ids: list[str], wanted: str) -> str:
    if wanted in ids:
        return wanted
    matches = [i for i in ids if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CliError(f"{wanted}: several articles start so ({', '.join(matches[:4])}…)")
    raise CliError(f"{wanted}: no such article (kzreader articles lists them)")


def _table(
    ctx: Context, corpus_name: str, entities: list, article: str | None, counts: dict
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    where = f"article {article}" if article else corpus_name
    table = Table(title=f"{where} — {len(entities)} entities", title_justify="left")
    table.add_column("name", ratio=2)
    table.add_column("type", no_wrap=True)
    if article:
        table.add_column("here", justify="right", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("also called", ratio=3)
    for entity in entities:
        name = Text(entity.name)
        if entity.comments_only:
            name.append(" (comments only)", style="dim")
        seen = [a for a in entity.aliases if a.casefold() != entity.name.casefold()][:4]
        row = [name, Text(str(entity.type))]
        if article:
            row.append(Text(str(counts.get(entity.id, 0))))
        row += [
            Text(str(entity.mentions)),
            Text(str(len(entity.articles))),
            Text(", ".join(seen) + (" …" if len(entity.aliases) > len(seen) else "")),
        ]
        table.add_row(*row)
    Console(file=ctx.stdout, highlight=False, markup=False, emoji=False).print(table)
