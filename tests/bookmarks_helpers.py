"""Shared helpers for the bookmark tests: the seeds, editable copies, quick bookmarks."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from kzreader.core.bookmarks import Anchor, Bookmark, new_id, now_iso
from kzreader.core.corpus.collection import Corpus
from kzreader.core.paths import bundled_seeds

A000, A001, A002, A003, A004 = (
    "000_5a428d05ab98c0ea",
    "001_3cd9964ab855c274",
    "002_851d0b61443ca080",
    "003_e563ca9e96c9e019",
    "004_bd1c9e8bd9a0bffe",
)


@cache
def seeds() -> Corpus:
    """The bundled corpus, opened once (never written to)."""
    return Corpus.open(bundled_seeds())


def copy_seeds(tmp_path: Path) -> Path:
    """A copy of the seeds that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), target)
    return target


def article_file(corpus_dir: Path, article_id: str) -> Path:
    return corpus_dir / f"{article_id}.txt"


def edit_article(corpus_dir: Path, article_id: str, old: str, new: str) -> None:
    """Replace the first ``old`` in an article file with ``new`` (it must be there)."""
    path = article_file(corpus_dir, article_id)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def mark(
    quote: str = "a passage",
    *,
    article: str = "A",
    paragraph: int = 1,
    note: str = "",
    tags: tuple[str, ...] = (),
    id: str | None = None,
) -> Bookmark:
    """A bookmark that need not point at a real article (for store tests)."""
    when = now_iso()
    return Bookmark(
        id=id or new_id(),
        anchor=Anchor(article, paragraph, 0, len(quote), quote, "", ""),
        note=note,
        tags=tags,
        created=when,
        updated=when,
    )
