"""Write a synthetic corpus: N articles of 500–1,500 words built from the seed sentences.

The sentences of the bundled articles are recombined, with their names, places and
numbers swapped for a widened vocabulary, so the index sees realistic text with a
realistic (and growing) vocabulary. Deterministic for a given --seed.

    python bench/gen_corpus.py OUT_DIR --articles 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind
from kzreader.core.paths import bundled_seeds

# A widened vocabulary: names, places and organisations the seeds don't have.
FIRST = [
    "Aidar",
    "Aliya",
    "Arman",
    "Asel",
    "Askar",
    "Bauyrzhan",
    "Dana",
    "Daniyar",
    "Dinara",
    "Yerlan",
    "Gulnara",
    "Kairat",
    "Marat",
    "Nurlan",
    "Olzhas",
    "Saule",
    "Timur",
    "Yevgeny",
    "Sergei",
    "Olga",
    "Irina",
    "Dmitry",
    "Andrei",
    "Viktor",
    "Natalia",
    "Pavel",
    "Igor",
]
LAST = [
    "Abenov",
    "Akhmetov",
    "Baimukhanov",
    "Dzhaksybekov",
    "Ermekov",
    "Ibraimov",
    "Kassymov",
    "Mukhamediuly",
    "Nurpeisov",
    "Omarov",
    "Sagintayev",
    "Tulegenov",
    "Utemisov",
    "Zhakupov",
    "Ivanov",
    "Petrov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Morozov",
    "Volkov",
    "Zaitsev",
]
PLACES = [
    "Aktobe",
    "Atyrau",
    "Kostanay",
    "Pavlodar",
    "Semey",
    "Taraz",
    "Turkestan",
    "Kyzylorda",
    "Oral",
    "Kokshetau",
    "Taldykorgan",
    "Ekibastuz",
    "Temirtau",
    "Zhezkazgan",
    "Balkhash",
    "Rudny",
    "Ridder",
    "Aksu",
    "Baikonur",
    "Aktau",
    "Omsk",
    "Orenburg",
    "Samara",
    "Tyumen",
    "Barnaul",
    "Novosibirsk",
    "Chelyabinsk",
    "Astrakhan",
    "Volgograd",
    "Bishkek",
    "Tashkent",
    "Dushanbe",
]
ORGS = """Ministry of Energy|Ministry of Justice|Supreme Court|Constitutional Court|Amanat party
|Ak Zhol party|Eurasian Economic Union|Samruk-Kazyna|KazMunayGas|Kazakhtelecom|Tengrinews|Vlast.kz
|Azattyq|Interfax-Kazakhstan|Agency for Financial Monitoring|Anti-Corruption Agency|Senate
|Mazhilis""".replace("\n", "").split("|")
NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
NUMBER = re.compile(r"\b\d+\b")
MONTHS = "January February March April May June July August September October November December"


def seed_sentences() -> list[str]:
    corpus = Corpus.open(bundled_seeds())
    sentences: list[str] = []
    for info in corpus:
        for para in corpus.article(info.id).paragraphs:
            if para.kind is Kind.BODY and not para.heading:
                sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", para.text) if len(s) > 40)
    return sentences


def vary(sentence: str, rng: random.Random) -> str:
    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word in MONTHS or rng.random() < 0.6:
            return word
        roll = rng.random()
        if roll < 0.4:
            return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if roll < 0.75:
            return rng.choice(PLACES)
        return rng.choice(ORGS)

    sentence = NAME.sub(name, sentence)
    return NUMBER.sub(lambda m: str(rng.randint(2, 2024)), sentence)


def article(rng: random.Random, sentences: list[str], number: int) -> str:
    words_wanted = rng.randint(500, 1500)
    title = " ".join(vary(rng.choice(sentences), rng).split()[:9]).rstrip(",.;:")
    lines = [f"{title} ({number})", f"By {rng.choice(FIRST)} {rng.choice(LAST)}"]
    words = 0
    while words < words_wanted:
        para = " ".join(vary(rng.choice(sentences), rng) for _ in range(rng.randint(2, 5)))
        lines.append(para)
        words += len(para.split())
    return "\n\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sentences = seed_sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for number in range(args.articles):
        folder = args.out / f"{number // 1000:03d}"  # 1,000 files a folder
        folder.mkdir(exist_ok=True)
        (folder / f"syn_{number:06d}.txt").write_text(
            article(rng, sentences, number), encoding="utf-8"
        )
    print(f"wrote {args.articles} articles to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
