"""The bookmarks of one file placed in one corpus: what the app and the command line use."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from ..corpus.collection import Corpus
from .anchor import Anchorer, AnchorError
from .errors import BookmarkError, UnknownBookmark
from .export import export_file, export_text
from .model import Bookmark, Placed, clean_note, new_id, normalize_tags, now_iso
from .query import (
    ArticleGroup,
    by_date,
    by_position,
    filter_placed,
    group_by_article,
    haystack,
    tag_counts,
    title_of,
)
from .store import BookmarkStore

Sort = Literal["article", "date"]


class Shelf:
    """A store plus a corpus: bookmarks with their current places, and the edits a user makes.

    Positions are re-anchored against the corpus each time the file changes; the
    file itself keeps the anchors as they were saved (an edit saves the current one).
    Removals can be undone for the life of the object.
    """

    def __init__(self, store: BookmarkStore, corpus: Corpus | None) -> None:
        self.store = store
        self.corpus = corpus
        self.anchorer = Anchorer(corpus)
        self._placed: list[Placed] = []
        self._placed_for: tuple[Bookmark, ...] | None = None
        self._removed: list[Bookmark] = []
        self._haystacks: dict[str, str] = {}  # what text filters search, by bookmark id

    @classmethod
    def open(cls, path: str | os.PathLike[str], corpus: Corpus | None) -> Shelf:
        """Read the bookmarks file at ``path`` (problems end up in ``notices``)."""
        return cls(BookmarkStore.open(path), corpus)

    # -- reading -----------------------------------------------------------

    @property
    def notices(self) -> list[str]:
        """One-line messages for the user from the last load (file moved aside, read-only…)."""
        return self.store.notices

    def take_notices(self) -> list[str]:
        """Messages for the user not yet shown (check after loading and after each change)."""
        return self.store.take_notices()

    def placed(self) -> list[Placed]:
        """Every bookmark with its current place, in file order."""
        if self._placed_for is not self.store.bookmarks:
            self._placed = self.anchorer.place_all(self.store.bookmarks)
            self._placed_for = self.store.bookmarks
            self._haystacks = {}
        return list(self._placed)

    def __len__(self) -> int:
        return len(self.store)

    def get(self, bookmark_id: str) -> Placed | None:
        return next((p for p in self.placed() if p.id == bookmark_id), None)

    def anchored(self) -> list[Placed]:
        return [p for p in self.placed() if not p.orphan]

    def orphans(self) -> list[Placed]:
        return [p for p in self.placed() if p.orphan]

    def in_article(self, article_id: str) -> list[Placed]:
        """The anchored bookmarks of one article, in reading order (for markers in the text)."""
        return by_position(p for p in self.placed() if p.article == article_id and not p.orphan)

    def by_paragraph(self, article_id: str) -> dict[int, list[Placed]]:
        """The anchored bookmarks of one article by current paragraph number."""
        out: dict[int, list[Placed]] = {}
        for item in self.in_article(article_id):
            out.setdefault(item.paragraph, []).append(item)
        return out

    def existing(
        self, article_id: str, paragraph: int, start: int | None = None, end: int | None = None
    ) -> Placed | None:
        """A bookmark already on exactly this passage (whole paragraph if no range), if any."""
        try:
            anchor = self.anchorer.anchor(article_id, paragraph, start, end)
        except AnchorError:
            return None
        for item in self.in_article(article_id):
            if (item.paragraph, item.start, item.end) == (paragraph, anchor.start, anchor.end):
                return item
        return None

    def query(
        self,
        text: str = "",
        tags: Iterable[str] = (),
        *,
        orphans: bool | None = None,
        sort: Sort = "article",
    ) -> list[Placed]:
        """Bookmarks matching ``text`` (quote, note, tags, title) and all ``tags``.

        ``sort="article"``: in reading order by article; ``"date"``: newest first.
        """
        placed = self.placed()
        if text.strip() and not self._haystacks:
            self._haystacks = {p.id: haystack(p, title_of(self.corpus, p.article)) for p in placed}
        found = filter_placed(
            placed,
            text=text,
            tags=tags,
            orphans=orphans,
            corpus=self.corpus,
            haystacks=self._haystacks,
        )
        return by_date(found) if sort == "date" else by_position(found, self.corpus)

    def groups(self, items: Iterable[Placed] | None = None) -> list[ArticleGroup]:
        """Anchored bookmarks (of ``items``, default all) grouped by article in corpus order."""
        items = self.anchored() if items is None else [p for p in items if not p.orphan]
        return group_by_article(items, self.corpus)

    def tags(self) -> list[tuple[str, int]]:
        """Tags in use, with counts, most used first."""
        return tag_counts(self.store.bookmarks)

    # -- changing ----------------------------------------------------------

    def add(
        self,
        article_id: str,
        paragraph: int,
        start: int | None = None,
        end: int | None = None,
        *,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Placed:
        """Bookmark a paragraph of the current text, or ``[start, end)`` within it.

        Raises AnchorError for a bad article, paragraph or range, and the store's
        errors (StoreWriteError, StoreReadOnly, StoreLocked) when it cannot be saved.
        """
        anchor = self.anchorer.anchor(article_id, paragraph, start, end)
        when = now_iso()
        mark = Bookmark(
            id=new_id(b.id for b in self.store.bookmarks),
            anchor=anchor,
            note=clean_note(note),
            tags=normalize_tags(tags),
            created=when,
            updated=when,
        )
        saved = self.store.add(mark)
        return self._placed_of(saved)

    def edit(
        self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Placed:
        """Change note and/or tags; the bookmark's current position is saved with them."""
        current = self.get(bookmark_id)
        if current is None:
            raise UnknownBookmark(f"no bookmark {bookmark_id!r}")
        anchor = None
        if current.location is not None:
            loc = current.location
            try:
                fresh = self.anchorer.anchor(current.article, loc.paragraph, loc.start, loc.end)
            except AnchorError:
                fresh = None
            if fresh is not None and fresh != current.bookmark.anchor:
                anchor = fresh
        saved = self.store.update(
            bookmark_id, note=note, tags=None if tags is None else list(tags), anchor=anchor
        )
        return self._placed_of(saved)

    def remove(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark; ``undo`` brings it back (until this object goes away)."""
        removed = self.store.remove(bookmark_id)
        self._removed.append(removed)
        return removed

    @property
    def can_undo(self) -> bool:
        return bool(self._removed)

    def undo(self) -> Placed | None:
        """Restore the most recently removed bookmark, with its id and times; None if none."""
        if not self._removed:
            return None
        mark = self._removed[-1]
        saved = self.store.restore(mark)
        self._removed.pop()
        return self._placed_of(saved)

    def restore_backup(self, path: str | os.PathLike[str] | None = None) -> int:
        """Merge a backup (default: the one offered, else ``bookmarks.yaml.bak``); count added."""
        return self.store.restore_backup(path)

    @property
    def offered_backup(self) -> Path | None:
        """A last-good backup to offer the user (kept when a bad file was moved aside)."""
        return self.store.offered_backup

    def dismiss_backup(self) -> None:
        """The user declined the offered backup: stop offering it (the file stays)."""
        self.store.dismiss_backup()

    def reload(self) -> None:
        """Read the file and the article texts again."""
        self.anchorer.forget()
        self._placed_for = None
        self.store.load()

    def use_corpus(self, corpus: Corpus | None) -> None:
        """Place the bookmarks in another corpus (or the same one, re-opened after changes)."""
        self.corpus = corpus
        self.anchorer = Anchorer(corpus)
        self._placed_for = None

    def refresh(self) -> bool:
        """Reload if another process changed the file; True if it did."""
        if self.store.changed_on_disk():
            self.reload()
            return True
        return False

    def _placed_of(self, mark: Bookmark) -> Placed:
        found = self.get(mark.id)
        return found if found is not None else self.anchorer.place(mark)

    # -- exporting ---------------------------------------------------------

    def export(self, fmt: str = "md", items: Sequence[Placed] | None = None) -> str:
        """Bookmarks (default: all) as Markdown, JSON or CSV text."""
        return export_text(self.placed() if items is None else items, fmt, self.corpus)

    def export_to(
        self,
        path: str | os.PathLike[str],
        fmt: str | None = None,
        items: Sequence[Placed] | None = None,
    ) -> str:
        """Write an export atomically (format from ``fmt``, else the suffix, else Markdown)."""
        try:
            return export_file(path, self.placed() if items is None else items, fmt, self.corpus)
        except OSError as error:
            raise BookmarkError(f"cannot write {path}: {error.strerror or error}") from error
