"""Every key binding of the app, as data: one tuple per place it applies, and the groups.

The widgets and screens take their ``BINDINGS`` from here; the help screen, the command
palette, the settings keymap check and the README's key table read ``GROUPS``. So this
module imports nothing of the UI: it is at the bottom, and nothing that lists keys has
to import the classes that have them (the import circle keys ↔ app ↔ screens is gone).
Each binding has an ``id``, the name a user's keymap gives it.
"""

from __future__ import annotations

from textual.binding import Binding

APP: tuple[Binding, ...] = (
    Binding(
        "ctrl+q",
        "quit",
        "Quit, even from a text box",
        id="kz.quit_anywhere",
        show=False,
        priority=True,
    ),
    Binding("ctrl+t", "theme_next", "Next theme", id="kz.theme_next", show=False),
)

ARTICLE_VIEW: tuple[Binding, ...] = (
    Binding("j,down", "cursor(1)", "Next ¶", id="kz.article.down", show=False),
    Binding("k,up", "cursor(-1)", "Previous ¶", id="kz.article.up", show=False),
    Binding("pagedown,space,ctrl+d", "page(1)", "Page down", id="kz.article.page_down"),
    Binding("pageup,ctrl+u", "page(-1)", "Page up", id="kz.article.page_up", show=False),
    Binding("g,home", "edge(-1)", "Top", id="kz.article.top", show=False),
    Binding("G,end", "edge(1)", "Bottom", id="kz.article.bottom", show=False),
    Binding("n", "match(1)", "Next hit", id="kz.article.next_hit"),
    Binding("N", "match(-1)", "Previous hit", id="kz.article.previous_hit"),
    Binding("c", "toggle_comments", "Comments", id="kz.article.comments"),
    Binding("w", "cycle_width", "Width", id="kz.article.width", show=False),
    Binding("o", "open_source", "Open source", id="kz.article.open_source", show=False),
    Binding("O", "open_link", "Open the ¶'s link", id="kz.article.open_link", show=False),
    # Keyboard selection inside the cursor's paragraph (what b bookmarks), issue 5.
    Binding("v", "select", "Select words", id="kz.article.select", show=False),
    Binding("right,l", "select_end(1)", "Select a word more", id="kz.article.select_more"),
    Binding("left,h", "select_end(-1)", "Select a word less", id="kz.article.select_less"),
    Binding(
        "right_parenthesis",
        "select_sentence(1)",
        "Select to the next sentence",
        id="kz.article.select_next_sentence",
    ),
    Binding(
        "left_parenthesis",
        "select_sentence(-1)",
        "Select a sentence less",
        id="kz.article.select_previous_sentence",
    ),
    Binding(
        "shift+right,L",
        "select_start(1)",
        "Start the selection a word later",
        id="kz.article.select_start_later",
    ),
    Binding(
        "shift+left,H",
        "select_start(-1)",
        "Start the selection a word earlier",
        id="kz.article.select_start_earlier",
    ),
    Binding("escape", "select_clear", "Clear the selection", id="kz.article.select_clear"),
)

ARTICLE_PANE: tuple[Binding, ...] = (
    Binding("ctrl+f", "find", "Find", id="kz.find"),
    Binding("escape", "back", "Back", id="kz.article.back", show=False),
)

LIBRARY_FILTER: tuple[Binding, ...] = (
    Binding("down,enter", "to_table", "To the list", id="kz.library.to_table", show=False),
    Binding("escape", "clear", "Clear filter", id="kz.library.clear"),
)

RESULTS_LIST: tuple[Binding, ...] = (
    Binding("enter", "select", "Open", id="kz.results.open"),
    Binding("escape", "back", "Back", id="kz.results.back", show=False),
    Binding("j", "cursor_down", "Down", id="kz.results.down", show=False),
    Binding("k", "cursor_up", "Up", id="kz.results.up", show=False),
    Binding("o", "sort", "Sort by relevance / date", id="kz.results.sort"),
    Binding("x", "export", "Export results", id="kz.results.export"),
)

BOOKMARKS_FILTER: tuple[Binding, ...] = (
    Binding("down,enter", "to_list", "To the list", id="kz.bookmarks.to_list", show=False),
    Binding("escape", "clear", "Clear filter", id="kz.bookmarks.clear", show=False),
)

BOOKMARKS_LIST: tuple[Binding, ...] = (
    Binding("enter", "select", "Open at the passage", id="kz.bookmarks.open"),
    Binding("e", "screen.bookmark_edit", "Edit bookmark", id="kz.bookmark_edit"),
    Binding("d,delete", "screen.bookmark_delete", "Delete", id="kz.bookmark_delete"),
    Binding(
        "o",
        "screen.bookmarks_grouping",
        "Bookmarks by article/date",
        id="kz.bookmarks_grouping",
    ),
    Binding("f", "screen.bookmarks_filter", "Filter bookmarks", id="kz.bookmarks_filter"),
    Binding(
        "A",
        "screen.bookmarks_everywhere",
        "Bookmarks of all collections",
        id="kz.bookmarks_everywhere",
        show=False,  # the footer is full here; ? and the palette list it
    ),
    Binding("escape", "back", "Back", id="kz.bookmarks.back", show=False),
    Binding("j", "cursor_down", "Down", id="kz.bookmarks.down", show=False),
    Binding("k", "cursor_up", "Up", id="kz.bookmarks.up", show=False),
)

ENTITY_FILTER: tuple[Binding, ...] = (
    Binding("down,enter", "to_list", "To the list", id="kz.entities.to_list", show=False),
    Binding("escape", "clear", "Clear filter", id="kz.entities.clear_filter"),
)

ENTITY_SIDEBAR: tuple[Binding, ...] = (
    Binding("a", "toggle_scope", "This article / all", id="kz.entities_toggle_scope"),
    Binding("f", "filter", "Filter names", id="kz.entities.filter", show=False),
    Binding("t", "screen.entity_retype", "Change type", id="kz.entities.retype", show=False),
    Binding(
        "u", "screen.entity_undo", "Undo the last correction", id="kz.entities.undo", show=False
    ),
)

SEARCH_INPUT: tuple[Binding, ...] = (
    Binding("up", "history(-1)", "Earlier search", id="kz.search.history_back", show=False),
    Binding("down", "history(1)", "Later search", id="kz.search.history_forward", show=False),
    Binding("escape", "back", "Back", id="kz.search.back"),
)

FIND_INPUT: tuple[Binding, ...] = (
    Binding("escape", "close", "Close find", id="kz.find.close"),
    Binding("down,ctrl+n", "step(1)", "Next match", id="kz.find.next", show=False),
    Binding("up,ctrl+p", "step(-1)", "Previous match", id="kz.find.previous", show=False),
)
