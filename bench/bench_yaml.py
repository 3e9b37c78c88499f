"""What the one YAML loader's limits cost: ``load_yaml`` against plain libyaml ``safe_load``.

    python bench/bench_yaml.py [--bookmarks 20000] [--runs 5]

A synthetic bookmarks file (each bookmark with a quote, context and a note) is parsed
by both, interleaved; medians of ``--runs``, and their ratio (the anchor is plain ``CSafeLoader``
in the same run, so a busy machine slows both alike). A text with an anchor takes the
slower alias-weighing walk: measured too, on the same file with one anchor added.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.bookmarks.document import dump_document
from kzreader.core.bookmarks.model import Anchor, Bookmark
from kzreader.core.yamlsafe import load_yaml


def bookmarks_text(count: int) -> str:
    marks = [
        Bookmark(
            id=f"{i:08x}",
            anchor=Anchor(
                f"art{i % 500}",
                i % 40 + 1,
                0,
                120,
                "the quoted passage " * 6,
                "before " * 4,
                "after " * 4,
            ),
            note="a note of a few words " * 6,
            tags=("law", "oil"),
            created="2026-11-21T12:53:14Z",
            updated="2026-11-21T12:53:14Z",
            extra={},
        )
        for i in range(count)
    ]
    return dump_document(marks)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookmarks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = bookmarks_text(args.bookmarks)
    anchored = text + "anchored: &a [1, 2]\nagain: *a\n"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    cases = {
        "plain": lambda: yaml.load(text, Loader=loader),
        "ours": lambda: load_yaml(text),
        "aliased": lambda: load_yaml(anchored),
    }
    # Interleaved, so a busy spell of the machine slows every case alike.
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, fn in cases.items():
            times[name].append(timed(fn))
    plain, ours, aliased = (statistics.median(times[name]) for name in cases)
    print(f"{args.bookmarks} bookmarks, {len(text) / 2**20:.1f} MB, median of {args.runs}")
    print(f"  libyaml safe_load          {plain:7.2f} s   1.00")
    print(f"  load_yaml (no anchor)      {ours:7.2f} s   {ours / plain:.2f}")
    print(f"  load_yaml (one anchor)     {aliased:7.2f} s   {aliased / plain:.2f}")


if __name__ == "__main__":
    main()
