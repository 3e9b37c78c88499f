"""Links inside one article: acronyms and short forms of organisations, the people named.

Merges stay safe by staying local: an acronym joins the one organisation in the same
article whose initials it spells, a generic body takes the country the article clearly
leads with (or none), and a surname joins the one full name it ends.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from .. import lexicon as lx
from ..candidate import ORG, ORG_ID_PREFIX, PERSON, PLACE, Candidate
from ..detect import FIRST_NAME_KEYS
from ..gazetteer import Gazetteer
from ..model import EntityType
from ..names import edit_distance, name_key, strip_possessive
from .clusters import ArticleUnion, Cluster

_INITIALS_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "&", "de"})


def _initials(surface: str) -> str:
    words = surface.replace("-", " ").split()
    return "".join(
        w[0].upper() for w in words if w.lower() not in _INITIALS_SKIP and w[:1].isalpha()
    )


def link_organisations(
    cands: Sequence[Candidate], uf: ArticleUnion, gaz: Gazetteer | None = None
) -> set[int]:
    """``BBP`` for ``Biysk Boiler Plant``; ``Steppe Metals`` for ``Steppe Metals Holding``;
    ``Kairat`` for ``FC Kairat``; ``Barys`` for ``Barys Astana`` (a club and its city).
    Returns the candidates it linked to an organisation (a club's short name is no first
    name of the people about)."""
    linked: set[int] = set()
    orgs = [
        (i, cd)
        for i, cd in enumerate(cands)
        if cd.tokens >= 2
        and not cd.gaz
        and not cd.generic
        and cd.votes.get(ORG, 0) > max(cd.votes.get(PERSON, 0), cd.votes.get(PLACE, 0))
    ]

    @functools.cache
    def here() -> str | None:
        """The article's country when it leads, "" when countries are named and none
        leads, None when none is named (worked out once, if asked)."""
        lead = dominant_country(gaz, cands) if gaz is not None else None
        named = gaz is not None and any(gaz.entries[cd.gaz].country for cd in cands if cd.gaz)
        return lead if lead or not named else ""

    stems_of_known = [
        (i, known)
        for i, cd in enumerate(cands)
        if gaz is not None
        and cd.gaz
        and not cd.weak
        and cd.gaz.startswith(ORG_ID_PREFIX)
        and (known := _without_country(gaz, cd.key.split()))
    ]
    if not orgs and not stems_of_known:
        return linked
    # Looked up by initials and by the words before a suffix, not compared pairwise: a
    # long article (a 5 MB file) has thousands of candidates and of organisations.
    by_initials: dict[str, dict[str, int]] = {}
    by_stem: dict[tuple[str, ...], dict[str, int]] = {}
    country_of_stem: dict[int, str] = {}  # the long names a country's tail was cut from
    firsts = Counter(o.first for _, o in orgs)
    for i, o in orgs:
        initials = _initials(o.surface)
        by_initials.setdefault(initials, {})[o.key] = i
        if o.last in _ORG_SUFFIXES:
            by_stem.setdefault(tuple(o.key.split()[:-1]), {})[o.key] = i
        if o.surface.split()[0] in lx.CLUB_PREFIXES:
            by_stem.setdefault(tuple(o.key.split()[1:]), {})[o.key] = i
        words = o.key.split()
        named = words.index("named") if "named" in words else -1
        if named > 0 and words[named + 1 : named + 2] == ["after"]:
            # "Kazakhfilm" for "Kazakhfilm named after Shaken Aimanov"
            by_stem.setdefault(tuple(words[:named]), {})[o.key] = i
        if gaz is not None and o.tokens == 2 and gaz.town(o.last) is not None:
            by_stem.setdefault(tuple(o.key.split()[:1]), {})[o.key] = i
        if (
            o.tokens >= 3
            and o.last in _LEGAL_ENDS
            and o.first not in FIRST_NAME_KEYS
            and firsts[o.first] == 1  # (not with "Sonnenfeld Energie" about too)
        ):
            # "Sinoway" for "Sinoway Component Supply Ltd": a registered name's own word
            by_stem.setdefault((o.first,), {})[o.key] = i
        if gaz is not None and (cut := _without_country(gaz, words)):
            # "the Ministry of Enlightenment" for "… of Kazakhstan" in the same article
            by_stem.setdefault(cut[0], {})[o.key] = i
            country_of_stem[i] = cut[1]
    for i, (known_stem, country) in stems_of_known:  # "the National Bank" for "… of X"
        by_stem.setdefault(known_stem, {})[cands[i].key] = i
        country_of_stem[i] = country
    for c, cd in enumerate(cands):
        if cd.generic:
            continue
        if cd.gaz:
            # "Kloop Media, the foundation behind the site Kloop": a known organisation
            # is the stem of an unknown one with a suffix in the same article.
            found = (
                by_stem.get(tuple(cd.key.split()), {}) if cd.gaz.startswith(ORG_ID_PREFIX) else {}
            )
            if len(found) == 1 and not cd.weak:
                uf.union(c, next(iter(found.values())))
            continue
        if cd.acronym and 2 <= len(cd.surface) <= 6:
            letters = "".join(ch for ch in strip_possessive(cd.surface) if ch.isalpha()).upper()
            found = by_initials.get(letters, {})
            if not found and len(letters) >= 4:  # "KIBHR": the long name's first words
                found = {
                    key: i
                    for initials, keys in by_initials.items()
                    if initials.startswith(letters)
                    for key, i in keys.items()
                }
            if len(found) == 1:
                uf.union(next(iter(found.values())), c)
                linked.add(c)
            continue
        # The longer name this one is the stem of: a suffix, a club's prefix, a city, a
        # country (its own key never qualifies).
        found = by_stem.get(tuple(cd.key.split()), {}) if not cd.site else {}
        if cd.votes.get(PLACE, 0) > cd.votes.get(ORG, 0):
            found = {}  # "coal from Bogatyr": the mine, not Bogatyr Komir LLP
        if len(found) == 1 and all(
            _same_country(cd.country, country_of_stem[i], here)
            for i in found.values()
            if i in country_of_stem
        ):
            uf.union(next(iter(found.values())), c)
            linked.add(c)
    return linked


def _same_country(said: str | None, named: str, here: Callable[[], str | None]) -> bool:
    """Whether a body's name without its country (qualified ``said``, if at all) is the
    body of country ``named``: the qualifier says so, or the article is about that
    country or names none ("Tajikistan's National Bank" is not Kazakhstan's)."""
    if said is not None:
        return said == named
    return here() in (named, None)


def _without_country(gaz: Gazetteer, words: list[str]) -> tuple[tuple[str, ...], str] | None:
    """A body's name without its ``of [the Republic of] <country>`` tail, and the
    country; or None."""
    if "of" not in words[2:]:
        return None
    k = len(words) - 1 - words[::-1].index("of")
    country = gaz.country_of(" ".join(words[k + 1 :]))
    if not country:
        return None
    while k > 1 and words[k - 1] in ("republic", "the", "of"):
        k -= 1
    return (tuple(words[:k]), country) if k >= 2 else None


def link_sites(cands: Sequence[Candidate], uf: ArticleUnion) -> None:
    """``the Karatau plant`` for ``the Karatau Hybrid Power Plant``: a site named by a word
    and its noun is the one place of the article with that first word and that head."""
    by_ends: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, cd in enumerate(cands):
        if cd.tokens >= 2 and not cd.site and not cd.generic:
            words = strip_possessive(cd.surface).split()
            by_ends[(name_key(words[0]), words[-1].lower())].add(i)
    if not by_ends:
        return
    for c, cd in enumerate(cands):
        if not cd.site:
            continue
        words = cd.site.split()
        found = by_ends.get((name_key(words[0]), words[-1].lower()), set())
        longer = {i for i in found if cands[i].tokens > len(words) - 1 and i != c}
        if len(longer) == 1:
            uf.union(next(iter(longer)), c)


#: Last words a company's short name leaves out (``Steppe Metals`` for ``Steppe Metals
#: Holding``, ``Lanxin`` for ``Lanxin Auto``): forms, heads and business words.
_LEGAL_ENDS = frozenset(name_key(w) for w in lx.LEGAL_FORM_ENDS)
_ORG_SUFFIXES = frozenset(
    name_key(w)
    for w in (
        "holding holdings corporation corp company group inc ltd llc plc foundation "
        "media news tv online live bank"
    ).split()
) | frozenset(name_key(w) for w in lx.BUSINESS_WORDS)


def short_name(gaz: Gazetteer, cd: Candidate) -> str:
    body = next((b for b in gaz.generic.values() if b.template == cd.generic), None)
    return body.short if body else cd.surface


def dominant_country(gaz: Gazetteer, cands: Sequence[Candidate]) -> str | None:
    """The country an article is about, when one clearly leads (twice the mentions of the
    next): an unqualified "Security Council" is then that country's. Countries named,
    their capitals ("BISHKEK —", "officials in Bishkek") and their other places the
    gazetteer locates (Atyrau, the Tengiz field, Akmola Region) count together. Without
    a clear lead it stays unqualified rather than risk merging two countries' bodies
    (the countries named alone are no lead where the places disagree: an article about
    Kazakhstan's officials may name Russia most, and its demonyms are no candidates)."""
    named: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for cd in cands:
        if cd.gaz:
            entry = gaz.entries[cd.gaz]
            if entry.country:
                named[entry.country] += 1
            elif capital := gaz.capitals.get(name_key(entry.name)):
                places[capital] += 1
            elif country := gaz.located.get(cd.gaz):
                places[country] += 1
    return _leader(named + places)


def _leader(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def people_in(gaz: Gazetteer, cands: Sequence[Candidate]) -> list[tuple[int, str, str]]:
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


def unique_person(items: Iterable[tuple[int, str, str]]) -> tuple[int, str, str] | None:
    """The one person the items point to (several mentions of one name count as one)."""
    found: dict[tuple[str, str], tuple[int, str, str]] = {}
    for item in items:
        found.setdefault((item[1], item[2]), item)
    return next(iter(found.values())) if len(found) == 1 else None


def without_patronymic(cd: Candidate) -> str | None:
    """``vladislav konev`` for ``Vladislav Igorevich Konev``: a person's full name with
    the patronymic in the middle is the same person as first name and surname."""
    if cd.tokens != 3 or cd.full:
        return None
    votes = cd.votes
    if votes.get(PERSON, 0) <= max(votes.get(PLACE, 0), votes.get(ORG, 0)):
        return None
    words = strip_possessive(cd.surface).split()
    if len(words) != 3 or not name_key(words[1]).endswith(lx.PATRONYMIC_SUFFIXES):
        return None
    return name_key(f"{words[0]} {words[2]}")


def misspelt(gaz: Gazetteer, clusters: Mapping[int, Cluster]) -> list[tuple[str, int]]:
    """Unknown one-word names one edit away from a known one-word name (same first two
    and last letters, seven letters or more), as (entry id, cluster root) to join —
    unless the name's own evidence says person (``Zhakenova`` is not ``Zhakenov``)."""
    known: dict[str, list[str]] = defaultdict(list)
    for key, entry_id in gaz.by_key.items():
        if " " not in key and len(key) >= 7:
            known[key[:2]].append(entry_id)
    found = []
    for root, cluster in clusters.items():
        key = cluster.first_key
        if cluster.multi or len(key) < 7 or " " in key:
            continue
        if cluster.tally(PERSON) > max(cluster.tally(PLACE), cluster.tally(ORG)):
            continue
        matches = {
            entry_id
            for entry_id in known.get(key[:2], ())
            if any(
                k[-1] == key[-1] and edit_distance(k, key, 1) == 1
                for k in gaz.keys_of(entry_id)
                if " " not in k and len(k) >= 7
            )
        }
        if len(matches) == 1:
            found.append((next(iter(matches)), root))
    return found
