"""Reader app benchmarks (not timed tests): first frame, a 5 MB article, a 10,000-article library.

    python bench/bench_app.py [--runs 7] [--skip-library] [--bytecode-cached]
    python bench/bench_app.py --corpus /tmp/syn10k [--home DIR] [--runs 3] [--json out.json]
    python bench/bench_app.py --corpus /tmp/syn10k --first-frame [--home DIR] [--runs 9]

1. Launch → first frame: a fresh process starts ``kzreader`` on the seeds (headless) and
   reports when the first frame has been drawn; median of several runs, with an empty
   data folder (first run ever), with a warm one, and through the ``kzreader`` command.
   ``--corpus DIR --first-frame`` does only this, on DIR with its index built.
   ``--bytecode-cached``: where PYTHONDONTWRITEBYTECODE is set (as on the machine these
   figures come from), each start compiles kzreader's own modules anew (~50 ms); with this
   flag the app's processes keep their bytecode, as an installed copy does.
2. A generated 5 MB article: parse + lay out + draw the first screen, then page-down
   latency (the action and the drawing of every visible line; and via a key press).
3. A generated 10,000-article folder: scanning it, filling the library table, filtering.

With ``--corpus DIR`` it measures the real app on that folder instead (see ``corpus_bench``):
each run is a fresh process on a data folder where the index and the entity cache are
already built (``--home``; made once with ``kzreader index`` and ``kzreader entities`` if
it has none), and reports launch → first frame, launch → library usable (rows drawn),
then, while the start-up workers may still be busy, the library's page-down and filter
latency and a search typed in the search box (last keystroke → results drawn).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.paths import DataPaths, bundled_seeds

FIRST_FRAME = r"""
import os, sys, time
start = float(os.environ["KZ_BENCH_START"])
from pathlib import Path
from kzreader.core.paths import DataPaths
from kzreader.ui.app import KzReaderApp

class Bench(KzReaderApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._painted)

    def _painted(self):
        Path(os.environ["KZ_BENCH_OUT"]).write_text(f"{time.time() - start:.4f}")
        self.exit(0)

Bench(Path(sys.argv[1]), DataPaths.resolve(sys.argv[2])).run(headless=True, size=(140, 45))
"""

# The same, started as a user starts it: ``kzreader DIR --data-dir HOME`` through the
# command's entry point (argument parsing and its imports included). Only the run is made
# headless and the app told to note its first frame; nothing of kzreader is imported first.
FIRST_FRAME_COMMAND = r"""
import os, sys, time
start = float(os.environ["KZ_BENCH_START"])
from pathlib import Path
import textual.app

_run = textual.app.App.run


def run(self, *args, **kwargs):
    base = type(self)

    def on_mount(app):
        base.on_mount(app)
        app.call_after_refresh(painted, app)

    def painted(app):
        Path(os.environ["KZ_BENCH_OUT"]).write_text(f"{time.time() - start:.4f}")
        app.exit(0)

    self.__class__ = type(base.__name__, (base,), {"on_mount": on_mount})
    return _run(self, headless=True, size=(140, 45))


textual.app.App.run = run
from kzreader.__main__ import main

