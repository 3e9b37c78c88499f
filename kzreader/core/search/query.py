"""Reading what the user typed into whoosh queries, or a clear reason why not.

The query language is whoosh's — words, ``"phrases"`` (``"a b"~3`` with slop),
``AND``/``OR``/``NOT``, parentheses, ``title:``-style fields, prefix ``*``, fuzzy ``~``
— with ``-word`` (not), ``+word`` (required), ``=word`` (literally: no widening to
aliases, no transliteration), and filters: ``date:``, ``kind:comment``.

Two readings of an *implicit* query (words side by side, no AND/OR): every word, and
then — ranked after and marked partial — some of the words. A query with an explicit
``AND`` or ``OR`` means exactly what it says and has no second reading. Names the
entity graph knows widen to their other names (see ``expand``); the literal reading
is kept too, so the search can rank literal matches first and mark the widened ones.

Guard rails a search box needs: length limits, a minimum prefix length (short
prefixes expand to thousands of terms), bounded fuzziness and slop, one-line messages
for queries that cannot mean anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser.default import QueryParser
from whoosh.qparser.plugins import PhrasePlugin, RegexTagger
from whoosh.qparser.syntax import SyntaxNode, attach

from .query_text import (
    BINARY,
    DateFilter,
    NothingToSearch,
    QueryError,
    balanced,
    clean_text,
    field_aliases,
    filters,
    literals,
    signs,
    top_level_items,
    trim_operators,
)
from .widening import (
    EntityLike,
    EntityLookup,
    NoSuchEntity,
    Widening,
    alias_phrases,
    expand,
    name_phrases,
)

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MIN_PREFIX = 3
MAX_FUZZ = 2
#: The most words a phrase's words may lie apart (``"a b"~N``): matching costs time
#: in proportion, and past a sentence or two "near" means nothing.
MAX_SLOP = 100

#: Fields a plain word is looked for in, and how much a match there counts.
DEFAULT_FIELDS = ("title", "body", "comments", "names")
FIELD_BOOSTS = {"title": 3.0, "body": 1.0, "comments": 0.35, "names": 0.6}
NOTHING = "nothing to search for: only common words or punctuation"


@dataclass(frozen=True)
class Clause:
    """One word (or phrase, or group) of an implicit query, as typed, and its query."""

    text: str
    query: query.Query


@dataclass(frozen=True)
class ParsedQuery:
    """A query read for each tier of results.

    ``literal`` (names not widened) ⊆ ``strict`` (widened) ⊆ ``loose`` (some words).
    """

    text: str
    strict: query.Query  # documents with every word (names widened)
    loose: query.Query  # documents with some of the words; ranks after strict
    literal: query.Query | None = None  # strict with no name widened (None: the same)
    clauses: tuple[Clause, ...] = ()  # the optional words of an implicit query
    widened: tuple[Widening, ...] = ()
    dates: tuple[DateFilter, ...] = ()
    kind: str | None = None  # "comment" (only comments) or "-comment" (no comments)
    explicit: bool = False
    notice: str | None = None  # e.g. "query shortened"

    @property
    def has_loose(self) -> bool:
        return self.loose != self.strict


class _PhrasePlugin(PhrasePlugin):
    """whoosh's phrases, with stop words kept (as the index keeps their positions) and
    slop bounded by MAX_SLOP."""

    class PhraseNode(PhrasePlugin.PhraseNode):
        def query(self, parser: QueryParser) -> query.Query:
            fieldname = self.fieldname or parser.fieldname
            words: list[str] = []
            ranges: list[tuple[int, int]] = []
            if parser.schema and fieldname in parser.schema:
                sc = self.textstartchar
                tokens = parser.schema[fieldname].tokenize(self.text, mode="phrase", chars=True)
                for token in tokens:
                    words.append(token.text)
                    ranges.append((sc + token.startchar, sc + token.endchar))
            q = parser.phraseclass(
                fieldname, words, slop=self.slop, boost=self.boost, char_ranges=ranges
            )
            return attach(q, self)

    class PhraseTagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> SyntaxNode:
            slop = int(match.group("slop")) if match.group("slop") else 1
            if slop > MAX_SLOP:
                parser.kz_notices.append(f"phrase slop limited to ~{MAX_SLOP}")
                slop = MAX_SLOP
            return _PhrasePlugin.PhraseNode(match.group("text"), match.start("text"), slop)


def _parser(schema: Schema, group: type, fields: tuple[str, ...] = DEFAULT_FIELDS) -> QueryParser:
    parser = qparser.MultifieldParser(list(fields), schema, fieldboosts=FIELD_BOOSTS, group=group)
    parser.kz_notices = []
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.BoostPlugin)  # "word^2" reads as a typo here
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.PlusMinusPlugin)  # -/+ are read here (see signs)
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(_PhrasePlugin())
    return parser


def _check(q: query.Query) -> None:
    """Reject what whoosh would run badly or mean nothing by."""
    if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
        raise NothingToSearch(NOTHING)
    for sub in q.leaves():
        if isinstance(sub, query.Every):
            raise QueryError("a lone * matches everything; add at least 3 letters (e.g. kaz*)")
        if isinstance(sub, query.Prefix | query.Wildcard):
            letters = re.sub(r"[*?]", "", sub.text)
            if len(letters) < MIN_PREFIX:
                raise QueryError(
                    f"'{sub.text}' is too short for a wildcard; use at least {MIN_PREFIX} letters"
                )
        if isinstance(sub, query.FuzzyTerm) and sub.maxdist > MAX_FUZZ:
            raise QueryError(f"fuzzy matching allows at most {MAX_FUZZ} edits (word~{MAX_FUZZ})")


def _no_name_wildcards(q: query.Query) -> query.Query:
    """Prefixes and wildcards only in the literal text: a name's spelling key folds letters
    (``app`` → ``ap``), so a prefix of it would find words that do not start so."""

    def visit(node: query.Query) -> query.Query:
        if isinstance(node, query.Prefix | query.Wildcard) and node.fieldname == "names":
            return query.NullQuery
        return node

    if not any(isinstance(leaf, query.Prefix | query.Wildcard) for leaf in q.leaves()):
        return q
    return q.accept(visit).normalize()


def _fix_fuzzy(q: query.Query) -> query.Query:
    """Fuzzy terms keep their first letter fixed: far faster, and what users mean."""
    if isinstance(q, query.FuzzyTerm):
        q.prefixlength = max(q.prefixlength, 1)
        return q
    return q.apply(_fix_fuzzy)


def _kind_fields(kind: str | None) -> tuple[str, ...]:
    if kind == "comment":
        return ("comments",)
    if kind == "-comment":
        return ("title", "body")
    return DEFAULT_FIELDS


def parse(
    schema: Schema, raw: str, entities: EntityLookup | None = None, *, widen: bool = True
) -> ParsedQuery:
    """Parse a user query. Raises QueryError with a message the user can act on.

    With ``entities``, entity fields (``person:``…) resolve, and (with ``widen``) known
    names widen to their other names (see ``expand``).
    """
    text = clean_text(raw)
    notices: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notices.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
    if not text:
        raise QueryError("type something to search for")
    text, note = balanced(text)
    if note:
        notices.append(note)
    items = top_level_items(signs(text))
    if len(items) > MAX_CLAUSES:
        items = items[:MAX_CLAUSES]
        notices.append(f"only the first {MAX_CLAUSES} words are searched")
    items, dates, kind = filters(items)
    items = trim_operators(items)
    if not items and not dates and kind is None:
        raise QueryError("nothing to search for: only operators (AND, OR, NOT)")
    fields = _kind_fields(kind)
    reader = _Reader(schema, entities, fields, notices)
    explicit = any(item in BINARY for item in items)
    if not items:  # only filters: every article (with comments, for kind:comment), narrowed
        every = query.Every("comments") if kind == "comment" else query.Every()
        return ParsedQuery(
            " ".join(items), every, every, dates=tuple(dates), kind=kind, notice=_first(notices)
        )
    if explicit:
        whole = " ".join(items)
        strict, widened = reader.read(whole, widen)
        literal = reader.read(whole, False)[0] if widened else None
        return ParsedQuery(
            text=text,
            strict=strict,
            loose=strict,
            literal=literal,
            widened=widened,
            dates=tuple(dates),
            kind=kind,
            explicit=True,
            notice=_first(notices),
        )
    return _implicit(text, items, reader, widen, tuple(dates), kind, notices)


def _first(notices: list[str]) -> str | None:
    return "; ".join(dict.fromkeys(notices)) if notices else None


def _implicit(
    text: str,
    items: list[str],
    reader: _Reader,
    widen: bool,
    dates: tuple[DateFilter, ...],
    kind: str | None,
    notices: list[str],
) -> ParsedQuery:
    """Words side by side: all of them (strict), then some of them (loose)."""
    required: list[Clause] = []
    optional: list[Clause] = []
    negatives: list[query.Query] = []
    widened: list[Widening] = []
    literal_parts: list[query.Query] = []
    negate = False
    for item in items:
        if item == "NOT":
            negate = not negate
            continue
        try:
            q, found = reader.read(item, widen)
        except NothingToSearch:
            negate = False
            continue  # a stop word on its own ("farmer and polonium")
        widened.extend(found)
        if negate:
            negatives.append(q)  # NOT widens as the words it excludes would
            literal_parts.append(query.Not(q))
        else:
            literal_parts.append(reader.read(item, False)[0] if found else q)
            clauses = required if item.startswith("+") else optional
            clauses.append(Clause(item, q))
        negate = False
    positives = [c.query for c in (*required, *optional)]
    nots = [query.Not(q) for q in negatives]
    if not positives and not nots:
        raise NothingToSearch(NOTHING)
    if not positives:
        strict: query.Query = query.And(nots).normalize() if len(nots) > 1 else nots[0]
        return ParsedQuery(text, strict, strict, dates=dates, kind=kind, notice=_first(notices))
    strict = _and([*positives, *nots])
    loose = strict
    if len(optional) >= 2:
        loose = _and(
            [*(c.query for c in required), query.Or([c.query for c in optional], scale=0.9), *nots]
        )
    elif required and optional:
        loose = _and([*(c.query for c in required), *nots])
    literal = _and(literal_parts) if widened else None
    return ParsedQuery(
        text=text,
        strict=strict,
        loose=loose,
        literal=literal,
        clauses=tuple(optional) if loose is not strict else (),
        widened=tuple(widened),
        dates=dates,
        kind=kind,
        notice=_first(notices),
    )


def _and(parts: list[query.Query]) -> query.Query:
    return parts[0] if len(parts) == 1 else query.And(parts)


class _Reader:
    """Text → a checked whoosh query, with entity fields resolved and names widened."""

    def __init__(
        self,
        schema: Schema,
        entities: EntityLookup | None,
        fields: tuple[str, ...],
        notices: list[str],
    ) -> None:
        self.schema = schema
        self.entities = entities
        self.fields = fields
        self.notices = notices
        self._parser = _parser(schema, qparser.AndGroup, fields)

    def read(self, text: str, widen: bool) -> tuple[query.Query, tuple[Widening, ...]]:
        text = text.lstrip("+")
        try:
            expansion = expand(text, self.entities, widen=widen)
        except NoSuchEntity as error:
            raise QueryError(str(error)) from error
        parsed_text, field_note = field_aliases(literals(expansion.text))
        if field_note:
            self.notices.append(field_note)
        try:
            q = self._parser.parse(parsed_text).normalize()
        except Exception as error:  # whoosh raises assorted errors on odd syntax
            raise QueryError(f"cannot read the query ({error})") from error
        self.notices.extend(self._parser.kz_notices)
        self._parser.kz_notices.clear()
        q = _no_name_wildcards(q)
        _check(q)
        if expansion.entities:
            q = _resolve_placeholders(q, expansion.entities, self.schema)
        widened = tuple(
            Widening(w.typed, w.aliases, tuple(self._alias_query(a) for a in w.aliases))
            for w in expansion.widened
        )
        return _fix_fuzzy(q), widened

    def _alias_query(self, alias: str) -> query.Query:
        text, _ = field_aliases(name_phrases([alias])[0])
        return self._parser.parse(text).normalize()


def _resolve_placeholders(
    q: query.Query, entities: dict[str, EntityLike], schema: Schema
) -> query.Query:
    """Swap each ``article:kzentityN`` placeholder for its entity's query."""

    def visit(node: query.Query) -> query.Query:
        if isinstance(node, query.Term) and node.fieldname == "article" and node.text in entities:
            return entity_query(entities[node.text], schema)
        return node

    return q.accept(visit)


def entity_query(entity: EntityLike, schema: Schema) -> query.Query:
    """Any of an entity's names, in the articles the graph links to it."""
    text, _ = field_aliases(" OR ".join(alias_phrases(entity)))
    names = _parser(schema, qparser.OrGroup).parse(text)
    articles = query.Or([query.Term("article", a) for a in entity.articles])
    return query.And([names, articles]).normalize()
