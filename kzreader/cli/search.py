"""``kzreader search``: ranked results with highlighted passages, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from ..core.index import SearchIndex
from ..core.results import SearchResult
from . import CliError, Context

HELP = 'search the articles (words, "phrases", AND/OR/NOT, title:, author:, prefix*, fuzzy~)'
CONTEXT_CHARS = 220  # how much of a long passage the text output shows around the first hit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", help="what to search for")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="articles to show (10)")
    parser.add_argument("--json", action="store_true", help="print JSON")
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
    result = ctx.index().search(args.query, limit=args.limit)
    if args.json:
        json.dump(result.to_json(), ctx.stdout, ensure_ascii=False, indent=2)
        ctx.stdout.write("\n")
    else:
        _print(result, ctx)
    if result.error:
        ctx.warn(result.error)
        return 1
    return 0


def _batch(args: argparse.Namespace, ctx: Context) -> int:
    index = ctx.index()
    if args.batch == "-":
        return _run_batch(sys.stdin, index, args.limit, ctx)
    try:
        with Path(args.batch).open(encoding="utf-8") as source:
            return _run_batch(source, index, args.limit, ctx)
    except OSError as error:
        raise CliError(f"{args.batch}: cannot be read ({error.strerror})") from error


def _run_batch(source: Iterable[str], index: SearchIndex, limit: int, ctx: Context) -> int:
    for line in source:
        text = line.strip()
        if not text:
            continue
        started = time.perf_counter()
        result = index.search(text, limit=limit)
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
    if result.corrected:
        console.print(
            Text.assemble(("Did you mean: ", "yellow"), (result.corrected, "bold yellow"))
        )
    for rank, hit in enumerate(result.hits, 1):
        console.print()
        title = Text.assemble(
            (f"{rank}. ", "dim"), (hit.title, "bold"), (f"  {hit.article}", "dim")
        )
        if not hit.all_words:
            title.append("  (some words)", style="dim italic")
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
