"""``kzreader search``: ranked results with highlighted passages, as text, JSON,
Markdown or CSV."""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..core.search.passages import FORMATS, SearchResult, export
from ..core.search.service import SearchService
from . import CliError, Context

HELP = (
    'search the articles (words, "phrases", AND/OR/NOT, -word, =word, title:, author:, '
    "outlet:, date:, kind:comment, prefix*, fuzzy~)"
)
CONTEXT_CHARS = 220  # how much of a long passage the text output shows around the first hit
#: The longest line ``--batch`` reads as a query (queries are cut at 1,000 characters).
MAX_BATCH_LINE = 64 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", help="what to search for")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="articles to show (10)")
    parser.add_argument("--json", action="store_true", help="print JSON (as --format json)")
    parser.add_argument(
        "--format",
        choices=("text", *FORMATS),
        default=None,
        help="text (the default), json, md (Markdown) or csv (one row per passage)",
    )
    parser.add_argument(
        "--sort",
        choices=("relevance", "date"),
        default="relevance",
        help="best match first (the default) or newest first",
    )
    parser.add_argument(
        "--literal",
        action="store_true",
        help="no name widens to its aliases (as =word does for one word)",
    )
    parser.add_argument(
        "--batch",
        metavar="FILE",
        help="read one query per line from FILE (- for stdin); print one JSON object per line",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", status=2)
    if args.batch is not None:
        if args.query is not None:
            raise CliError("give either a QUERY or --batch, not both", status=2)
        return _batch(args, ctx)
    if args.query is None:
        raise CliError("what should I search for? (kzreader search QUERY)", status=2)
    result = ctx.index().search(
        args.query, limit=args.limit, sort=args.sort, widen=not args.literal
    )
    form = "json" if args.json else (args.format or "text")
    if form == "text":
        _print(result, ctx)
    elif not result.error:
        ctx.stdout.write(export(result, form))
    else:
        if form == "json":
            ctx.stdout.write(export(result, "json"))
    if result.error:
        ctx.warn(result.error)
        return 1
    return 0


def _batch(args: argparse.Namespace, ctx: Context) -> int:
    index = ctx.index()
    if args.batch == "-":
        return _run_batch(sys.stdin.buffer, "stdin", index, args, ctx)
    try:
        with Path(args.batch).open("rb") as source:
            return _run_batch(source, args.batch, index, args, ctx)
    except OSError as error:
        raise CliError(f"{args.batch}: cannot be read ({error.strerror})") from error


def batch_lines(source: BinaryIO | io.BufferedIOBase, name: str) -> Iterator[str]:
    """The lines of ``source`` as text, each read with a bound (``/dev/zero`` is one endless
    line); a line too long or not UTF-8 stops the batch with a one-line message."""
    number = 0
    while True:
        line = source.readline(MAX_BATCH_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_BATCH_LINE and not line.endswith(b"\n"):
            raise CliError(
                f"{name}: line {number} is longer than {MAX_BATCH_LINE:,} bytes; "
                "give one query per line"
            )
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CliError(
                f"{name}: line {number} is not UTF-8 text (byte {error.start + 1}); "
                "save the queries as UTF-8"
            ) from error


def _run_batch(
    source: BinaryIO, name: str, index: SearchService, args: argparse.Namespace, ctx: Context
) -> int:
    for line in batch_lines(source, name):
        text = line.strip()
        if not text:
            continue
        started = time.perf_counter()
        result = index.search(text, limit=args.limit, sort=args.sort, widen=not args.literal)
        data = result.to_json()
        data["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
        ctx.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        ctx.stdout.flush()
    return 0


def _print(result: SearchResult, ctx: Context) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=ctx.stdout, highlight=False, markup=False, emoji=False)
    if result.error:
        return
    header = Text()
    header.append(f"{result.total} article{'s' if result.total != 1 else ''}", style="bold")
    header.append(f" match {result.query}")
    if result.notice:
        header.append(f"  ({result.notice})", style="dim")
    console.print(header)
    for name, aliases in result.widened:
        console.print(Text(f"{name} also searched as: {', '.join(aliases)}", style="dim"))
    if result.corrected:
        console.print(
            Text.assemble(("Did you mean: ", "yellow"), (result.corrected, "bold yellow"))
        )
    for rank, hit in enumerate(result.hits, 1):
        console.print()
        about = " · ".join(x for x in (hit.outlet, hit.date) if x)
        title = Text.assemble(
            (f"{rank}. ", "dim"),
            (hit.title, "bold"),
            (f"  {about}" if about else "", "dim"),
            (f"  {hit.article}", "dim"),
        )
        if not hit.all_words:
            words = ", ".join(hit.matched)
            title.append(f"  (only some words: {words})", style="dim italic")
        if hit.aliases:
            title.append(f"  (as {', '.join(hit.aliases)})", style="dim italic")
        console.print(title)
        for passage in hit.passages:
            console.print(
                _passage_text(passage.paragraph, passage.kind, passage.text, passage.highlights)
            )


def _passage_text(number: int, kind: str, text: str, spans: tuple[tuple[int, int], ...]):
    """A passage shortened around its first hit, with every hit highlighted."""
    from rich.text import Text

    start, end = 0, len(text)
    if len(text) > 2 * CONTEXT_CHARS:
        first = spans[0][0] if spans else 0
        start = max(0, first - CONTEXT_CHARS // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + 2 * CONTEXT_CHARS)
    line = Text("   ")
    line.append(f"¶{number}", style="cyan")
    if kind != "body":
        line.append(f" {kind}", style="dim")
    line.append("  " + ("…" if start else ""))
    offset = len(line) - start
    line.append(text[start:end])
    if end < len(text):
        line.append("…")
    for a, b in spans:
        if a < end and b > start:
            line.stylize("bold black on yellow", max(a, start) + offset, min(b, end) + offset)
    return line
