"""From candidates to entities: linking surface forms, voting on types, filtering.

Decides over the whole corpus, because the evidence is spread out: a surname in one
paragraph belongs to the full name two paragraphs up, a word capitalised only at the
start of sentences in one article is an ordinary word, and a name's type is what most
of its mentions say it is. But it reads the corpus one article at a time (``Resolver``):
links inside an article are made while its candidates are at hand, and what later
decisions need (votes, forms, keys) is summed per cluster, so memory grows with the
number of distinct names rather than with the number of mentions.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon as lx
from .candidate import DROP, ORG, PERSON, PLACE, Candidate
from .detect import FIRST_NAME_KEYS
from .gazetteer import Gazetteer, entity_id, load_gazetteer
from .model import EntityType, Mention
from .names import edit_distance, name_key, strip_possessive
from .store import MentionStore, MentionWriter

_TYPES = (PERSON, PLACE, ORG)
_COMMON_KEYS = frozenset(name_key(w) for w in lx.COMMON | lx.CALENDAR)


@dataclass
class EntityRecord:
    """A resolved entity before it is frozen: the overlay edits these."""

    id: str
    name: str
    type: EntityType
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)  # empty when read from a snapshot
    curated: bool = False  # from the gazetteer
    articles: list[int] = field(default_factory=list)  # article numbers, in corpus order
    count: int = 0  # mentions
    comments_only: bool = True
    keys: list[str] | None = None  # name keys of its names, once worked out (None: stale)

    def name_keys(self) -> list[str]:
        """The lookup keys of every name it goes by (kept, since a snapshot stores them)."""
        if self.keys is None:
            keys = (name_key(n) for n in (self.name, *self.aliases))
            self.keys = [k for k in dict.fromkeys(keys) if k]
        return self.keys


@dataclass
class Resolution:
    """Entities by id, in no particular order; ``redirect`` maps merged ids to their target."""

    entities: dict[str, EntityRecord]
    redirect: dict[str, str] = field(default_factory=dict)


class Cancelled(Exception):
    """A build was cancelled through its ``cancel`` event."""


class _Union:
    """Union-find over one article's candidates (ints) and the names they join (strings)."""

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


