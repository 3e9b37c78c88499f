"""The Results tab: matching articles, each with its passages and the hits marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...core.search.passages import ArticleHit, Passage, SearchResult, Span
from .. import bindings
from ..messages import GoBack, OpenArticle

SNIPPET = 170  # characters of a passage shown around its first hit


def snippet(text: str, spans: tuple[Span, ...], size: int = SNIPPET) -> tuple[str, list[Span]]:
    """A window of ``text`` around its first hit, with the spans moved into it."""
    if len(text) <= size:
        return text, list(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - size // 4, len(text) - size))
    if start:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + size)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end
    ]
    return prefix + text[start:end] + suffix, moved


def snippet_size(width: int) -> int:
    """Characters of a passage shown in a list ``width`` wide: about three lines."""
    return max(80, min(SNIPPET, 3 * (width or 40) - 20))


def _heading_parts(rank: int, hit: ArticleHit) -> tuple[str, str, str, str]:
    count = len(hit.passages)
    passages = "  …" if hit.pending else f"  {count} passage{'s' if count != 1 else ''}"
    return f"{rank}. ", hit.title, passages, hit_mark(hit)


def _some(names: Sequence[str], shown: int = 3) -> str:
    """The first few names, and how many more (the status line is one of a narrow pane)."""
    more = f" +{len(names) - shown}" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def hit_mark(hit: ArticleHit) -> str:
    """Why a hit is listed when it is not by every word, literally: the words it has, or
    the other names it was found by."""
    marks = []
    if not hit.all_words:
        marks.append("only " + ", ".join(hit.matched) if hit.matched else "some words")
    if hit.aliases:
        marks.append("≈ as " + ", ".join(hit.aliases))
    return "".join(f"  [{mark}]" for mark in marks)


def heading(rank: int, hit: ArticleHit) -> Content:
    """A hit's first line in the list: its rank, title, number of passages, and its mark
    (partial, or found through another name)."""
    number, title, passages, mark = _heading_parts(rank, hit)
    return Content.assemble(
        (number, "dim"), (title, "bold"), (passages, "dim"), (mark, "italic $warning")
    )


def _passage_label(passage: Passage) -> str:
    kind = "" if passage.kind == "body" else f"{passage.kind} "
    return f"  ¶{passage.paragraph:<4} {kind}"


def passage_line(passage: Passage, size: int) -> Content:
    """A passage in the list: its paragraph number, and ``size`` characters around its
    first hit with the hits marked."""
    text, spans = snippet(passage.text, passage.highlights, size)
    prompt = Content(text)
    for start, end in spans:
        prompt = prompt.stylize("on $kz-hit", start, end)
    return Content.styled(_passage_label(passage), "dim") + prompt


def hit_lines(rank: int, hit: ArticleHit, width: int) -> int:
    """At least how many lines ``hit`` takes in a list ``width`` wide, never more: the
    cells of its heading and of each passage line over ``width + 2`` a line (a line
    broken at spaces ends with them, which take no cell: at most two here, the heading's
    "  N passages"). Textual's own wrapping gives the exact count at 0.45 ms a hit, too
    slow for the search's first answer."""
    per_line = max(1, width) + 2
    lines = -(-cell_len("".join(_heading_parts(rank, hit))) // per_line)
    size = snippet_size(width)
    for passage in hit.passages:
        text, _spans = snippet(passage.text, passage.highlights, size)
        lines += -(-cell_len(_passage_label(passage) + text) // per_line)
    return lines


def fills(width: int, height: int) -> Callable[[Sequence[ArticleHit]], bool]:
    """Whether hits fill a results list ``width`` by ``height`` (its outer size: at most
    as many lines are counted as it shows, with or without a scrollbar)."""

    counted: list[tuple[ArticleHit, int]] = []  # asked again with one hit more each time

    def enough(hits: Sequence[ArticleHit]) -> bool:
        for n, hit in enumerate(hits):
            if n < len(counted) and counted[n][0] is hit:
                continue
            del counted[n:]
            counted.append((hit, hit_lines(n + 1, hit, width)))
        return sum(lines for _, lines in counted[: len(hits)]) >= height

    return enough


class ResultsList(OptionList):
    """Articles and passages; Enter opens the article at the passage."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings.RESULTS_LIST)

    class SortToggled(Message):
        """o: list the results newest first, or best first again."""

    class ExportAsked(Message):
        """x: write the results list to a file."""

    def action_sort(self) -> None:
        self.post_message(self.SortToggled())

    def action_export(self) -> None:
        self.post_message(self.ExportAsked())

    def action_back(self) -> None:
        self.post_message(GoBack())


class ResultsPane(Vertical):
    """Status line, indexing progress, and the results list."""

    class SuggestionAccepted(Message):
        """The user clicked the "did you mean" line."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: SearchResult | None = None
        self.suggestion: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("Type in the search box ( / ) to search every article.", id="results-status")
        yield Static("", id="results-suggestion", classes="-hidden")
        yield ProgressBar(total=None, show_eta=False, id="index-progress", classes="-hidden")
        yield ResultsList(id="results-list")

    @property
    def list(self) -> ResultsList:
        return self.query_one(ResultsList)

    def screenful(self) -> Callable[[Sequence[ArticleHit]], bool] | None:
        """Whether hits (passages found) fill the list as it is sized now: a search
        finds the passages of the hits in sight first. None before it is laid out."""
        width, height = self.list.size
        return fills(width, height) if width > 0 and height > 0 else None

    def set_status(self, text: str) -> None:
        self.query_one("#results-status", Static).update(Content(text))

    def show_progress(self, done: int | None, total: int | None) -> None:
        """Indexing progress (None hides the bar)."""
        bar = self.query_one(ProgressBar)
        if done is None:
            bar.add_class("-hidden")
            return
        bar.remove_class("-hidden")
        bar.update(total=total or None, progress=done)

    def show_result(self, result: SearchResult) -> None:
        """Show ``result``; the same query again (its passages found) keeps the reader's place."""
        same = self.result is not None and self.result.query == result.query
        results = self.list
        place = None
        if same and results.highlighted is not None:
            place = (results.get_option_at_index(results.highlighted).id, results.scroll_y)
        self.result = result
        results.clear_options()
        self.suggestion = result.corrected
        suggestion = self.query_one("#results-suggestion", Static)
        if result.corrected:
            suggestion.update(
                Content.assemble(
                    "Did you mean ",
                    (result.corrected, "bold underline"),
                    "?  ctrl+y or click to search for it",
                )
            )
            suggestion.remove_class("-hidden")
        else:
            suggestion.add_class("-hidden")
        if result.error:
            self.set_status(f"Cannot search: {result.error}")
            return
        if not result.hits:
            notice = f" ({result.notice})" if result.notice else ""
            self.set_status(f"No article matches {result.query!r}{notice}.")
            return
        shown = len(result.hits)
        more = f", best {shown} shown" if shown < result.total else ""
        notice = f" · {result.notice}" if result.notice else ""
        every = (
            f" ({result.complete_total} with every word)"
            if result.complete_total != result.total
            else ""
        )
        widened = "".join(
            f" · {name} also as {_some(aliases)} (={_quoted(name)}: alone)"
            for name, aliases in result.widened
        )
        self.set_status(
            f"{result.total} article{'s' if result.total != 1 else ''} match{every}{more}"
            f" · {result.elapsed_ms:.0f} ms{notice}{widened}"
        )
        options: list[Option | None] = []
        partial_started = False
        size = snippet_size(self.list.size.width)
        for rank, hit in enumerate(result.hits, 1):
            if not hit.all_words and not partial_started:
                partial_started = True
                options.append(None)
                options.append(
                    Option(Content.styled("Only some of the words:", "italic"), disabled=True)
                )
            options.append(Option(heading(rank, hit), id=f"a\t{hit.article}"))
            for passage in hit.passages:
                line = passage_line(passage, size)
                options.append(Option(line, id=f"p\t{hit.article}\t{passage.paragraph}"))
        results.add_options(options)
        if place is not None and place[0] is not None:
            try:
                results.highlighted = results.get_option_index(place[0])
            except OptionDoesNotExist:
                results.highlighted = 0
            results.scroll_to(y=place[1], animate=False, immediate=True)
        else:
            results.highlighted = 0 if options else None

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if widget is not None and widget.id == "results-suggestion" and self.suggestion:
            self.post_message(self.SuggestionAccepted(self.suggestion))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        parts = option_id.split("\t")
        query = self.result.query if self.result else None
        if parts[0] == "a" and len(parts) == 2:
            first = self._first_passage(parts[1])
            self.post_message(OpenArticle(parts[1], first, query))
        elif parts[0] == "p" and len(parts) == 3:
            self.post_message(OpenArticle(parts[1], int(parts[2]), query))

    def _first_passage(self, article_id: str) -> int | None:
        if self.result is None:
            return None
        for hit in self.result.hits:
            if hit.article == article_id and hit.passages:
                return hit.passages[0].paragraph
        return None
