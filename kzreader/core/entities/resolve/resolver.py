"""The resolver: one article's links, then the corpus's decisions on types and names.

It reads the corpus one article at a time: links inside an article are made while its
candidates are at hand, and what later decisions need (votes, forms, keys) is summed
per cluster, so memory grows with the number of distinct names, not with mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from .. import lexicon as lx
from ..candidate import DROP, ORG, PERSON, PLACE, Candidate
from ..detect import FIRST_NAME_KEYS
from ..gazetteer import Gazetteer, entity_id, load_gazetteer
from ..model import EntityType
from ..names import edit_distance, legal_form_free, name_key, strip_possessive
from .bodies import ArticleBodies
from .clusters import TYPES, ArticleUnion, Cluster, person_enough
from .links import (
    link_organisations,
    link_sites,
    misspelt,
    people_in,
    unique_person,
    without_patronymic,
)
from .records import EntityRecord, add_alias


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
        self._clusters: dict[int, Cluster] = {}  # root handle → its cluster
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

    def _absorb(self, root: int, cluster: Cluster) -> None:
        mine = self._clusters.get(root)
        if mine is None:
            self._clusters[root] = cluster
        else:
            mine.absorb(cluster)

    # ------------------------------------------------------------ one article
    def add(self, cands: Sequence[Candidate]) -> list[int]:
        """Link one article's candidates; returns each candidate's handle."""
        gaz = self.gaz
        uf = ArticleUnion()
        unknown: list[int] = []

        # 1. Gazetteer and generic bodies (and the short forms defined for bodies).
        bodies = ArticleBodies(gaz, cands)
        for c, cd in enumerate(cands):
            body = bodies.short_form(c, cd)
            if body is not None:
                uf.union(body, c)
            elif cd.gaz and not cd.weak:
                uf.union(f"gaz:{cd.gaz}", c)
                self._fixed_type[f"gaz:{cd.gaz}"] = gaz.entries[cd.gaz].type
            elif cd.generic:
                label = bodies.label(c, cd)
                gnode = f"gen:{label}"
                self._generic_names[gnode] = label
                self._fixed_type[gnode] = EntityType.ORGANISATION
                uf.union(gnode, c)
            else:
                unknown.append(c)

        # 3. Links inside the article: parenthesised aliases, surnames, first names,
        #    patronymics, a typo of a surname, short forms and initials of organisations.
        people = people_in(gaz, cands)
        keys_here = Counter(cd.key for cd in cands)
        short_of_org = link_organisations(cands, uf, gaz)
        link_sites(cands, uf)
        for c, cd in enumerate(cands):
            target_cd = cands[cd.alias_of] if cd.alias_of is not None else None
            if (
                target_cd is not None
                and not (cd.gaz and target_cd.gaz)
                and not (cd.generic or target_cd.generic)
            ):
                uf.union(cd.alias_of, c)
            if c in short_of_org:
                cd.votes.pop(PERSON, None)  # "Kairat" for FC Kairat: no first name here
                continue
            if (cd.gaz and not cd.weak) or cd.generic:
                continue
            if cd.tokens == 1 and not cd.full:
                target = unique_person(p for p in people if p[1] == cd.key and p[0] != c)
                if target is None and cd.key in FIRST_NAME_KEYS:
                    namesakes = [p for p in people if p[2] == cd.key and p[0] != c]
                    target = unique_person(namesakes)
                    if target is None and len({p[1] for p in namesakes}) > 1:
                        # "Another Nurlan" with two Nurlans about: nobody in particular.
                        cd.vote(DROP, 10.0)
                        continue
                elif (
                    target is None and not cd.acronym and not (ORG in cd.votes or PLACE in cd.votes)
                ):
                    # "Kurmangazy's pieces" after "Kurmangazy Sagyrbayuly": a given name
                    # the lexicon lacks, of the one person here who has it
                    target = unique_person(p for p in people if p[2] == cd.key and p[0] != c)
                # A typo of a surname ("Zovtis" for "Zhovtis"): one edit, same ending or
                # beginning, and only for a word the article uses once.
                if (
                    target is None
                    and not cd.weak
                    and len(cd.key) >= 6
                    and not cd.acronym
                    and keys_here[cd.key] == 1
                ):
                    target = unique_person(
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
                namesakes = [
                    p for p in people if p[2] == cd.first and p[1] != cd.last and p[0] != c
                ]
                target = unique_person(namesakes)
                if target is not None:
                    uf.union(target[0], c)
                    continue
                if len({p[1] for p in namesakes}) > 1:
                    cd.vote(DROP, 10.0)  # "Nurlan Bakhytzhanovich" with two Nurlans about
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
                    short = without_patronymic(cd)
                    if short is not None:
                        handles.append(self._node(("k", short)))
                    bare = self._without_legal_form(cd)
                    if bare is not None:
                        handles.append(bare)
            handle = handles[0] if handles else self._new()
            for other in handles[1:]:
                self._union(handle, other)
            root = self._find(handle)
            cluster = self._clusters.get(root)
            if cluster is None:
                self._clusters[root] = Cluster.of(cands, members, self._position)
            else:
                cluster.add(cands, members, self._position)
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

    def _without_legal_form(self, cd: Candidate) -> int | None:
        """Where a company named with its legal form (``Qazaq Silver LLP``) meets the same
        name without it, here or in another article: the gazetteer's organisation of that
        name, or the key node of the bare name. Only for a name voted an organisation,
        and never through a first name or a known person or place (``Smith & Co``)."""
        if cd.tokens < 2:
            return None
        votes = cd.votes
        if votes.get(ORG, 0) <= max(votes.get(PERSON, 0), votes.get(PLACE, 0)):
            return None
        bare = legal_form_free(cd.surface)
        if bare is None or bare == cd.key or bare in FIRST_NAME_KEYS:
            return None
        entry_id = self.gaz.by_key.get(bare) or self.gaz.weak_keys.get(bare)
        if entry_id is not None:
            if self.gaz.entries[entry_id].type is not EntityType.ORGANISATION:
                return None
            label = f"gaz:{entry_id}"
            self._fixed_type[label] = EntityType.ORGANISATION
            return self._node(label)
        return self._node(("k", bare))

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
                best = max(TYPES, key=cluster.tally)
                type_of[root] = EntityType(best) if cluster.tally(best) > 0 else None
                if best == PERSON and type_of[root] and not person_enough(cluster):
                    type_of[root] = EntityType.NAME
        # Names with no evidence take the type of what they are listed with ("A, B and C").
        edges: dict[int, list[int]] = defaultdict(list)
        for source, other in self._edges:
            edges[self._find(source)].append(other)
        self._edges = []
        for root in order:
            cluster = self._clusters[root]
            if root in self._label or root in dropped:
                continue
            unsure = type_of[root] is EntityType.NAME  # ("Ucell said": a verb, no person)
            if type_of[root] is not None and not unsure:
                continue
            neighbours: Counter[EntityType] = Counter()
            for other in edges.get(root, ()):
                other_root = self._find(other)
                label = self._label.get(other_root)
                other_type = self._fixed_type.get(label) if label else None
                other_type = other_type or type_of.get(other_root)
                if other_type is not None:
                    neighbours[other_type] += 1
            if unsure:
                neighbours.pop(EntityType.PERSON, None)  # (a lone first name stays a name)
                neighbours.pop(EntityType.NAME, None)
                if neighbours:
                    type_of[root] = neighbours.most_common(1)[0][0]
            elif neighbours:
                type_of[root] = neighbours.most_common(1)[0][0]
            else:
                # No evidence of a kind: a name of unknown type, listed apart (a bare
                # "Tengizchevroil" or "Kashagan" is not a person by default).
                type_of[root] = EntityType.ORGANISATION if cluster.acronym else EntityType.NAME
        self._vote_across(order, type_of)

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
                add_alias(record, surface)
            for alias in curated:
                add_alias(record, alias)
        self._clusters = {}
        return records

    def _vote_across(self, order: list[int], type_of: dict[int, EntityType | None]) -> None:
        """A one-word name of unknown type that starts exactly one headed organisation's
        name elsewhere in the collection (``Zhebe`` and ``Zhebe Bank``) is an organisation:
        the collection's evidence for the longer name types the short one, with no merge."""
        starts: dict[str, set[str]] = defaultdict(set)
        for root in order:
            cluster = self._clusters[root]
            if root in self._label or not cluster.multi:
                continue
            if type_of.get(root) is not EntityType.ORGANISATION:
                continue
            words = cluster.canonical().split()
            last = strip_possessive(words[-1]).lower()
            if len(words) >= 2 and (last in lx.ORG_HEADS or last in lx.BUSINESS_WORDS):
                starts[name_key(strip_possessive(words[0]))].add(name_key(cluster.canonical()))
        for root in order:
            cluster = self._clusters[root]
            if root in self._label or cluster.multi or cluster.first_key in FIRST_NAME_KEYS:
                continue
            found = type_of.get(root)
            weak = max(cluster.tally(t) for t in TYPES) < 1.0  # "shares in X" at most
            if (found is EntityType.NAME or (found is not None and weak)) and len(
                starts.get(cluster.first_key, ())
            ) == 1:
                type_of[root] = EntityType.ORGANISATION

    def _join_misspellings(self) -> None:
        """``Vkontake`` is VKontakte (see ``links.misspelt``)."""
        clusters = {r: c for r, c in self._clusters.items() if r not in self._label}
        for entry_id, root in misspelt(self.gaz, clusters):
            label = f"gaz:{entry_id}"
            self._fixed_type[label] = self.gaz.entries[entry_id].type
            self._union(self._node(label), root)

    def entity_of(self, handle: int) -> str | None:
        """The entity a candidate became (after ``finish``), or None when it was dropped."""
        return self._entity_of.get(self._find(handle))