@dataclass(slots=True)
class _Cluster:
    """What resolution needs to know about a group of candidates, without the candidates.

    Clusters grow by merging (``absorb``), so the corpus never has to be held at once:
    ``first`` is the corpus position of the earliest member, which orders clusters and
    breaks ties exactly as a pass over all the candidates in corpus order would.
    """

    first: int
    first_key: str
    first_generic: str | None
    votes: dict[str, float]
    multi: bool  # a member has several words or a full name given apart
    lasts: set[str]  # last-word keys of its multi-word members
    common_only: bool  # every member is one common word
    plain: bool  # a member is neither in a heading nor sentence-initial
    acronym: bool  # every member is an acronym
    forms: dict[str, list[int]]  # canonical-name candidates: [count, first position]
    surfaces: dict[str, list[int]]  # surface forms (aliases): [count, first position]

    @classmethod
    def of(cls, cands: Sequence[Candidate], members: list[int], base: int) -> _Cluster:
        head = cands[members[0]]
        cluster = cls(
            first=base + members[0],
            first_key=head.key,
            first_generic=head.generic,
            votes={},
            multi=False,
            lasts=set(),
            common_only=True,
            plain=False,
            acronym=True,
            forms={},
            surfaces={},
        )
        votes, forms, surfaces = cluster.votes, cluster.forms, cluster.surfaces
        for c in members:
            cd = cands[c]
            at = base + c
            for type_, weight in cd.votes.items():
                votes[type_] = votes.get(type_, 0.0) + weight
            if cd.tokens > 1 or cd.full:
                cluster.multi = True
            if cd.tokens >= 2:
                cluster.lasts.add(cd.last)
            if not (cd.tokens == 1 and cd.key in _COMMON_KEYS):
                cluster.common_only = False
            if not cd.heading and not cd.initial:
                cluster.plain = True
            if not cd.acronym:
                cluster.acronym = False
            form = strip_possessive(cd.full or cd.surface)
            patronymic = cd.tokens == 2 and cd.last.endswith(lx.PATRONYMIC_SUFFIXES) and not cd.full
            _count(forms, form, 0 if patronymic else 1, at)
            _count(surfaces, strip_possessive(cd.surface), 1, at)
        return cluster

    def absorb(self, other: _Cluster) -> None:
        if other.first < self.first:
            self.first, self.first_key = other.first, other.first_key
            self.first_generic = other.first_generic
        for type_, weight in other.votes.items():
            self.votes[type_] = self.votes.get(type_, 0.0) + weight
        self.multi = self.multi or other.multi
        self.lasts |= other.lasts
        self.common_only = self.common_only and other.common_only
        self.plain = self.plain or other.plain
        self.acronym = self.acronym and other.acronym
        for mine, theirs in ((self.forms, other.forms), (self.surfaces, other.surfaces)):
            for form, (count, at) in theirs.items():
                _count(mine, form, count, at)

    def tally(self, type_: str) -> float:
        return self.votes.get(type_, 0.0)

    def keep(self) -> bool:
        """Whether an unknown cluster is a name: evidence beyond a capital letter."""
        strength = max(self.tally(t) for t in _TYPES)
        if self.tally(DROP) > 0 and self.tally(DROP) >= strength:
            return False
        if self.common_only and strength < 3:
            return False
        return self.plain or strength >= 2.5

    def canonical(self) -> str:
        """The fullest, most frequent surface form."""
        best = max(
            self.forms,
            key=lambda s: (
                len(s.split()),
                not s.isupper(),
                self.forms[s][0],
                -len(s),
                -self.forms[s][1],
            ),
        )
        if best.isupper() and len(best.split()) > 1:
            best = best.title()
        return best

    def aliases(self) -> list[str]:
        """Surface forms, most frequent first (the earliest seen first among equals)."""
        return sorted(self.surfaces, key=lambda s: (-self.surfaces[s][0], self.surfaces[s][1]))


def _person_enough(cluster: _Cluster) -> bool:
    """Whether a one-word name has the evidence of a person: cues worth two votes (a
    title, a role, an age) or a surname's shape. "Webuild said" alone is not enough:
    companies say things too."""
    if cluster.tally(PERSON) >= 2.0:
        return True
    if cluster.multi:
        return True
    key = cluster.first_key
    return len(key) >= 5 and key.endswith(lx.SURNAME_SUFFIXES)


def _count(table: dict[str, list[int]], form: str, count: int, at: int) -> None:
    slot = table.get(form)
    if slot is None:
        table[form] = [count, at]
    else:
        slot[0] += count
        if at < slot[1]:
            slot[1] = at


