"""What the index holds for an article: the whoosh schema and the document made of it.

Bump ``INDEX_VERSION`` when either changes: older indexes are then rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.analysis import Analyzer
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from ..corpus.model import Article, Kind
from .analysis import TermPositions, names_analyzer, text_analyzer

#: Bump when the schema or the analysis changes: older indexes are rebuilt.
#: 6: stop words' positions kept for phrases; outlet and date fields.
INDEX_VERSION = 6
#: The fields BM25 scores (their lengths are held in memory, see engine.segments).
SCORED_FIELDS = ("title", "author", "body", "comments", "names")


def _text(analyzer: Analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer)
    field.format = TermPositions(field_boost=field.format.field_boost)
    return field


def make_schema() -> Schema:
    text = text_analyzer()
    names = names_analyzer()
    return Schema(
        article=ID(stored=True, unique=True),
        title=_text(text),
        author=_text(names),
        body=_text(text),
        comments=_text(text),
        names=_text(names),
        outlet=_text(text),
        date=ID(),
        entity=KEYWORD(commas=True, lowercase=True, scorable=True),
    )


def article_document(article: Article, entities: Iterable[str] = ()) -> dict[str, str]:
    """The index document for one article.

    Reader comments go to their own field, which counts for less than the body.
    """
    body = "\n".join(p.text for p in article.paragraphs if p.kind is not Kind.COMMENT)
    comments = "\n".join(p.text for p in article.paragraphs if p.kind is Kind.COMMENT)
    everything = f"{article.title}\n{body}\n{comments}"
    return {
        "article": article.id,
        "title": article.title,
        "author": article.author or "",
        "body": body,
        "comments": comments,
        "names": everything,
        "outlet": article.outlet or "",
        "date": article.date or "",
        "entity": ",".join(sorted(set(entities))),
    }


def as_str(term: bytes | str) -> str:
    """An index term as text (whoosh gives a field's terms as UTF-8 bytes)."""
    return term.decode("utf-8") if isinstance(term, bytes) else term
