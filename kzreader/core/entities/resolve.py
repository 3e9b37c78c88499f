"""From candidates to entities: linking surface forms, voting on types, filtering.

Runs over the whole corpus at once (on cached per-article candidates), because the
evidence is spread out: a surname in one paragraph belongs to the full name two
paragraphs up, a word capitalised only at the start of sentences in one article is
an ordinary word, and a name's type is what most of its mentions say it is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import lexicon as lx
from .candidate import DROP, ORG, PERSON, PLACE, Candidate
from .detect import FIRST_NAME_KEYS
from .gazetteer import Gazetteer, entity_id, load_gazetteer
from .model import EntityType, Mention
from .names import edit_distance, name_key, strip_possessive

_TYPES = (PERSON, PLACE, ORG)
_COMMON_KEYS = frozenset(name_key(w) for w in lx.COMMON | lx.CALENDAR)


@dataclass
class EntityRecord:
    """A resolved entity before it is frozen: the overlay edits these."""

    id: str
    name: str
    type: EntityType
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)
    curated: bool = False  # from the gazetteer


@dataclass
class Resolution:
    """Entities by id, each with its mentions, in no particular order."""

    entities: dict[str, EntityRecord]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        parent = self.parent.setdefault(x, x)
        if parent != x:
            root = self.find(parent)
            self.parent[x] = root
            return root
        return x

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        # Gazetteer and generic-body nodes stay roots so a cluster's identity is clear.
        if isinstance(rb, str) and not isinstance(ra, str):
            ra, rb = rb, ra
        self.parent[rb] = ra


Node = tuple[int, int]  # (article index, candidate index)


def resolve(
    articles: Sequence[str],
    candidates: Mapping[str, Sequence[Candidate]],
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Resolve every article's candidates into entities with mentions."""
    gaz = gazetteer or load_gazetteer()
    uf = _Union()
    generic_names: dict[str, str] = {}  # generic node → entity name
    fixed_type: dict[str, EntityType] = {}
    unknown: list[Node] = []
    resolved_country: dict[Node, str | None] = {}

    def cand(node: Node) -> Candidate:
        return candidates[articles[node[0]]][node[1]]

    # 1. Gazetteer and generic bodies, article by article.
    for a, article in enumerate(articles):
        cands = candidates.get(article, ())
        dominant = _dominant_country(gaz, cands)
        defined: dict[str, str] = {}
        last_country: dict[str, str] = {}
        for c, cd in enumerate(cands):
            node = (a, c)
            if cd.gaz and not cd.weak:
                uf.union(f"gaz:{cd.gaz}", node)
                fixed_type[f"gaz:{cd.gaz}"] = gaz.entries[cd.gaz].type
            elif cd.generic:
                # Explicit qualifier, else the article's own definition ("Interior Ministry
                # (MVD)"), else the last qualified mention, else the article's main country.
                country = cd.country
                if not country and cd.alias_of is not None:
                    country = resolved_country.get((a, cd.alias_of))
                if not country:
                    country = defined.get(cd.key) or last_country.get(cd.generic) or dominant
                if cd.country:
                    last_country[cd.generic] = cd.country
                if country and cd.alias_of is not None:
                    defined[cd.key] = country
                resolved_country[node] = country
                label = cd.generic.format(country=country) if country else _short(gaz, cd)
                gnode = f"gen:{label}"
                generic_names[gnode] = label
                fixed_type[gnode] = EntityType.ORGANISATION
                uf.union(gnode, node)
            else:
                unknown.append(node)

    # 2. Unknown names: same key in one article, multi-word names across articles.
    by_key: dict[tuple[int, str], list[Node]] = defaultdict(list)
    corpus_key: dict[str, list[Node]] = defaultdict(list)
    for node in unknown:
        cd = cand(node)
        key = name_key(cd.full) if cd.full else cd.key
        by_key[(node[0], key)].append(node)
        corpus_key[key].append(node)
    for key, nodes in corpus_key.items():
        if key in FIRST_NAME_KEYS:
            continue  # "Sergey" in two articles is not one person
        for other in nodes[1:]:
            uf.union(nodes[0], other)

    # 3. Links inside each article: parenthesised aliases, surnames, first names,
    #    patronymics, a typo of a surname, short forms and initials of organisations.
    for a, article in enumerate(articles):
        cands = candidates.get(article, ())
        people = _people(gaz, cands)
        keys_here = Counter(cd.key for cd in cands)
        _link_organisations(a, cands, uf)
        for c, cd in enumerate(cands):
            node = (a, c)
            target_cd = cands[cd.alias_of] if cd.alias_of is not None else None
            if (
                target_cd is not None
                and not (cd.gaz and target_cd.gaz)
                and not (cd.generic or target_cd.generic)
            ):
                uf.union((a, cd.alias_of), node)
            if (cd.gaz and not cd.weak) or cd.generic:
                continue
            if cd.tokens == 1 and not cd.full:
                target = _unique(p for p in people if p[1] == cd.key and p[0] != c)
                if target is None and cd.key in FIRST_NAME_KEYS:
                    target = _unique(p for p in people if p[2] == cd.key and p[0] != c)
                # A typo of a surname ("Zovtis" for "Zhovtis"): one edit, same ending or
                # beginning, and only for a word the article uses once.
                if (
                    target is None
                    and not cd.weak
                    and len(cd.key) >= 6
                    and not cd.acronym
                    and keys_here[cd.key] == 1
                ):
                    target = _unique(
                        p
                        for p in people
                        if p[0] != c
                        and len(p[1]) >= 6
                        and (p[1][-3:] == cd.key[-3:] or p[1][:3] == cd.key[:3])
                        and edit_distance(p[1], cd.key, 1) == 1
                    )
                if target is not None:
                    uf.union((a, target[0]), node)
                    continue
            elif cd.tokens == 2 and cd.last.endswith(lx.PATRONYMIC_SUFFIXES):
                target = _unique(
                    p for p in people if p[2] == cd.first and p[1] != cd.last and p[0] != c
                )
                if target is not None:
                    uf.union((a, target[0]), node)
                    continue
            if cd.weak and cd.gaz:
                uf.union(f"gaz:{cd.gaz}", node)
                fixed_type[f"gaz:{cd.gaz}"] = gaz.entries[cd.gaz].type

    # 4. Votes per cluster, then the unknown clusters that survive.
    clusters: dict[object, list[Node]] = defaultdict(list)
    for node in unknown:
        clusters[uf.find(node)].append(node)
    votes: dict[object, Counter[str]] = {}
    for root, nodes in clusters.items():
        tally: Counter[str] = Counter()
        for node in nodes:
            for type_, weight in cand(node).votes.items():
                tally[type_] += weight
        votes[root] = tally

    # Single surnames left alone in an article: the one full name in the corpus that ends so.
    full_by_last: dict[str, set[object]] = defaultdict(set)
    for root, nodes in clusters.items():
        if isinstance(root, str):
            continue
        tally = votes[root]
        for node in nodes:
            cd = cand(node)
            if cd.tokens >= 2 and tally[PERSON] >= max(tally[PLACE], tally[ORG]):
                full_by_last[cd.last].add(root)
    for root, nodes in list(clusters.items()):
        if isinstance(root, str) or any(cand(n).tokens > 1 or cand(n).full for n in nodes):
            continue
        targets = full_by_last.get(cand(nodes[0]).key, set())
        if len(targets) == 1:
            (target,) = targets
            uf.union(target, root)
    clusters = defaultdict(list)
    for node in unknown:
        clusters[uf.find(node)].append(node)
    type_of: dict[object, EntityType | None] = {}
    for root, nodes in clusters.items():
        tally = Counter[str]()
        for node in nodes:
            for type_, weight in cand(node).votes.items():
                tally[type_] += weight
        votes[root] = tally
        if isinstance(root, str):
            type_of[root] = fixed_type[root]
            continue
        if not _keep(nodes, tally, cand):
            type_of[root] = None
            continue
        best = max(_TYPES, key=lambda t: tally[t])
        type_of[root] = EntityType(best) if tally[best] > 0 else None
    # Names with no evidence take the type of what they are listed with ("A, B and C").
    listed_after: list[dict[int, list[int]]] = []
    for article in articles:
        followers: dict[int, list[int]] = defaultdict(list)
        for i, other in enumerate(candidates.get(article, ())):
            if other.after is not None:
                followers[other.after].append(i)
        listed_after.append(followers)
    for root, nodes in clusters.items():
        if isinstance(root, str) or root not in type_of or type_of[root] is not None:
            continue
        if not _keep(nodes, votes[root], cand):
            continue
        neighbours: Counter[EntityType] = Counter()
        for node in nodes:
            cd = cand(node)
            cands = candidates[articles[node[0]]]
            linked = [cd.after] if cd.after is not None else []
            linked += listed_after[node[0]].get(node[1], [])
            for index in linked:
                other_root = uf.find((node[0], index))
                other_type = fixed_type.get(other_root) if isinstance(other_root, str) else None
                other_type = other_type or type_of.get(other_root)
                if other_type is not None:
                    neighbours[other_type] += 1
        if neighbours:
            type_of[root] = neighbours.most_common(1)[0][0]
        else:
            acronym = all(cand(n).acronym for n in nodes)
            type_of[root] = EntityType.ORGANISATION if acronym else EntityType.PERSON
        type_of[root] = type_of[root] or EntityType.PERSON
    for root, nodes in clusters.items():
        if (
            root in type_of
            and type_of[root] is None
            and not isinstance(root, str)
            and _keep(nodes, votes[root], cand)
        ):
            type_of[root] = EntityType.PERSON

    # 5. Records.
    records: dict[str, EntityRecord] = {}
    root_id: dict[object, str] = {}
    all_nodes: dict[object, list[Node]] = defaultdict(list)
    for a, article in enumerate(articles):
        for c in range(len(candidates.get(article, ()))):
            all_nodes[uf.find((a, c))].append((a, c))
    for root, nodes in all_nodes.items():
        if isinstance(root, str) and root.startswith("gaz:"):
            entry = gaz.entries[root[4:]]
            name, type_, curated = entry.name, entry.type, list(entry.aliases)
        elif isinstance(root, str):
            name, type_, curated = generic_names[root], EntityType.ORGANISATION, []
            body = next(b for b in gaz.generic.values() if cand(nodes[0]).generic == b.template)
            curated = [n for n in body.names if n[:1].isupper()]
        else:
            type_ = type_of.get(root)
            if type_ is None:
                continue
            name, curated = _canonical(nodes, cand), []
        eid = entity_id(name, type_)
        record = records.get(eid)
        if record is None:
            record = records[eid] = EntityRecord(
                eid, name, type_, [], curated=isinstance(root, str) and root.startswith("gaz:")
            )
        root_id[root] = eid
        surfaces = Counter(strip_possessive(cand(n).surface) for n in nodes)
        for surface, _count in surfaces.most_common():
            _add_alias(record, surface)
        for alias in curated:
            _add_alias(record, alias)
        for node in nodes:
            cd = cand(node)
            record.mentions.append(
                Mention(
                    entity_id=eid,
                    article=articles[node[0]],
                    paragraph=cd.paragraph,
                    start=cd.start,
                    end=cd.end,
                    surface=cd.surface,
                    in_comment=cd.in_comment,
                )
            )
    for record in records.values():
        record.mentions = _dedupe(record.mentions)
    return Resolution(records)


