"""Index and search benchmark, with SQLite FTS5 on the same documents as the anchor.

    python bench/gen_corpus.py /tmp/syn10k --articles 10000
    python bench/bench_search.py /tmp/syn10k [--runs 3] [--json bench/out/search-10k.json]

Measures, for the corpus given: full index build (s, articles/s), incremental update
of 1 and of 100 changed files, index open time, search latency p50/p95 over a fixed
mix of >= 200 queries (words, AND, phrases, prefixes, fuzzy, fields, names) including
the passages and highlights the UI shows with its first answer (those of the hits in
sight: the results list's size at 140x45 is read off the app, laid out headless), and
the time until every hit of the page has them; peak RSS; the same build and queries on
FTS5 (with its snippet()) and the ratio whoosh / FTS5. Medians over --runs runs.
The mix is run as a session would (words recur, so cached postings serve them), then
again "cold": every cache of kzreader.core.search.engine emptied before each query.
Run by hand (not in the test suite): these machines are noisy, so read ratios.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.corpus.collection import Corpus
from kzreader.core.entities import EntityGraph
from kzreader.core.search import engine
from kzreader.core.search.index import SearchIndex
from kzreader.ui.screens.main.search import RESULTS, RESULTS_FIRST
from kzreader.ui.widgets.results import fills

#: The terminal the figures are for: the results list's size there decides how many
#: hits the app's first answer finds passages for (``ResultsPane.screenful``).
TERMINAL = (140, 45)

WORDS = [
    *"Kazakhstan Russia Tokayev Putin Kremlin separatism protest court journalists police".split(),
    *"Astana Almaty Moscow sanctions referendum language border oil security ministry".split(),
    "consul",
]


def query_mix(rng: random.Random, corpus: Corpus) -> list[tuple[str, str, str]]:
    """(kind, whoosh query, FTS5 query) triples: the same intent in both languages."""
    vocabulary = WORDS + [
        w for info in list(corpus)[:50] for w in re.findall(r"[A-Z][a-z]{4,}", info.title)
    ]
    mix: list[tuple[str, str, str]] = []
    for _ in range(60):
        w = rng.choice(vocabulary)
        mix.append(("word", w, w))
    for _ in range(40):
        a, b = rng.sample(vocabulary, 2)
        mix.append(("and", f"{a} {b}", f"{a} AND {b}"))
    for phrase in (
        "Russian consul",
        "Central Asian",
        "human rights",
        "Foreign Minister",
        "National Security Committee",
        "North Kazakhstan",
        "news agency",
    ):
        for _ in range(4):
            mix.append(("phrase", f'"{phrase}"', f'"{phrase}"'))
    for _ in range(30):
        w = rng.choice(vocabulary)
        stem = w[: max(3, len(w) - 3)]
        mix.append(("prefix", f"{stem}*", f"{stem}*"))
    for _ in range(20):
        w = rng.choice(vocabulary)
        typo = w[:-2] + w[-1] + w[-2] if len(w) > 4 else w
        mix.append(("fuzzy", f"{typo}~", w))  # FTS5 has no fuzzy: the anchor gets the right word
    for _ in range(20):
        w = rng.choice(vocabulary)
        mix.append(("field", f"title:{w}", f"title:{w}"))
    for name in ("Akhmetov", "Zhakupov", "Medvedev", "Nazarbayev", "Tokayev"):
        for _ in range(4):
            mix.append(("name", name, name))
    return mix


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB.

    Linux's ``ru_maxrss`` survives fork and exec: a search phase started by a parent
    that had just built the index reported the builder's peak (956 MB at 50,000
    articles). The memory map's own high-water mark (VmHWM) starts afresh at exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def results_list_size(terminal: tuple[int, int] = TERMINAL) -> tuple[int, int]:
    """The results list's width and height as the app lays it out in ``terminal``
    (the app run headless on the bundled articles, one search made)."""
    import asyncio
    import os

    from kzreader.core.paths import DataPaths, bundled_seeds
    from kzreader.ui.app import KzReaderApp

    async def probe(home: Path) -> tuple[int, int]:
        app = KzReaderApp(bundled_seeds(), DataPaths.resolve(home))
        async with app.run_test(size=terminal) as pilot:
            while app.index is None:
                await pilot.pause(0.05)
            screen = app.screen_stack[0]
            screen.search_input.focus()
            screen.search("Tokayev")
            await pilot.pause(0.3)
            width, height = screen.results.list.size
            return width, height

    with tempfile.TemporaryDirectory() as home:
        os.environ.pop("KZREADER_HOME", None)
        size = asyncio.run(probe(Path(home)))
    if not all(size):
        raise SystemExit(f"the results list was not laid out at {terminal}: {size}")
    return size


def search_phase(
    root: Path, work: Path, seed: int, entities: Path | None, screen: tuple[int, int]
) -> dict:
    """Open the built index and run the query mix: in its own process, so that its peak
    RSS is that of reading and searching, not of the build before it.

    With ``entities`` (an entity cache folder, e.g. the app's), the entity graph is
    attached as in the app: names then widen to their aliases, which costs time.
    """
    corpus = Corpus.open(root, catalog=work / "catalog.json")
    mix = query_mix(random.Random(seed), corpus)
    started = time.perf_counter()
    index = SearchIndex.open(corpus, work / "whoosh")
    if entities is not None:
        index.entities = EntityGraph.build(corpus, cache_dir=entities)
    open_s = time.perf_counter() - started
    gc.freeze()  # as the app does once it has loaded (KzReaderApp.settle)
    enough = fills(*screen)
    latencies: dict[str, list[float]] = {}
    page = []  # until every hit listed has its passages too (what scrolling down shows)
    for kind, q, _ in mix:
        started = time.perf_counter()
        # What the app asks before it shows the results: the passages of the hits in sight.
        first = index.search(q, limit=RESULTS, passages_for=RESULTS_FIRST, enough=enough)
        latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        index.complete(first)
        page.append((time.perf_counter() - started) * 1000)
    # The same queries with nothing cached: each as if its words were new to this session.
    cold = []
    for _kind, q, _ in mix:
        engine.clear_caches()
        started = time.perf_counter()
        index.search(q, limit=RESULTS, passages_for=RESULTS_FIRST, enough=enough)
        cold.append((time.perf_counter() - started) * 1000)
    return {
        "open_s": open_s,
        "latencies": latencies,
        "page": page,
        "cold": cold,
        "peak_rss_mb": peak_rss_mb(),
    }


def bench_whoosh(
    root: Path,
    work: Path,
    seed: int,
    procs: int | None,
    entities: Path | None,
    screen: tuple[int, int],
) -> dict:
    index_dir = work / "whoosh"
    shutil.rmtree(index_dir, ignore_errors=True)
    corpus = Corpus.open(root, catalog=work / "catalog.json")
    started = time.perf_counter()
    index = SearchIndex.open(corpus, index_dir, procs=procs)
    build = time.perf_counter() - started
    index.close()

    child = subprocess.run(
        [
            sys.executable,
            __file__,
            str(root),
            "--search-phase",
            str(work),
            "--seed",
            str(seed),
            *(["--entities", str(entities)] if entities else []),
            "--list-size",
            f"{screen[0]}x{screen[1]}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    searched = json.loads(child.stdout)
    latencies = searched["latencies"]
    every = [v for values in latencies.values() for v in values]

    def touch(paths: list[Path]) -> float:
        for path in paths:
            path.write_text(
                path.read_text(encoding="utf-8") + "\nAn added line about Taraz.\n",
                encoding="utf-8",
            )
        started = time.perf_counter()
        SearchIndex.open(Corpus.open(root, catalog=work / "catalog.json"), index_dir).close()
        return time.perf_counter() - started

    files = sorted(root.rglob("*.txt"))
    update_1 = statistics.median(touch(files[i : i + 1]) for i in range(3))
    update_100 = touch(files[3:103])
    return {
        "articles": len(corpus),
        "build_s": build,
        "articles_per_s": len(corpus) / build,
        "open_s": searched["open_s"],
        "update_1_s": update_1,
        "update_100_s": update_100,
        "p50_ms": percentile(every, 0.5),
        "p95_ms": percentile(every, 0.95),
        "page_p50_ms": percentile(searched["page"], 0.5),
        "page_p95_ms": percentile(searched["page"], 0.95),
        "cold_p50_ms": percentile(searched["cold"], 0.5),
        "cold_p95_ms": percentile(searched["cold"], 0.95),
        "by_kind_p50_ms": {k: percentile(v, 0.5) for k, v in latencies.items()},
        "peak_rss_mb": searched["peak_rss_mb"],
    }


def bench_fts5(root: Path, work: Path, mix: list[tuple[str, str, str]]) -> dict:
    db_path = work / "fts5.db"
    db_path.unlink(missing_ok=True)
    corpus = Corpus.open(root, catalog=work / "catalog.json")
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute(
        "CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    with db:
        for info in corpus:
            article = corpus.article(info.id)
            db.execute(
                "INSERT INTO a VALUES (?, ?, ?)",
                (info.id, article.title, "\n".join(p.text for p in article.paragraphs)),
            )
    build = time.perf_counter() - started
    latencies = []
    for _, _, q in mix:
        started = time.perf_counter()
        try:
            db.execute(
                "SELECT id, snippet(a, 2, '[', ']', '…', 24) FROM a WHERE a MATCH ? "
                "ORDER BY bm25(a, 0, 3.0, 1.0) LIMIT ?",
                (q, RESULTS),
            ).fetchall()
            db.execute("SELECT count(*) FROM a WHERE a MATCH ?", (q,)).fetchone()
        except sqlite3.OperationalError:
            pass
        latencies.append((time.perf_counter() - started) * 1000)
    db.close()
    return {
        "build_s": build,
        "articles_per_s": len(corpus) / build,
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--procs", type=int, help="indexing processes (default: as the app chooses)"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--seed", type=int, default=7, help="of the query mix")
    parser.add_argument(
        "--entities", type=Path, help="an entity cache folder: search with the graph, as the app"
    )
    parser.add_argument("--search-phase", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--list-size", help=argparse.SUPPRESS)  # WxH, for --search-phase
    args = parser.parse_args()
    if args.search_phase:
        width, height = (int(n) for n in args.list_size.split("x"))
        screen = (width, height)
        found = search_phase(args.corpus, args.search_phase, args.seed, args.entities, screen)
        print(json.dumps(found))
        return
    screen = results_list_size()
    print(f"results list at {TERMINAL[0]}x{TERMINAL[1]}: {screen[0]}x{screen[1]}", file=sys.stderr)
    runs = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "corpus"
            shutil.copytree(args.corpus, root)  # updates edit files: work on a copy
            work = Path(tmp) / "work"
            work.mkdir()
            mix = query_mix(
                random.Random(args.seed), Corpus.open(root, catalog=work / "catalog.json")
            )
            whoosh = bench_whoosh(root, work, args.seed, args.procs, args.entities, screen)
            fts5 = bench_fts5(root, work, mix)
            runs.append({"whoosh": whoosh, "fts5": fts5})
            print(
                f"run {run + 1}: p50 {whoosh['p50_ms']:.1f} ms (FTS5 {fts5['p50_ms']:.1f} ms)",
                file=sys.stderr,
            )

    def median(side: str, key: str) -> float:
        return statistics.median(r[side][key] for r in runs)

    summary = {
        "articles": runs[0]["whoosh"]["articles"],
        "results_list": f"{screen[0]}x{screen[1]} at a {TERMINAL[0]}x{TERMINAL[1]} terminal",
        "queries": len(mix),
        "runs": len(runs),
        **{
            f"whoosh_{k}": median("whoosh", k)
            for k in (
                "build_s",
                "articles_per_s",
                "open_s",
                "update_1_s",
                "update_100_s",
                "p50_ms",
                "p95_ms",
                "page_p50_ms",
                "page_p95_ms",
                "cold_p50_ms",
                "cold_p95_ms",
                "peak_rss_mb",
            )
        },
        **{
            f"fts5_{k}": median("fts5", k)
            for k in ("build_s", "articles_per_s", "p50_ms", "p95_ms")
        },
    }
    summary["p95_ratio_whoosh_over_fts5"] = summary["whoosh_p95_ms"] / summary["fts5_p95_ms"]
    summary["by_kind_p50_ms"] = runs[-1]["whoosh"]["by_kind_p50_ms"]
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"{key:<{width}}  {shown}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