class Resolver:
    """Resolves a corpus one article at a time, holding clusters rather than candidates.

    ``add`` takes one article's candidates and returns a handle per candidate; after
    the last article, ``finish`` decides the entities, and ``entity_of(handle)`` says
    which entity (if any) each candidate became. Links inside an article are made while
    its candidates are at hand; links across articles go through the name keys the
    clusters share, so memory grows with the number of distinct names, not mentions.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._parent: list[int] = []
        self._label: dict[int, str] = {}  # handle → "gaz:…"/"gen:…" (those stay roots)
        self._nodes: dict[object, int] = {}  # label or ("k", key) → handle
        self._clusters: dict[int, _Cluster] = {}  # root handle → its cluster
        self._edges: list[tuple[int, int]] = []  # "A, B and C": an unknown name → a neighbour
        self._generic_names: dict[str, str] = {}
        self._fixed_type: dict[str, EntityType] = {}
        self._position = 0  # corpus position of the next candidate
        self._entity_of: dict[int, str] = {}
        self.records: dict[str, EntityRecord] = {}

    # ------------------------------------------------------------ union-find
    def _new(self) -> int:
        self._parent.append(len(self._parent))
        return len(self._parent) - 1

    def _node(self, name: object) -> int:
        handle = self._nodes.get(name)
        if handle is None:
            handle = self._nodes[name] = self._new()
            if isinstance(name, str):
                self._label[handle] = name
        return handle

    def _find(self, x: int) -> int:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if rb in self._label and ra not in self._label:
            ra, rb = rb, ra
        self._parent[rb] = ra
        moved = self._clusters.pop(rb, None)
        if moved is not None:
            self._absorb(ra, moved)

    def _absorb(self, root: int, cluster: _Cluster) -> None:
        mine = self._clusters.get(root)
        if mine is None:
            self._clusters[root] = cluster
        else:
            mine.absorb(cluster)

    # ------------------------------------------------------------ one article
    def add(self, cands: Sequence[Candidate]) -> list[int]:
        """Link one article's candidates; returns each candidate's handle."""
        gaz = self.gaz
        uf = _Union()
        unknown: list[int] = []
        resolved_country: dict[int, str | None] = {}

        # 1. Gazetteer and generic bodies.
        dominant = _dominant_country(gaz, cands)
        defined: dict[str, str] = {}
        last_country: dict[str, str] = {}
        for c, cd in enumerate(cands):
            if cd.gaz and not cd.weak:
                uf.union(f"gaz:{cd.gaz}", c)
                self._fixed_type[f"gaz:{cd.gaz}"] = gaz.entries[cd.gaz].type
            elif cd.generic:
                # Explicit qualifier, else the article's own definition ("Interior Ministry
                # (MVD)"), else the last qualified mention, else the article's main country.
                country = cd.country
                if not country and cd.alias_of is not None:
                    country = resolved_country.get(cd.alias_of)
                if not country:
                    country = defined.get(cd.key) or last_country.get(cd.generic) or dominant
                if cd.country:
                    last_country[cd.generic] = cd.country
                if country and cd.alias_of is not None:
                    defined[cd.key] = country
                resolved_country[c] = country
                label = cd.generic.format(country=country) if country else _short(gaz, cd)
                gnode = f"gen:{label}"
                self._generic_names[gnode] = label
                self._fixed_type[gnode] = EntityType.ORGANISATION
                uf.union(gnode, c)
            else:
                unknown.append(c)

        # 3. Links inside the article: parenthesised aliases, surnames, first names,
        #    patronymics, a typo of a surname, short forms and initials of organisations.
        people = _people(gaz, cands)
        keys_here = Counter(cd.key for cd in cands)
        _link_organisations(cands, uf)
        for c, cd in enumerate(cands):
            target_cd = cands[cd.alias_of] if cd.alias_of is not None else None
            if (
                target_cd is not None
                and not (cd.gaz and target_cd.gaz)
                and not (cd.generic or target_cd.generic)
            ):
                uf.union(cd.alias_of, c)
            if (cd.gaz and not cd.weak) or cd.generic:
                continue
            if cd.tokens == 1 and not cd.full:
                target = _unique(p for p in people if p[1] == cd.key and p[0] != c)
                if target is None and cd.key in FIRST_NAME_KEYS:
                    namesakes = [p for p in people if p[2] == cd.key and p[0] != c]
                    target = _unique(namesakes)
                    if target is None and len({p[1] for p in namesakes}) > 1:
                        # "Another Nurlan" with two Nurlans about: nobody in particular.
                        cd.vote(DROP, 10.0)
                        continue
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
                    uf.union(target[0], c)
                    continue
            elif cd.tokens == 2 and cd.last.endswith(lx.PATRONYMIC_SUFFIXES):
                target = _unique(
                    p for p in people if p[2] == cd.first and p[1] != cd.last and p[0] != c
                )
                if target is not None:
                    uf.union(target[0], c)
                    continue
            if cd.weak and cd.gaz:
                uf.union(f"gaz:{cd.gaz}", c)
                self._fixed_type[f"gaz:{cd.gaz}"] = gaz.entries[cd.gaz].type

        # 2. Across the corpus: an unknown name joins every other with its key (but
        #    "Sergey" in two articles is not one person). Each group of this article
        #    becomes one cluster, reached through its gazetteer/generic names and keys.
        groups: dict[object, list[int]] = defaultdict(list)
        for c in range(len(cands)):
            groups[uf.find(c)].append(c)
        labels: dict[object, list[str]] = defaultdict(list)
        for name in uf.parent:
            if isinstance(name, str):
                labels[uf.find(name)].append(name)
        is_unknown = set(unknown)
        handle_of = [0] * len(cands)
        for root, members in groups.items():
            handles = [self._node(label) for label in labels.get(root, ())]
            for c in members:
                if c in is_unknown:
                    cd = cands[c]
                    key = name_key(cd.full) if cd.full else cd.key
                    if key not in FIRST_NAME_KEYS:
                        handles.append(self._node(("k", key)))
            handle = handles[0] if handles else self._new()
            for other in handles[1:]:
                self._union(handle, other)
            self._absorb(self._find(handle), _Cluster.of(cands, members, self._position))
            for c in members:
                handle_of[c] = handle

        # Names listed together ("A, B and C") lend each other a type later.
        followers: dict[int, list[int]] = defaultdict(list)
        for i, cd in enumerate(cands):
            if cd.after is not None:
                followers[cd.after].append(i)
        for c in unknown:
            cd = cands[c]
            linked = [cd.after] if cd.after is not None else []
            for index in linked + followers.get(c, []):
                self._edges.append((handle_of[c], handle_of[index]))
        self._position += len(cands)
        return handle_of

    # ------------------------------------------------------------ the corpus
    def finish(self) -> dict[str, EntityRecord]:
        """Decide every cluster's type and name; returns the records (without mentions)."""
        gaz = self.gaz
        # 4. Single surnames left alone: the one full name in the corpus that ends so.
        full_by_last: dict[str, set[int]] = defaultdict(set)
        for root, cluster in self._clusters.items():
            if root in self._label:
                continue
            if cluster.tally(PERSON) >= max(cluster.tally(PLACE), cluster.tally(ORG)):
                for last in cluster.lasts:
                    full_by_last[last].add(root)
        for root, cluster in list(self._clusters.items()):
            if root in self._label or cluster.multi:
                continue
            targets = full_by_last.get(cluster.first_key, set())
            if len(targets) == 1:
                (target,) = targets
                self._union(target, root)

        self._join_misspellings()
        order = sorted(self._clusters, key=lambda r: self._clusters[r].first)
        type_of: dict[int, EntityType | None] = {}
        dropped: set[int] = set()
        for root in order:
            cluster = self._clusters[root]
            if root in self._label:
                type_of[root] = self._fixed_type[self._label[root]]
            elif not cluster.keep():
                type_of[root] = None
                dropped.add(root)
            else:
                best = max(_TYPES, key=cluster.tally)
                type_of[root] = EntityType(best) if cluster.tally(best) > 0 else None
                if best == PERSON and type_of[root] and not _person_enough(cluster):
                    type_of[root] = EntityType.NAME
        # Names with no evidence take the type of what they are listed with ("A, B and C").
        edges: dict[int, list[int]] = defaultdict(list)
        for source, other in self._edges:
            edges[self._find(source)].append(other)
        self._edges = []
        for root in order:
            cluster = self._clusters[root]
            if root in self._label or type_of[root] is not None or root in dropped:
                continue
            neighbours: Counter[EntityType] = Counter()
            for other in edges.get(root, ()):
                other_root = self._find(other)
                label = self._label.get(other_root)
                other_type = self._fixed_type.get(label) if label else None
                other_type = other_type or type_of.get(other_root)
                if other_type is not None:
                    neighbours[other_type] += 1
            if neighbours:
                type_of[root] = neighbours.most_common(1)[0][0]
            else:
                # No evidence of a kind: a name of unknown type, listed apart (a bare
                # "Tengizchevroil" or "Kashagan" is not a person by default).
                type_of[root] = EntityType.ORGANISATION if cluster.acronym else EntityType.NAME

        # 5. Records.
        records = self.records
        for root in order:
            cluster = self._clusters[root]
            label = self._label.get(root)
            if label is not None and label.startswith("gaz:"):
                entry = gaz.entries[label[4:]]
                name, type_, curated = entry.name, entry.type, list(entry.aliases)
            elif label is not None:
                name, type_ = self._generic_names[label], EntityType.ORGANISATION
                body = next(b for b in gaz.generic.values() if cluster.first_generic == b.template)
                curated = [n for n in body.names if n[:1].isupper()]
            else:
                found = type_of.get(root)
                if found is None:
                    continue
                name, type_, curated = cluster.canonical(), found, []
            eid = entity_id(name, type_)
            record = records.get(eid)
            if record is None:
                record = records[eid] = EntityRecord(
                    eid, name, type_, [], curated=label is not None and label.startswith("gaz:")
                )
            self._entity_of[root] = eid
            for surface in cluster.aliases():
                if type_ is EntityType.PERSON and name_key(surface) in FIRST_NAME_KEYS:
                    continue  # "Sergei" is many people: never an alias of one of them
                _add_alias(record, surface)
            for alias in curated:
                _add_alias(record, alias)
        self._clusters = {}
        return records

    def _join_misspellings(self) -> None:
        """``Vkontake`` is VKontakte: a one-word name one edit away from a known one-word name
        (same first two and last letters, seven letters or more) joins it, unless its own
        evidence says person (``Zhakenova`` is not ``Zhakenov``)."""
        known: dict[str, list[str]] = defaultdict(list)
        for key, entry_id in self.gaz.by_key.items():
            if " " not in key and len(key) >= 7:
                known[key[:2]].append(entry_id)
        for root, cluster in list(self._clusters.items()):
            key = cluster.first_key
            if root in self._label or cluster.multi or len(key) < 7 or " " in key:
                continue
            if cluster.tally(PERSON) > max(cluster.tally(PLACE), cluster.tally(ORG)):
                continue
            matches = {
                entry_id
                for entry_id in known.get(key[:2], ())
                if any(
                    k[-1] == key[-1] and edit_distance(k, key, 1) == 1
                    for k in self.gaz.keys_of(entry_id)
                    if " " not in k and len(k) >= 7
                )
            }
            if len(matches) != 1:
                continue
            (entry_id,) = matches
            label = f"gaz:{entry_id}"
            self._fixed_type[label] = self.gaz.entries[entry_id].type
            self._union(self._node(label), root)

    def entity_of(self, handle: int) -> str | None:
        """The entity a candidate became (after ``finish``), or None when it was dropped."""
        return self._entity_of.get(self._find(handle))


