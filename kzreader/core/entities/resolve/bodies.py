"""One article's state bodies: the country each generic body is of, and the short forms
the article defines for them.

``Interior Ministry`` names a different body in every country, so its country is decided
per mention: an explicit qualifier, else the article's own definition (``Interior
Ministry (MVD)``), else the last qualified mention, else the article's main country. A
short form defined for one (``the Ministry of Emergency Situations of the Kyrgyz
Republic (MES)``) is that body in this article only: Kazakhstan's MES is another
ministry, so it never joins others by its key.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..candidate import Candidate
from ..gazetteer import Gazetteer
from .links import dominant_country, short_name


class ArticleBodies:
    """Decides the generic bodies of one article's candidates, in order."""

    def __init__(self, gaz: Gazetteer, cands: Sequence[Candidate]) -> None:
        self.gaz = gaz
        self._cands = cands
        self.dominant = dominant_country(gaz, cands)
        self._defined: dict[str, str] = {}  # a defined alias's key → its country
        self._last_country: dict[str, str] = {}  # template → last explicit country
        self._country: dict[int, str | None] = {}  # candidate → its body's country
        self._node: dict[int, str] = {}  # candidate → its body's node
        # key of a defined short form → the body's node, or the candidate it was defined for
        self._short_forms: dict[str, str | int] = {}

    def short_form(self, c: int, cd: Candidate) -> str | int | None:
        """What candidate ``c`` joins when it is a short form defined here: a generic
        body's node, or the (unknown) body it was defined for: "the Central Commission for
        Elections and Referendums (CEC)" makes CEC that body here, not the template's CEC
        of the article's main country."""
        if cd.gaz and not cd.weak:
            return None
        if cd.generic:
            target = self._cands[cd.alias_of] if cd.alias_of is not None else None
            if target is not None and cd.tokens == 1 and not (target.generic or target.gaz):
                assert cd.alias_of is not None
                self._short_forms[cd.key] = cd.alias_of
                return cd.alias_of
            local = self._short_forms.get(cd.key)
            return local if isinstance(local, int) else None
        body = self._node.get(cd.alias_of) if cd.alias_of is not None else None
        if body is not None and cd.tokens == 1:
            self._short_forms[cd.key] = body
        return body or self._short_forms.get(cd.key)

    def label(self, c: int, cd: Candidate) -> str:
        """The name of the body a generic candidate ``c`` is (its node is ``gen:`` + it)."""
        assert cd.generic is not None
        country = cd.country
        if not country and cd.alias_of is not None:
            country = self._country.get(cd.alias_of)
        if not country:
            country = (
                self._defined.get(cd.key) or self._last_country.get(cd.generic) or self.dominant
            )
        if cd.country:
            self._last_country[cd.generic] = cd.country
        if country and cd.alias_of is not None:
            self._defined[cd.key] = country
        self._country[c] = country
        label = cd.generic.format(country=country) if country else short_name(self.gaz, cd)
        self._node[c] = f"gen:{label}"
        return label
