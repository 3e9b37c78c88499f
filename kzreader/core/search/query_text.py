"""The typed text of a query, before whoosh reads it: cleaning, balance, signs, filters.

Nothing here knows whoosh: the text is cleaned (valid Unicode, no control characters),
quotes and parentheses balanced, ``-word`` and ``=word`` rewritten, and the ``date:``
and ``kind:`` filters taken out; ``query`` parses what is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text import strip_controls
from .analysis import word_term
from .widening import NAMES_FIELD, PLACEHOLDER

#: The fields of the literal text (``=word``: no spelling variants).
TEXT_FIELDS = ("title", "body", "comments")
#: Field names users may type (``title:kazakh``), mapped to schema fields.
USER_FIELDS = {
    "title": "title",
    "author": "author",
    "body": "body",
    "comments": "comments",
    "outlet": "outlet",
}
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})


class QueryError(ValueError):
    """A query that cannot be run; the message is for the user."""


class NothingToSearch(QueryError):
    """Only stop words or punctuation."""


@dataclass(frozen=True)
class DateFilter:
    """Articles whose date lies within ``low``..``high`` (inclusive, as padded strings)."""

    low: str
    high: str
    negate: bool = False

    def accepts(self, date: str | None) -> bool:
        inside = date is not None and _pad(date, "00") >= self.low and _pad(date, "99") <= self.high
        return inside != self.negate


def trim_operators(words: list[str]) -> list[str]:
    """Drop operators with nothing on one side: ``putin AND`` reads as ``putin``."""
    words = list(words)
    while words and words[-1] in OPERATORS:
        words.pop()
    while words and words[0] in BINARY:
        words.pop(0)
    return words


def valid_text(raw: str) -> str:
    """``raw`` as valid Unicode: invalid UTF-8 (surrogates from the command line) and lone
    surrogates of any origin replaced by U+FFFD."""
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.encode("utf-8", "replace").decode("utf-8")


def clean_text(raw: str) -> str:
    """What was typed, as query text: valid, control characters removed, whitespace
    collapsed."""
    return " ".join(strip_controls(valid_text(raw)).split())


def balanced(text: str) -> tuple[str, str | None]:
    """Quotes and parentheses closed; a stray ``)`` dropped."""
    notice = None
    if text.count('"') % 2:
        text += '"'  # an unclosed phrase reads as a phrase to the end
        notice = "closed an unbalanced quote"
    out: list[str] = []
    depth = 0
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            if not depth:
                notice = notice or "dropped an unmatched )"
                continue
            depth -= 1
        out.append(char)
    if depth:
        notice = notice or "closed an unbalanced ("
    return "".join(out) + ")" * depth, notice


def top_level_items(text: str) -> list[str]:
    """The top-level items of a query: words, phrases (maybe fielded, with slop) and
    parenthesised groups, split at spaces outside quotes and parentheses."""
    items: list[str] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] == " ":
            i += 1
        start, depth, quoted = i, 0, False
        while i < n:
            char = text[i]
            if char == '"':
                quoted = not quoted
            elif not quoted and char == "(":
                depth += 1
            elif not quoted and char == ")":
                depth -= 1
            elif char == " " and not quoted and depth <= 0:
                break
            i += 1
        if i > start:
            items.append(text[start:i])
    return items


_OUTSIDE_QUOTES = re.compile(r'"[^"]*"(?:~\d+)?|[^"]+')
_SIGN = re.compile(r"(?:(?<=^)|(?<=[\s(]))-(?=[^\s()+-])")
_DOUBLE_NOT = re.compile(r"(?:(?<=^)|(?<=[\s(]))NOT\s+NOT\s+")


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    return "".join(
        part if part.startswith('"') else change(part) for part in _OUTSIDE_QUOTES.findall(text)
    )


def signs(text: str) -> str:
    """``-word`` → ``NOT word`` and ``NOT NOT word`` → ``word``, outside phrases (``+word``
    stays: an implicit query keeps it required, and whoosh reads ``+`` as nothing)."""

    def change(part: str) -> str:
        part = _SIGN.sub("NOT ", part)
        while _DOUBLE_NOT.search(part):
            part = _DOUBLE_NOT.sub("", part)
        return part

    return _outside_quotes(text, change)


_LITERAL = re.compile(r'(?:(?<=^)|(?<=[\s(]))=("[^"]*"(?:~\d+)?|[^\s()"]+)')


def literals(text: str) -> str:
    """``=word`` → the word in the literal text fields only (no spelling variants)."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(1)
        return "(" + " OR ".join(f"{f}:{word}" for f in TEXT_FIELDS) + ")"

    return _LITERAL.sub(repl, text)


