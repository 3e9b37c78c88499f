"""A candidate name: a span of a paragraph and the evidence gathered about it.

Candidates are what the per-article cache stores (as compact JSON) and what the
corpus resolver works on.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from typing import Any

PERSON, PLACE, ORG, DROP = "person", "place", "organisation", "drop"
#: How a known organisation's gazetteer id starts (``organisation:kazatomprom``).
ORG_ID_PREFIX = f"{ORG}:"


@dataclass(slots=True)
class Candidate:
    """A span that may name an entity, with the evidence gathered around it."""

    paragraph: int
    start: int
    end: int
    surface: str
    key: str
    in_comment: bool = False
    heading: bool = False  # in a title or section heading
    initial: bool = False  # a single word that starts a sentence
    tokens: int = 1
    gaz: str | None = None  # gazetteer entry id
    weak: bool = False  # gazetteer match by surname alone
    generic: str | None = None  # generic body template
    country: str | None = None  # its qualifier (explicit), if any
    votes: dict[str, float] = field(default_factory=dict)
    alias_of: int | None = None  # index of a candidate this one is another name for
    after: int | None = None  # index of the candidate it is listed with ("A, B and C")
    acronym: bool = False
    full: str = ""  # the full name when the text gives it apart (Evgenia and Elena Potopa)
    site: str = ""  # the name with the site noun after it (``Galkynysh field``)
    first: str = ""  # key of the first token
    last: str = ""  # key of the last token

    def __reduce__(self) -> tuple[type[Candidate], tuple[object, ...]]:
        """Pickled as its fields in order (from detection's worker processes): a third
        quicker to load than the default for a slotted dataclass."""
        return (Candidate, _fields_of(self))

    def vote(self, type_: str, weight: float) -> None:
        self.votes[type_] = self.votes.get(type_, 0.0) + weight

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "p": self.paragraph,
            "s": self.start,
            "e": self.end,
            "t": self.surface,
            "k": self.key,
            "n": self.tokens,
            "f": self.first,
            "l": self.last,
        }
        for name, value in (
            ("c", self.in_comment),
            ("h", self.heading),
            ("i", self.initial),
            ("g", self.gaz),
            ("w", self.weak),
            ("b", self.generic),
            ("q", self.country),
            ("v", self.votes),
            ("A", self.acronym),
            ("F", self.full),
            ("S", self.site),
        ):
            if value:
                data[name] = value
        # Indices: 0 is a value (the first candidate), only None is left out.
        if self.alias_of is not None:
            data["a"] = self.alias_of
        if self.after is not None:
            data["x"] = self.after
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        return cls(
            paragraph=int(data["p"]),
            start=int(data["s"]),
            end=int(data["e"]),
            surface=str(data["t"]),
            key=str(data["k"]),
            tokens=int(data.get("n", 1)),
            first=str(data.get("f", "")),
            last=str(data.get("l", "")),
            in_comment=bool(data.get("c", False)),
            heading=bool(data.get("h", False)),
            initial=bool(data.get("i", False)),
            gaz=data.get("g"),
            weak=bool(data.get("w", False)),
            generic=data.get("b"),
            country=data.get("q"),
            votes=dict(data.get("v", {})),
            alias_of=data.get("a"),
            after=data.get("x"),
            acronym=bool(data.get("A", False)),
            full=str(data.get("F", "")),
            site=str(data.get("S", "")),
        )


_FIELDS = tuple(f.name for f in fields(Candidate))
_fields_of = operator.attrgetter(*_FIELDS)  # every field in order, in one C call


def drop_known_within(out: list[Candidate], outer: Candidate) -> None:
    """Drop the known names found inside ``outer`` in its paragraph: not mentions of them."""
    k = len(out)
    while k > 0 and out[k - 1].paragraph == outer.paragraph:
        k -= 1
    out[k:] = [
        c
        for c in out[k:]
        if not (
            (c.gaz or c.generic)
            and outer.start <= c.start
            and c.end <= outer.end
            and c is not outer
        )
    ]