_INITIALS_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "&", "de"})


def _initials(surface: str) -> str:
    words = surface.replace("-", " ").split()
    return "".join(
        w[0].upper() for w in words if w.lower() not in _INITIALS_SKIP and w[:1].isalpha()
    )


def _link_organisations(a: int, cands: Sequence[Candidate], uf: _Union) -> None:
    """``BBP`` for ``Biysk Boiler Plant``; ``Steppe Metals`` for ``Steppe Metals Holding``."""
    orgs = [
        (i, cd)
        for i, cd in enumerate(cands)
        if cd.tokens >= 2
        and not cd.gaz
        and not cd.generic
        and cd.votes.get(ORG, 0) > max(cd.votes.get(PERSON, 0), cd.votes.get(PLACE, 0))
    ]
    if not orgs:
        return
    for c, cd in enumerate(cands):
        if cd.gaz or cd.generic:
            continue
        if cd.acronym and 2 <= len(cd.surface) <= 6:
            letters = "".join(ch for ch in strip_possessive(cd.surface) if ch.isalpha()).upper()
            found = {o.key: i for i, o in orgs if _initials(o.surface) == letters}
            if len(found) == 1:
                uf.union((a, next(iter(found.values()))), (a, c))
            continue
        words = cd.key.split()
        found = {
            o.key: i
            for i, o in orgs
            if o.key.split()[:-1] == words and o.last in _ORG_SUFFIXES and i != c
        }
        if len(found) == 1:
            uf.union((a, next(iter(found.values()))), (a, c))


