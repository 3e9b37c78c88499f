"""Entity extraction benchmark: time per 1,000 words, and a whole synthetic corpus.

    python bench/bench_entities.py [--runs 3] [--ner]
    python bench/gen_corpus.py /tmp/syn10k --articles 10000
    python bench/bench_entities.py /tmp/syn10k [--runs 3] [--ner] [--limit 500] [--json out.json]

Without a corpus: detection and resolution of the bundled seeds, repeated, as
milliseconds per 1,000 words (words of every paragraph that is searched for names,
reader comments included). With a corpus: a cold build (every article read, parsed
and extracted, the per-article cache written) and a warm load (an unchanged corpus:
the snapshot only), each in its own process with its own peak RSS, and what the
reader then asks: per article its entities and mentions (sidebar and marks), its
related articles (``r``), and the most mentioned entity's whole concordance (its
card). ``--ner`` adds spaCy's proposer (kzreader[ner]); ``--limit`` measures the
first N articles only (the model is too slow to run over 10,000 articles on every
try) and the report extrapolates.
Medians over --runs runs. Run by hand, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind, count_words
from kzreader.core.entities import Detector, EntityGraph, resolve
from kzreader.core.paths import bundled_seeds


class Limited:
    """The first ``limit`` articles of a corpus, with the Corpus methods the graph uses."""

    def __init__(self, corpus: Corpus, limit: int | None) -> None:
        self.corpus = corpus
        self.ids = corpus.ids[:limit] if limit else corpus.ids

    def info(self, article_id: str):  # type: ignore[no-untyped-def]
        return self.corpus.info(article_id)

    def article(self, article_id: str):  # type: ignore[no-untyped-def]
        return self.corpus.article(article_id)


def per_thousand_words(runs: int, ner: bool) -> dict[str, float]:
    corpus = Corpus.open(bundled_seeds())
    articles = [corpus.article(i) for i in corpus.ids]
    words = sum(
        count_words(p.text)
        for a in articles
        for p in a.paragraphs
        if p.kind is not Kind.BOILERPLATE
    )
    proposer = None
    if ner:
        from kzreader.core.entities.ner import spacy_proposer

        proposer = spacy_proposer()
    detector = Detector(proposer=proposer)
    detector.detect(articles[0])  # warm up (gazetteer, model)
    detect_times, resolve_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        candidates = {a.id: detector.detect(a) for a in articles}
        detect_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        resolve([a.id for a in articles], candidates)
        resolve_times.append(time.perf_counter() - start)
    detect = statistics.median(detect_times)
    return {
        "words": words,
        "detect_ms_per_1000_words": round(detect * 1000 / words * 1000, 2),
        "resolve_ms_per_1000_words": round(statistics.median(resolve_times) * 1e6 / words, 2),
        "words_per_second": round(words / detect),
    }


def anchor_seconds() -> float:
    """A fixed pure-Python workload that no kzreader change touches: the yardstick for how
    busy the (shared) machine is right now. Figures are reported as multiples of it too."""
    import random
    import re

    start = time.perf_counter()
    rng = random.Random(17)
    words = ["".join(rng.choice("abcdefghij") for _ in range(8)) for _ in range(200_000)]
    pattern = re.compile(r"[a-e]{3}")
    hits = sum(1 for w in words if pattern.search(w))
    sorted(words)
    {w: hits for w in words}
    return time.perf_counter() - start


def _phase(folder: Path, cache: Path, catalog: Path, ner: bool, limit: int | None) -> dict:
    """One build in this (fresh) process: its time, what it extracted, this process's peak RSS."""
    anchor = anchor_seconds()
    corpus = Corpus.open(folder, catalog=catalog)
    subset = Limited(corpus, limit)
    cpu_main, cpu_workers = _cpu()
    start = time.perf_counter()
    graph = EntityGraph.build(subset, cache_dir=cache, use_ner=ner)
    seconds = time.perf_counter() - start
    main_after, workers_after = _cpu()
    cpu_main, cpu_workers = main_after - cpu_main, workers_after - cpu_workers
    loaded_mb = _rss_mb("VmRSS:")  # what the graph costs to keep, before anything is asked
    # What the reader then does: open articles (sidebar, marks), related articles, a card.
    sample = subset.ids[:: max(1, len(subset.ids) // 200)]
    start = time.perf_counter()
    for article_id in sample:
        graph.entities(article=article_id)
        graph.mentions_in(article_id)
    per_article_ms = (time.perf_counter() - start) * 1000 / max(len(sample), 1)
    start = time.perf_counter()
    for article_id in sample[:20]:
        graph.related_articles(article_id, limit=20)
    related_ms = (time.perf_counter() - start) * 1000 / max(len(sample[:20]), 1)
    top = next(iter(graph), None)
    start = time.perf_counter()
    concordance = len(graph.mentions(top.id)) if top is not None else 0
    card_s = time.perf_counter() - start
    assert graph.report is not None
    return {
        "seconds": seconds,
        "anchor_s": min(anchor, anchor_seconds()),
        "cpu_main_s": cpu_main,
        "cpu_workers_s": cpu_workers,
        "extracted": graph.report.extracted,
        "entities": len(graph),
        "article_ms": per_article_ms,
        "related_ms": related_ms,
        "top_entity_mentions": concordance,
        "top_entity_concordance_s": card_s,
        "rss_after_build_mb": loaded_mb,
        "peak_rss_mb": _rss_mb("VmHWM:"),
    }


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its (finished) worker processes so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, workers.ru_utime + workers.ru_stime


def _rss_mb(field: str) -> float:
    """This process's own RSS now (VmRSS) or at its peak (VmHWM; ru_maxrss would include
    the parent's from before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_phase(folder: Path, cache: Path, catalog: Path, ner: bool, limit: int | None) -> dict:
    command = [sys.executable, __file__, str(folder), "--phase", str(cache), str(catalog)]
    command += ["--ner"] if ner else []
    command += ["--limit", str(limit)] if limit else []
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_builds(folder: Path, runs: int, ner: bool, limit: int | None) -> dict[str, float]:
    """Cold and warm builds, each in its own process so each has its own peak RSS."""
    catalog = Path(tempfile.mkdtemp(prefix="kz-entities-catalog-")) / "catalog.json"
    opened = time.perf_counter()
    corpus = Corpus.open(folder, catalog=catalog)
    open_s = time.perf_counter() - opened
    all_articles = len(corpus.ids)
    del corpus
    cache = Path(tempfile.mkdtemp(prefix="kz-entities-bench-"))
    cold, warm = [], []
    try:
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_run_phase(folder, cache, catalog, ner, limit))
            warm.append(_run_phase(folder, cache, catalog, ner, limit))
            assert warm[-1]["extracted"] == 0, "an unchanged corpus was extracted again"
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(catalog.parent, ignore_errors=True)

    def median(rows: list[dict], key: str, digits: int = 2) -> float:
        return round(statistics.median(r[key] for r in rows), digits)

    n = min(limit or all_articles, all_articles)
    cold_s = median(cold, "seconds")
    out: dict[str, float] = {
        "articles": n,
        "corpus_open_s": round(open_s, 2),
        "cold_build_s": cold_s,
        "cold_articles_per_s": round(n / cold_s, 1),
        "anchor_s": median(cold, "anchor_s", 3),
        "cold_build_in_anchors": round(cold_s / median(cold, "anchor_s", 3), 1),
        # On a machine shared with others, wall time says how busy it was; CPU time says
        # what the build costs. On two idle cores a build takes about the larger of its
        # own thread's CPU time and half the total.
        "cold_cpu_main_s": median(cold, "cpu_main_s", 1),
        "cold_cpu_workers_s": median(cold, "cpu_workers_s", 1),
        "cold_two_idle_cores_s": round(
            statistics.median(
                max(r["cpu_main_s"], (r["cpu_main_s"] + r["cpu_workers_s"]) / 2) for r in cold
            ),
            1,
        ),
        "cold_peak_rss_mb": median(cold, "peak_rss_mb", 0),
        "warm_load_s": median(warm, "seconds", 3),
        "warm_rss_after_load_mb": median(warm, "rss_after_build_mb", 0),
        "warm_peak_rss_mb": median(warm, "peak_rss_mb", 0),
        "article_sidebar_and_marks_ms": median(warm, "article_ms", 2),
        "related_articles_ms": median(warm, "related_ms", 1),
        "top_entity_mentions": warm[-1]["top_entity_mentions"],
        "top_entity_concordance_s": median(warm, "top_entity_concordance_s", 3),
        "entities": warm[-1]["entities"],
    }
    if limit and all_articles > n:
        out["cold_build_s_extrapolated_to_all"] = round(cold_s * all_articles / n, 1)
        out["all_articles"] = all_articles
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ner", action="store_true", help="with the spaCy proposer")
    parser.add_argument("--limit", type=int, help="only the first N articles of the corpus")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--phase", nargs=2, type=Path, help=argparse.SUPPRESS)  # cache, catalog
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.corpus, *args.phase, args.ner, args.limit)))
        return
    label = "default + spaCy proposer" if args.ner else "default (gazetteer + rules)"
    report: dict[str, object] = {"pipeline": label, "runs": args.runs}
    report["seeds"] = per_thousand_words(args.runs, args.ner)
    print(f"{label}: seeds", json.dumps(report["seeds"]))
    if args.corpus:
        report["corpus"] = corpus_builds(args.corpus, args.runs, args.ner, args.limit)
        print(f"{label}: {args.corpus}", json.dumps(report["corpus"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
