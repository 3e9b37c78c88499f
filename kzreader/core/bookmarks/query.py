"""Filtering, sorting and grouping placed bookmarks, for lists and exports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..corpus.collection import Corpus
from ..text import fold_accents
from .model import Bookmark, Placed


@dataclass(frozen=True, slots=True)
class ArticleGroup:
    """The bookmarks of one article, with what a reading list shows about it."""

    article: str
    title: str
    author: str | None
    outlet: str | None
    date: str | None
    items: tuple[Placed, ...]
    in_corpus: bool = True
    url: str | None = None  # the article's source, for citations


def _fold(text: str) -> str:
    return fold_accents(text).casefold()


def title_of(corpus: Corpus | None, article_id: str) -> str:
    """The article's title, or its id when the corpus does not have it."""
    if corpus is not None and article_id in corpus:
        return corpus.info(article_id).title
    return article_id


def haystack(placed: Placed, title: str = "") -> str:
    """What a text filter looks in, folded: quote, current text, note, tags, article id, title."""
    mark = placed.bookmark
    return _fold(
        "\n".join((mark.quote, placed.text, mark.note, " ".join(mark.tags), mark.article, title))
    )


def matches(placed: Placed, text: str, title: str = "", folded: str | None = None) -> bool:
    """True when every word of ``text`` occurs in the bookmark's ``haystack``."""
    words = _fold(text).split()
    if not words:
        return True
    where = haystack(placed, title) if folded is None else folded
    return all(word in where for word in words)


def filter_placed(
    placed: Iterable[Placed],
    *,
    text: str = "",
    tags: Iterable[str] = (),
    orphans: bool | None = None,
    corpus: Corpus | None = None,
    haystacks: Mapping[str, str] | None = None,
) -> list[Placed]:
    """The bookmarks that match ``text`` and carry every tag in ``tags``.

    ``orphans``: True for orphans only, False for anchored ones only, None for both.
    ``haystacks``: precomputed ``haystack()`` by bookmark id, for filtering as one types.
    """
    wanted = [t for t in tags if t]
    out = []
    for item in placed:
        if orphans is not None and item.orphan != orphans:
            continue
        if not all(item.bookmark.has_tag(tag) for tag in wanted):
            continue
        if text.strip():
            folded = haystacks.get(item.id) if haystacks is not None else None
            if folded is None:
                folded = haystack(item, title_of(corpus, item.article))
            if not matches(item, text, folded=folded):
                continue
        out.append(item)
    return out


def by_date(placed: Iterable[Placed], *, newest_first: bool = True) -> list[Placed]:
    """Sorted by creation time (ties keep the order they came in)."""
    return sorted(placed, key=lambda p: p.bookmark.created, reverse=newest_first)


def by_position(placed: Iterable[Placed], corpus: Corpus | None = None) -> list[Placed]:
    """In reading order: articles in corpus order (unknown ones after, by id), then position."""
    order = {aid: n for n, aid in enumerate(corpus.ids)} if corpus is not None else {}
    return sorted(
        placed,
        key=lambda p: (
            order.get(p.article, len(order)),
            p.article,
            p.paragraph,
            p.start,
            p.bookmark.created,
        ),
    )


def group_by_article(placed: Iterable[Placed], corpus: Corpus | None = None) -> list[ArticleGroup]:
    """Bookmarks grouped by article, in corpus order, each group in reading order."""
    groups: dict[str, list[Placed]] = {}
    for item in by_position(placed, corpus):
        groups.setdefault(item.article, []).append(item)
    out = []
    for article_id, items in groups.items():
        if corpus is not None and article_id in corpus:
            info = corpus.info(article_id)
            out.append(
                ArticleGroup(
                    article_id,
                    info.title,
                    info.author,
                    info.outlet,
                    info.date,
                    tuple(items),
                    url=info.url,
                )
            )
        else:
            out.append(
                ArticleGroup(
                    article_id, article_id, None, None, None, tuple(items), in_corpus=False
                )
            )
    return out


def tag_counts(bookmarks: Iterable[Bookmark | Placed]) -> list[tuple[str, int]]:
    """Every tag in use with how many bookmarks carry it, most used first."""
    counts: dict[str, tuple[str, int]] = {}
    for item in bookmarks:
        mark = item.bookmark if isinstance(item, Placed) else item
        for tag in mark.tags:
            key = tag.casefold()
            name, count = counts.get(key, (tag, 0))
            counts[key] = (name, count + 1)
    return sorted(counts.values(), key=lambda pair: (-pair[1], pair[0].casefold()))


def split_orphans(placed: Sequence[Placed]) -> tuple[list[Placed], list[Placed]]:
    """(anchored, orphans), each in the order given."""
    return [p for p in placed if not p.orphan], [p for p in placed if p.orphan]


def parse_filter(text: str) -> tuple[str, list[str]]:
    """Words and ``#tags`` typed in the filter box: ``"putin #law"`` → ("putin", ["law"])."""
    words, tags = [], []
    for token in text.split():
        if token.startswith("#") and len(token) > 1:
            tags.append(token[1:])
        elif token != "#":
            words.append(token)
    return " ".join(words), tags


def typed_tag_matches(item: Placed, wanted: str, known: set[str]) -> bool:
    """An exact tag when one is called that, else a tag that starts with it (as one types)."""
    folded = wanted.casefold()
    tags = [t.casefold() for t in item.bookmark.tags]
    if folded in known:
        return folded in tags
    return any(t.startswith(folded) for t in tags)
