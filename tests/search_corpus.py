"""A generated corpus for the search tests: many articles made of the seeds' paragraphs."""

from __future__ import annotations

import random
from pathlib import Path

from kzreader.core.paths import bundled_seeds


def write_corpus(folder: Path, articles: int, seed: int = 3) -> None:
    """Articles made of the seeds' paragraphs, mixed: many documents that share words."""
    rng = random.Random(seed)
    seeds = sorted(bundled_seeds().glob("*.txt"))
    texts = [[p for p in s.read_text(encoding="utf-8").splitlines() if p.strip()] for s in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        paras = texts[i % len(texts)]
        body = rng.sample(paras[2:], k=min(len(paras) - 2, rng.randint(3, 12)))
        (folder / f"a{i:03d}.txt").write_text(
            "\n\n".join([f"{paras[0]} {i}", paras[1], *body]) + "\n", encoding="utf-8"
        )