def article_mentions(
    article: str,
    cands: Sequence[Candidate],
    entity_ids: Sequence[str | None],
) -> list[Mention]:
    """One article's mentions in reading order, each span once per entity."""
    seen: set[tuple[str, int, int, int]] = set()
    out: list[Mention] = []
    ranked = sorted(range(len(cands)), key=lambda c: (cands[c].paragraph, cands[c].start))
    for c in ranked:
        eid = entity_ids[c]
        if eid is None:
            continue
        cd = cands[c]
        key = (eid, cd.paragraph, cd.start, cd.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(Mention(eid, article, cd.paragraph, cd.start, cd.end, cd.surface, cd.in_comment))
    return out


def resolve_stream(
    articles: Iterable[Sequence[Candidate]],
    folder: Path | None,
    name: str,
    gazetteer: Gazetteer | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Resolution, list[str], MentionStore, list[str]]:
    """Resolve a corpus whose articles' candidates arrive one at a time.

    Each article's candidates are linked and dropped; what is left of them (a handle,
    the span) waits in a spool file in ``folder``. Once every cluster is decided, the
    spool is read back article by article into the mention store ``name``, whose rows
    number entities by their place in the returned id list. Returns the records
    (counts and articles, no mention objects), those ids, the store, and messages.
    ``cancelled`` is asked now and then while the mentions are written; when it says
    yes, ``Cancelled`` is raised and nothing is kept.
    """
    resolver = Resolver(gazetteer)
    spool = MentionWriter(folder, f"spool-{name}")
    try:
        for cands in articles:
            handles = resolver.add(cands)
            ranked = sorted(range(len(cands)), key=lambda c: (cands[c].paragraph, cands[c].start))
            spool.add(
                [
                    [handles[c], cd.paragraph, cd.start, cd.end, cd.surface, int(cd.in_comment)]
                    for c in ranked
                    for cd in (cands[c],)
                ]
            )
        pending = spool.close()
    except BaseException:
        spool.discard()
        raise
    out = MentionWriter(folder, name)
    try:
        records = resolver.finish()
        numbers = {eid: n for n, eid in enumerate(records)}
        ordered = list(records.values())
        for a, rows in enumerate(pending):
            if cancelled is not None and a % 256 == 0 and cancelled():
                raise Cancelled
            seen: set[tuple[int, int, int, int]] = set()
            line = []
            for handle, paragraph, start, end, surface, comment in rows:
                eid = resolver.entity_of(handle)
                if eid is None:
                    continue
                n = numbers[eid]
                if (n, paragraph, start, end) in seen:
                    continue
                seen.add((n, paragraph, start, end))
                line.append([n, paragraph, start, end, surface, comment])
                record = ordered[n]
                if not record.articles or record.articles[-1] != a:
                    record.articles.append(a)
                record.count += 1
                record.comments_only = record.comments_only and bool(comment)
            out.add(line)
        store = out.close()
    except BaseException:
        out.discard()
        raise
    finally:
        pending.close()
        if pending.path is not None:
            with contextlib.suppress(OSError):
                pending.path.unlink()
    errors = [e for e in (spool.error, out.error) if e]
    return Resolution(records), list(records), store, errors


def resolve(
    articles: Sequence[str],
    candidates: Mapping[str, Sequence[Candidate]],
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Resolve every article's candidates (all in memory) into entities with mentions."""
    resolver = Resolver(gazetteer)
    handles = [resolver.add(candidates.get(article, ())) for article in articles]
    records = resolver.finish()
    for a, article in enumerate(articles):
        cands = candidates.get(article, ())
        eids = [resolver.entity_of(h) for h in handles[a]]
        for mention in article_mentions(article, cands, eids):
            record = records[mention.entity_id]
            record.mentions.append(mention)
            if not record.articles or record.articles[-1] != a:
                record.articles.append(a)
            record.count += 1
            record.comments_only = record.comments_only and mention.in_comment
    return Resolution(records)


_INITIALS_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "&", "de"})


