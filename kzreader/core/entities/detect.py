"""Finding candidate names in one article's paragraphs, with offsets and evidence.

Detection is per article and context-free across articles, so its output can be
cached by the article's content hash. It does two passes over each paragraph:

1. the gazetteer pass matches the longest known name at each capitalised token
   (entities, generic state bodies with their country qualifier, and the words that
   are never entities: demonyms, titles, months);
2. the span pass groups the remaining capitalised tokens into candidate names and
   records evidence about their type as votes (cue words around them, their shape).

What is kept, how candidates are merged into entities and which type wins is
decided later, over the whole corpus, by ``resolve``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..corpus.model import Article, Kind, Paragraph
from . import lexicon as lx
from .candidate import DROP, ORG, PERSON, PLACE, Candidate
from .gazetteer import Gazetteer, load_gazetteer
from .model import EntityType
from .names import name_key, strip_possessive
from .tokens import Token, tokenize
from .tokens import gap as _gap

_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "on", "&"})
_PREFIXES = frozenset({"pro", "anti", "post", "pre", "non", "neo", "ex", "then"})
_STOP_CONTINUATION = (
    frozenset(
        "of in on at to by with from who which that is was were are has had have said says told "
        "the a an as for".split()
    )
    | lx.SAY_VERBS
)
_EPITHETS = frozenset({"great", "terrible", "elder", "younger", "wise", "bold"})
_ARTICLES = frozenset({"a", "an", "the"})
_SHOUT = re.compile(r"[A-ZА-ЯЁ]{3,}[a-zа-яё]")
_ADJECTIVE_SUFFIXES = (
    "ism", "ist", "ists", "ite", "ites", "ic", "ish", "ese", "ian", "ians", "ean", "eans",
    "ovs", "evs",
)  # fmt: skip
_GENERIC_LOWER = frozenset({"foreign", "interior", "defence", "defense", "justice", "finance"})
_KNOWN_NOUNS = (
    lx.ROLE_NOUNS | lx.ORG_NOUNS_AFTER | lx.PLACE_NOUNS_JOINED | lx.WORK_NOUNS | lx.SAY_VERBS
)
#: A dateline: ``ALMATY --``, ``MOSCOW, Aug 2 (Reuters) –``, ``URALSK, Kazakhstan, June 14 --``,
#: ``Baikonur Cosmodrome, Kazakhstan –``: a place (in capitals, or followed by more
#: parts), then a country, a date or a news agency, then a dash.
_DATELINE = re.compile(
    r"^(?:(?P<caps>[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]*[A-ZА-ЯЁ])"
    r"|(?P<title>[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*){0,3})(?=,))"
    r"(?:,\s*[A-ZА-ЯЁ][\w'’.-]*(?: [\w'’.-]+){0,3}?)*"
    r"\s*(?:\([A-Z][\w./ -]{0,24}\))?\s*(?:--|—|–|-)\s+"
)
#: Credits: ``Reporting by``, ``Editing by``, ``Photo:``, ``Credit:`` (what follows is a
#: person, or after a slash the agency).
_CREDIT_WORDS = frozenset(
    "reporting editing writing compiled photo photos reported written edited translated "
    "additional".split()
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:photo|photos|credit|credits|image|source|picture)s?\b\s*:?", re.I
)
#: An author line without "By": two or three capitalised words alone near the top.
_AUTHOR_LINE = re.compile(r"^[A-ZА-ЯЁ][\w'’-]+(?: [A-ZА-ЯЁ][\w'’-]+){1,2}$")
#: Place heads after a known name that make another place (``Naryn River``, not Naryn).
_NATURAL = frozenset("river lake valley mountains mountain gorge reservoir dam pass".split())
#: Lower-case particles inside a person's name.
_NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "al", "bin", "ibn"})
_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ам", "ям",
               "ах", "ях", "ы", "и", "е", "у", "ю", "а", "я")  # fmt: skip
#: Site navigation kept by a copy-paste: "1. Home", "2. Environment".
_NAVIGATION = re.compile(r"^\s*\d{1,2}\.\s+\w+(?:\s+\w+)?\s*$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zа-яё][\w'’]{2,}")
_DOMAIN = re.compile(r"\.(kz|ru|com|org|net|ua|kg|uz|info|news)$", re.IGNORECASE)
FIRST_NAME_KEYS = frozenset(name_key(n) for n in lx.FIRST_NAMES)

#: Weight of the optional model's opinion: a cue word outweighs it, several agree with it.
MODEL_VOTE = 0.75

#: A proposer adds (start, end, type) spans for a paragraph's text (spaCy, when enabled).
Proposer = Callable[[str], list[tuple[int, int, str]]]


def _is_calendar(token: Token) -> bool:
    return token.lower in lx.CALENDAR


_CAMEL = re.compile(r"^(?!Mc|Mac|O'|O’|De|Di|La|Le|Van|Von)[A-Z][a-z]+[A-Z][a-z]{2,}")


def _company_word(word: str) -> bool:
    """A one-word company name by its shape: ``QazaqGaz``, ``TotalEnergies``, ``Rosatom``."""
    if _CAMEL.match(word):
        return True
    low = word.lower()
    return any(low.endswith(stem) and len(low) >= len(stem) + 3 for stem in lx.COMPANY_STEMS)


class Detector:
    """Finds candidates in articles; one instance per process (it holds the gazetteer)."""

    def __init__(self, gazetteer: Gazetteer | None = None, proposer: Proposer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.proposer = proposer
        self._article_lower: frozenset[str] = frozenset()

    # ----------------------------------------------------------------- articles
    def detect(self, article: Article) -> list[Candidate]:
        """Every candidate in the article's paragraphs (boilerplate is skipped)."""
        out: list[Candidate] = []
        # Words the article writes in lower case: in a title-case headline or at the
        # start of a sentence, "Residents", "Shares" or "Deleted" are those words.
        self._article_lower = frozenset(
            w.lower() for p in article.paragraphs for w in _LOWER_WORD.findall(p.text)
        )
        for paragraph in article.paragraphs:
            if paragraph.kind is Kind.BOILERPLATE or _NAVIGATION.match(paragraph.text):
                continue
            self.detect_paragraph(paragraph, out)
        return out

    def detect_paragraph(self, paragraph: Paragraph, out: list[Candidate]) -> None:
        text = paragraph.text
        tokens = tokenize(text)
        if not tokens:
            return
        dateline = _DATELINE.match(text) if paragraph.number <= 8 else None
        place_end = 0
        if dateline:  # "KENKIYAK, Kazakhstan --": capitals that are a place, not an acronym
            place_end = dateline.end("caps") if dateline.group("caps") else dateline.end("title")
            for token in tokens:
                if token.end <= place_end:
                    token.acronym = False
                elif token.start >= dateline.end():
                    token._initial = True  # the story's first word starts a sentence
                    break
        for a, b in pairwise(tokens):
            if a.lower in lx.MONTH_ABBREVIATIONS and b.text[:1].isdigit():
                a.kind = "soft"  # "Aug 23", but "Jan Harvey" is a man
        heading = paragraph.heading or paragraph.kind is Kind.TITLE
        first_new = len(out)
        shouting = self._shouting(tokens)
        self._gazetteer_pass(paragraph, tokens, out, heading)
        self._span_pass(paragraph, tokens, out, heading, shouting)
        if self.proposer is not None:
            self._propose(paragraph, tokens, out, first_new, heading)
        new = sorted(out[first_new:], key=lambda c: c.start)
        out[first_new:] = new
        self._frame_votes(paragraph, new, place_end)
        self._link_within(text, out, first_new)

    def _frame_votes(self, paragraph: Paragraph, cands: list[Candidate], place_end: int) -> None:
        """What a dateline, a credit line or an author line says its names are."""
        text = paragraph.text
        credit = paragraph.kind is Kind.CAPTION or bool(_CREDIT_LINE.match(text))
        author = paragraph.number <= 6 and paragraph.kind is not Kind.TITLE
        author = author and bool(_AUTHOR_LINE.match(text.strip()))
        for cand in cands:
            if cand.gaz or cand.generic:
                continue
            if cand.end <= place_end:
                cand.vote(PLACE, 5.0)
            if credit or " / " in text:
                if text[cand.end : cand.end + 3] == " / " and 2 <= cand.tokens <= 3:
                    cand.vote(PERSON, 2.5)  # "Bill Ingalls / NASA"
                elif text[max(0, cand.start - 2) : cand.start] in ("/ ", "/") and credit:
                    cand.vote(ORG, 2.0)  # "Yerlan Dzhumabayev / Orda.kz"
            if author and cand.start == 0 and cand.end >= len(text.strip()) and cand.tokens >= 2:
                named = cand.first in FIRST_NAME_KEYS or cand.last.endswith(lx.SURNAME_SUFFIXES)
                cand.vote(PERSON, 2.5 if named else 1.0)

    # ------------------------------------------------------------ gazetteer pass
    def _shouting(self, tokens: list[Token]) -> bool:
        """A paragraph that writes many words in capitals for emphasis (reader comments)."""
        caps = {
            t.text
            for t in tokens
            if t.acronym and len(t.text) >= 3 and name_key(t.text) not in self.gaz.by_key
        }
        return len(caps) >= 3

    def _gazetteer_pass(
        self, paragraph: Paragraph, tokens: list[Token], out: list[Candidate], heading: bool
    ) -> None:
        gaz, text = self.gaz, paragraph.text
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if (
                not (token.cap or token.text[:1].isdigit())
                and not (token.text in _GENERIC_LOWER and self._lower_generic(tokens, i))
                and not (
                    "." in token.text
                    and _DOMAIN.search(token.text)
                    and name_key(token.text) in gaz.by_key
                )
            ):
                i += 1
                continue
            matched = False
            longest = min(gaz.max_tokens, len(tokens) - i) if gaz.may_start(token.text) else 0
            if not longest and (_is_calendar(token) or _CYRILLIC.match(token.text)):
                longest = 1
            reach = self._reach(text, tokens, i, longest)
            for n in range(longest, 0, -1):
                last = tokens[i + n - 1]
                if n > 1 and (n > reach or not self._may_end(last)):
                    continue
                surface = text[token.start : last.end]
                end = last.end
                stripped = strip_possessive(surface)
                if stripped != surface:
                    end -= len(surface) - len(stripped)
                key = name_key(stripped)
                if not key:
                    continue
                kind = self._classify(key, tokens, i, n)
                if kind is None and n == 1 and _CYRILLIC.search(stripped):
                    key = self._inflected(stripped) or key
                    kind = "entity" if key in gaz.by_key else None
                if kind is None:
                    continue
                if kind == "generic" and self._named_before(text, tokens, i):
                    break  # "Collective Security Council" is not a security council
                matched = True
                site = self._route_end(text, tokens, i + n) if kind == "entity" else 0
                if site:  # "the Central Asia–Center pipeline": a route, named after both ends
                    cand = self._candidate(
                        paragraph, token.start, tokens[site - 1].end, heading, tokens[i:site]
                    )
                    cand.vote(PLACE, 4.0)
                    for t in tokens[i:site]:
                        t.kind = "hard"
                    out.append(cand)
                    i = site
                    break
                for t in tokens[i : i + n]:
                    t.kind = "hard" if kind in ("entity", "generic", "weak") else kind
                if kind in ("entity", "generic", "weak"):
                    left, extended = self._extend_org(text, tokens, i, n)
                    if extended:
                        n = extended
                        last = tokens[i + n - 1]
                        first = tokens[i - left]
                        stripped = strip_possessive(text[first.start : last.end])
                        end = first.start + len(stripped)
                        cand = self._candidate(
                            paragraph, first.start, end, heading, tokens[i - left : i + n]
                        )
                        for t in tokens[i - left : i]:
                            t.kind = "hard"
                        head = strip_possessive(tokens[i + n - 1].text).lower()
                        street = head in lx.STREET_HEADS or head in _NATURAL
                        cand.vote(PLACE if street else ORG, 4.0)
                        for t in tokens[i : i + n]:
                            t.kind = "hard"
                        out.append(cand)
                    else:
                        cand = self._candidate(
                            paragraph, token.start, end, heading, tokens[i : i + n]
                        )
                        if kind == "generic":
                            cand.generic = gaz.generic[key].template
                            cand.country = self._qualifier(text, tokens, i, n)
                            tail = self._of_country_end(text, tokens, i + n)
                            if cand.country and tail:  # "Security Council of Kazakhstan"
                                for t in tokens[i + n : tail]:
                                    t.kind = "hard"
                                cand.end = tokens[tail - 1].end
                                cand.surface = text[cand.start : cand.end]
                                n = tail - i
                        else:
                            entry_id = gaz.by_key.get(key) or gaz.weak_keys[key]
                            cand.gaz = entry_id
                            cand.weak = kind == "weak"
                        out.append(cand)
                i += n
                break
            if not matched and "-" in token.text and token.cap:
                self._hyphen_parts(paragraph, token, out, heading)
            if not matched:
                i += 1

    def _hyphen_parts(
        self, paragraph: Paragraph, token: Token, out: list[Candidate], heading: bool
    ) -> None:
        """``Russia-Kazakhstan relations``: two known names joined by a hyphen."""
        parts, offset = [], token.start
        for part in token.text.split("-"):
            parts.append((offset, part))
            offset += len(part) + 1
        keys = [name_key(p) for _, p in parts]
        if len(parts) < 2 or not all(k in self.gaz.by_key for k in keys):
            return
        after = paragraph.text[token.end : token.end + 24].split()
        if after and after[0].lower().strip(",.;") in lx.ROUTE_NOUNS:
            return  # "the Russia-China pipeline" is one thing, named after both
        for (start, part), key in zip(parts, keys, strict=True):
            cand = self._candidate(paragraph, start, start + len(part), heading, [token])
            cand.key, cand.first, cand.last, cand.initial = key, key, key, False
            cand.gaz = self.gaz.by_key[key]
            out.append(cand)
        token.kind = "hard"

    def _lower_generic(self, tokens: list[Token], i: int) -> bool:
        """``Russia's foreign ministry``: a generic body in lower case after a qualifier."""
        if i == 0 or tokens[i].cap or tokens[i].lower not in _GENERIC_LOWER:
            return False
        two = " ".join(t.lower for t in tokens[i : i + 2])
        if name_key(two) not in self.gaz.generic:
            return False
        return self.gaz.country_of(name_key(tokens[i - 1].text)) is not None

    @staticmethod
    def _reach(text: str, tokens: list[Token], i: int, longest: int) -> int:
        """How many tokens from ``i`` on (at most ``longest``) are close enough to be one name."""
        n = 1
        while n < longest:
            left, right = tokens[i + n - 1], tokens[i + n]
            if _gap(text, left, right).strip() not in ("", ".", "/"):
                break
            if left.text.endswith(("'s", "’s")) and not right.text[:1].isupper():
                break
            n += 1
        return n

    @staticmethod
    def _may_end(last: Token) -> bool:
        """Whether a multi-word name may end with this token."""
        if last.cap or last.text[:1].isdigit():
            return True
        low = last.lower
        return (
            low in lx.PLACE_NOUNS_JOINED
            or low in lx.ORG_NOUNS_JOINED
            or low in ("court", "ministry")
        )

    def _classify(self, key: str, tokens: list[Token], i: int, n: int) -> str | None:
        gaz = self.gaz
        token = tokens[i]
        if key in gaz.by_key:
            entry = gaz.entries[gaz.by_key[key]]
            # Short all-capital aliases (US, UN, RT) only match when written in capitals.
            if key in gaz.caps_keys and n == 1 and not token.acronym:
                return None
            prev = tokens[i - 1] if i else None
            if (
                n == 1
                and entry.type is EntityType.PERSON
                and prev is not None
                and prev.cap
                and not prev.kind
                and prev.end + 1 == token.start
            ):
                return None  # "Farrukh Karimov" is not Islam Karimov
            return "entity"
        if key in gaz.generic:
            if not token.cap and (i == 0 or not gaz.country_of(name_key(tokens[i - 1].text))):
                return None
            return "generic"
        if key in gaz.titles and not tokens[i + n - 1].text.endswith(("'s", "’s")):
            return "title"
        if (
            key in gaz.non_entities
            or key in gaz.demonyms
            or (n == 1 and token.lower in lx.CALENDAR)
        ):
            return "soft"
        if n == 1 and key in gaz.weak_keys:
            # A surname alone; if a capitalised word precedes it, it is someone else's
            # full name (Rakhat Aliyev is not Ilham Aliyev).
            prev = tokens[i - 1] if i else None
            if prev and prev.cap and not prev.kind and prev.end + 1 >= token.start:
                return None
            return "weak"
        if n == 1 and "-" in token.text:
            parts = [name_key(p) for p in token.text.split("-")]
            if any(p in gaz.demonyms for p in parts) and all(
                p in gaz.demonyms or p in gaz.non_entities or p in _PREFIXES for p in parts
            ):
                return "soft"
        return None

    def _extend_org(self, text: str, tokens: list[Token], i: int, n: int) -> tuple[int, int]:
        """``Petropavlovsk City Court``, ``SNURDC Astana Mining Company Limited``: a known
        place inside an organisation's name. Returns (tokens added before, new length)."""
        j = i + n
        if tokens[j - 1].text.endswith(("'s", "’s")):
            return 0, 0  # "China's Ministry of Defense" is China's, not named after it
        if j >= len(tokens) or not tokens[j].cap or tokens[j].kind:
            return 0, 0
        if _gap(text, tokens[j - 1], tokens[j]).strip():
            return 0, 0
        end = self._run_end(text, tokens, j)
        run = tokens[j:end]
        head = strip_possessive(run[-1].text).lower()
        if head not in lx.ORG_HEADS and head not in lx.STREET_HEADS and head not in _NATURAL:
            return 0, 0
        run_key = name_key(text[run[0].start : run[-1].end])
        if run_key in self.gaz.generic or run_key in self.gaz.by_key:
            return 0, 0
        left = 0
        while i - left > 0 and left < 4 and head in lx.ORG_HEADS:
            prev = tokens[i - left - 1]
            if _gap(text, prev, tokens[i - left]) != " " or not prev.cap:
                break
            if prev.kind and not (prev.kind == "soft" and name_key(prev.text) in self.gaz.demonyms):
                break
            if prev.initial and prev.lower in lx.COMMON:
                break
            left += 1
        return left, end - i

    @staticmethod
    def _route_end(text: str, tokens: list[Token], j: int) -> int:
        """One past ``–Center`` in ``Central Asia–Center pipeline`` (a dash, names, a route
        noun in lower case), or 0."""
        if j >= len(tokens) or _gap(text, tokens[j - 1], tokens[j]) not in ("-", "–", "—"):
            return 0
        k = j
        while k < len(tokens) and k < j + 3 and tokens[k].cap:
            k += 1
        if k == j or k >= len(tokens) or tokens[k].lower not in lx.ROUTE_NOUNS:
            return 0
        return k

    def _named_before(self, text: str, tokens: list[Token], i: int) -> bool:
        """Whether a capitalised word of the same name precedes a generic body's name."""
        if i == 0:
            return False
        prev = tokens[i - 1]
        if not prev.cap or prev.kind or _gap(text, prev, tokens[i]) != " ":
            return False
        low = prev.lower
        if prev.initial and (low in lx.COMMON or low in _ARTICLES):
            return False
        key = name_key(prev.text)
        return not (key in self.gaz.titles or self.gaz.country_of(key) or low in lx.COMMON)

    def _official_after(self, text: str, tokens: list[Token], j: int) -> str | None:
        """``Security Council Secretary Sergei Shoigu``: the country of a known official
        named right after the body (a title or role word between)."""
        gaz = self.gaz
        k = j
        while k < len(tokens) and k < j + 2 and not _gap(text, tokens[k - 1], tokens[k]).strip():
            word = tokens[k].lower
            if not (word in lx.ROLE_NOUNS or word in ("secretary", "spokesman") or
                    name_key(tokens[k].text) in gaz.titles):  # fmt: skip
                break
            k += 1
        if k == j:
            return None
        for width in (3, 2):
            if k + width <= len(tokens):
                key = name_key(strip_possessive(text[tokens[k].start : tokens[k + width - 1].end]))
                entry_id = gaz.by_key.get(key)
                if entry_id and entry_id in gaz.nationality:
                    return gaz.nationality[entry_id]
        return None

    def _of_country_end(self, text: str, tokens: list[Token], j: int) -> int:
        """One past ``of [the] <country>`` right after a generic body, or 0."""
        if j >= len(tokens) or tokens[j].lower != "of":
            return 0
        k = j + 1
        if k < len(tokens) and tokens[k].lower == "the":
            k += 1
        for width in (3, 2, 1):
            if k + width <= len(tokens):
                words = text[tokens[k].start : tokens[k + width - 1].end]
                if self.gaz.country_of(name_key(words)) and name_key(words) in self.gaz.by_key:
                    return k + width
        return 0

    def _inflected(self, word: str) -> str | None:
        """The gazetteer key of a Russian case form: ``Астане`` → Astana, ``Токаева`` → Tokayev."""
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: len(word) - len(ending)]
                for restore in ("", "а", "я", "ь", "й"):
                    key = name_key(stem + restore)
                    if key in self.gaz.by_key:
                        return key
        return None

    def _qualifier(self, text: str, tokens: list[Token], i: int, n: int) -> str | None:
        """The country a generic body belongs to: ``Kazakh``/``Russia's`` before, ``of X`` after."""
        gaz = self.gaz
        k = i - 1
        if k >= 0 and tokens[k].lower == "the":
            k -= 1
        if k >= 0:
            gap = _gap(text, tokens[k], tokens[i]).strip(" []()\"'“”‘’")
            if not gap:
                for width in (3, 2, 1):
                    if k - width + 1 < 0:
                        continue
                    words = text[tokens[k - width + 1].start : tokens[k].end]
                    country = gaz.country_of(name_key(words))
                    if country:
                        return country
        if k >= 0 and tokens[k].lower in ("its", "own"):
            for back in range(k - 1, max(-1, k - 15), -1):
                country = gaz.country_of(name_key(strip_possessive(tokens[back].text)))
                if country:
                    return country
        j = i + n
        country = self._official_after(text, tokens, j)
        if country:
            return country
        if j < len(tokens) and tokens[j].lower == "of":
            j += 1
            if j < len(tokens) and tokens[j].lower == "the":
                j += 1
            for width in (3, 2, 1):
                if j + width <= len(tokens):
                    words = text[tokens[j].start : tokens[j + width - 1].end]
                    country = gaz.country_of(name_key(words))
                    if country:
                        return country
        return None

    # ----------------------------------------------------------------- span pass
    def _span_pass(
        self,
        paragraph: Paragraph,
        tokens: list[Token],
        out: list[Candidate],
        heading: bool,
        shouting: bool,
    ) -> None:
        text = paragraph.text
        i = 0
        while i < len(tokens):
            token = tokens[i]
            first = self._demonym_org(text, tokens, i) if token.kind == "soft" else 0
            if first and not heading:
                j = self._run_end(text, tokens, first)
                cand = self._span_candidate(paragraph, tokens, (i, j), heading)
                if cand is not None:
                    out.append(cand)
                i = j
                continue
            if not token.cap or token.kind:
                i += 1
                continue
            if name_key(token.text) in self.gaz.titles:
                token.kind = "title"
                i += 1
                continue
            j = self._run_end(text, tokens, i)
            if self._not_a_name(text, tokens, i, j):
                # Kept with a veto, so other mentions of the same words are dropped too.
                surface = strip_possessive(text[token.start : tokens[j - 1].end])
                cand = self._candidate(
                    paragraph, token.start, token.start + len(surface), heading, tokens[i:j]
                )
                cand.vote(DROP, 6.0)
                out.append(cand)
                i = j
                continue
            for span in self._split_run(text, tokens, i, j, heading, shouting):
                cand = self._span_candidate(paragraph, tokens, span, heading)
                if cand is not None:
                    out.append(cand)
            i = j

    def _demonym_org(self, text: str, tokens: list[Token], i: int) -> int:
        """``Kazakh National University``, ``Eurasian Development Bank``, ``Central Asian
        Power System``: adjectives of a people or region start the name. Returns the index
        of the name's first word after them, or 0."""
        gaz = self.gaz
        k = i
        while k < len(tokens) and k < i + 2 and tokens[k].kind == "soft" and tokens[k].cap:
            key = name_key(tokens[k].text)
            two = name_key(text[tokens[i].start : tokens[k].end])
            if not (key in gaz.demonyms or two in gaz.non_entities or key in gaz.non_entities):
                break
            k += 1
        if k == i or k >= len(tokens):
            return 0
        nxt = tokens[k]
        if not nxt.cap or nxt.kind or _gap(text, tokens[k - 1], nxt) != " ":
            return 0
        j = self._run_end(text, tokens, k)
        if not tokens[j - 1].cap or strip_possessive(tokens[j - 1].text).lower() in lx.DROP_HEADS:
            return 0
        if j == k + 1 and nxt.lower in lx.COMMON:
            return 0  # "Russian TV", "Kazakh Police": a description, not a name
        headed = any(
            t.cap and strip_possessive(t.text).lower() in lx.ORG_HEADS for t in tokens[k:j]
        )
        return k if headed else 0

    def _not_a_name(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """A work's title (``the film Borat``) or a law or event (``Criminal Code``)."""
        if (
            i > 0
            and tokens[i - 1].lower in lx.WORK_NOUNS
            and _gap(text, tokens[i - 1], tokens[i]).strip() in ("", "‘", "“", '"', "'", "«")
        ):
            return True
        last = strip_possessive(tokens[j - 1].text).lower()
        return j - i >= 2 and last in lx.DROP_HEADS

    def _run_end(self, text: str, tokens: list[Token], i: int) -> int:
        """One past the last token of the capitalised run starting at ``i``."""
        j = i + 1
        has_head = self._is_head(tokens[i])
        while j < len(tokens):
            left, right = tokens[j - 1], tokens[j]
            gap = _gap(text, left, right)
            if gap.strip():
                break
            if left.text.endswith(("'s", "’s")) and not self._head_ahead(text, tokens, j):
                break
            if right.kind in ("hard", "title"):
                break
            numbered = (
                right.text.isdigit()
                and len(right.text) <= 3
                and left.cap
                and (j + 1 >= len(tokens) or not tokens[j + 1].text[:1].isdigit())
            )
            if right.cap or numbered or (right.text in lx.ROMAN_NUMERALS and left.cap):
                has_head = has_head or self._is_head(right)
                j += 1
                continue
            if (
                right.lower == "of"
                and self._is_head(left)
                and self._head_ahead(text, tokens, j + 1)
            ):
                break  # "Ecological Inspectorate of the Ministry of Ecology": two bodies
            if right.lower in ("and", "&") and self._is_head(left):
                break  # "Freedom Finance JSC and Freedom Bank": two names
            if (
                right.lower in _CONNECTORS
                and right.lower != "the"
                and (has_head or self._head_ahead(text, tokens, j))
            ):
                k = j
                while k < len(tokens) and tokens[k].lower in _CONNECTORS:
                    if _gap(text, tokens[k - 1], tokens[k]).strip():
                        break
                    k += 1
                if (
                    k < len(tokens)
                    and tokens[k].cap
                    and tokens[k].kind != "title"
                    and tokens[k].lower not in lx.CALENDAR  # "Kloop Media on Tuesday"
                    and not _gap(text, tokens[k - 1], tokens[k]).strip()
                ):
                    j = k
                    continue
                break
            if (
                right.text in _NAME_PARTICLES
                and j + 1 < len(tokens)
                and tokens[j + 1].cap
                and not tokens[j + 1].kind
                and name_key(tokens[i].text) in FIRST_NAME_KEYS
                and not _gap(text, right, tokens[j + 1]).strip()
            ):
                j += 2  # "Anna van Densky", "Ursula von der Leyen" (one particle)
                continue
            if right.lower == "the" and j + 1 < len(tokens) and tokens[j + 1].lower in _EPITHETS:
                j += 2
                break
            break
        # ", Conversion, and Disarmament Studies": a list inside an organisation's name.
        if j < len(tokens) and any(self._is_head(t) for t in tokens[i:j]):
            k = j
            while k < len(tokens) and (tokens[k].cap or tokens[k].lower == "and"):
                if _gap(text, tokens[k - 1], tokens[k]).strip() not in ("", ","):
                    break
                k += 1
            if k > j and self._is_head(tokens[k - 1]) and tokens[k - 1].cap:
                j = k
        return j

    def _head_ahead(self, text: str, tokens: list[Token], j: int) -> bool:
        """Whether an organisation or place head word ends the capitalised run from ``j``."""
        k = j
        while k < len(tokens) and k < j + 6:
            if k > j and _gap(text, tokens[k - 1], tokens[k]).strip():
                return False
            if self._is_head(tokens[k]):
                return True
            if not (tokens[k].cap or tokens[k].lower in _CONNECTORS):
                return False
            k += 1
        return False

    @staticmethod
    def _is_head(token: Token) -> bool:
        low = strip_possessive(token.text).lower()
        return token.cap and (low in lx.ORG_HEADS or low in lx.PLACE_HEADS)

    def _weak(self, token: Token, heading: bool) -> bool:
        """A capitalised word that names nothing by itself (``The``, ``June``, ``Kazakh``)."""
        if token.kind == "soft":
            return True
        low = strip_possessive(token.text).lower().replace("’", "'")
        if low in lx.CALENDAR or low in lx.COMMON:
            return True
        # "Analyst Marlen Abishev said": a sentence-initial noun is not part of the name.
        if not (token.initial or heading):
            return False
        return low in _KNOWN_NOUNS or low in self._article_lower

    def _split_run(
        self, text: str, tokens: list[Token], i: int, j: int, heading: bool, shouting: bool
    ) -> list[tuple[int, int]]:
        run = list(range(i, j))
        headed = len(run) >= 2 and any(self._is_head(tokens[k]) for k in run) and not heading
        if j < len(tokens) and not heading and not _gap(text, tokens[j - 1], tokens[j]).strip():
            follower = tokens[j].lower
            if follower in lx.ORG_NOUNS_JOINED:  # "National institute for human rights"
                headed = True
        spans: list[tuple[int, int]] = []
        if headed:
            # Keep the name whole, dropping leading function words and demonyms.
            start = i
            while start < j - 1 and not self._is_head(tokens[start]):
                token = tokens[start]
                common = strip_possessive(token.lower) in lx.COMMON
                if not (
                    token.kind == "soft"
                    or token.lower in _ARTICLES | {"in", "on", "at", "by"}
                    or (common and (token.initial or token.acronym))
                ):
                    break
                start += 1
            spans.append((start, j))
        else:
            current: list[int] = []
            for k in run:
                if self._weak(tokens[k], heading) and not (
                    current and tokens[k].text in lx.ROMAN_NUMERALS
                ):
                    if current and tokens[k].lower not in _CONNECTORS | {"the"} | _EPITHETS:
                        spans.append((current[0], current[-1] + 1))
                        current = []
                    elif current and tokens[k].lower in _EPITHETS:
                        current.append(k)
                    continue
                if current and tokens[k].text.isdigit():
                    current.append(k)  # Katun 24
                    continue
                if current and tokens[k].text in _NAME_PARTICLES and k + 1 in run:
                    current.append(k)  # Anna van Densky (joined by _run_end)
                    continue
                if not tokens[k].cap and tokens[k].lower not in _EPITHETS:
                    if current:
                        spans.append((current[0], current[-1] + 1))
                        current = []
                    continue
                current.append(k)
            if current:
                spans.append((current[0], current[-1] + 1))
        result = []
        for a, b in spans:
            while (
                b > a
                and not tokens[b - 1].cap
                and tokens[b - 1].lower not in _EPITHETS
                and not (b - 1 > a and tokens[b - 1].text.isdigit())
            ):
                b -= 1
            if b <= a:
                continue
            words = tokens[a:b]
            if shouting and all(t.acronym for t in words):
                continue
            if any(_SHOUT.match(t.text) for t in words):
                continue
            if (
                words[0].initial
                and words[0].lower.endswith("ly")
                and all(t.text[:1].isdigit() for t in words[1:])
            ):  # "Roughly 80"
                continue
            if len(words) == 1:
                word = words[0].text
                letters = sum(c.isalpha() for c in word)
                if letters < 2 or (words[0].acronym and "." in word):
                    continue
                if (words[0].acronym and letters > 5) or word in lx.ROMAN_NUMERALS:
                    continue
            result.append((a, b))
        return result

    def _span_candidate(
        self, paragraph: Paragraph, tokens: list[Token], span: tuple[int, int], heading: bool
    ) -> Candidate | None:
        text = paragraph.text
        a, b = span
        words = tokens[a:b]
        end = words[-1].end
        # Lower-case continuation: "Shet district", "Strategy center for ... research".
        joined_place = joined_org = False
        k = b
        if k < len(tokens) and not _gap(text, tokens[k - 1], tokens[k]).strip():
            low = tokens[k].lower
            if low in lx.PLACE_NOUNS_JOINED and not words[-1].text.endswith(("'s", "’s")):
                end, joined_place, k = tokens[k].end, True, k + 1
            elif low in lx.ORG_NOUNS_JOINED and not words[-1].text.endswith(("'s", "’s")):
                end, joined_org, k = tokens[k].end, True, k + 1
                if k < len(tokens) and tokens[k].lower == "for":
                    m = k + 1
                    while (
                        m < len(tokens)
                        and m < k + 7
                        and not tokens[m].cap
                        and not _gap(text, tokens[m - 1], tokens[m]).strip()
                        and tokens[m].lower not in _STOP_CONTINUATION
                    ):
                        m += 1
                    while m > k + 1 and tokens[m - 1].lower == "and":
                        m -= 1
                    if m > k + 1:
                        end, k = tokens[m - 1].end, m
        site = not (joined_place or joined_org) and self._site_after(text, tokens, k)
        surface = strip_possessive(text[words[0].start : end])
        end = words[0].start + len(surface)
        if not surface:
            return None
        cand = self._candidate(paragraph, words[0].start, end, heading, words)
        if site:
            cand.vote(PLACE, 3.0)
        if cand.key in self.gaz.non_entities or cand.key in self.gaz.demonyms:
            return None
        if joined_place:
            cand.vote(PLACE, 4.0)
        if joined_org:
            cand.vote(ORG, 4.0)
        self._shape_votes(cand, words)
        self._context_votes(text, tokens, a, k, cand, paragraph)
        return cand

    @staticmethod
    def _site_after(text: str, tokens: list[Token], k: int) -> bool:
        """``X field``, ``X gas condensate field``: lower-case words naming a site follow."""
        m = k
        while m < len(tokens) and m < k + 4 and not _gap(text, tokens[m - 1], tokens[m]).strip():
            low = tokens[m].lower
            if low in lx.SITE_NOUNS:
                return True
            if low not in lx.SITE_MODIFIERS:
                return False
            m += 1
        return False

    def _candidate(
        self, paragraph: Paragraph, start: int, end: int, heading: bool, words: list[Token]
    ) -> Candidate:
        surface = paragraph.text[start:end]
        return Candidate(
            paragraph=paragraph.number,
            start=start,
            end=end,
            surface=surface,
            key=name_key(surface),
            in_comment=paragraph.kind is Kind.COMMENT,
            heading=heading,
            initial=len(words) == 1 and words[0].initial,
            tokens=len(words),
            acronym=len(words) == 1 and words[0].acronym,
            first=name_key(words[0].text),
            last=name_key(strip_possessive(words[-1].text)),
        )

    def _shape_votes(self, cand: Candidate, words: list[Token]) -> None:
        last = strip_possessive(words[-1].text)
        low_last = last.lower()
        if len(words) >= 2 and low_last in lx.ORG_HEADS and words[-1].cap:
            cand.vote(ORG, 4.0)
        elif len(words) >= 2 and low_last in lx.PLACE_HEADS and words[-1].cap:
            cand.vote(PLACE, 4.0)
        elif len(words) >= 3 and any(
            strip_possessive(w.text).lower() in lx.ORG_HEADS and w.cap for w in words[:-1]
        ):
            cand.vote(ORG, 3.0)  # Council of Atamans of the Cossack People
        if low_last in lx.DROP_HEADS and len(words) > 1:
            cand.vote(DROP, 5.0)
        if _DOMAIN.search(last):
            cand.vote(ORG, 3.0)
        first_is_name = cand.first in FIRST_NAME_KEYS
        if len(words) == 2 and words[0].lower in lx.FAMILY_NAMES_FIRST and not first_is_name:
            cand.vote(PERSON, 2.5)  # "Wang Jianguo", "Li Hongwei"
        if len(words) == 1 and _company_word(last):
            cand.vote(ORG, 2.5)  # "ExxonMobil", "Uztransgaz", "Kazmortransflot"
        elif len(words) >= 2 and low_last in lx.BUSINESS_WORDS and words[-1].cap:
            cand.vote(ORG, 2.5)  # "Halyk Finance", "Globalink Logistics"
        if first_is_name and len(words) >= 2:
            cand.vote(PERSON, 2.5)
        elif first_is_name:
            cand.vote(PERSON, 1.0)
        if len(words) >= 2 and words[-1].text in lx.ROMAN_NUMERALS:
            cand.vote(PERSON, 2.0)
        if cand.acronym:
            cand.vote(ORG, 1.0)
            return
        if len(words) == 1 and not first_is_name:
            if low_last.endswith(_ADJECTIVE_SUFFIXES):  # Putinite, Jacksonian, Romanovs
                cand.vote(DROP, 2.0)
            if low_last.endswith("stan"):
                cand.vote(PLACE, 2.0)
            elif low_last.endswith(("grad", "burg", "polis", "pol", "kent", "abad", "sk", "bad")):
                cand.vote(PLACE, 1.0)
        if len(low_last) >= 5 and low_last.endswith(lx.SURNAME_SUFFIXES):
            cand.vote(PERSON, 1.0)

    def _context_votes(
        self,
        text: str,
        tokens: list[Token],
        a: int,
        k: int,
        cand: Candidate,
        paragraph: Paragraph,
    ) -> None:
        """Votes from the words around a span (tokens ``a`` to ``k``, exclusive)."""
        before = [t for t in tokens[max(0, a - 3) : a]]
        prev = before[-1] if before else None
        prev_gap = _gap(text, prev, tokens[a]) if prev else ""
        adjacent = prev is not None and not prev_gap.strip()
        if prev is not None and adjacent:
            low = prev.lower
            if prev.kind == "title" or name_key(prev.text) in self.gaz.titles:
                cand.vote(PERSON, 3.0)
            elif low in lx.ROLE_NOUNS:
                cand.vote(PERSON, 2.0)
            elif low in lx.WORK_NOUNS:
                cand.vote(DROP, 3.0)
            elif low in lx.ORG_NOUNS_AFTER:
                cand.vote(ORG, 2.0)
            elif low == "to" and len(before) >= 2 and before[-2].lower == "according":
                cand.vote(PERSON, 0.5)
            elif low in lx.PLACE_PREPOSITIONS:
                cand.vote(PLACE, 0.7)
            elif low == "by" and len(before) >= 2 and before[-2].lower in _CREDIT_WORDS:
                cand.vote(PERSON, 3.0)  # "Reporting by …; Editing by …"
            elif low == "by":
                cand.vote(PERSON, 0.5)
            elif low == "of" and len(before) >= 2 and before[-2].lower in lx.PLACE_BEFORE:
                cand.vote(PLACE, 3.0)
            elif low in lx.PLACE_BEFORE:
                cand.vote(PLACE, 1.0)
        elif prev is not None and prev.lower in lx.WORK_NOUNS and prev_gap.strip() in "‘“\"'":
            cand.vote(DROP, 3.0)
        elif prev is not None and prev_gap.strip() == "," and prev.lower in lx.ROLE_NOUNS:
            cand.vote(PERSON, 2.0)  # "Its chairman, Wang Jianguo, said"
        if paragraph.kind is Kind.BYLINE:
            cand.vote(PERSON, 1.0)
        # After the span.
        if k < len(tokens):
            nxt = tokens[k]
            gap = _gap(text, tokens[k - 1], nxt)
            plain_gap = gap.strip(" ’'”\"")
            if plain_gap == "" and nxt.text in ("based", "registered", "born") and "-" in gap:
                cand.vote(PLACE, 3.0)
            elif plain_gap == "":
                low = nxt.lower
                if low in lx.SAY_VERBS:
                    cand.vote(PERSON, 1.0)
                elif low in lx.ORG_NOUNS_AFTER:
                    cand.vote(ORG, 3.0)
                elif low in ("city", "town", "village", "capital"):
                    cand.vote(PLACE, 3.0)
                elif low in lx.WORK_NOUNS and not (
                    k + 1 < len(tokens) and tokens[k + 1].lower in lx.ROLE_NOUNS
                ):
                    cand.vote(DROP, 3.0)
                elif k + 1 < len(tokens) and not nxt.cap:
                    low2 = tokens[k + 1].lower
                    if low2 in lx.ORG_NOUNS_AFTER and low2 not in ("news", "daily"):
                        cand.vote(ORG, 2.0)
                    elif low2 in lx.SAY_VERBS and low in ("has", "had", "also", "then", "later"):
                        cand.vote(PERSON, 0.5)
            self._apposition(text, tokens, k, cand)

    def _apposition(self, text: str, tokens: list[Token], k: int, cand: Candidate) -> None:
        """Apposition: ``X, a blogger``, ``X [a Turkish newspaper]``, ``X (a city…)``, ``X, 44``."""
        gap = _gap(text, tokens[k - 1], tokens[k]).strip()
        m = k
        if gap in (",", "(", "[", ", (", "—", "–", "-"):
            pass
        elif gap == "" and tokens[k].lower in ("is", "was") and k + 1 < len(tokens):
            m = k + 1
        else:
            if gap.startswith(",") and gap[1:].strip().isdigit():
                cand.vote(PERSON, 2.0)
            return
        window = tokens[m : m + 6]
        if not window:
            return
        if window[0].lower not in _ARTICLES and window[0].lower in lx.ROLE_NOUNS:
            cand.vote(PERSON, 2.5)
            return
        if window[0].lower not in _ARTICLES:
            return
        for t in window[1:]:
            if _gap(text, window[0], t).count(",") or (
                t.cap and t.kind != "hard" and t.kind != "soft"
            ):
                break
            low = t.lower
            if low in lx.ROLE_NOUNS:
                cand.vote(PERSON, 2.5)
                return
            if low in lx.ORG_NOUNS_AFTER:
                cand.vote(ORG, 2.5)
                return
            if low in ("city", "town", "village", "region", "province", "district", "country"):
                cand.vote(PLACE, 2.5)
                return

    # ----------------------------------------------------------- optional model
    def _propose(
        self,
        paragraph: Paragraph,
        tokens: list[Token],
        out: list[Candidate],
        first_new: int,
        heading: bool,
    ) -> None:
        """Let the optional model vote on our spans and add the capitalised ones we missed."""
        assert self.proposer is not None
        spans = self.proposer(paragraph.text)
        shouting = self._shouting(tokens)
        mine = out[first_new:]
        for start, end, type_ in spans:
            overlapping = [c for c in mine if c.start < end and start < c.end]
            for cand in overlapping:
                if cand.gaz is None and cand.generic is None:
                    cand.vote(type_, MODEL_VOTE)
            if overlapping or type_ == DROP:
                continue
            words = [t for t in tokens if t.start >= start and t.end <= end]
            if not words or not words[0].cap or any(t.kind for t in words):
                continue
            if (
                shouting
                or any(t.acronym for t in words)
                or sum(c.isalpha() for c in words[0].text) < 2
            ):
                continue
            if all(self._weak(t, heading) for t in words):
                continue
            surface = strip_possessive(paragraph.text[words[0].start : words[-1].end])
            cand = self._candidate(
                paragraph, words[0].start, words[0].start + len(surface), heading, words
            )
            if cand.key in self.gaz.non_entities or cand.key in self.gaz.demonyms:
                continue
            cand.vote(type_, MODEL_VOTE)
            out.append(cand)

    # ------------------------------------------------------------------ links
    def _link_within(self, text: str, out: list[Candidate], first: int) -> None:
        """Parenthesised aliases (``Interior Ministry (MVD)``) and lists (``A, B and C``)."""
        for index in range(first + 1, len(out)):
            cand, prev = out[index], out[index - 1]
            gap = text[prev.end : cand.start]
            after = text[cand.end : cand.end + 1]
            if (
                text[prev.end : prev.end + 1] == "]"
                and gap.strip() == "]"
                and prev.tokens == 1
                and prev.first in FIRST_NAME_KEYS
                and cand.tokens == 1
                and cand.first not in FIRST_NAME_KEYS
            ):
                prev.full = f"{prev.surface} {cand.surface}"  # "[Sergey] Kiriyenko"
                cand.alias_of = index - 1
                continue
            if gap.strip() in ("(", "[") and after in (")", "]"):
                definable = cand.acronym or (
                    cand.tokens == 1 and prev.tokens >= 2 and not cand.gaz and not cand.generic
                )
                if definable or (prev.acronym and cand.tokens >= 2):
                    cand.alias_of = index - 1
                continue
            if gap.strip(" ‘’'“”\"") in (",", "and", ", and", "–", "-", "—", "or", ", or"):
                cand.after = index - 1
                if (
                    gap.strip() == "and"
                    and prev.tokens == 1
                    and prev.first in FIRST_NAME_KEYS
                    and cand.tokens == 2
                    and cand.first in FIRST_NAME_KEYS
                    and not prev.gaz
                ):
                    prev.full = f"{prev.surface} {cand.surface.split()[-1]}"
