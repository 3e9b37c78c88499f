"""Where a query's terms are in an article's text: highlight spans and passages.

Passages are chosen here, from the text, rather than from per-paragraph index
documents: only the few articles shown need it, and it halves the index.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from whoosh import query
from whoosh.reading import IndexReader

from ..corpus.model import Article, Kind, Paragraph
from ..lru import Lru
from .analysis import WORD, WordSet, is_stop, iter_terms, words_for
from .passages import Passage, Span, merge_spans
from .schema import as_str


class TermMatcher:
    """Finds a query's terms in paragraphs: highlight spans and passage scores.

    Passages are chosen here, from the text, rather than from per-paragraph index
    documents: only the few articles shown need it, and it halves the index.
    """

    TEXT_FIELDS = frozenset({"title", "body", "comments"})
    KIND_WEIGHT: ClassVar[dict[str, float]] = {
        "comment": 0.5,
        "boilerplate": 0.3,
        "byline": 0.5,
        "caption": 0.8,
    }

    def __init__(
        self,
        terms: set[tuple[str, bytes]],
        reader: IndexReader,
        phrases: Iterable[query.Phrase] = (),
        kind: str | None = None,
    ) -> None:
        #: Which paragraphs may hold hits: ``kind:comment`` only comments, ``-kind:comment`` none.
        self.kind = kind
        self.text_terms = {as_str(t) for f, t in terms if f in self.TEXT_FIELDS}
        self.name_terms = {as_str(t) for f, t in terms if f == "names"}
        # Phrases match only as a whole: their words alone are not hits.
        self.text_phrases: set[tuple[str, ...]] = set()
        self.name_phrases: set[tuple[str, ...]] = set()
        for phrase in phrases:
            words = tuple(as_str(w) for w in phrase.words)
            if phrase.fieldname in self.TEXT_FIELDS:
                self.text_phrases.add(words)
            elif phrase.fieldname == "names":
                self.name_phrases.add(words)
        total = max(1, reader.doc_count())
        self.idf: dict[str, float] = {}
        for field, term in terms:
            if field in self.TEXT_FIELDS or field == "names":
                df = reader.doc_frequency(field, term)
                weight = math.log(1 + total / (1 + df))
                key = as_str(term)
                self.idf[key] = max(self.idf.get(key, 0.0), weight)
        for words in self.text_phrases | self.name_phrases:
            self.idf.setdefault(" ".join(words), 1.5 * math.log(1 + total))

    def _plan(self, article: Article) -> _Plan:
        """How to find this query in one article, from the article's words alone.

        The article's distinct words (cached) give the words that are hits before
        any paragraph is read (``analysis.words_for``); a regular
        expression of them then finds every hit in C, paragraph by paragraph.
        Phrases still need a paragraph's terms in order, so only paragraphs with a
        phrase's first word are tokenized.
        """
        words = article_words(article)
        counts: dict[str, list[str]] = {}
        for field, terms in (("text", self.text_terms), ("names", self.name_terms)):
            for term, found in words_for(terms, words, field).items():
                for word in found:
                    # The names field holds capitalised words only ("MID", not "mid-17th").
                    if field == "text" or word[:1].isupper():
                        counts.setdefault(word, []).append(term)
        phrases: list[tuple[str, set[tuple[str, ...]], list[str]]] = []
        for field, wanted in (("text", self.text_phrases), ("names", self.name_phrases)):
            # A phrase is looked for where its first word that is not a stop word is.
            keys = {phrase: next((w for w in phrase if not is_stop(w)), None) for phrase in wanted}
            starts = words_for({k for k in keys.values() if k}, words, field)
            firsts = [w for phrase, k in keys.items() if k for w in starts.get(k, ())]
            if firsts or any(k is None for k in keys.values()):
                phrases.append((field, wanted, firsts))
        return _Plan(_hits_pattern(tuple(sorted(counts))) if counts else None, counts, phrases)

    def _spans(self, text: str, plan: _Plan) -> tuple[tuple[Span, ...], set[str]]:
        """Highlight spans in one paragraph and the distinct terms (and phrases) found."""
        spans: list[Span] = []
        found: set[str] = set()
        if plan.pattern is not None:
            for match in plan.pattern.finditer(text):
                spans.append(match.span())
                found.update(plan.counts[match.group()])
        for field, phrases, firsts in plan.phrases:
            if firsts and not any(word in text for word in firsts):
                continue
            tokens = list(iter_terms(text, field, stops=True))
            for i, (term, start, _end) in enumerate(tokens):
                for words in phrases:
                    n = len(words)
                    if term == words[0] and tuple(t[0] for t in tokens[i : i + n]) == words:
                        spans.append((start, tokens[i + n - 1][2]))
                        found.add(" ".join(words))
        return merge_spans(spans), found

    def _matches(self, article: Article) -> Iterator[tuple[Paragraph, tuple[Span, ...], set[str]]]:
        plan = self._plan(article)
        if plan.pattern is None and not plan.phrases:
            return
        for para in article.paragraphs:
            if self.kind is not None and (para.kind is Kind.COMMENT) != (self.kind == "comment"):
                continue
            spans, found = self._spans(para.text, plan)
            if spans:
                yield para, spans, found

    def passages(self, article: Article, limit: int) -> list[Passage]:
        """The best ``limit`` paragraphs of an article for this query, best first."""
        scored = []
        for para, spans, found in self._matches(article):
            weight = self.KIND_WEIGHT.get(str(para.kind), 1.0)
            # fsum: exact whatever the order of the set (a plain sum flipped ties between runs).
            score = round(
                weight * (math.fsum(self.idf.get(t, 1.0) for t in found) + 0.1 * len(spans)), 9
            )
            scored.append(Passage(para.number, str(para.kind), para.text, spans, score))
        scored.sort(key=lambda p: (-p.score, p.paragraph))
        if scored:
            return scored[:limit]
        # A match on the title or author field alone, or filters only: show where the
        # article starts (where its comments start, for kind:comment).
        start = Kind.COMMENT if self.kind == "comment" else Kind.BODY
        first = next((p for p in article.paragraphs if p.kind is start), None)
        return [Passage(first.number, str(first.kind), first.text, (), 0.0)] if first else []

    def highlights(self, article: Article) -> dict[int, list[Span]]:
        return {para.number: list(spans) for para, spans, _ in self._matches(article)}


@dataclass(frozen=True)
class _Plan:
    pattern: re.Pattern[str] | None  # the article's words that are hits, as whole words
    counts: dict[str, list[str]]  # each such word → the query terms it counts as
    phrases: list[tuple[str, set[tuple[str, ...]], list[str]]]  # field, phrases, first words


@lru_cache(maxsize=512)
def _hits_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words as the tokenizer (analysis.WORD) cuts them: not inside a longer word,
    nor joined to one by an apostrophe (``Tokayev`` is not a hit in ``Tokayev’s``)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w['’])(?:{alternatives})(?!\w)(?!['’]\w)")


#: The distinct words of recently searched articles: the pages of results in use, some
#: 500 articles (a set of a few hundred words is tens of KB).
_WORDS: Lru[tuple[str, str], WordSet] = Lru(
    32 * 1024 * 1024, weigh=lambda found: 2048 + 128 * len(found.words)
)


def article_words(article: Article) -> WordSet:
    """The article's distinct words, title included (cached by content)."""
    key = (article.id, article.sha256)
    words = _WORDS.get(key)
    if words is None:
        text = "\n".join([article.title, *(p.text for p in article.paragraphs)])
        words = WordSet(WORD.findall(text))
        _WORDS.put(key, words)
    return words


def existing_terms(
    q: query.Query,
    reader: IndexReader,
    expand: Callable[[query.MultiTerm], Iterable[bytes]] | None = None,
) -> set[tuple[str, bytes]]:
    """The index terms a query matches, prefixes and fuzzy terms expanded (by
    ``expand`` if given: the search's own, cached, expansions).

    (whoosh's ``Query.existing_terms`` skips every leaf after the first: its loop
    variable shadows its ``fieldname`` argument.)
    """
    schema = reader.schema
    found: set[tuple[str, bytes]] = set()
    for leaf in q.leaves():
        if expand is not None and isinstance(leaf, query.MultiTerm):
            found.update((leaf.field(), btext) for btext in expand(leaf))
            continue
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname not in schema:
                continue
            try:
                btext = schema[fieldname].to_bytes(text)
            except ValueError:
                continue
            if (fieldname, btext) in reader:
                found.add((fieldname, btext))
    return found
