"""Scoring an EntityGraph against a hand annotation (shared by the tests and the bench).

Entity level, per article: a gold entity of an article is found when a predicted
entity of the same type, mentioned in that article, is called there by the gold
name or one of its aliases (keys compare as ``name_key`` does: case, accents,
romanisation). Each predicted entity answers for at most one gold entity per
article. Precision, recall and F1 are micro-averaged over articles, per type.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kzreader.core.entities import EntityGraph, EntityType, name_key

TYPES = ("person", "place", "organisation")


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    comments: frozenset[str]  # articles that mention it only in reader comments

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.aliases)}


def load_gold(path: Path, article_ids: list[str]) -> list[GoldEntity]:
    """Gold entities; article references may be id prefixes (``000``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in data["entities"]:
        articles = []
        for ref in item["articles"]:
            matches = [a for a in article_ids if a == str(ref) or a.startswith(f"{ref}_")]
            assert len(matches) == 1, f"gold article {ref!r} matches {matches}"
            articles.append(matches[0])
        flag = item.get("comments", False)
        if flag is True:
            comments = frozenset(articles)
        else:
            refs = [str(r) for r in (flag or ())]
            comments = frozenset(
                a for a in articles if any(a == r or a.startswith(f"{r}_") for r in refs)
            )
        out.append(
            GoldEntity(
                name=str(item["name"]),
                type=str(EntityType.parse(item["type"])),
                aliases=tuple(str(a) for a in item.get("aliases", ())),
                articles=tuple(articles),
                comments=comments,
            )
        )
    return out


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    merges_ok: int = 0
    merges_total: int = 0
    merge_failures: list[str] = field(default_factory=list)
    links_ok: int = 0
    links_total: int = 0
    link_failures: list[str] = field(default_factory=list)
    false_merges: list[str] = field(default_factory=list)

    def prf(self, type_: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[type_], self.fp[type_], self.fn[type_]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def merge_share(self) -> float:
        return self.merges_ok / self.merges_total if self.merges_total else 1.0

    def table(self, title: str) -> str:
        lines = [title, f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
        for t in TYPES:
            p, r, f = self.prf(t)
            lines.append(
                f"{t:<13}{p:7.3f}{r:7.3f}{f:7.3f}{self.tp[t]:5}{self.fp[t]:5}{self.fn[t]:5}"
            )
        lines.append(
            f"aliases merged: {self.merges_ok}/{self.merges_total} = {self.merge_share:.3f}; "
            f"cross-article links: {self.links_ok}/{self.links_total}; "
            f"false merges: {len(self.false_merges)}"
        )
        return "\n".join(lines)


def score(
    graph: EntityGraph, gold: list[GoldEntity], articles: list[str], body_only: bool = False
) -> Score:
    """Score the graph on ``articles`` (``body_only``: leave reader comments out)."""
    result = Score()
    matched_gold: dict[str, set[str]] = defaultdict(set)  # predicted id → gold names
    where: dict[tuple[str, str], str] = {}  # (gold name, article) → predicted id
    for article in articles:
        mentions = [m for m in graph.mentions_in(article) if not (body_only and m.in_comment)]
        surfaces: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            surfaces[m.entity_id].add(name_key(m.surface))
        predicted = {eid: graph.entity(eid) for eid in surfaces}
        for eid, entity in predicted.items():
            assert entity is not None
            surfaces[eid].add(name_key(entity.name))
        golds = [
            g for g in gold if article in g.articles and not (body_only and article in g.comments)
        ]
        used: set[str] = set()
        for g in sorted(golds, key=lambda g: -len(g.keys)):
            options = [
                eid
                for eid, entity in predicted.items()
                if eid not in used and str(entity.type) == g.type and surfaces[eid] & g.keys
            ]
            if not options:
                result.fn[g.type] += 1
                result.missed.append(f"{article[:12]}: {g.name} ({g.type})")
                continue
            best = max(
                options,
                key=lambda e: (name_key(predicted[e].name) in g.keys, len(surfaces[e] & g.keys)),
            )
            used.add(best)
            result.tp[g.type] += 1
            matched_gold[best].add(g.name)
            where[(g.name, article)] = best
        for eid, entity in predicted.items():
            if eid not in used:
                result.fp[str(entity.type)] += 1
                result.spurious.append(f"{article[:12]}: {entity.name} ({entity.type})")
        # Aliases: every mention whose surface is one of a gold entity's (unshared) names
        # must resolve to one predicted entity.
        shared = defaultdict(int)
        for g in golds:
            for key in g.keys:
                shared[key] += 1
        for g in golds:
            keys = {k for k in g.keys if shared[k] == 1}
            hits = [m for m in mentions if name_key(m.surface) in keys]
            forms = {name_key(m.surface) for m in hits}
            if len(forms) < 2:
                continue
            result.merges_total += 1
            ids = {m.entity_id for m in hits}
            if len(ids) == 1:
                result.merges_ok += 1
            else:
                result.merge_failures.append(f"{article[:12]}: {g.name} split into {sorted(ids)}")
    for g in gold:
        arts = [a for a in g.articles if a in articles and not (body_only and a in g.comments)]
        if len(arts) < 2:
            continue
        result.links_total += 1
        ids = {where.get((g.name, a)) for a in arts}
        if len(ids) == 1 and None not in ids:
            result.links_ok += 1
        else:
            result.link_failures.append(f"{g.name}: {ids}")
    for eid, names in matched_gold.items():
        if len(names) > 1:
            result.false_merges.append(f"{eid}: {sorted(names)}")
    return result


def score_folder(folder: Path, gold_path: Path, use_ner: bool = False) -> Score:
    """Build a graph of every ``*.txt`` in ``folder`` and score it against ``gold_path``."""
    from kzreader.core.corpus.reading import read_article

    articles = [read_article(p, p.stem)[0] for p in sorted(folder.glob("*.txt"))]
    graph = EntityGraph.from_articles(articles, use_ner=use_ner)
    ids = [a.id for a in articles]
    return score(graph, load_gold(gold_path, ids), ids)


if __name__ == "__main__":  # python tests/core/entities/entity_scoring.py dev [-v]
    import sys

    here = Path(__file__).parent / "fixtures"
    which = sys.argv[1] if len(sys.argv) > 1 else "dev"
    result = score_folder(here / which, here / f"{which}_gold.yaml")
    print(result.table(f"entities, {which}"))
    if "-v" in sys.argv:
        for title, items in (
            ("missed", result.missed),
            ("spurious", result.spurious),
            ("false merges", result.false_merges),
            ("split aliases", result.merge_failures),
            ("broken links", result.link_failures),
        ):
            print(f"\n{title} ({len(items)}):")
            for item in items:
                print("  " + item)
