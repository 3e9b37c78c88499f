"""Every key binding of the app, as data: one tuple per place it applies, and the groups.

The widgets and screens take their ``BINDINGS`` from here; the help screen, the command
palette, the settings keymap check and the README's key table read ``GROUPS``. So this
module imports nothing of the UI: it is at the bottom, and nothing that lists keys has
to import the classes that have them (the import circle keys ↔ app ↔ screens is gone).
Each binding has an ``id``, the name a user's keymap gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
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

MAIN_BOOKMARKS: tuple[Binding, ...] = (
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
)

MAIN_ENTITIES: tuple[Binding, ...] = (
    Binding("right_square_bracket", "mention(1)", "Next mention", id="kz.mention_next"),
    Binding(
        "left_square_bracket", "mention(-1)", "Previous mention", id="kz.mention_prev", show=False
    ),
    Binding("r", "related_articles", "Related articles", id="kz.related_articles"),
    Binding("E", "focus_entities", "Entity list", id="kz.entities_focus", show=False),
)

MAIN: tuple[Binding, ...] = (
    Binding("q", "app.quit", "Quit", id="kz.quit"),
    Binding("question_mark", "help", "Help", id="kz.help"),
    Binding("slash", "focus_search", "Search", id="kz.search"),
    Binding("ctrl+f", "find", "Find in article", id="kz.find", show=False),
    Binding("s", "split", "Split", id="kz.split"),
    Binding("S", "unsplit", "Close split", id="kz.unsplit", show=False),
    Binding("e", "toggle_sidebar", "Entities", id="kz.sidebar", show=False),
    Binding("z", "toggle_zen", "Article only", id="kz.zen", show=False),
    Binding("1", "tab('library')", "Library", id="kz.tab.library", show=False),
    Binding("2", "tab('results')", "Results", id="kz.tab.results", show=False),
    Binding("3", "tab('bookmarks')", "Bookmarks", id="kz.tab.bookmarks", show=False),
    Binding("ctrl+y", "accept_suggestion", "Did you mean", id="kz.suggestion", show=False),
    Binding("tab", "cycle_focus(1)", "Next panel", id="kz.focus.next", show=False),
    Binding("shift+tab", "cycle_focus(-1)", "Previous panel", id="kz.focus.previous", show=False),
    *MAIN_BOOKMARKS,
    *MAIN_ENTITIES,
)

LIBRARY_TABLE: tuple[Binding, ...] = (
    Binding("enter", "open", "Open", id="kz.library.open"),
    Binding("o", "cycle_sort", "Sort", id="kz.library.sort"),
    Binding("f", "filter", "Filter", id="kz.library.filter"),
    Binding("escape", "back", "Back to the article", id="kz.library.back", show=False),
    Binding("j,down", "move(1)", "Down", id="kz.library.down", show=False),
    Binding("k,up", "move(-1)", "Up", id="kz.library.up", show=False),
    Binding("pagedown", "page(1)", "Page down", id="kz.library.page_down", show=False),
    Binding("pageup", "page(-1)", "Page up", id="kz.library.page_up", show=False),
    Binding("g,home", "edge(-1)", "First", id="kz.library.first", show=False),
    Binding("G,end", "edge(1)", "Last", id="kz.library.last", show=False),
)

ENTITY_LIST: tuple[Binding, ...] = (
    Binding("enter", "open", "Entity card", id="kz.entity_card"),
    Binding("escape", "back", "Back", id="kz.entities.back", show=False),
    Binding("j,down", "move(1)", "Down", id="kz.entities.down", show=False),
    Binding("k,up", "move(-1)", "Up", id="kz.entities.up", show=False),
    Binding("pagedown", "page(1)", "Page down", id="kz.entities.page_down", show=False),
    Binding("pageup", "page(-1)", "Page up", id="kz.entities.page_up", show=False),
    Binding("g,home", "edge(-1)", "First", id="kz.entities.first", show=False),
    Binding("G,end", "edge(1)", "Last", id="kz.entities.last", show=False),
)

ENTITY_CARD: tuple[Binding, ...] = (
    Binding("escape,q", "close", "Close", id="kz.card.close"),
    Binding("m", "merge", "Merge with…", id="kz.entity.merge"),
    Binding("n", "rename", "Rename", id="kz.entity.rename"),
    Binding("t", "retype", "Change type", id="kz.entity.retype"),
    Binding("h", "hide", "Hide", id="kz.entity.hide"),
    Binding("u", "undo", "Undo the last correction", id="kz.entity.undo"),
)

RENAME_PROMPT: tuple[Binding, ...] = (
    Binding("escape", "cancel", "Cancel", id="kz.entity.prompt_cancel"),
)

TYPE_PROMPT: tuple[Binding, ...] = (
    Binding("escape", "cancel", "Cancel", id="kz.entity.prompt_cancel"),
)

MERGE_PICKER: tuple[Binding, ...] = (
    Binding("escape", "cancel", "Cancel", id="kz.entity.prompt_cancel"),
    Binding("down", "to_list", "To the list", id="kz.entity.merge_list", show=False),
)

CONFIRM_PROMPT: tuple[Binding, ...] = (
    Binding("y,enter", "answer(True)", "Yes", id="kz.entity.confirm_yes"),
    Binding("n,escape", "answer(False)", "No", id="kz.entity.confirm_no"),
)

BOOKMARK_EDIT: tuple[Binding, ...] = (
    Binding("ctrl+s", "save", "Save", id="kz.bookmark_edit.save"),
    Binding("escape", "cancel", "Cancel", id="kz.bookmark_edit.cancel"),
)

EXPORT: tuple[Binding, ...] = (
    Binding("escape", "cancel", "Cancel", id="kz.bookmarks_export.cancel"),
    Binding("ctrl+s", "export", "Export", id="kz.bookmarks_export.save"),
)

HELP: tuple[Binding, ...] = (
    Binding("escape,q,question_mark", "close", "Close", id="kz.help.close"),
)

RELATED_ARTICLES: tuple[Binding, ...] = (
    Binding("escape,q,r", "close", "Close", id="kz.related.close"),
    Binding("j", "cursor(1)", "Down", id="kz.related.down", show=False),
    Binding("k", "cursor(-1)", "Up", id="kz.related.up", show=False),
)


@dataclass(frozen=True)
class KeyGroup:
    """Bindings that apply in one place; ``target`` says where the palette runs them."""

    title: str
    bindings: tuple[Binding, ...]
    target: str | None  # "screen", "article", "pane", "library" or None (not in the palette)


#: Textual's own key for the command palette, listed with the keys that work everywhere.
PALETTE = Binding(App.COMMAND_PALETTE_BINDING, "app.command_palette", "Commands")


def _runs_screen_action(binding: Binding) -> bool:
    return binding.action.startswith("screen.")


#: What the help screen, the palette, the keymap check and the README's key table show,
#: in their order; a binding listed in two groups is shown in the first (``keys``).
GROUPS: tuple[KeyGroup, ...] = (
    KeyGroup("Everywhere", (*MAIN, *APP, PALETTE), "screen"),
    KeyGroup("Article", ARTICLE_VIEW, "article"),
    KeyGroup("Article pane", ARTICLE_PANE, "pane"),
    KeyGroup("Library", (*LIBRARY_TABLE, *LIBRARY_FILTER), "library"),
    KeyGroup("Results", RESULTS_LIST, None),
    # The bookmarks list's keys run screen actions, so the palette can run them too.
    KeyGroup("Bookmarks", tuple(b for b in BOOKMARKS_LIST if _runs_screen_action(b)), "screen"),
    KeyGroup(
        "Bookmarks list",
        (*(b for b in BOOKMARKS_LIST if not _runs_screen_action(b)), *BOOKMARKS_FILTER),
        None,
    ),
    KeyGroup("Entity sidebar", (*ENTITY_LIST, *ENTITY_SIDEBAR, *ENTITY_FILTER), None),
    KeyGroup("Entity card", ENTITY_CARD, None),
    KeyGroup("Search box", SEARCH_INPUT, None),
    KeyGroup("Find bar", FIND_INPUT, None),
)
