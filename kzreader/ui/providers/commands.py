"""Every bound action in the command palette, named as in the help screen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widget import Widget

from ..keys import key_groups, keys_of
from ..screens.main.screen import MainScreen


class CommandsProvider(Provider):
    """Runs the same actions as the keys, on the pane or list they belong to."""

    def _commands(self, screen: MainScreen) -> list[tuple[str, str, Callable[[], object]]]:
        keymap = getattr(self.app, "keymap", {})
        out: list[tuple[str, str, Callable[[], object]]] = []
        for group in key_groups():
            if group.target is None:
                continue
            for binding in group.bindings:
                if binding.action.startswith("app.command_palette"):
                    continue
                keys = ", ".join(keys_of(binding, keymap))
                title = (
                    binding.description
                    if group.target == "screen"
                    else f"{group.title}: {binding.description}"
                )
                out.append(
                    (
                        title,
                        f"{keys} · {binding.id or binding.action}",
                        partial(self._run, screen, group.target, binding.action),
                    ),
                )
        out.append(
            (
                "Stop indexing",
                "stop building the search index and the entity list (resumed next start)",
                partial(self._stop_indexing, screen),
            )
        )
        out.append(
            (
                "Resume indexing",
                "go on building the search index and the entity list",
                screen.resume_indexing,
            )
        )
        out.append(
            (
                "Rescan the folder",
                "pick up files added, changed or removed (also watched as they happen)",
                screen.action_rescan,
            )
        )
        return out

    @staticmethod
    def _stop_indexing(screen: MainScreen) -> None:
        if not screen.stop_indexing():
            screen.notify("Nothing is being indexed", timeout=2)

    @staticmethod
    async def _run(screen: MainScreen, target: str, action: str) -> None:
        node: Widget | Screen[object] = screen
        if target == "article":
            node = screen.active_view
        elif target == "pane":
            node = screen.active_pane or screen.panes[0]
        elif target == "library":
            node = screen.library.table
        await node.run_action(action)

    def _reading_screen(self) -> MainScreen | None:
        """The palette lists these commands over the reading screen only."""
        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    async def discover(self) -> Hits:
        screen = self._reading_screen()
        if screen is None:
            return
        for title, help_text, command in self._commands(screen):
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        screen = self._reading_screen()
        if screen is None:
            return
        matcher = self.matcher(query)
        for title, help_text, command in self._commands(screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
