"""Entity extraction benchmark: time per 1,000 words, and a whole synthetic corpus.

    python bench/bench_entities.py [--runs 3] [--ner]
    python bench/gen_corpus.py /tmp/syn10k --articles 10000
    python bench/bench_entities.py /tmp/syn10k [--runs 3] [--ner] [--limit 500] [--json out.json]

Without a corpus: detection and resolution of the bundled seeds, repeated, as
milliseconds per 1,000 words (words of every paragraph that is searched for names,
reader comments included). With a corpus: a cold build (every article read, parsed
and extracted, the per-article cache written), a warm build (an unchanged corpus:
everything from the cache, resolution only) and peak RSS. ``--ner`` adds spaCy's
proposer (kzreader[ner]); ``--limit`` measures the first N articles only (the model
is too slow to run over 10,000 articles on every try) and the report extrapolates.
Medians over --runs runs. Run by hand, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.article import Kind, count_words
from kzreader.core.corpus import Corpus
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


def corpus_builds(folder: Path, runs: int, ner: bool, limit: int | None) -> dict[str, float]:
    catalog = Path(tempfile.mkdtemp(prefix="kz-entities-catalog-")) / "catalog.json"
    opened = time.perf_counter()
    corpus = Corpus.open(folder, catalog=catalog)
    open_s = time.perf_counter() - opened
    subset = Limited(corpus, limit)
    cache = Path(tempfile.mkdtemp(prefix="kz-entities-bench-"))
    cold, warm = [], []
    graph = None
    try:
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            corpus = Corpus.open(folder, catalog=catalog)  # no parsed article kept in memory
            subset = Limited(corpus, limit)
            start = time.perf_counter()
            EntityGraph.build(subset, cache_dir=cache, use_ner=ner)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            graph = EntityGraph.build(subset, cache_dir=cache, use_ner=ner)
            warm.append(time.perf_counter() - start)
            assert graph.report is not None and graph.report.extracted == 0
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(catalog.parent, ignore_errors=True)
    n = len(subset.ids)
    cold_s = statistics.median(cold)
    out = {
        "articles": n,
        "corpus_open_s": round(open_s, 2),
        "cold_build_s": round(cold_s, 2),
        "cold_articles_per_s": round(n / cold_s, 1),
        "warm_build_s": round(statistics.median(warm), 2),
        "entities": len(graph) if graph is not None else 0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if limit and len(corpus.ids) > n:
        out["cold_build_s_extrapolated_to_all"] = round(cold_s * len(corpus.ids) / n, 1)
        out["all_articles"] = len(corpus.ids)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ner", action="store_true", help="with the spaCy proposer")
    parser.add_argument("--limit", type=int, help="only the first N articles of the corpus")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
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