_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DATE_HELP = "date: takes YYYY, YYYY-MM or YYYY-MM-DD, a range A..B, or >A / <A (e.g. date:2022)"


def _pad(date: str, fill: str) -> str:
    """A partial ISO date as a full one: its first (fill 00) or last (fill 99) day."""
    parts = date.split("-")
    return "-".join(parts + [fill] * (3 - len(parts)))


def _date_filter(value: str, negate: bool) -> DateFilter:
    def valid(text: str) -> str:
        if not _DATE.fullmatch(text):
            raise QueryError(_DATE_HELP)
        return text

    if ".." in value:
        low, high = value.split("..", 1)
        low = _pad(valid(low), "00") if low else "0000-00-00"
        high = _pad(valid(high), "99") if high else "9999-99-99"
    elif value.startswith((">=", "<=")):
        day = valid(value[2:])
        low, high = (
            (_pad(day, "00"), "9999-99-99") if value[0] == ">" else ("0000-00-00", _pad(day, "99"))
        )
    elif value.startswith(">"):
        low, high = _pad(valid(value[1:]), "99") + "~", "9999-99-99"  # "~": after any day
    elif value.startswith("<"):
        low, high = "0000-00-00", _pad(valid(value[1:]), "00")[:-1] + "/"  # "/" sorts before 0
    else:
        low, high = _pad(valid(value), "00"), _pad(valid(value), "99")
    return DateFilter(low, high, negate)


_FILTER = re.compile(r"(?P<neg>-)?(?P<name>date|kind):(?P<value>\S*)", re.IGNORECASE)
KINDS = ("comment",)


def filters(items: list[str]) -> tuple[list[str], list[DateFilter], str | None]:
    """Take ``date:`` and ``kind:`` out of the top-level items (with a NOT or AND next to
    them); they narrow the whole query."""
    kept: list[str] = []
    dates: list[DateFilter] = []
    kind = None
    for item in items:
        match = _FILTER.fullmatch(item)
        negate = bool(kept) and kept[-1] == "NOT"
        if match is None:
            kept.append(item)
            continue
        if kept and kept[-1] == "OR":
            raise QueryError(f"{match['name']}: narrows the whole query; it cannot be OR-ed")
        if negate:
            kept.pop()
        negate = negate != bool(match["neg"])
        if kept and kept[-1] in ("AND", "ANDNOT", "ANDMAYBE"):
            kept.pop()
        if match["name"].lower() == "date":
            dates.append(_date_filter(match["value"], negate))
        else:
            value = match["value"].lower().rstrip("s")
            if value not in KINDS:
                raise QueryError(
                    "kind: takes comment (kind:comment, or -kind:comment to leave them out)"
                )
            kind = ("-" if negate else "") + value
    return kept, dates, kind


_WORD = re.compile(r"(?<![\w:*~=])([^\W\d_][\w'’-]*)(?![\w*~:])")


def query_words(text: str) -> list[tuple[int, int, str]]:
    """Plain words of a query that "did you mean" may respell: not operators (in any
    case), stop words, fields, wildcards, fuzzy or literal (``=``) words."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group(1)
        if word.upper() in OPERATORS or word_term(word) is None:
            continue
        out.append((match.start(1), match.end(1), word))
    return out


def field_aliases(text: str) -> tuple[str, str | None]:
    """Map user field names onto schema fields; unknown ``x:`` prefixes read as words."""
    unknown: list[str] = []

    def repl(match: re.Match[str]) -> str:
        name = match["name"].lower()
        if name == "article" and match.string.startswith(PLACEHOLDER, match.end()):
            return match.group()  # an entity field, already resolved (see expand)
        if name in USER_FIELDS:
            return f"{USER_FIELDS[name]}:"
        if match["name"] == NAMES_FIELD:
            return "names:"  # an acronym among a name's aliases (see expand)
        unknown.append(match["name"])
        return f"{match['name']} "

    out = re.sub(r"(?<![\w:])(?P<name>[A-Za-z_]\w*):(?=\S)", repl, text)
    note = f"unknown field {unknown[0]!r} read as a word" if unknown else None
    return out, note
