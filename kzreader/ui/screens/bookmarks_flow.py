"""Bookmarking from the main screen: b/B in an article, the Bookmarks tab, undo, export.

A mixin of the main screen. The shelf lives in a ``ShelfKeeper`` (jobs run in order in
thread workers); each job hands back a snapshot of the placed bookmarks, from which the
tab's list and the gutter markers of every open pane are redrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from textual import work
from textual.binding import Binding
from textual.widgets import TabbedContent

from ..widgets.article_pane import ArticlePane
from ..widgets.article_view import ArticleView
from ..widgets.bookmarks_panel import BookmarksList, BookmarksPanel, short

# The bookmarks core, the shelf's worker and the dialogs are imported where they are
# first used (the shelf opens after the first frame), not here: start-up time.
if TYPE_CHECKING:
    from ...core.bookmarks import Bookmark, Placed
    from ...core.corpus import Corpus
    from ..bookmarks_worker import ShelfDone, ShelfKeeper
    from .bookmark_edit import BookmarkEdit
    from .export_bookmarks import ExportRequest

#: Keys of the main screen for bookmarks (the list adds e, d, o, f of its own).
BOOKMARK_BINDINGS = [
    Binding("b", "bookmark", "Bookmark", id="kz.bookmark", show=False),
    Binding("B", "bookmark_note", "Bookmark with a note", id="kz.bookmark_note", show=False),
    Binding("d", "bookmark_delete", "Delete bookmark", id="kz.bookmark_delete", show=False),
    Binding("u,ctrl+z", "bookmark_undo", "Undo delete", id="kz.bookmark_undo", show=False),
    Binding("x", "bookmarks_export", "Export bookmarks", id="kz.bookmarks_export", show=False),
    Binding(
        "R",
        "bookmarks_restore_backup",
        "Restore bookmarks backup",
        id="kz.bookmarks_restore_backup",
        show=False,
    ),
]

QUOTE_IN_MESSAGE = 50


class _Passage(NamedTuple):
    """What b bookmarks: a paragraph, or the words selected in it."""

    view: ArticleView
    article: str
    paragraph: int
    start: int | None
    end: int | None
    quote: str


def _quoted(mark: Bookmark | Placed) -> str:
    from ...core.bookmarks import Placed

    quote = mark.bookmark.quote if isinstance(mark, Placed) else mark.quote
    return "“" + short(quote, QUOTE_IN_MESSAGE) + "”"


class BookmarksFlow:
    """The shelf, its snapshot, and the bookmark actions of the main screen."""

    panes: list[ArticlePane]
    active_view: ArticleView
    focused: Any
    app: Any
    notify: Callable[..., None]
    query_one: Callable[..., Any]

    _bm_keeper: ShelfKeeper | None = None
    bookmarks: Sequence[Placed] = ()  # the last snapshot (UI thread; replaced, never changed)
    _bm_marked: Mapping[str, frozenset[int]] = MappingProxyType({})  # article → marked paragraphs
    _bm_ranges: Mapping[str, Mapping[int, list[tuple[int, int]]]] = MappingProxyType({})
    _bm_shelf_ready = False
    _bm_backup_offer: str | None = None

    # -- start-up --------------------------------------------------------------

    @property
    def keeper(self) -> ShelfKeeper:
        if self._bm_keeper is None:
            from ..bookmarks_worker import ShelfKeeper

            self._bm_keeper = ShelfKeeper(self)  # type: ignore[arg-type]
        return self._bm_keeper

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        return self.query_one(BookmarksPanel)

    def _bm_corpus_ready(self, corpus: Corpus) -> None:
        """The folder has been scanned: the shelf opens (or follows) this corpus."""
        self.keeper.open(self.app.collection.bookmarks_file, corpus, then=self._bm_shelf_opened)

    def _bm_shelf_opened(self, count: int) -> None:
        self._bm_shelf_ready = True
        if self._bm_backup_offer:
            self.notify(
                "A backup of your bookmarks is offered: Restore or Dismiss it at the top of "
                "the Bookmarks tab (3), or R to restore",
                timeout=10,
                markup=False,
            )

    def on_shelf_done(self, message: ShelfDone) -> None:
        message.stop()
        if message.placed is not None:
            self._bm_take_snapshot(message.placed)
            self._bm_backup_offer = message.offered_backup
            self.bookmarks_panel.set_backup_offer(message.offered_backup)
        for notice in message.notices:
            self.notify(notice, severity="warning", timeout=12, markup=False)
        if message.error is not None:
            self.notify(message.error, severity="error", timeout=8, markup=False)
        elif message.then is not None:
            message.then(message.result)

    def _bm_take_snapshot(self, placed: list[Placed]) -> None:
        self.bookmarks = placed
        marked: dict[str, set[int]] = {}
        ranges: dict[str, dict[int, list[tuple[int, int]]]] = {}
        for item in placed:
            if not item.orphan:
                marked.setdefault(item.article, set()).add(item.paragraph)
                if not item.bookmark.anchor.whole_paragraph:  # the words, not the paragraph
                    spans = ranges.setdefault(item.article, {}).setdefault(item.paragraph, [])
                    spans.append((item.start, item.end))
        self._bm_marked = MappingProxyType({a: frozenset(ps) for a, ps in marked.items()})
        self._bm_ranges = MappingProxyType(ranges)
        for pane in self.panes:
            self._bm_mark_view(pane.view)
        self.bookmarks_panel.show_bookmarks(placed, self.app.corpus)

    def _bm_mark_view(self, view: ArticleView) -> None:
        article = view.article
        wanted = self._bm_marked.get(article.id, frozenset()) if article else frozenset()
        if view.bookmarked != wanted:
            view.set_bookmarked(wanted)
        spans = self._bm_ranges.get(article.id, {}) if article else {}
        if view.marks("bookmark-range") != {p: sorted(s) for p, s in spans.items()}:
            view.set_marks("bookmark-range", dict(spans))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "bookmarks" and self._bm_shelf_ready:
            self.keeper.run(lambda shelf: shelf.refresh())  # another kzreader may have written

    # -- what the keys act on --------------------------------------------------

    def _bm_in_list(self) -> bool:
        return isinstance(self.focused, BookmarksList)

    def _bm_in_article(self) -> bool:
        focused = self.focused
        return focused is not None and any(
            isinstance(node, ArticlePane) for node in focused.ancestors_with_self
        )

    def _bm_cursor_passage(self) -> _Passage | None:
        """The cursor's paragraph, or the words selected in it (v)."""
        view = self.active_view
        if view.article is None or view.cursor is None:
            self.notify(
                "Open an article first: b bookmarks the paragraph under the cursor", timeout=4
            )
            return None
        text = view.article.paragraph(view.cursor).text
        selection = view.current_selection
        if selection is None or selection.whole():
            return _Passage(view, view.article.id, view.cursor, None, None, text)
        start, end = selection.span
        return _Passage(view, view.article.id, view.cursor, start, end, text[start:end])

    def _bm_existing(self, passage: _Passage) -> Placed | None:
        """A bookmark already there: any on the paragraph for a whole one, else the same words."""
        on = self._bm_on_paragraph(passage.article, passage.paragraph)
        if passage.start is None:
            return on[0] if on else None
        return next((p for p in on if (p.start, p.end) == (passage.start, passage.end)), None)

    def _bm_on_paragraph(self, article: str, paragraph: int) -> list[Placed]:
        return [
            p for p in self.bookmarks
            if p.article == article and p.paragraph == paragraph and not p.orphan
        ]  # fmt: skip

    def _bm_target(self) -> Placed | None:
        """The bookmark an edit or delete is for: the list's, else the article cursor's."""
        if self._bm_in_list():
            item = self.bookmarks_panel.highlighted
            if item is None:
                self.notify("No bookmark highlighted", timeout=2)
            return item
        view = self.active_view
        if not self._bm_in_article() or view.article is None or view.cursor is None:
            self.notify("Pick a bookmark in the Bookmarks tab (3) or in an article", timeout=3)
            return None
        found = self._bm_on_paragraph(view.article.id, view.cursor)
        if not found:
            self.notify(f"¶{view.cursor} has no bookmark (b adds one)", timeout=3)
            return None
        return found[0]

    def _bm_ready(self) -> bool:
        if not self._bm_shelf_ready:
            self.notify("The bookmarks are still loading; try again in a moment", timeout=3)
        return self._bm_shelf_ready

    # -- actions -----------------------------------------------------------------

    def action_bookmark(self) -> None:
        """Bookmark the paragraph under the cursor (once: a second b says it is there)."""
        where = self._bm_cursor_passage()
        if where is None or not self._bm_ready():
            return
        if self._bm_existing(where) is not None:
            what = "These words are" if where.start is not None else f"¶{where.paragraph} is"
            self.notify(
                f"{what} already bookmarked: B edits its note and tags, d deletes it",
                timeout=4,
            )
            return
        self._bm_add(where)

    def action_bookmark_note(self) -> None:
        """Bookmark the cursor's paragraph with a note and tags (or edit the one there)."""
        where = self._bm_cursor_passage()
        if where is None or not self._bm_ready():
            return
        existing = self._bm_existing(where)
        if existing is not None:
            self._bm_edit(existing)
            return

        def save(edit: BookmarkEdit | None) -> None:
            if edit is not None:
                self._bm_add(where, note=edit.note, tags=edit.tags)

        self._bm_dialog(f"Bookmark ¶{where.paragraph}", where.quote, save)

    def action_bookmark_edit(self) -> None:
        if self._bm_ready() and (item := self._bm_target()) is not None:
            self._bm_edit(item)

    def action_bookmark_delete(self) -> None:
        if not self._bm_ready() or (item := self._bm_target()) is None:
            return

        def deleted(mark: Bookmark) -> None:
            self.notify(
                f"Deleted the bookmark of ¶{item.paragraph} {_quoted(mark)} · u or ctrl+z undoes",
                timeout=6,
                markup=False,
            )

        self.keeper.run(lambda shelf: shelf.remove(item.id), deleted)

    def action_bookmark_undo(self) -> None:
        if not self._bm_ready():
            return

        def undone(placed: Placed | None) -> None:
            if placed is None:
                self.notify("Nothing to undo: no bookmark was deleted in this session", timeout=3)
                return
            self.bookmarks_panel.select(placed.id)
            self.notify(
                f"Restored the bookmark of ¶{placed.paragraph} {_quoted(placed)}",
                timeout=4,
                markup=False,
            )

        self.keeper.run(lambda shelf: shelf.undo(), undone)

    def action_bookmarks_grouping(self) -> None:
        order = self.bookmarks_panel.toggle_sort()
        self.notify(
            "Bookmarks by article" if order == "article" else "Bookmarks newest first", timeout=2
        )

    def action_bookmarks_everywhere(self) -> None:
        """A: show (or hide) the bookmarks of every other collection below this one's."""
        panel = self.bookmarks_panel
        self.query_one(TabbedContent).active = "bookmarks"
        if panel.others is not None:
            panel.show_others(None)
            self.notify("Bookmarks of this collection only", timeout=2)
            return
        self._bm_elsewhere()

    @work(thread=True, group="bookmarks-elsewhere", exclusive=True, exit_on_error=False)
    def _bm_elsewhere(self) -> None:
        from ...core.bookmarks.everywhere import all_shelves
        from ..widgets.bookmarks_panel import Elsewhere

        app = self.app
        others = [
            Elsewhere(item.title, str(item.folder or ""), item.placed(), item.shelf.corpus)
            for item in all_shelves(app.paths)
            if item.id != app.collection.id
        ]
        count = sum(len(o.placed) for o in others)
        app.call_from_thread(self.bookmarks_panel.show_others, others)
        app.call_from_thread(
            self.notify,
            f"With all collections: {count} more bookmark(s) in {len(others)} other(s)",
            timeout=3,
        )

    def action_bookmarks_filter(self) -> None:
        self.query_one(TabbedContent).active = "bookmarks"
        self.bookmarks_panel.filter_input.focus()

    def action_bookmarks_export(self) -> None:
        if not self._bm_ready():
            return
        count = len(self.bookmarks)
        if not count:
            self.notify("No bookmarks to export yet", timeout=3)
            return

        from .export_bookmarks import ExportBookmarksScreen, shown_path

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return

            def written(fmt: str) -> None:
                self.notify(
                    f"Exported {count} bookmark{'s' if count != 1 else ''} to "
                    f"{shown_path(request.path)} ({fmt})",
                    timeout=6,
                    markup=False,
                )

            self.keeper.run(lambda shelf: shelf.export_to(request.path, request.fmt), written)

        self.app.push_screen(ExportBookmarksScreen(count), chosen)

    def action_bookmarks_restore_backup(self) -> None:
        self._bm_backup_choice(True)

    def on_bookmarks_panel_backup_choice(self, message: BookmarksPanel.BackupChoice) -> None:
        message.stop()
        self._bm_backup_choice(message.restore)

    def _bm_backup_choice(self, restore: bool) -> None:
        if not self._bm_ready():
            return
        if not self._bm_backup_offer:
            self.notify("No bookmarks backup is on offer", timeout=3)
            return
        if not restore:
            self.keeper.run(
                lambda shelf: shelf.dismiss_backup(),
                lambda _: self.notify(
                    "The backup stays on disk; it will not be offered again", timeout=4
                ),
            )
            return

        def restored(added: int) -> None:
            self.notify(
                f"Restored {added} bookmark{'s' if added != 1 else ''} from the backup", timeout=5
            )

        self.keeper.run(lambda shelf: shelf.restore_backup(), restored)

    # -- helpers -------------------------------------------------------------------

    def _bm_add(self, where: _Passage, *, note: str = "", tags: tuple[str, ...] = ()) -> None:
        def added(placed: Placed) -> None:
            where.view.clear_selection()
            self.bookmarks_panel.select(placed.id)
            extra = "" if note or tags else " · B adds a note"
            what = "words of " if where.start is not None else ""
            self.notify(f"Bookmarked {what}¶{placed.paragraph}{extra}", timeout=3)

        self.keeper.run(
            lambda shelf: shelf.add(
                where.article, where.paragraph, where.start, where.end, note=note, tags=tags
            ),
            added,
        )

    def _bm_edit(self, item: Placed) -> None:
        mark = item.bookmark

        def save(edit: BookmarkEdit | None) -> None:
            if edit is None or (edit.note == mark.note and edit.tags == mark.tags):
                return
            self.keeper.run(
                lambda shelf: shelf.edit(item.id, note=edit.note, tags=edit.tags),
                lambda placed: self.notify(f"Saved the note of ¶{placed.paragraph}", timeout=3),
            )

        self._bm_dialog(
            f"Edit bookmark ¶{item.paragraph}", mark.quote, save, note=mark.note, tags=mark.tags
        )

    def _bm_dialog(
        self,
        title: str,
        quote: str,
        then: Callable[[BookmarkEdit | None], None],
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
    ) -> None:
        from ...core.bookmarks import tag_counts
        from .bookmark_edit import BookmarkEditScreen

        known = tuple(tag for tag, _ in tag_counts(self.bookmarks))
        screen = BookmarkEditScreen(
            title=title, quote=quote, note=note, tags=tags, known_tags=known
        )
        self.app.push_screen(screen, then)


__all__ = ["BOOKMARK_BINDINGS", "BookmarksFlow"]
