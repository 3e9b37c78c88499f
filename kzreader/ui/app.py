"""The reader app: what every screen shares (the folder's Library, reading state, settings)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.timer import Timer

from ..core.collection import Collection
from ..core.library import Library
from ..core.paths import DataPaths
from ..core.terminal import printable
from . import bindings
from . import settings as settings_io
from .providers import article_provider, commands_provider, search_provider
from .screens.main import MainScreen

if TYPE_CHECKING:  # the core's heavy modules load in the workers, after the first frame
    from textual.notifications import SeverityLevel

    from ..core.corpus.collection import Corpus
    from ..core.entities.graph import EntityGraph
    from ..core.search.service import SearchService

STATE_SAVE_DELAY = 2.0


class KzReaderApp(App[int]):
    """Reads one corpus folder; quits with status 0."""

    CSS_PATH = Path(__file__).with_name("kzreader.tcss")  # absolute: subclasses live elsewhere
    TITLE = "kzreader"
    # Loaders, not classes: the providers (and the key groups) load when the palette opens.
    COMMANDS = App.COMMANDS | {commands_provider, article_provider, search_provider}
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.APP)

    def __init__(self, corpus_dir: Path, paths: DataPaths) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.paths = paths
        #: The folder's services (corpus, search, entity graph, bookmarks), built in
        #: workers by the main screen and installed here on the app's thread.
        self.library = Library(self.corpus_dir, paths)
        self.settings, self._warnings = settings_io.load(paths.settings_file)
        self.state, state_warnings = self.library.load_state()
        self._warnings += state_warnings
        self._state_timer: Timer | None = None
        self.kz_themes: list[str] = []  # the YAML themes, in the order ctrl+t visits them
        super().__init__()
        self._themes_loaded()
        keymap = dict(settings_io.value(self.settings, "keymap", {}) or {})
        if keymap:
            self._warnings += settings_io.keymap_problems(keymap)
            self.set_keymap(keymap)

    # -- the library's services, as the screens name them ----------------------

    @property
    def outside_links(self) -> bool:
        return self.library.outside_links

    @outside_links.setter
    def outside_links(self, follow: bool) -> None:  # --follow-outside-links
        self.library.outside_links = follow

    @property
    def collection(self) -> Collection:
        """Where this folder's own data lives (settled by the loading worker)."""
        return self.library.collection

    @property
    def corpus(self) -> Corpus | None:
        return self.library.corpus

    @corpus.setter
    def corpus(self, corpus: Corpus | None) -> None:
        self.library.corpus = corpus

    @property
    def index(self) -> SearchService | None:
        return self.library.search

    @index.setter
    def index(self, index: SearchService | None) -> None:
        self.library.search = index

    @property
    def entities(self) -> EntityGraph | None:
        return self.library.entities

    @entities.setter
    def entities(self, graph: EntityGraph | None) -> None:
        self.library.entities = graph

    @property
    def corpus_key(self) -> str:
        """Positions are remembered per collection (which follows a moved folder)."""
        return self.collection.id

    def use_collection(self, collection: Collection) -> bool:
        """Take the settled collection (UI thread); True when its reading state was read
        again (another collection than planned, or data migrated into it)."""
        again = collection.id != self.collection.id or bool(collection.notices)
        self.library.collection = collection
        if again:
            self.state, problems = self.library.load_state()
            for problem in problems:
                self.notify(problem, severity="warning", timeout=8, markup=False)
        for notice in collection.notices:
            self.notify(notice, title="Your data", timeout=12, markup=False)
        return again

    @property
    def keymap(self) -> dict[str, str]:
        return dict(settings_io.value(self.settings, "keymap", {}) or {})

    def settings_value(self, name: str, default: Any) -> Any:
        return settings_io.value(self.settings, name, default)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from .theming import theme_variable_defaults

        return theme_variable_defaults(self.current_theme)

    def _themes_loaded(self) -> None:
        """Register the YAML themes and start with the one the settings name."""
        from ..core.config import startup_theme
        from .theming import load_themes

        themes, problems = load_themes(self.paths)
        for theme in themes:
            self.register_theme(theme)
        self.kz_themes = [theme.name for theme in themes]
        self._warnings += problems
        name, messages = startup_theme(self.settings, list(self.available_themes))
        self._warnings += messages
        if name in self.available_themes:
            self.theme = name
        self._fit_no_color_filter()

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def refresh_css(self, animate: bool = True) -> None:
        if not self.screen_stack:
            # Asked for by the theme chosen in __init__, before the first screen: nothing
            # is styled yet, and the theme's variables are all the first parse needs.
            # Textual's reparse here would parse every stylesheet twice (first frame).
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    def on_mount(self) -> None:
        for warning in self._warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, with message and title through the one sanitiser.

        Every notification of the app (screens' and widgets' ``notify`` call this one)
        may name a file or echo a YAML key: a raw ESC in it would reach the terminal.
        """
        super().notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def settle(self) -> None:
        """Take what has been loaded so far (corpus, index, entity graph) out of the
        cycle collector's sight: it lives as long as the app, and each full collection
        walked all of it, a 150–200 ms stutter in the middle of typing or scrolling
        at 10,000 articles. (Not collected first: that would be the same stutter.)"""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the app held is garbage now (tests run many apps in one process)

    def action_theme_next(self) -> None:
        """Switch to the next theme: ours first, then Textual's (saved like any choice)."""
        from ..core.theme_variables import next_theme

        ours = [name for name in self.kz_themes if name in self.available_themes]
        names = ours + sorted(n for n in self.available_themes if n not in ours)
        self.theme = next_theme(names, self.theme)
        self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

    def watch_theme(self, theme: str) -> None:
        self._fit_no_color_filter()
        if self.is_running and self.settings_value("theme", None) != theme:
            self.update_settings(theme=theme)

    def _fit_no_color_filter(self) -> None:
        """NO_COLOR (issue 8): Textual picks its colour filter for the first theme only, and
        its Monochrome filter turns an ANSI theme's palette into black on black."""
        if not self.no_color:
            return
        from textual.filter import Monochrome, NoColor

        wanted = NoColor if self.native_ansi_color else Monochrome
        self._filters = [
            wanted() if isinstance(f, (Monochrome, NoColor)) and type(f) is not wanted else f
            for f in self._filters
        ]

    # -- persistence ---------------------------------------------------------

    def update_settings(self, **changes: Any) -> None:
        self.settings = settings_io.updated(self.settings, **changes)
        problem = settings_io.save(self.paths.settings_file, self.settings)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def schedule_state_save(self) -> None:
        """Save positions and history soon (many cursor moves make one write)."""
        if self._state_timer is not None:
            self._state_timer.stop()
        self._state_timer = self.set_timer(STATE_SAVE_DELAY, self.save_state)

    def save_state(self) -> None:
        problem = self.state.save()
        if problem and not getattr(self, "_state_warned", False):
            self._state_warned = True
            self.notify(problem, severity="warning", markup=False)

    async def action_quit(self) -> None:
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, MainScreen):
            screen.remember_position()
            screen.stop_indexing()  # quitting never waits for a build; it resumes next time
        self.save_state()
        self.library.close()
        self.exit(0)
