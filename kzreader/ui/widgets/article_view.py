"""The article itself: a paragraph cursor over lazily drawn, literally shown text.

Drawn with the line API (``render_line``): only the lines on screen are built, from
an ``ArticleLayout`` computed once per width, so a 5 MB article opens and pages as
fast as a short one. Text goes out as plain segments, so brackets, backslashes and
anything that looks like markup appear exactly as written.

One widget, over 400 lines on purpose: the paragraph cursor, the marks (hits, entities,
bookmarks, find), the selection and the line cache all work on the one layout, and each
change must invalidate exactly the cached lines it touches; the layout itself
(``article_layout``), the painting of a line (``article_lines``) and the selection
geometry (``selection``) are apart.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection as TextSelection
from textual.strip import Strip

from ...core.corpus.model import Article, Kind
from .. import bindings
from ..article_layout import ArticleLayout, Role
from ..selection import Selection, covering, point_to_offset
from .article_lines import GUTTER, LineState, Match, Spans, hint_line, paint_line


class ArticleView(ScrollView, can_focus=True):
    """One article with a paragraph cursor, highlights and n/N stepping through them."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.ARTICLE_VIEW)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--byline",
        "article-view--body",
        "article-view--heading",
        "article-view--caption",
        "article-view--rule",
        "article-view--comment",
        "article-view--boilerplate",
        "article-view--hint",
        "article-view--cursor",
        "article-view--cursor-bar",
        "article-view--bookmark",
        "article-view--hit",
        "article-view--hit-current",
        "article-view--find",
        "article-view--entity-person",
        "article-view--entity-place",
        "article-view--entity-organisation",
        "article-view--entity-name",
        "article-view--selection",
        "article-view--bookmark-range",
    }

    WIDTHS = (72, 88, 0)  # what `w` cycles through; 0 is the full width

    class CursorMoved(Message):
        """The cursor is on a new paragraph (or the article changed)."""

        def __init__(self, view: ArticleView, paragraph: int | None) -> None:
            super().__init__()
            self.view = view
            self.paragraph = paragraph

        @property
        def control(self) -> ArticleView:
            return self.view

    class CommentsToggled(Message):
        """The user showed or hid the reader comments."""

        def __init__(self, shown: bool) -> None:
            super().__init__()
            self.shown = shown

    class WidthChanged(Message):
        """The user picked another reading width (0 = full)."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def __init__(
        self,
        *,
        measure: int = 80,
        show_comments: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.words: int | None = None
        self.measure = measure
        self.show_comments = show_comments
        self.cursor: int | None = None
        self.bookmarked: frozenset[int] = frozenset()
        self.selection: Selection | None = None
        self._mouse_over = False
        self._layout: ArticleLayout | None = None
        self._marks: dict[str, Spans] = {}
        self._matches: list[Match] | None = None
        self.current_match: int | None = None
        self._cache: dict[int, Strip] = {}
        self._style_map: dict[str, Style] | None = None

    # -- public API ----------------------------------------------------------

    def show(
        self, article: Article | None, *, paragraph: int | None = None, words: int | None = None
    ) -> None:
        """Show ``article`` with the cursor on ``paragraph`` (default: the first)."""
        self.article = article
        self.words = words
        self._marks = {}
        self._matches = None
        self.current_match = None
        self.cursor = None
        self._layout = None
        self.bookmarked = frozenset()
        self.selection = None
        self._relayout()
        if article is not None and self._layout is not None and self._layout.order:
            target = paragraph if paragraph is not None else self._layout.order[0]
            self.move_cursor(target, center=paragraph is not None)
        else:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            self.post_message(self.CursorMoved(self, None))

    @property
    def layout_height(self) -> int:
        return self._layout.height if self._layout else 0

    @property
    def text_width(self) -> int:
        available = max(1, self.scrollable_content_region.width - GUTTER - 1)
        return available if self.measure <= 0 else min(self.measure, available)

    def set_measure(self, width: int) -> None:
        """Set the reading width (0 = the whole pane) and lay the article out again."""
        self.measure = width
        self._relayout()
        if self.cursor is not None:
            self._follow(self.cursor)

    def move_cursor(self, paragraph: int, *, center: bool = False, line: int = 0) -> None:
        """Put the cursor on ``paragraph`` and scroll so it can be read."""
        if self.article is None or self._layout is None:
            return
        if self._layout.block(paragraph) is None:
            kind = self._kind(paragraph)
            if kind is Kind.COMMENT and not self.show_comments:
                self.show_comments = True
                self._relayout()
            if self._layout.block(paragraph) is None:
                paragraph = self._nearest(paragraph)
        self.cursor = paragraph
        self._follow(paragraph, center=center, line=line)
        self._invalidate()
        self.post_message(self.CursorMoved(self, paragraph))

    def show_offset(self, paragraph: int, offset: int) -> None:
        """Cursor on ``paragraph``, scrolled so its character ``offset`` is on screen (issue 4)."""
        self.move_cursor(paragraph)
        block = self._layout.block(paragraph) if self._layout else None
        if block is not None and self.cursor == paragraph:
            line = block.line_of(offset)
            if line:
                self._follow(paragraph, line=line)
                self._invalidate()

    def set_marks(self, layer: str, spans: Spans) -> None:
        """Highlight spans (paragraph → [(start, end)]) in one layer, replacing the layer."""
        if spans:
            self._marks[layer] = {p: sorted(s) for p, s in spans.items() if s}
        else:
            self._marks.pop(layer, None)
        if layer in ("hit", "find"):  # entity marks (issue 4) leave n/N where it was
            self._matches = None
            self.current_match = None
        self._invalidate()

    def marks(self, layer: str) -> Spans:
        return self._marks.get(layer, {})

    def set_bookmarked(self, paragraphs: frozenset[int]) -> None:
        """Paragraphs that carry a bookmark marker in the gutter."""
        self.bookmarked = paragraphs
        self._invalidate()

    @property
    def current_selection(self) -> Selection | None:
        """The keyboard selection, if it is in the cursor's paragraph (moving away drops it)."""
        selection = self.selection
        return selection if selection is not None and selection.paragraph == self.cursor else None

    def clear_selection(self) -> None:
        if self.selection is not None:
            self.selection = None
            self._invalidate()

    @property
    def nav_layer(self) -> str:
        """What n/N step through: the find bar's matches if any, else the search hits."""
        return "find" if self._marks.get("find") else "hit"

    @property
    def matches(self) -> list[Match]:
        if self._matches is None:
            spans = self._marks.get(self.nav_layer, {})
            ordered = sorted(spans, key=self._rank)
            self._matches = [Match(p, s, e) for p in ordered for s, e in spans[p]]
        return self._matches

    def step_match(self, step: int) -> Match | None:
        """Go to the next (step > 0) or previous match from the cursor; wraps around."""
        matches = self.matches
        if not matches:
            return None
        current = self._current()
        if current is not None and current.paragraph == self.cursor:
            index = (self.current_match or 0) + step
        else:
            here = self._rank(self.cursor) if self.cursor is not None else (-1, -1)
            index = bisect_left([self._rank(m.paragraph) for m in matches], here)
            if step < 0:
                index -= 1
        return self.go_to_match(index)

    def go_to_match(self, index: int) -> Match | None:
        matches = self.matches
        if not matches:
            return None
        self.current_match = index % len(matches)
        match = matches[self.current_match]
        block = self._layout.block(match.paragraph) if self._layout else None
        line = block.line_of(match.start) if block else 0
        self.move_cursor(match.paragraph, line=line)
        return match

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("select_"):  # only while selecting: else the keys go on
            return self.current_selection is not None
        return True

    def action_select(self) -> None:
        if self.current_selection is not None:
            self.clear_selection()
            return
        if self.article is None or self.cursor is None:
            return
        self.selection = Selection.start(self.cursor, self.article.paragraph(self.cursor).text)
        self._invalidate()
        if self.selection is not None:
            self.notify(
                "Selecting: → ← a word, ( ) a sentence, shift+→ ← the start; "
                "b bookmarks it, Esc clears",
                timeout=5,
            )

    def _change_selection(self, how: str, step: int) -> None:
        selection = self.current_selection
        if selection is not None:
            self.selection = getattr(selection, how)(step)
            self._invalidate()

    def action_select_end(self, step: int) -> None:
        self._change_selection("extend", step)

    def action_select_start(self, step: int) -> None:
        self._change_selection("shift_start", step)

    def action_select_sentence(self, step: int) -> None:
        self._change_selection("sentence", step)

    def action_select_clear(self) -> None:
        self.clear_selection()

    def selection_updated(self, selection: TextSelection | None) -> None:
        """A mouse selection becomes the words it covers in the paragraph where it starts."""
        if selection is None or self.article is None or self._layout is None:
            return
        width = self.scrollable_content_region.width
        ends = [
            point_to_offset(self._layout, width, point.x, point.y) if point else None
            for point in (selection.start, selection.end)
        ]
        start = ends[0] or ends[1]
        if start is None:
            return
        paragraph, first = start
        end = ends[1]
        last = end[1] if end is not None and end[0] == paragraph else None
        text = self.article.paragraph(paragraph).text
        if last is None:
            last = len(text) if end is None or end[0] > paragraph else first
        chosen = covering(paragraph, text, min(first, last), max(first, last))
        if chosen is None:
            return
        if self.cursor != paragraph:
            self.cursor = paragraph
            self.post_message(self.CursorMoved(self, paragraph))
        self.selection = chosen
        self._invalidate()

    def get_selection(self, selection: TextSelection) -> tuple[str, str] | None:
        """What ctrl+c copies: the selected words."""
        current = self.current_selection
        if current is None or self.article is None:
            return None
        start, end = current.span
        return self.article.paragraph(current.paragraph).text[start:end], "\n"

    def action_cursor(self, step: int) -> None:
        layout = self._layout
        if layout is None or not layout.order:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if self.cursor is None or not self._visible(self.cursor):
            self.move_cursor(layout.first_at_or_below(top) or layout.order[0])
            return
        block = layout.block(self.cursor)
        assert block is not None
        # A paragraph taller than the screen is read by scrolling through it first.
        if step > 0 and block.bottom > top + height:
            self.scroll_to(y=top + max(1, height - 2), animate=False, immediate=True, force=True)
            self._invalidate()
            return
        if step < 0 and block.top < top:
            self.scroll_to(
                y=max(block.top, top - max(1, height - 2)),
                animate=False,
                immediate=True,
                force=True,
            )
            self._invalidate()
            return
        index = max(0, min(len(layout.order) - 1, layout.position(self.cursor) + step))
        self.move_cursor(layout.order[index])

    def action_page(self, step: int) -> None:
        layout = self._layout
        if layout is None or not layout.order:
            return
        height = self.scrollable_content_region.height
        target = round(self.scroll_y) + step * max(1, height - 1)
        target = max(0, min(target, round(self.max_scroll_y)))
        if target == round(self.scroll_y):
            self.action_edge(step)
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        paragraph = layout.first_at_or_below(target)
        if paragraph is not None and not self._visible(paragraph, whole=False):
            paragraph = layout.paragraph_at(target) or paragraph
        if paragraph is not None:
            self.cursor = paragraph
            self.post_message(self.CursorMoved(self, paragraph))
        self._invalidate()

    def action_edge(self, direction: int) -> None:
        if self._layout and self._layout.order:
            order = self._layout.order
            self.move_cursor(order[0] if direction < 0 else order[-1])
            if direction < 0:
                self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_match(self, step: int) -> None:
        if self.step_match(step) is None:
            what = "find matches" if self.nav_layer == "find" else "search hits"
            self.notify(f"No {what} in this article", timeout=2)

    def action_toggle_comments(self) -> None:
        self.show_comments = not self.show_comments
        keep = self.cursor
        self._relayout()
        if keep is not None and self._layout is not None and self._layout.order:
            self.move_cursor(keep if self._layout.block(keep) else self._nearest(keep))
        self.post_message(self.CommentsToggled(self.show_comments))

    def action_cycle_width(self) -> None:
        widths = self.WIDTHS
        index = widths.index(self.measure) + 1 if self.measure in widths else 0
        self.set_measure(widths[index % len(widths)])
        self.post_message(self.WidthChanged(self.measure))
        self.notify(f"Reading width: {self.measure or 'full'}", timeout=2)

    def action_open_source(self) -> None:
        """Open the article's source URL (from the page, a ``URL:`` line, or the sidecar)."""
        url = self.article.url if self.article is not None else None
        if not url:
            self.notify("This article has no source URL", timeout=3)
            return
        self._open(url)

    def action_open_link(self) -> None:
        """Open the first link of the paragraph under the cursor (Markdown, web pages)."""
        if self.article is None or self.cursor is None:
            return
        links = self.article.paragraph(self.cursor).links
        if not links:
            self.notify("No link in this paragraph", timeout=3)
            return
        self._open(links[0].url)

    def _open(self, url: str) -> None:
        self.app.open_url(url)
        self.notify(f"Opening {url}", timeout=3, markup=False)

    # -- events --------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.text_width:
            self._relayout()
            if self.cursor is not None:
                self._follow(self.cursor)
        self._invalidate()

    def on_click(self, event: events.Click) -> None:
        if self._layout is None:
            return
        paragraph = self._layout.paragraph_at(round(self.scroll_y) + event.y)
        if paragraph is not None:
            self.cursor = paragraph
            self._invalidate()
            self.post_message(self.CursorMoved(self, paragraph))

    def on_enter(self, event: events.Enter) -> None:
        self._mouse_over = True
        self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        self._mouse_over = False
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_map = None
        self._cache.clear()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if round(old) != round(new):
            self._cache.clear()

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        strip = self._cache.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._render_line(index, width)
            if len(self._cache) > 400:
                self._cache.clear()
            self._cache[index] = strip
        # Where the mouse selects (selection_updated): only while it is over the view.
        return strip.apply_offsets(0, index) if self._mouse_over else strip

    def _render_line(self, index: int, width: int) -> Strip:
        styles = self._role_styles()
        layout = self._layout
        if self.article is None or layout is None:
            height = self.scrollable_content_region.height
            return hint_line(index, width, height, styles["base"], styles["hint"])
        marks = self._marks
        selection = self.current_selection
        if selection is not None:
            marks = {**marks, "selection": {selection.paragraph: [selection.span]}}
        state = LineState(styles, self.cursor, self.bookmarked, marks, self._current())
        return paint_line(layout, index, width, state)

    def _role_styles(self) -> dict[str, Style]:
        if self._style_map is None:
            base = self.rich_style
            styles = {"base": base}
            for name in self.COMPONENT_CLASSES:
                key = name.removeprefix("article-view--")
                style = self.get_component_rich_style(name, partial=True)
                if style.color is not None:
                    # An "auto" colour ($text-muted) is white until resolved against the
                    # background: the full style has it right (light themes need it).
                    style += Style(color=self.get_component_rich_style(name).color)
                styles[key] = style
            for role in Role:
                if role.value in styles:
                    styles[role.value] = base + styles[role.value]
            self._style_map = styles
        return self._style_map

    # -- helpers -------------------------------------------------------------

    def _current(self) -> Match | None:
        if self.current_match is None:
            return None
        matches = self.matches
        return matches[self.current_match] if self.current_match < len(matches) else None

    def _rank(self, paragraph: int) -> tuple[int, int]:
        """Reading order, whether or not comments are collapsed: body, comments, the rest."""
        kind = self._kind(paragraph)
        section = 1 if kind is Kind.COMMENT else 2 if kind is Kind.BOILERPLATE else 0
        return section, paragraph

    def _kind(self, paragraph: int) -> Kind | None:
        if self.article is None or not 1 <= paragraph <= len(self.article.paragraphs):
            return None
        return self.article.paragraphs[paragraph - 1].kind

    def _nearest(self, paragraph: int) -> int:
        assert self._layout is not None
        shown = [p for p in self._layout.order if p <= paragraph]
        return shown[-1] if shown else self._layout.order[0]

    def _relayout(self) -> None:
        if self.article is None:
            self._layout = None
            self.virtual_size = Size(0, 0)
        else:
            self._layout = ArticleLayout(
                self.article, self.text_width, show_comments=self.show_comments, words=self.words
            )
            height = self.scrollable_content_region.height
            self.virtual_size = Size(
                self.scrollable_content_region.width, self._layout.height + max(1, height // 3)
            )
        self._invalidate()

    def _visible(self, paragraph: int, *, whole: bool = False) -> bool:
        block = self._layout.block(paragraph) if self._layout else None
        if block is None:
            return False
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        if whole:
            return block.top >= top and block.bottom <= bottom
        return block.bottom > top and block.top < bottom

    def _follow(self, paragraph: int, *, center: bool = False, line: int = 0) -> None:
        block = self._layout.block(paragraph) if self._layout else None
        if block is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        target_line = block.top + line
        if center or target_line < top or target_line >= top + height:
            y = target_line - height // 3
        elif block.top < top:
            y = block.top if line == 0 else top
        elif block.bottom > top + height:
            y = min(block.top, block.bottom - height) if line == 0 else top
        else:
            return
        self.scroll_to(y=max(0, y), animate=False, immediate=True, force=True)

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()
