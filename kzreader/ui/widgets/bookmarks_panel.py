"""The Bookmarks tab: every bookmarked passage, filtered by words and #tags, by article or date.

The panel shows a snapshot of placed bookmarks handed to it by the main screen (which
keeps the shelf in a worker); it never reads the shelf itself. Editing, deleting and
exporting are the screen's actions (``screen.bookmark_*``), so the same keys work from
the article and the palette.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from .. import bindings
from ..messages import GoBack, OpenArticle

if TYPE_CHECKING:
    from ...core.bookmarks import Placed

QUOTE_CHARS = 150  # at most, of a quote shown in the list (about three lines of it)
NOTE_CHARS = 120
FILTER_DELAY = 0.08  # seconds of typing pause before the list is rebuilt


class Elsewhere(NamedTuple):
    """Another collection's bookmarks, placed in its own articles (``corpus``)."""

    title: str
    folder: str
    placed: list[Placed]
    corpus: Any


def short(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "…"


class BookmarksFilter(Input):
    """Words and #tags narrow the list; down or Enter moves into it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.BOOKMARKS_FILTER)

    def action_to_list(self) -> None:
        self.query_ancestor(BookmarksPanel).list.focus()

    def action_clear(self) -> None:
        self.value = ""
        self.query_ancestor(BookmarksPanel).list.focus()


class BookmarksList(OptionList):
    """Bookmarked passages; Enter opens the article at the passage."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.BOOKMARKS_LIST)

    def action_back(self) -> None:
        self.post_message(GoBack())


class BookmarksPanel(Vertical):
    """Backup offer, filter box, a status line and the list."""

    class BackupChoice(Message):
        """The user chose to restore (True) or dismiss (False) the offered backup."""

        def __init__(self, restore: bool) -> None:
            super().__init__()
            self.restore = restore

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placed: list[Placed] = []
        self.corpus: Any = None
        self.sort = "article"  # or "date"
        self.shown: list[Placed] = []
        self.loaded = False
        self._haystacks: dict[str, str] = {}
        self._timer: Timer | None = None
        self._width = 0  # the list's width when last filled (quotes are cut to fit it)
        #: Other collections' bookmarks, shown below this one's when asked for (A):
        #: None when not shown.
        self.others: list[Elsewhere] | None = None
        self._other_items: dict[str, tuple[Elsewhere, Placed]] = {}  # option id → which

    def compose(self) -> ComposeResult:
        # The backup offer (rare) is mounted when first made: see set_backup_offer.
        yield BookmarksFilter(placeholder="filter: words, #tag", compact=True)
        yield Static("Loading the bookmarks…", id="bookmarks-status", markup=False)
        yield BookmarksList(id="bookmarks-list")

    @property
    def list(self) -> BookmarksList:
        return self.query_one(BookmarksList)

    @property
    def filter_input(self) -> BookmarksFilter:
        return self.query_one(BookmarksFilter)

    @property
    def highlighted(self) -> Placed | None:
        """The bookmark under the list's cursor (None on a heading or an empty list)."""
        option = self.list.highlighted_option
        if option is None or not option.id or option.id.startswith("\t"):
            return None
        return next((p for p in self.shown if p.id == option.id), None)

    # -- content -------------------------------------------------------------

    def show_bookmarks(self, placed: Sequence[Placed], corpus: Any) -> None:
        """Show these bookmarks (a fresh snapshot), keeping the filter and the cursor."""
        self.placed = list(placed)
        self.corpus = corpus
        self.loaded = True
        self._haystacks = {}
        self.rebuild()

    def set_backup_offer(self, path: str | None) -> None:
        """Show the offer to restore the backup at ``path`` above the list (None: hide it).

        The banner is mounted the first time it is shown, not with the panel: its buttons
        would be styled (and their CSS parsed) before the first frame for an offer that is
        almost never made.
        """
        banner = next(iter(self.query("#bookmarks-backup")), None)
        if path is None:
            if banner is not None:
                banner.add_class("-hidden")
            return
        text = (
            "The bookmarks file could not be read; a backup of the last good one is "
            f"kept ({Path(path).name}). Restore merges it back in."
        )
        if banner is None:
            self.mount(
                Vertical(
                    Static(text, id="bookmarks-backup-text", markup=False),
                    Horizontal(
                        Button("Restore", id="bookmarks-restore", compact=True, variant="primary"),
                        Button("Dismiss", id="bookmarks-dismiss", compact=True),
                        id="bookmarks-backup-buttons",
                    ),
                    id="bookmarks-backup",
                ),
                before=0,
            )
            return
        banner.remove_class("-hidden")
        self.query_one("#bookmarks-backup-text", Static).update(text)

    def show_others(self, others: builtins.list[Elsewhere] | None) -> None:
        """Show the bookmarks of other collections below this one's (None: hide them)."""
        self.others = others
        self.rebuild()

    def other_at(self, option_id: str | None) -> tuple[Elsewhere, Placed] | None:
        """The collection and bookmark when the option is another collection's bookmark."""
        return self._other_items.get(option_id or "")

    def toggle_sort(self) -> str:
        self.sort = "date" if self.sort == "article" else "article"
        self.rebuild()
        return self.sort

    def select(self, bookmark_id: str) -> None:
        """Put the list's cursor on a bookmark, if it is shown."""
        with contextlib.suppress(OptionDoesNotExist):  # filtered out
            self.list.highlighted = self.list.get_option_index(bookmark_id)

    def matching(self) -> builtins.list[Placed]:
        """The bookmarks the filter lets through, in the panel's order."""
        # The bookmarks core is imported on first use: the first frame does not need it.
        from ...core.bookmarks.query import haystack, parse_filter, title_of

        text, _ = parse_filter(self.filter_input.value)
        if text and not self._haystacks:
            self._haystacks = {
                p.id: haystack(p, title_of(self.corpus, p.article)) for p in self.placed
            }
        return self._filtered(self.placed, self._haystacks)

    def _filtered(
        self, placed: builtins.list[Placed], haystacks: dict[str, str] | None
    ) -> builtins.list[Placed]:
        from ...core.bookmarks.query import filter_placed, parse_filter, typed_tag_matches

        text, tags = parse_filter(self.filter_input.value)
        found = placed
        if tags:
            known = {t.casefold() for p in placed for t in p.bookmark.tags}
            found = [p for p in found if all(typed_tag_matches(p, t, known) for t in tags)]
        if text:
            found = filter_placed(found, text=text, haystacks=haystacks)
        return found

    def rebuild(self) -> None:
        """Fill the list from the snapshot, the filter and the grouping."""
        from ...core.bookmarks.query import by_date, by_position, group_by_article

        keep = self.highlighted
        listing = self.list
        found = self.matching()
        self._width = listing.size.width
        anchored = [p for p in found if not p.orphan]
        orphans = by_position([p for p in found if p.orphan], self.corpus)
        options: builtins.list[Option | None] = []
        if self.sort == "article":
            groups = group_by_article(anchored, self.corpus)
            for group in groups:
                count = len(group.items)
                options.append(
                    Option(
                        Content.assemble((group.title, "bold"), (f"  {count}", "dim")),
                        id=f"\ta\t{group.article}",
                        disabled=True,
                    )
                )
                self._add_items(options, group.items, with_title=False)
            shown = [p for group in groups for p in group.items]
        else:
            shown = by_date(anchored)
            self._add_items(options, shown, with_title=True)
        if orphans:
            options.append(
                Option(
                    Content.assemble(
                        ("Orphans", "bold $text-warning"),
                        (f"  {len(orphans)} not found in the current text", "dim"),
                    ),
                    id="\to",
                    disabled=True,
                )
            )
            self._add_items(options, orphans, with_title=True)
        self.shown = shown + orphans
        self._add_others(options)
        listing.set_options(options)
        self._status(len(found))
        if keep is not None and any(p.id == keep.id for p in self.shown):
            self.select(keep.id)
        elif self.shown:
            self.select(self.shown[0].id)

    def _add_others(self, options: builtins.list[Option | None]) -> None:
        """Other collections' bookmarks, each collection under its folder's name."""
        self._other_items = {}
        if self.others is None:
            return
        if not self.others:
            options.append(
                Option(Content.styled("No bookmarks in other collections", "dim"), id="\tn")
            )
        for n, other in enumerate(self.others):
            found = self._filtered(other.placed, None)
            options.append(
                Option(
                    Content.assemble(
                        (other.title, "bold $text-accent"),
                        (f"  {other.folder}  {len(found)}", "dim"),
                    ),
                    id=f"\tc\t{n}",
                    disabled=True,
                )
            )
            for m, item in enumerate(found):
                if m:
                    options.append(None)
                option = self._option(
                    item, with_title=True, key=f"{n}\t{item.id}", corpus=other.corpus
                )
                self._other_items[option.id or ""] = (other, item)
                options.append(option)

    def _add_items(
        self, options: builtins.list[Option | None], items: Sequence[Placed], *, with_title: bool
    ) -> None:
        """Items with a rule between them (under a heading, the heading is the rule)."""
        for n, item in enumerate(items):
            if n:
                options.append(None)
            options.append(self._option(item, with_title=with_title))

    def _option(
        self, item: Placed, *, with_title: bool, key: str | None = None, corpus: Any = None
    ) -> Option:
        from ...core.bookmarks.query import title_of

        mark = item.bookmark
        head = Content.styled(f"¶{item.paragraph}", "bold")
        if with_title:
            title = title_of(self.corpus if key is None else corpus, item.article)
            head = Content.assemble((short(title, 34), "bold"), " ", head)
        parts: builtins.list[Content | str | tuple[str, str]] = [
            head,
            ("  " + mark.created[:10], "dim"),
        ]
        if mark.tags:
            parts.append(("  " + " ".join("#" + t for t in mark.tags), "$text-accent"))
        # About three lines of quote and two of note, whatever the panel's width.
        width = max(20, (self._width or 40) - 3)
        quote = short(mark.quote, min(QUOTE_CHARS, 3 * width - 6))
        lines = [Content.assemble(*parts), Content(quote)]
        if mark.note:
            note = short(mark.note, min(NOTE_CHARS, 2 * width - 8))
            lines.append(Content.styled("✎ " + note, "italic"))
        if item.orphan:
            lines.append(Content.styled(item.reason or "not found in the current text", "dim"))
        return Option(Content("\n").join(lines), id=key or mark.id)

    def _status(self, count: int) -> None:
        total = len(self.placed)
        status = self.query_one("#bookmarks-status", Static)
        if not total:
            status.update(
                "No bookmarks yet. In an article, b bookmarks the paragraph under the "
                "cursor; B adds a note and tags."
            )
            return
        order = "by article" if self.sort == "article" else "newest first"
        what = f"{total} bookmark{'s' if total != 1 else ''}"
        if count != total:
            what = f"{count} of {total} bookmarks"
        everywhere = " · all collections (A)" if self.others is not None else ""
        status.update(f"{what} · {order} (o){everywhere}")

    # -- events --------------------------------------------------------------

    def on_resize(self) -> None:
        if self.loaded and self.list.size.width != self._width:
            self.rebuild()

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.input is not self.filter_input:
            return
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self.rebuild)

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_input:
            event.stop()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        other = self.other_at(event.option.id)
        if other is not None:
            where = other[0]
            self.notify(
                f"This bookmark belongs to the collection {where.title}: "
                f"open it with kzreader {where.folder}",
                timeout=6,
                markup=False,
            )
            return
        item = next((p for p in self.shown if p.id == event.option.id), None)
        if item is None:
            return
        if item.orphan:
            self.notify(
                f"This passage is no longer in {item.article} ({item.reason or 'not found'}); "
                "its quote and note are kept here",
                severity="warning",
                timeout=4,
                markup=False,
            )
            if self.corpus is None or item.article not in self.corpus:
                return
        self.post_message(OpenArticle(item.article, item.paragraph))

    @on(Button.Pressed)
    def _backup_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.BackupChoice(event.button.id == "bookmarks-restore"))