_ORG_SUFFIXES = frozenset(
    name_key(w)
    for w in "holding holdings corporation corp company group inc ltd llc plc foundation".split()
)


def _short(gaz: Gazetteer, cd: Candidate) -> str:
    body = next((b for b in gaz.generic.values() if b.template == cd.generic), None)
    return body.short if body else cd.surface


def _dominant_country(gaz: Gazetteer, cands: Sequence[Candidate]) -> str | None:
    counts = Counter(
        gaz.entries[cd.gaz].country for cd in cands if cd.gaz and gaz.entries[cd.gaz].country
    )
    return counts.most_common(1)[0][0] if counts else None


def _people(gaz: Gazetteer, cands: Sequence[Candidate]) -> list[tuple[int, str, str]]:
    """Multi-word person names in an article: (index, last-name key, first-name key)."""
    out = []
    for index, cd in enumerate(cands):
        if cd.full:
            words = cd.full.split()
            out.append((index, name_key(words[-1]), name_key(words[0])))
            continue
        if cd.tokens < 2:
            continue
        if cd.gaz and not cd.weak:
            entry = gaz.entries[cd.gaz]
            if entry.type is not EntityType.PERSON:
                continue
            words = entry.name.split()
            out.append((index, name_key(words[-1]), name_key(words[0])))
            continue
        if cd.gaz or cd.generic:
            continue
        if cd.last.endswith(lx.PATRONYMIC_SUFFIXES) and cd.tokens == 2:
            continue
        v = cd.votes
        if v.get(PERSON, 0) >= max(v.get(PLACE, 0), v.get(ORG, 0), 0.5):
            out.append((index, cd.last, cd.first))
    return out