def _initials(surface: str) -> str:
    words = surface.replace("-", " ").split()
    return "".join(
        w[0].upper() for w in words if w.lower() not in _INITIALS_SKIP and w[:1].isalpha()
    )


def _link_organisations(cands: Sequence[Candidate], uf: _Union) -> None:
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
                uf.union(next(iter(found.values())), c)
            continue
        words = cd.key.split()
        found = {
            o.key: i
            for i, o in orgs
            if o.key.split()[:-1] == words and o.last in _ORG_SUFFIXES and i != c
        }
        if len(found) == 1:
            uf.union(next(iter(found.values())), c)


_ORG_SUFFIXES = frozenset(
    name_key(w)
    for w in "holding holdings corporation corp company group inc ltd llc plc foundation".split()
)


def _short(gaz: Gazetteer, cd: Candidate) -> str:
    body = next((b for b in gaz.generic.values() if b.template == cd.generic), None)
    return body.short if body else cd.surface


def _dominant_country(gaz: Gazetteer, cands: Sequence[Candidate]) -> str | None:
    """The country an article is about, when one clearly leads (twice the mentions of the
    next): an unqualified "Security Council" is then that country's. Without a clear
    lead it stays unqualified rather than risk merging two countries' bodies."""
    counts = Counter(
        gaz.entries[cd.gaz].country for cd in cands if cd.gaz and gaz.entries[cd.gaz].country
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


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


def _add_alias(record: EntityRecord, alias: str) -> None:
    alias = alias.strip()
    if not alias or alias == record.name:
        return
    if any(alias.casefold() == a.casefold() for a in record.aliases):
        return
    record.aliases.append(alias)
