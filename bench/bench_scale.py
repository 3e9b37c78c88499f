"""Issue 7's whole table for one corpus size: index, search, entities, app, against targets.

    python bench/bench_scale.py 10000 [--runs 3] [--json bench/results/scale-10k.json]
    python bench/bench_scale.py 50000 --corpus /tmp/syn50k --runs 3
    python bench/bench_scale.py 1000 --only search,app

Generates the synthetic corpus if no --corpus is given (bench/gen_corpus.py, into
/tmp/kz_syn_N), then runs the three benchmarks, each in its own processes and each
reporting medians of --runs runs:

* bench_search.py: full build (articles/s), update of 1 and of 100 changed files, index
  open, search p50/p95 over 218 queries with the passages and highlights the UI shows
  first (the hits in sight at 140x45; as a session runs them, and cold: nothing cached),
  and until the whole page of 50 has its passages,
  peak RSS of a process that opens the index and searches; SQLite FTS5 on the same
  documents in the same run, and the ratio.
* bench_entities.py: entity extraction of the whole corpus (cold), loading the graph of
  an unchanged corpus (warm), peak RSS of each.
* bench_app.py --corpus: the app on the folder with its index and entities built: launch
  to first frame, to a usable library, page-down and filter in the library, opening and
  paging through an article, search as you type, peak RSS of the app.

Then prints one table, figure by figure against the issue's targets, and writes all of
it as JSON. Run by hand (not in the test suite); these machines are noisy, so run it on
an otherwise idle machine and read the FTS5 ratio as well as the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.paths import DataPaths

BENCH = Path(__file__).resolve().parent
PARTS = ("app", "search", "entities")  # the app's data folder lends search its entity graph

#: (figure, target at 10k, target at 50k); None: no target, reported for context.
TARGETS = {
    "first_frame_s": (0.6, 0.6),
    "search_p50_ms": (15, 60),
    "search_p95_ms": (50, 200),
    "p95_ratio_whoosh_over_fts5": (5, 5),
    "build_articles_per_s": (300, 300),
    "update_1_s": (1.0, 2.0),
    "peak_rss_searching_mb": (400, 1000),
    "app_peak_rss_mb": (400, 1000),
}
LOWER_IS_BETTER = {key for key in TARGETS if key != "build_articles_per_s"}


def run_part(name: str, corpus: Path, runs: int, out: Path, home: Path) -> dict:
    if name == "search":
        command = ["bench_search.py", str(corpus), "--runs", str(runs), "--json", str(out)]
        entities = DataPaths.resolve(home).index_dir(corpus) / "entities"
        if (entities / "corpus.json").is_file():  # the app's graph: search as the app does
            command += ["--entities", str(entities)]
    elif name == "entities":
        command = ["bench_entities.py", str(corpus), "--runs", str(runs), "--json", str(out)]
    else:
        command = ["bench_app.py", "--corpus", str(corpus), "--runs", str(runs), "--json", str(out)]
        command += ["--home", str(home)]
    started = time.perf_counter()
    print(f"== {name}: {' '.join(command)}", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, str(BENCH / command[0]), *command[1:]], check=True)
    print(f"== {name} took {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return json.loads(out.read_text(encoding="utf-8"))


def figures(parts: dict[str, dict]) -> dict[str, float]:
    """The table's figures, picked out of each benchmark's JSON."""
    out: dict[str, float] = {}
    if "search" in parts:
        s = parts["search"]["summary"]
        out |= {
            "articles": s["articles"],
            "build_articles_per_s": s["whoosh_articles_per_s"],
            "build_s": s["whoosh_build_s"],
            "update_1_s": s["whoosh_update_1_s"],
            "update_100_s": s["whoosh_update_100_s"],
            "index_open_s": s["whoosh_open_s"],
            "search_p50_ms": s["whoosh_p50_ms"],
            "search_p95_ms": s["whoosh_p95_ms"],
            "search_cold_p50_ms": s.get("whoosh_cold_p50_ms", float("nan")),
            "search_cold_p95_ms": s.get("whoosh_cold_p95_ms", float("nan")),
            "search_whole_page_p50_ms": s.get("whoosh_page_p50_ms", float("nan")),
            "search_whole_page_p95_ms": s.get("whoosh_page_p95_ms", float("nan")),
            "peak_rss_searching_mb": s["whoosh_peak_rss_mb"],
            "fts5_build_articles_per_s": s["fts5_articles_per_s"],
            "fts5_p50_ms": s["fts5_p50_ms"],
            "fts5_p95_ms": s["fts5_p95_ms"],
            "p95_ratio_whoosh_over_fts5": s["p95_ratio_whoosh_over_fts5"],
        }
    if "entities" in parts:
        e = parts["entities"].get("corpus", {})
        for key, name in (
            ("cold_build_s", "entities_build_s"),
            ("cold_articles_per_s", "entities_articles_per_s"),
            ("cold_peak_rss_mb", "entities_build_peak_rss_mb"),
            ("warm_load_s", "entities_load_unchanged_s"),
            ("warm_peak_rss_mb", "entities_load_peak_rss_mb"),
        ):
            if key in e:
                out[name] = e[key]
    if "app" in parts:
        runs = parts["app"]["runs"]
        for key, name in (
            ("first_frame", "first_frame_s"),
            ("library_usable", "library_usable_s"),
            ("page_down", "library_page_down_s"),
            ("filter", "library_filter_s"),
            ("article_open", "article_open_s"),
            ("article_page_down", "article_page_down_s"),
            ("index_open", "app_index_open_s"),
            ("search_shown", "search_as_you_type_s"),
            ("peak_rss_mb", "app_peak_rss_mb"),
        ):
            values = [r[key] for r in runs if isinstance(r.get(key), int | float)]
            if values:
                out[name] = statistics.median(values)
    return out


def table(found: dict[str, float], large: bool) -> list[tuple[str, str, str, str]]:
    rows = []
    for key, value in found.items():
        target = TARGETS.get(key, (None, None))[1 if large else 0]
        if target is None:
            verdict, shown_target = "", ""
        else:
            met = value <= target if key in LOWER_IS_BETTER else value >= target
            verdict = "met" if met else "NOT met"
            shown_target = ("≤ " if key in LOWER_IS_BETTER else "≥ ") + f"{target:g}"
        shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
        rows.append((key, shown, shown_target, verdict))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="corpus size N (1000, 10000, 50000)")
    parser.add_argument("--corpus", type=Path, help="an existing folder of N articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(PARTS), help="e.g. search,app")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    corpus = args.corpus or Path(tempfile.gettempdir()) / f"kz_syn_{args.articles}"
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "gen_corpus.py"),
                str(corpus),
                "--articles",
                str(args.articles),
            ],
            check=True,
        )
    wanted = [part for part in args.only.split(",") if part]
    parts: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for part in wanted:
            if part not in PARTS:
                raise SystemExit(f"--only: unknown part {part!r} (choose from {', '.join(PARTS)})")
            home = Path(tempfile.gettempdir()) / f"kz_bench_home_{corpus.name}"
            parts[part] = run_part(
                part, corpus.resolve(), args.runs, Path(tmp) / f"{part}.json", home
            )
    found = figures(parts)
    large = args.articles >= 30_000
    rows = table(found, large)
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    print(f"\n{corpus} — medians of {args.runs} runs; targets for {'50k' if large else '10k'}")
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"corpus": str(corpus), "runs": args.runs, "figures": found, "parts": parts}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