def _unique(items: object) -> tuple[int, str, str] | None:
    """The one person the items point to (several mentions of one name count as one)."""
    found: dict[tuple[str, str], tuple[int, str, str]] = {}
    for item in items:  # type: ignore[attr-defined]
        found.setdefault((item[1], item[2]), item)
    return next(iter(found.values())) if len(found) == 1 else None


def _dropped(tally: Counter[str]) -> bool:
    return tally[DROP] > 0 and tally[DROP] >= max(tally[t] for t in _TYPES)


def _keep(nodes: list[Node], tally: Counter[str], cand: object) -> bool:
    """Whether an unknown cluster is a name: evidence beyond a capital letter."""
    if _dropped(tally):
        return False
    members = [cand(n) for n in nodes]  # type: ignore[operator]
    strength = max(tally[t] for t in _TYPES)
    if all(m.tokens == 1 and m.key in _COMMON_KEYS for m in members) and strength < 3:
        return False
    plain = any(not m.heading and not m.initial for m in members)
    return plain or strength >= 2.5


def _canonical(nodes: list[Node], cand: object) -> str:
    """The fullest, most frequent surface form of a cluster."""
    forms: Counter[str] = Counter()
    for node in nodes:
        cd = cand(node)  # type: ignore[operator]
        surface = strip_possessive(cd.full or cd.surface)
        if cd.tokens == 2 and cd.last.endswith(lx.PATRONYMIC_SUFFIXES) and not cd.full:
            forms[surface] += 0  # a patronymic form is never the canonical name if avoidable
            continue
        forms[surface] += 1
    if not forms:
        return strip_possessive(cand(nodes[0]).surface)  # type: ignore[operator]
    best = max(forms, key=lambda s: (len(s.split()), not s.isupper(), forms[s], -len(s)))
    if best.isupper() and len(best.split()) > 1:
        best = best.title()
    return best


def _add_alias(record: EntityRecord, alias: str) -> None:
    alias = alias.strip()
    if not alias or alias == record.name:
        return
    if any(alias.casefold() == a.casefold() for a in record.aliases):
        return
    record.aliases.append(alias)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, int, int, int]] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.article, m.paragraph, m.start)):
        key = (m.article, m.paragraph, m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
