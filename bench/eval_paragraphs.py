"""Paragraph-rebuild accuracy on the format fixtures: the tuned-on set and the held-back one.

    python bench/eval_paragraphs.py            # both sets, one table each
    python bench/eval_paragraphs.py --set dev

For each one-paragraph-per-line text in ``tests/core/corpus/fixtures/<set>/`` (its lines
are the annotation), the text is tried as written and hard-wrapped at 60, 72, 100, 120
and 140 columns (``textwrap``, with and without breaks after hyphens), paragraphs apart
by a blank line or by a single newline; then as a PDF report made with fpdf2 (one and
two columns, running header, page numbers). Each ``*.html`` with its ``.expected.json``
is read as a saved page. Reported: paragraphs rebuilt exactly / expected, and whole
documents exactly right.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "core" / "corpus"
sys.path.insert(0, str(TESTS))

from corpus_fixtures import FIXTURES, paragraphs_of, wrapped  # noqa: E402

from kzreader.core.corpus.collection import Corpus  # noqa: E402
from kzreader.core.corpus.model import Kind  # noqa: E402
from kzreader.core.corpus.txt import split_paragraphs  # noqa: E402

WIDTHS = (60, 72, 100, 120, 140)


def score(expected: list[str], got: list[str]) -> tuple[int, int, bool]:
    """(expected paragraphs found exactly, expected count, the whole document right)."""
    remaining = list(got)
    hits = 0
    for paragraph in expected:
        if paragraph in remaining:
            remaining.remove(paragraph)
            hits += 1
    return hits, len(expected), got == expected


def evaluate(folder: Path) -> dict[str, list[tuple[int, int, bool]]]:
    results: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for path in sorted(folder.glob("*.txt")):
        expected = paragraphs_of(path)
        results["text, one paragraph a line"].append(
            score(expected, split_paragraphs("\n".join(expected)))
        )
        for width in WIDTHS:
            for hyphens in (True, False):
                blank = wrapped(expected, width, hyphens=hyphens)
                single = wrapped(expected, width, hyphens=hyphens, sep="\n")
                results["text wrapped, blank lines"].append(
                    score(expected, split_paragraphs(blank))
                )
                results["text wrapped, no blank lines"].append(
                    score(expected, split_paragraphs(single))
                )
        results.setdefault("pdf", [])
        from pdf_maker import make_report

        body = [p.replace("—", "-").replace("’", "'") for p in expected[3:]]
        for columns in (1, 2):
            with tempfile.TemporaryDirectory() as tmp:
                make_report(Path(tmp) / "r.pdf", expected[0], body * 4, columns=columns)
                article = Corpus.open(tmp).article("r")
                got = [p.text for p in article.paragraphs]
                results[f"pdf, {columns} column(s)"].append(score([expected[0], *body * 4], got))
    results.pop("pdf", None)
    for path in sorted(folder.glob("*.html")):
        want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / path.name).write_bytes(path.read_bytes())
            article = Corpus.open(tmp).article(path.stem)
        body = [p.text for p in article.paragraphs if p.kind in (Kind.TITLE, Kind.BODY)]
        comments = [p.text for p in article.paragraphs if p.kind is Kind.COMMENT]
        results["web page, body"].append(score(want["body"], body))
        results["web page, comments"].append(
            score(want["comments"], [c for c in comments if c in want["comments"]])
        )
        meta = [
            (getattr(article, key) == want[key]) for key in ("title", "author", "date", "outlet")
        ]
        meta.append(article.url == want["url"])
        results["web page, metadata fields"].append((sum(meta), len(meta), all(meta)))
    return results


def report(name: str, results: dict[str, list[tuple[int, int, bool]]]) -> None:
    print(f"\n{name}")
    print(f"  {'case':34} {'paragraphs exact':>18} {'documents exact':>16}")
    for case, rows in results.items():
        hits = sum(r[0] for r in rows)
        total = sum(r[1] for r in rows)
        docs = sum(r[2] for r in rows)
        print(f"  {case:34} {hits:>8}/{total:<5} {hits / total:5.1%} {docs:>7}/{len(rows):<3}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "heldback", "both"), default="both")
    args = parser.parse_args()
    sets = ("dev", "heldback") if args.set == "both" else (args.set,)
    for name in sets:
        label = "dev (tuned on)" if name == "dev" else "held back (not looked at while tuning)"
        report(label, evaluate(FIXTURES / name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
