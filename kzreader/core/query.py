"""Reading what the user typed into a whoosh query, or a clear reason why not.

The query language is whoosh's: words, ``"phrases"``, ``AND``/``OR``/``NOT``,
``title:`` and ``author:`` fields, prefix ``*`` and fuzzy ``~``. Here we add the
guard rails a search box needs: length limits, a minimum prefix length (short
prefixes expand to thousands of terms), bounded fuzziness, and one-line messages
for queries that cannot mean anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser, query
from whoosh.fields import Schema

from .expand import PLACEHOLDER, EntityLike, EntityLookup, NoSuchEntity, alias_phrases, expand
from .text import strip_controls

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MIN_PREFIX = 3
MAX_FUZZ = 2

#: Fields a plain word is looked for in, and how much a match there counts.
DEFAULT_FIELDS = ("title", "body", "comments", "names")
FIELD_BOOSTS = {"title": 3.0, "body": 1.0, "comments": 0.35, "names": 0.6}
#: Field names users may type (``title:kazakh``), mapped to schema fields.
USER_FIELDS = {"title": "title", "author": "author", "body": "body", "comments": "comments"}


class QueryError(ValueError):
    """A query that cannot be run; the message is for the user."""


@dataclass(frozen=True)
class ParsedQuery:
    """A query read two ways: all words required, and any word enough (ranked after)."""

    text: str
    strict: query.Query  # documents with every word
    loose: query.Query  # documents with most words; ranks after strict
    notice: str | None = None  # e.g. "query shortened"

    @property
    def has_loose(self) -> bool:
        return self.loose != self.strict


def _parser(schema: Schema, group: type) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(
        list(DEFAULT_FIELDS), schema, fieldboosts=FIELD_BOOSTS, group=group
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.BoostPlugin)  # "word^2" reads as a typo here
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.PlusMinusPlugin)
    return parser


def _field_aliases(text: str) -> tuple[str, str | None]:
    """Map user field names onto schema fields; unknown ``x:`` prefixes read as words."""
    unknown: list[str] = []

    def repl(match: re.Match[str]) -> str:
        name = match["name"].lower()
        if name == "article" and match.string.startswith(PLACEHOLDER, match.end()):
            return match.group()  # an entity field, already resolved (see expand)
        if name in USER_FIELDS:
            return f"{USER_FIELDS[name]}:"
        unknown.append(match["name"])
        return f"{match['name']} "

    out = re.sub(r"(?<![\w:])(?P<name>[A-Za-z_]\w*):(?=\S)", repl, text)
    note = f"unknown field {unknown[0]!r} read as a word" if unknown else None
    return out, note


def _check(q: query.Query) -> None:
    """Reject what whoosh would run badly or mean nothing by."""
    if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
        raise QueryError("nothing to search for: only common words or punctuation")
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


def _fix_fuzzy(q: query.Query) -> query.Query:
    """Fuzzy terms keep their first letter fixed: far faster, and what users mean."""
    if isinstance(q, query.FuzzyTerm):
        q.prefixlength = max(q.prefixlength, 1)
        return q
    return q.apply(_fix_fuzzy)


_OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")


def _trim_operators(text: str) -> str:
    """Drop operators with nothing on one side: ``putin AND`` reads as ``putin``."""
    words = text.split(" ")
    while words and words[-1] in _OPERATORS:
        words.pop()
    while words and words[0] in _OPERATORS and words[0] != "NOT":
        words.pop(0)
    if words == ["NOT"]:
        return ""
    return " ".join(words)


def parse(schema: Schema, raw: str, entities: EntityLookup | None = None) -> ParsedQuery:
    """Parse a user query. Raises QueryError with a message the user can act on.

    With ``entities``, entity fields (``person:``…) resolve and known names widen
    to their aliases (see ``expand``).
    """
    text = " ".join(strip_controls(raw).split())
    notice = None
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notice = f"query shortened to its first {MAX_QUERY_CHARS} characters"
    if not text:
        raise QueryError("type something to search for")
    if text.count('"') % 2:
        text = text + '"'  # an unclosed phrase reads as a phrase to the end
        notice = notice or "closed an unbalanced quote"
    text = _trim_operators(text)
    if not text:
        raise QueryError("nothing to search for: only operators (AND, OR, NOT)")
    words = text.split()
    if len(words) > MAX_CLAUSES:
        text = " ".join(words[:MAX_CLAUSES])
        notice = notice or f"only the first {MAX_CLAUSES} words are searched"
    try:
        expansion = expand(text, entities)
    except NoSuchEntity as error:
        raise QueryError(str(error)) from error
    parsed_text, field_note = _field_aliases(expansion.text)
    notice = notice or field_note
    try:
        strict = _parser(schema, qparser.AndGroup).parse(parsed_text).normalize()
    except Exception as error:  # whoosh raises assorted errors on odd syntax
        raise QueryError(f"cannot read the query ({error})") from error
    _check(strict)
    if expansion.entities:
        strict = _resolve_placeholders(strict, expansion.entities, schema)
    strict = _fix_fuzzy(strict)
    return ParsedQuery(text=text, strict=strict, loose=_loosen(strict), notice=notice)


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
    names = _parser(schema, qparser.OrGroup).parse(" OR ".join(alias_phrases(entity)))
    articles = query.Or([query.Term("article", a) for a in entity.articles])
    return query.And([names, articles]).normalize()


def _loosen(strict: query.Query) -> query.Query:
    """From "all of these words" to "any of them", keeping what NOT excludes."""
    if not isinstance(strict, query.And):
        return strict
    positives = [q for q in strict.subqueries if not isinstance(q, query.Not)]
    negatives = [q.query for q in strict.subqueries if isinstance(q, query.Not)]
    if len(positives) < 2:
        return strict
    loose: query.Query = query.Or(positives, scale=0.9)
    if negatives:
        loose = query.AndNot(loose, query.Or(negatives) if len(negatives) > 1 else negatives[0])
    return loose


_WORD = re.compile(r"(?<![\w:*~])([^\W\d_][\w'’-]*)(?![\w*~:])")


def query_words(text: str) -> list[tuple[int, int, str]]:
    """Plain words of a query (not operators, fields, phrases' quotes, wildcards)."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group(1)
        if word in _OPERATORS:
            continue
        out.append((match.start(1), match.end(1), word))
    return out
