"""Bookmarking from the main screen: b/B in an article, the Bookmarks tab, undo, export.

``BookmarksController`` holds the shelf's state for the screen. The shelf lives in a
``ShelfKeeper`` (jobs run in order in thread workers); each job hands back a snapshot of
the placed bookmarks, from which the tab's list and the gutter markers of every open
pane are redrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from ...widgets.article_pane import ArticlePane
from ...widgets.article_view import ArticleView
from ...widgets.bookmarks_panel import BookmarksList
from .passage import Passage, cursor_passage, quoted

# The bookmarks core, the shelf's worker and the dialogs are imported where they are
# first used (the shelf opens after the first frame), not here: start-up time.
if TYPE_CHECKING:
    from ....core.bookmarks import Bookmark, Placed
    from ....core.corpus.collection import Corpus
    from ...bookmarks_worker import ShelfDone, ShelfKeeper
    from ...dialogs.bookmark_edit import BookmarkEdit
    from ...dialogs.export import ExportRequest
    from .host import Host

#: Keys of the main screen for bookmarks (the list adds e, d, o, f of its own).


class BookmarksController:
    """The shelf, its snapshot, and what the bookmark keys of the main screen do."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self._keeper: ShelfKeeper | None = None
        self.bookmarks: Sequence[Placed] = ()  # the last snapshot (replaced, never changed)
        self._marked: Mapping[str, frozenset[int]] = MappingProxyType({})  # article → ¶s
        self._ranges: Mapping[str, Mapping[int, list[tuple[int, int]]]] = MappingProxyType({})
        self.shelf_ready = False
        self._backup_offer: str | None = None

    # -- start-up --------------------------------------------------------------

    @property
    def keeper(self) -> ShelfKeeper:
        if self._keeper is None:
            from ...bookmarks_worker import ShelfKeeper

            self._keeper = ShelfKeeper(self.host)
        return self._keeper

    def corpus_ready(self, corpus: Corpus) -> None:
        """The folder has been scanned: the shelf opens (or follows) this corpus."""
        self.keeper.open(
            self.host.reader.collection.bookmarks_file, corpus, then=self._shelf_opened
        )

    def _shelf_opened(self, count: int) -> None:
        self.shelf_ready = True
        if self._backup_offer:
            self.host.notify(
                "A backup of your bookmarks is offered: Restore or Dismiss it at the top of "
                "the Bookmarks tab (3), or R to restore",
                timeout=10,
                markup=False,
            )

    def shelf_done(self, message: ShelfDone) -> None:
        """A shelf job is done (UI thread): the snapshot shown, its follow-up run."""
        if message.placed is not None:
            self._take_snapshot(message.placed)
            self._backup_offer = message.offered_backup
            self.host.bookmarks_panel.set_backup_offer(message.offered_backup)
        for notice in message.notices:
            self.host.notify(notice, severity="warning", timeout=12, markup=False)
        if message.error is not None:
            self.host.notify(message.error, severity="error", timeout=8, markup=False)
        elif message.then is not None:
            message.then(message.result)

    def _take_snapshot(self, placed: list[Placed]) -> None:
        self.bookmarks = placed
        marked: dict[str, set[int]] = {}
        ranges: dict[str, dict[int, list[tuple[int, int]]]] = {}
        for item in placed:
            if not item.orphan:
                marked.setdefault(item.article, set()).add(item.paragraph)
                if not item.bookmark.anchor.whole_paragraph:  # the words, not the paragraph
                    spans = ranges.setdefault(item.article, {}).setdefault(item.paragraph, [])
                    spans.append((item.start, item.end))
        self._marked = MappingProxyType({a: frozenset(ps) for a, ps in marked.items()})
        self._ranges = MappingProxyType(ranges)
        for pane in self.host.panes:
            self.mark_view(pane.view)
        self.host.bookmarks_panel.show_bookmarks(placed, self.host.reader.corpus)

    def mark_view(self, view: ArticleView) -> None:
        article = view.article
        wanted = self._marked.get(article.id, frozenset()) if article else frozenset()
        if view.bookmarked != wanted:
            view.set_bookmarked(wanted)
        spans = self._ranges.get(article.id, {}) if article else {}
        if view.marks("bookmark-range") != {p: sorted(s) for p, s in spans.items()}:
            view.set_marks("bookmark-range", dict(spans))

    def tab_shown(self, name: str | None) -> None:
        """A left tab was shown: the Bookmarks tab reads the shelf again."""
        if name == "bookmarks" and self.shelf_ready:
            self.keeper.run(lambda shelf: shelf.refresh())  # another kzreader may have written

    # -- what the keys act on --------------------------------------------------

    def _in_list(self) -> bool:
        return isinstance(self.host.focused, BookmarksList)

    def _in_article(self) -> bool:
        focused = self.host.focused
        return focused is not None and any(
            isinstance(node, ArticlePane) for node in focused.ancestors_with_self
        )

    def _cursor_passage(self) -> Passage | None:
        """The cursor's paragraph, or the words selected in it (v)."""
        passage = cursor_passage(self.host.active_view)
        if passage is None:
            self.host.notify(
                "Open an article first: b bookmarks the paragraph under the cursor", timeout=4
            )
        return passage

    def _existing(self, passage: Passage) -> Placed | None:
        """A bookmark already there: any on the paragraph for a whole one, else the same words."""
        on = self._on_paragraph(passage.article, passage.paragraph)
        if passage.start is None:
            return on[0] if on else None
        return next((p for p in on if (p.start, p.end) == (passage.start, passage.end)), None)

    def _on_paragraph(self, article: str, paragraph: int) -> list[Placed]:
        return [
            p for p in self.bookmarks
            if p.article == article and p.paragraph == paragraph and not p.orphan
        ]  # fmt: skip

    def _target(self) -> Placed | None:
        """The bookmark an edit or delete is for: the list's, else the article cursor's."""
        if self._in_list():
            item = self.host.bookmarks_panel.highlighted
            if item is None:
                self.host.notify("No bookmark highlighted", timeout=2)
            return item
        view = self.host.active_view
        if not self._in_article() or view.article is None or view.cursor is None:
            self.host.notify("Pick a bookmark in the Bookmarks tab (3) or in an article", timeout=3)
            return None
        found = self._on_paragraph(view.article.id, view.cursor)
        if not found:
            self.host.notify(f"¶{view.cursor} has no bookmark (b adds one)", timeout=3)
            return None
        return found[0]

    def _ready(self) -> bool:
        if not self.shelf_ready:
            self.host.notify("The bookmarks are still loading; try again in a moment", timeout=3)
        return self.shelf_ready

    # -- actions -----------------------------------------------------------------

    def bookmark(self) -> None:
        """Bookmark the paragraph under the cursor (once: a second b says it is there)."""
        where = self._cursor_passage()
        if where is None or not self._ready():
            return
        if self._existing(where) is not None:
            what = "These words are" if where.start is not None else f"¶{where.paragraph} is"
            self.host.notify(
                f"{what} already bookmarked: B edits its note and tags, d deletes it",
                timeout=4,
            )
            return
        self._add(where)

    def bookmark_note(self) -> None:
        """Bookmark the cursor's paragraph with a note and tags (or edit the one there)."""
        where = self._cursor_passage()
        if where is None or not self._ready():
            return
        existing = self._existing(where)
        if existing is not None:
            self._edit(existing)
            return

        def save(edit: BookmarkEdit | None) -> None:
            if edit is not None:
                self._add(where, note=edit.note, tags=edit.tags)

        self._dialog(f"Bookmark ¶{where.paragraph}", where.quote, save)

    def bookmark_edit(self) -> None:
        if self._ready() and (item := self._target()) is not None:
            self._edit(item)

    def bookmark_delete(self) -> None:
        if not self._ready() or (item := self._target()) is None:
            return

        def deleted(mark: Bookmark) -> None:
            self.host.notify(
                f"Deleted the bookmark of ¶{item.paragraph} {quoted(mark)} · u or ctrl+z undoes",
                timeout=6,
                markup=False,
            )

        self.keeper.run(lambda shelf: shelf.remove(item.id), deleted)

    def bookmark_undo(self) -> None:
        if not self._ready():
            return

        def undone(placed: Placed | None) -> None:
            if placed is None:
                self.host.notify(
                    "Nothing to undo: no bookmark was deleted in this session", timeout=3
                )
                return
            self.host.bookmarks_panel.select(placed.id)
            self.host.notify(
                f"Restored the bookmark of ¶{placed.paragraph} {quoted(placed)}",
                timeout=4,
                markup=False,
            )

        self.keeper.run(lambda shelf: shelf.undo(), undone)

    def bookmarks_grouping(self) -> None:
        order = self.host.bookmarks_panel.toggle_sort()
        self.host.notify(
            "Bookmarks by article" if order == "article" else "Bookmarks newest first", timeout=2
        )

    def bookmarks_everywhere(self) -> None:
        """A: show (or hide) the bookmarks of every other collection below this one's."""
        panel = self.host.bookmarks_panel
        self.host.show_tab("bookmarks")
        if panel.others is not None:
            panel.show_others(None)
            self.host.notify("Bookmarks of this collection only", timeout=2)
            return
        self._elsewhere()

    def _elsewhere(self) -> None:
        self.host.run_in_thread(
            self._elsewhere_in_thread, group="bookmarks-elsewhere", name="_bm_elsewhere"
        )

    def _elsewhere_in_thread(self) -> None:
        from ....core.bookmarks.everywhere import all_shelves
        from ...widgets.bookmarks_panel import Elsewhere

        app = self.host.reader
        others = [
            Elsewhere(item.title, str(item.folder or ""), item.placed(), item.shelf.corpus)
            for item in all_shelves(app.paths)
            if item.id != app.collection.id
        ]
        count = sum(len(o.placed) for o in others)
        app.call_from_thread(self.host.bookmarks_panel.show_others, others)
        app.call_from_thread(
            self.host.notify,
            f"With all collections: {count} more bookmark(s) in {len(others)} other(s)",
            timeout=3,
        )

    def bookmarks_filter(self) -> None:
        self.host.show_tab("bookmarks")
        self.host.bookmarks_panel.filter_input.focus()

    def bookmarks_export(self) -> None:
        if not self._ready():
            return
        count = len(self.bookmarks)
        if not count:
            self.host.notify("No bookmarks to export yet", timeout=3)
            return

        from ...dialogs.export import ExportBookmarksScreen, shown_path

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return

            def written(fmt: str) -> None:
                self.host.notify(
                    f"Exported {count} bookmark{'s' if count != 1 else ''} to "
                    f"{shown_path(request.path)} ({fmt})",
                    timeout=6,
                    markup=False,
                )

            self.keeper.run(lambda shelf: shelf.export_to(request.path, request.fmt), written)

        self.host.reader.push_screen(ExportBookmarksScreen(count), chosen)

    def backup_choice(self, restore: bool) -> None:
        """Restore the offered backup, or dismiss it for good."""
        if not self._ready():
            return
        if not self._backup_offer:
            self.host.notify("No bookmarks backup is on offer", timeout=3)
            return
        if not restore:
            self.keeper.run(
                lambda shelf: shelf.dismiss_backup(),
                lambda _: self.host.notify(
                    "The backup stays on disk; it will not be offered again", timeout=4
                ),
            )
            return

        def restored(added: int) -> None:
            self.host.notify(
                f"Restored {added} bookmark{'s' if added != 1 else ''} from the backup", timeout=5
            )

        self.keeper.run(lambda shelf: shelf.restore_backup(), restored)

    # -- helpers -------------------------------------------------------------------

    def _add(self, where: Passage, *, note: str = "", tags: tuple[str, ...] = ()) -> None:
        def added(placed: Placed) -> None:
            where.view.clear_selection()
            self.host.bookmarks_panel.select(placed.id)
            extra = "" if note or tags else " · B adds a note"
            what = "words of " if where.start is not None else ""
            self.host.notify(f"Bookmarked {what}¶{placed.paragraph}{extra}", timeout=3)

        self.keeper.run(
            lambda shelf: shelf.add(
                where.article, where.paragraph, where.start, where.end, note=note, tags=tags
            ),
            added,
        )

    def _edit(self, item: Placed) -> None:
        mark = item.bookmark

        def save(edit: BookmarkEdit | None) -> None:
            if edit is None or (edit.note == mark.note and edit.tags == mark.tags):
                return
            self.keeper.run(
                lambda shelf: shelf.edit(item.id, note=edit.note, tags=edit.tags),
                lambda placed: self.host.notify(
                    f"Saved the note of ¶{placed.paragraph}", timeout=3
                ),
            )

        self._dialog(
            f"Edit bookmark ¶{item.paragraph}", mark.quote, save, note=mark.note, tags=mark.tags
        )

    def _dialog(
        self,
        title: str,
        quote: str,
        then: Callable[[BookmarkEdit | None], None],
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
    ) -> None:
        from ....core.bookmarks import tag_counts
        from ...dialogs.bookmark_edit import BookmarkEditScreen

        known = tuple(tag for tag, _ in tag_counts(self.bookmarks))
        screen = BookmarkEditScreen(
            title=title, quote=quote, note=note, tags=tags, known_tags=known
        )
        self.host.reader.push_screen(screen, then)


__all__ = ["BookmarksController"]