sys.exit(main([sys.argv[1], "--data-dir", sys.argv[2]]))
"""

WORDS = (
    "the of and to in a is that for on with as by was at from Kazakhstan Russia Astana Moscow "
    "Tokayev Putin ministry border trade language security CSTO union oil grain protest court "
    "reform election parliament region minority history agreement pipeline sanctions"
).split()


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bytecode_env(cached: bool) -> dict[str, str]:
    """The environment of the app's processes.

    With ``cached``, Python reads and writes compiled bytecode under a private folder, as
    an installed copy of kzreader (compiled by pip) does; otherwise the environment decides
    (with PYTHONDONTWRITEBYTECODE set, kzreader's own modules are compiled at every start).
    """
    env = dict(os.environ)
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "kz_bench_pycache")
    return env


def first_frame(
    runs: int, corpus: Path | None = None, home: Path | None = None, *, cached: bool = False
) -> dict[str, list[float]]:
    """Launch → first frame, a fresh process each run (one run first, not counted, warms up).

    Without ``corpus``, on the bundled articles: a first run ever (empty data folder) and a
    warm one; with it, on ``home`` (where its index is built). Both the app on its own and
    the ``kzreader`` command (its entry point and argument parsing too).
    """
    folder = Path(tempfile.mkdtemp())
    scripts = {"app": FIRST_FRAME, "command": FIRST_FRAME_COMMAND}
    for name, text in scripts.items():
        (folder / f"{name}.py").write_text(text, encoding="utf-8")
    if corpus is None:
        corpus = bundled_seeds()
        cases = [
            ("first run (no index yet)", "app", None),
            ("warm (index exists)", "app", Path(tempfile.mkdtemp())),
            ("warm, through the kzreader command", "command", Path(tempfile.mkdtemp())),
        ]
    else:
        assert home is not None
        cases = [("the app", "app", home), ("through the kzreader command", "command", home)]
    state = "bytecode cached" if cached else "bytecode as the environment says"
    print(f"launch → first frame on {corpus} ({state}):")
    out: dict[str, list[float]] = {}
    for label, script, data in cases:
        times = []
        for run in range(-1, runs):
            result = folder / "result.txt"
            env = {
                **bytecode_env(cached),
                "KZ_BENCH_START": repr(time.time()),
                "KZ_BENCH_OUT": str(result),
            }
            where = data or Path(tempfile.mkdtemp())  # None: a new, empty data folder each run
            subprocess.run(
                [sys.executable, str(folder / f"{script}.py"), str(corpus), str(where)],
                capture_output=True,
                env=env,
                check=True,
            )
            if run >= 0:
                times.append(float(result.read_text()))
        out[label] = times
        print(
            f"  {label}: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {runs} runs)"
        )
    return out


def big_article(folder: Path, size: int = 5 * 1024 * 1024) -> Path:
    rng = random.Random(5)
    parts = ["A very long report on everything at once", "By A. Writer"]
    total = 0
    while total < size:
        if rng.random() < 0.03:
            part = f"Section {len(parts)}"
        else:
            part = paragraph(rng, rng.randint(40, 180))
        parts.append(part)
        total += len(part) + 2
    path = folder / "big.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


async def article_bench() -> None:
    from kzreader.core.corpus.reading import read_article
    from kzreader.ui.app import KzReaderApp

    folder = Path(tempfile.mkdtemp()) / "big"
    folder.mkdir()
    path = big_article(folder)
    home = tempfile.mkdtemp()
    app = KzReaderApp(folder, DataPaths.resolve(home))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        started = time.perf_counter()
        article, _ = read_article(path, "big")
        parsed = time.perf_counter()
        pane = screen.active_pane
        pane.open(article, words=None)
        view = pane.view
        height = view.scrollable_content_region.height
        for y in range(height):
            view.render_line(y)
        shown = time.perf_counter()
        print(
            f"5 MB article ({path.stat().st_size / 2**20:.1f} MB, {len(article.paragraphs):,} "
            f"paragraphs, {view.layout_height:,} lines): parse {1000 * (parsed - started):.0f} ms"
            f" + lay out and draw {1000 * (shown - parsed):.0f} ms"
            f" = open {1000 * (shown - started):.0f} ms"
        )
        direct = []
        for _ in range(50):
            t0 = time.perf_counter()
            view.action_page(1)
            for y in range(height):
                view.render_line(y)
            direct.append(time.perf_counter() - t0)
        view.focus()
        await pilot.pause()
        pressed = []
        for _ in range(20):
            t0 = time.perf_counter()
            await pilot.press("pagedown")
            pressed.append(time.perf_counter() - t0)
        print(
            f"page-down: action + drawing {height} lines median "
            f"{1000 * statistics.median(direct):.2f} ms (max {1000 * max(direct):.2f}); "
            f"through a key press (Pilot, includes its pauses) median "
            f"{1000 * statistics.median(pressed):.1f} ms"
        )
        t0 = time.perf_counter()
        await pilot.press("G")
        print(f"G (to the last paragraph): {1000 * (time.perf_counter() - t0):.1f} ms")


def library_corpus(count: int) -> Path:
    rng = random.Random(10)
    folder = Path(tempfile.mkdtemp()) / "library"
    folder.mkdir()
    for number in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).title()
        body = "\n\n".join(paragraph(rng, rng.randint(30, 80)) for _ in range(3))
        (folder / f"{number:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


async def library_bench(count: int) -> None:
    from kzreader.core.corpus.collection import Corpus
    from kzreader.ui.app import KzReaderApp
    from kzreader.ui.screens.main.loading import LoadingController

    folder = library_corpus(count)
    home = DataPaths.resolve(tempfile.mkdtemp())
    catalog = home.index_dir(folder) / "catalog.json"
    t0 = time.perf_counter()
    Corpus.open(folder, catalog=catalog)
    t1 = time.perf_counter()
    corpus = Corpus.open(folder, catalog=catalog)
    t2 = time.perf_counter()
    print(
        f"{count:,} articles: first scan {1000 * (t1 - t0):.0f} ms, "
        f"with the catalog {1000 * (t2 - t1):.0f} ms"
    )
    LoadingController.start_indexing = lambda self: None  # the library alone, no indexing
    app = KzReaderApp(folder, home)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        library = app.screen.library
        infos = list(corpus)
        t0 = time.perf_counter()
        library.set_articles(infos)
        await pilot.pause()
        t1 = time.perf_counter()
        library.filter_input.value = "kazakhstan border"
        library.refill()
        await pilot.pause()
        t2 = time.perf_counter()
        library.cycle_sort()
        await pilot.pause()
        t3 = time.perf_counter()
        library.table.focus()
        await pilot.pause()
        t4 = time.perf_counter()
        await pilot.press("pagedown")
        t5 = time.perf_counter()
        print(
            f"library table: fill {1000 * (t1 - t0):.0f} ms, filter → {len(library.shown):,} "
            f"rows {1000 * (t2 - t1):.0f} ms, re-sort {1000 * (t3 - t2):.0f} ms, "
            f"page down by key press (Pilot) {1000 * (t5 - t4):.0f} ms"
        )


CORPUS_RUN = r"""
import asyncio, json, os, statistics, sys, time
start = float(os.environ["KZ_BENCH_START"])
from pathlib import Path
from kzreader.core.paths import DataPaths
from kzreader.ui.app import KzReaderApp

marks = {}


class Bench(KzReaderApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(lambda: marks.setdefault("first_frame", time.time() - start))
        self._watch = asyncio.create_task(self._index_watch())

    async def _index_watch(self):
        # When search became available, whatever the bench was doing at the time.
        while self.index is None:
            await asyncio.sleep(0.005)
        marks["index_open"] = time.time() - start


async def until(test, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.002)


async def drawn(app):
    # Until the next frame has been drawn. Pilot's pause waits for an idle CPU, which
    # never comes while start-up workers run, so it cannot time anything under load.
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


def busy(app):
    return sorted({w.group for w in app.workers if w.is_running})


async def page_through(app, widget, mark):
    # 15 page-downs, each timed from the action to the frame drawn: median and slowest.
    pages = []
    for _ in range(15):
        t0 = time.perf_counter()
        widget.action_page(1)
        await drawn(app)
        pages.append(time.perf_counter() - t0)
        await asyncio.sleep(0.05)
    marks[mark] = statistics.median(pages)
    marks[mark + "_max"] = max(pages)


async def main():
    app = Bench(Path(sys.argv[1]), DataPaths.resolve(sys.argv[2]))
    async with app.run_test(size=(140, 45)) as pilot:
        await until(lambda: "first_frame" in marks)
        screen = app.screen
        table = screen.library.table
        await until(lambda: len(table.rows) > 0)
        await drawn(app)
        marks["library_usable"] = time.time() - start
        marks["busy_when_usable"] = busy(app)
        table.focus()
        await page_through(app, table, "page_down")
        marks["busy_when_scrolling"] = busy(app)
        from kzreader.ui.widgets.library import haystack

        wanted = sum(1 for info in screen.library.infos if "border" in haystack(info))
        t0 = time.perf_counter()
        screen.library.filter_input.value = "border"
        await until(lambda: len(table.rows) == wanted)
        await drawn(app)
        marks["filter"] = time.perf_counter() - t0
        marks["filtered_rows"] = len(table.rows)
        # The article view, while the start-up workers may still be busy: open the
        # longest article in the filtered list, then page through it.
        longest = max(screen.library.shown, key=lambda info: info.words or 0)
        t0 = time.perf_counter()
        screen.open_article(longest.id, None, None)
        await until(
            lambda: (a := screen.active_view.article) is not None and a.id == longest.id, 60
        )
        await drawn(app)
        marks["article_open"] = time.perf_counter() - t0
        marks["busy_when_reading"] = busy(app)
        view = screen.active_view
        view.focus()
        await page_through(app, view, "article_page_down")
        if os.environ.get("KZ_BENCH_NO_SEARCH"):  # quit now, mid-build if one is under way
            marks["busy_at_quit"] = busy(app)
            marks["quit_at"] = time.time()  # the parent times the process's exit
            print("BENCH " + json.dumps(marks), flush=True)
            await app.action_quit()
            return
        await until(lambda: "index_open" in marks, timeout=600)
        searches = []
        for query in ("Tokayev", "border trade", "pipeline"):
            t0 = time.perf_counter()
            screen.search_input.value = query
            await until(
                lambda: (r := screen.results.result) is not None and r.query == query, 60
            )
            await drawn(app)
            searches.append(time.perf_counter() - t0)
            result = screen.results.result
        marks["search_shown"] = statistics.median(searches)
        marks["search_elapsed_ms"] = result.elapsed_ms
        direct = {}
        for passages in (0, 5):  # new queries, articles not in the corpus's cache
            times = []
            for query in ("Nazarbayev", "grain export", "language law", "Baikonur", "CSTO"):
                app.corpus._cache.clear()
                t0 = time.perf_counter()
                app.index.search(query, limit=50, passages=passages)
                times.append(time.perf_counter() - t0)
            direct[passages] = statistics.median(times)
        marks["search_direct_passages5"] = direct[5]
        marks["search_direct_passages0"] = direct[0]
        marks["busy_at_end"] = busy(app)
        await app.action_quit()
    print("BENCH " + json.dumps(marks))


asyncio.run(main())
"""


QUIT_LIMIT = 120  # seconds a --no-search run may take, exit included, before it is killed


def warm_home(corpus: Path, home: Path) -> None:
    """Build the index and the entity cache for ``corpus`` in ``home`` (once)."""
    env = {**os.environ, "KZREADER_HOME": str(home)}
    kz = [sys.executable, "-m", "kzreader"]
    for command in ("index", "entities"):
        print(f"preparing {home}: kzreader {command} (once)…", flush=True)
        subprocess.run(
            [*kz, command, "--corpus", str(corpus)], env=env, check=True, stdout=subprocess.DEVNULL
        )


def corpus_bench(
    corpus: Path,
    home: Path | None,
    runs: int,
    out: Path | None,
    *,
    search: bool = True,
    cached: bool = False,
) -> None:
    """The app on a real folder with its index built: start-up and latency under load.

    Without ``search`` the home need only hold the catalog (``kzreader articles`` writes
    it): each run quits as soon as the library has been measured, in the middle of the
    index build if there is one, which the run also times.
    """
    home = home or Path(tempfile.gettempdir()) / f"kz_bench_home_{corpus.name}"
    if search and not (home / "index").is_dir():
        home.mkdir(parents=True, exist_ok=True)
        warm_home(corpus, home)
    script = Path(tempfile.mkdtemp()) / "corpus_run.py"
    script.write_text(CORPUS_RUN, encoding="utf-8")
    results = []
    for run in range(-1, runs):  # run -1 (not counted) refreshes caches an edit made stale
        env = {**bytecode_env(cached), "KZ_BENCH_START": repr(time.time())}
        if not search:
            env["KZ_BENCH_NO_SEARCH"] = "1"
        process = subprocess.Popen(
            [sys.executable, str(script), str(corpus), str(home)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # so a hung exit can be ended with its children
        )
        try:
            stdout, stderr = process.communicate(timeout=900 if search else QUIT_LIMIT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        exited = time.time()
        done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
        if line is None:
            print(done.stdout[-2000:], done.stderr[-2000:])
            raise SystemExit(f"run {run + 1} failed")
        marks = json.loads(line[6:])
        if "quit_at" in marks:
            marks["quit"] = exited - marks.pop("quit_at")
            line = "BENCH " + json.dumps(marks)
        if run >= 0:
            results.append(marks)
        print(f"run {run + 1}: {line[6:]}", flush=True)

    def median_ms(key: str) -> str:
        values = [r[key] for r in results if key in r]
        return f"{1000 * statistics.median(values):.0f} ms" if values else "-"

    count = sum(1 for _ in corpus.rglob("*.txt"))
    state = "index and entities built" if search else "catalog only, the index build under way"
    print(f"\n{corpus} ({count:,} files), median of {runs} runs, {state}:")
    for key, label in (
        ("first_frame", "launch → first frame"),
        ("library_usable", "launch → library usable (rows drawn)"),
        ("page_down", "library page-down (action → frame drawn), median"),
        ("page_down_max", "library page-down, slowest of 15"),
        ("filter", "library filter 'border' (typed → rows drawn, incl. 150 ms debounce)"),
        ("article_open", "open the longest filtered article (→ drawn)"),
        ("article_page_down", "article page-down (action → frame drawn), median"),
        ("article_page_down_max", "article page-down, slowest of 15"),
        ("index_open", "launch → search index open"),
        ("search_shown", "search as you type (typed → results drawn, incl. 250 ms debounce)"),
        ("search_direct_passages5", "index.search(limit=50) with passages"),
        ("search_direct_passages0", "index.search(limit=50, passages=0)"),
        ("quit", "quit mid-build → process exited (--no-search)"),
    ):
        print(f"  {label}: {median_ms(key)}")
    print(f"  workers busy when the library was usable: {results[-1]['busy_when_usable']}")
    print(f"  workers busy when scrolling: {results[-1]['busy_when_scrolling']}")
    print(f"  workers busy when reading: {results[-1].get('busy_when_reading')}")
    if out:
        out.write_text(json.dumps({"corpus": str(corpus), "runs": results}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--skip-library", action="store_true")
    parser.add_argument("--corpus", type=Path, help="measure the app on this folder instead")
    parser.add_argument("--home", type=Path, help="data folder with the index built (--corpus)")
    parser.add_argument("--json", type=Path, help="write the --corpus runs here")
    parser.add_argument(
        "--no-search", action="store_true", help="--corpus: the library only; quit mid-build"
    )
    parser.add_argument(
        "--first-frame",
        action="store_true",
        help="--corpus: only launch → first frame (the app, and the kzreader command)",
    )
    parser.add_argument(
        "--bytecode-cached",
        action="store_true",
        help="the app's processes keep compiled bytecode (as an installed copy does) even "
        "where PYTHONDONTWRITEBYTECODE is set",
    )
    args = parser.parse_args()
    cached = args.bytecode_cached
    if args.corpus and args.first_frame:
        home = args.home or Path(tempfile.gettempdir()) / f"kz_bench_home_{args.corpus.name}"
        times = first_frame(args.runs, args.corpus.resolve(), home, cached=cached)
        if args.json:
            args.json.write_text(json.dumps({"corpus": str(args.corpus), "first_frame": times}))
        return
    if args.corpus:
        corpus_bench(
            args.corpus.resolve(),
            args.home,
            args.runs,
            args.json,
            search=not args.no_search,
            cached=cached,
        )
        return
    first_frame(args.runs, cached=cached)
    asyncio.run(article_bench())
    if not args.skip_library:
        asyncio.run(library_bench(args.articles))


if __name__ == "__main__":
    main()
