"""Clusters of candidates: what resolution keeps of a name once its mentions are gone.

A cluster sums votes, forms and flags, so the corpus never has to be held at once; its
``keep`` and ``canonical`` decide whether an unknown name is one and what it is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import lexicon as lx
from ..candidate import DROP, ORG, PERSON, PLACE, Candidate
from ..names import legal_form_free, name_key, strip_possessive

TYPES = (PERSON, PLACE, ORG)
COMMON_KEYS = frozenset(name_key(w) for w in lx.COMMON | lx.CALENDAR)


class ArticleUnion:
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
class Cluster:
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
    def of(cls, cands: Sequence[Candidate], members: list[int], base: int) -> Cluster:
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
        cluster.add(cands, members, base)
        return cluster

    def add(self, cands: Sequence[Candidate], members: list[int], base: int) -> None:
        """Count more candidates in (the same as absorbing ``Cluster.of`` them, without
        making it: most of an article's names join a cluster that exists already)."""
        at = base + members[0]
        if at < self.first:
            head = cands[members[0]]
            self.first, self.first_key, self.first_generic = at, head.key, head.generic
        votes, forms, surfaces = self.votes, self.forms, self.surfaces
        for c in members:
            cd = cands[c]
            at = base + c
            for type_, weight in cd.votes.items():
                votes[type_] = votes.get(type_, 0.0) + weight
            if cd.tokens > 1 or cd.full:
                self.multi = True
            if cd.tokens >= 2:
                self.lasts.add(cd.last)
            if self.common_only and not (cd.tokens == 1 and cd.key in COMMON_KEYS):
                self.common_only = False
            if not cd.heading and not cd.initial:
                self.plain = True
            if not cd.acronym:
                self.acronym = False
            surface = strip_possessive(cd.surface)
            form = strip_possessive(cd.full) if cd.full else surface
            patronymic = cd.tokens == 2 and cd.last.endswith(lx.PATRONYMIC_SUFFIXES) and not cd.full
            _count(forms, form, 0 if patronymic else 1, at)
            if cd.site:
                _count(forms, cd.site, 1, at)
            _count(surfaces, surface, 1, at)

    def absorb(self, other: Cluster) -> None:
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
        strength = max(self.tally(t) for t in TYPES)
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
        # "Steppe Metals", not "Steppe Metals JSC", when the text also uses the bare name.
        bare = legal_form_free(best)
        if bare is not None:
            best = next((s for s in self.forms if name_key(s) == bare), best)
        if best.isupper() and len(best.split()) > 1:
            best = best.title()
        return best

    def aliases(self) -> list[str]:
        """Surface forms, most frequent first (the earliest seen first among equals)."""
        return sorted(self.surfaces, key=lambda s: (-self.surfaces[s][0], self.surfaces[s][1]))


def person_enough(cluster: Cluster) -> bool:
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
