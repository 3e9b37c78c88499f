"""``kzreader bookmarks``: list, add, remove and export bookmarked passages."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from ..core.atomic import atomic_write_text
from ..core.bookmarks import (
    FORMATS,
    AnchorError,
    BookmarkError,
    Placed,
    Shelf,
    by_position,
    export_text,
    filter_placed,
    format_for,
    group_by_article,
    split_orphans,
)
from ..core.bookmarks.everywhere import CollectionShelf, all_shelves, export_all
from ..core.bookmarks.model import now_iso
from . import CliError, Context

HELP = "list, add, remove and export bookmarked passages"

QUOTE_CHARS = 160


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="bookmarks_command", metavar="ACTION")

    listing = sub.add_parser("list", help="list bookmarks (the default)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    _tag_option(listing, "only bookmarks with this tag (repeat for several: all must match)")
    listing.add_argument("--orphans", action="store_true", help="only passages no longer found")
    _all_option(listing, "list the bookmarks of every folder opened, not only this one")

    add = sub.add_parser("add", help="bookmark a paragraph, or part of one; prints the new id")
    add.add_argument("article", metavar="ARTICLE", help="article id (see `kzreader articles`)")
    add.add_argument("paragraph", metavar="PARAGRAPH", type=int, help="paragraph number (from 1)")
    add.add_argument("--start", type=int, metavar="S", help="first character (from 0)")
    add.add_argument("--end", type=int, metavar="E", help="character after the last one")
    add.add_argument("--note", default="", metavar="TEXT", help="a note to keep with it")
    _tag_option(add, "a tag (repeatable; --tag a b also works)")

    remove = sub.add_parser("remove", help="delete a bookmark")
    remove.add_argument("id", metavar="ID", help="the bookmark's id (see `bookmarks list`)")

    export = sub.add_parser("export", help="write a reading list (Markdown), JSON or CSV")
    export.add_argument(
        "--format", choices=FORMATS, help="md, json or csv (default: from -o's suffix, else md)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    _tag_option(export, "only bookmarks with this tag")
    _all_option(export, "export the bookmarks of every folder opened (md or json)")

    restore = sub.add_parser("restore-backup", help="merge the bookmarks of a backup file back in")
    restore.add_argument(
        "file", nargs="?", metavar="FILE", help="backup to merge (default: the last good file)"
    )


def _tag_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--tag", dest="tags", action="extend", nargs="+", default=[], metavar="T", help=help_text
    )


def _all_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--all-collections", action="store_true", help=help_text)


def run(args: argparse.Namespace, ctx: Context) -> int:
    command = getattr(args, "bookmarks_command", None) or "list"
    corpus = ctx.corpus()
    shelf = Shelf.open(ctx.collection().bookmarks_file, corpus)
    for notice in shelf.notices:
        ctx.warn(notice)
    if shelf.store.moved_aside is not None and shelf.store.offered_backup is not None:
        ctx.warn("to merge that backup back in: kzreader bookmarks restore-backup")
    try:
        if command == "add":
            return _add(args, ctx, shelf)
        if command == "remove":
            removed = shelf.remove(args.id)
            ctx.stdout.write(
                f"removed {removed.id} ({removed.article} ¶{removed.anchor.paragraph})\n"
            )
            return 0
        if command == "export":
            return _export(args, ctx, shelf)
        if command == "restore-backup":
            added = shelf.restore_backup(args.file)
            ctx.stdout.write(f"restored {added} bookmark{'s' if added != 1 else ''}\n")
            return 0
        return _list(args, ctx, shelf)
    except AnchorError as error:
        raise CliError(str(error)) from error
    except BookmarkError as error:
        raise CliError(str(error)) from error


def _add(args: argparse.Namespace, ctx: Context, shelf: Shelf) -> int:
    if args.article not in ctx.corpus():
        raise CliError(f"no article {args.article!r} in {ctx.corpus_dir} (see `kzreader articles`)")
    placed = shelf.add(
        args.article, args.paragraph, args.start, args.end, note=args.note, tags=args.tags
    )
    ctx.stdout.write(placed.id + "\n")
    return 0


def _export(args: argparse.Namespace, ctx: Context, shelf: Shelf) -> int:
    if args.all_collections:
        return _export_all(args, ctx)
    items = filter_placed(shelf.placed(), tags=args.tags)
    fmt = args.format or (format_for(args.output) if args.output else None) or "md"
    if args.output:
        shelf.export_to(args.output, fmt, items)
        count = len(items)
        ctx.stdout.write(
            f"exported {count} bookmark{'s' if count != 1 else ''} to {args.output} ({fmt})\n"
        )
    else:
        ctx.stdout.write(export_text(items, fmt, shelf.corpus))
    return 0


def _export_all(args: argparse.Namespace, ctx: Context) -> int:
    fmt = args.format or (format_for(args.output) if args.output else None) or "md"
    if fmt not in ("md", "json"):
        raise CliError("--all-collections exports md or json (csv holds one collection)")
    shelves = all_shelves(ctx.paths, ctx.collection(), ctx.corpus())
    text = export_all(shelves, fmt, tags=args.tags, now=now_iso())
    if not args.output:
        ctx.stdout.write(text)
        return 0
    try:
        atomic_write_text(Path(args.output), text)
    except OSError as error:
        raise CliError(f"cannot write {args.output}: {error.strerror or error}") from error
    count = sum(len(filter_placed(item.placed(), tags=args.tags)) for item in shelves)
    ctx.stdout.write(
        f"exported {count} bookmark{'s' if count != 1 else ''} of {len(shelves)} "
        f"collection{'s' if len(shelves) != 1 else ''} to {args.output} ({fmt})\n"
    )
    return 0


def _list(args: argparse.Namespace, ctx: Context, shelf: Shelf) -> int:
    tags = getattr(args, "tags", [])
    orphans_only = getattr(args, "orphans", False)
    filtered = bool(tags or orphans_only)
    everywhere = getattr(args, "all_collections", False)
    shelves = all_shelves(ctx.paths, ctx.collection(), shelf.corpus) if everywhere else None
    if shelves is not None and shelves and shelves[0].current:
        shelves[0] = replace(shelves[0], shelf=shelf)
    rows: list[dict[str, object]] = []
    sections = []
    for item in shelves if shelves is not None else [None]:
        one = shelf if item is None else item.shelf
        items = filter_placed(one.placed(), tags=tags, orphans=True if orphans_only else None)
        anchored, orphans = split_orphans(by_position(items, one.corpus))
        if item is None:
            rows += [p.to_json() for p in anchored + orphans]
        else:
            rows += [item.to_json(p) for p in anchored + orphans]
        sections.append((item, one, anchored, orphans))
    if getattr(args, "json", False):
        json.dump({"bookmarks": rows}, ctx.stdout, ensure_ascii=False, indent=2)
        ctx.stdout.write("\n")
        return 0
    for item, one, anchored, orphans in sections:
        if item is not None:
            _print_heading(ctx, item)
        _print_list(ctx, one, anchored, orphans, filtered=filtered or item is not None)
    if shelves is not None and not shelves:
        ctx.stdout.write("No bookmarks in any collection yet.\n")
    return 0


def _print_heading(ctx: Context, item: CollectionShelf) -> None:
    from rich.console import Console
    from rich.rule import Rule

    where = f"{item.title} — {item.folder}" if item.folder else item.title
    if item.current:
        where += " (this folder)"
    Console(file=ctx.stdout, markup=False, highlight=False, emoji=False).print(
        Rule(where, align="left")
    )


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _print_list(
    ctx: Context, shelf: Shelf, anchored: list[Placed], orphans: list[Placed], *, filtered: bool
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=ctx.stdout, markup=False, highlight=False, emoji=False)
    if not anchored and not orphans:
        if filtered or len(shelf):
            console.print(Text("No bookmarks match."))
        elif not shelf.store.writable:  # the file could not be read (said on stderr)
            console.print(Text("No bookmarks could be read."))
        else:
            console.print(
                Text("No bookmarks yet. Add one: kzreader bookmarks add ARTICLE PARAGRAPH")
            )
        return

    def table(items: list[Placed], *, with_article: bool) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)  # id
        grid.add_column(no_wrap=True, justify="right")  # where
        grid.add_column(ratio=1)  # quote, then note, tags, date
        for item in items:
            mark = item.bookmark
            body = Text(_short(mark.quote))
            details = Text(style="dim")
            if mark.note:
                body.append("\n")
                body.append(_short(mark.note, 300), style="italic")
            if mark.tags:
                details.append(" ".join("#" + t for t in mark.tags) + "  ")
            details.append(mark.created[:10])
            if item.reason:
                details.append(f"  ({item.reason})")
            body.append("\n")
            body.append_text(details)
            where = f"{item.article} ¶{item.paragraph}" if with_article else f"¶{item.paragraph}"
            grid.add_row(Text(mark.id, style="bold"), Text(where, style="cyan"), body)
        return grid

    for group in group_by_article(anchored, shelf.corpus):
        heading = Text(group.title, style="bold")
        heading.append(f"  {group.article}", style="dim")
        console.print(heading)
        console.print(table(list(group.items), with_article=False))
    if orphans:
        console.print(Text("Orphans — not found in the current text", style="bold yellow"))
        console.print(table(orphans, with_article=True))
