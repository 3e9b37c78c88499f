"""Every bound action in the command palette, named as in the help screen."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..keys import key_groups, keys_of


class CommandsProvider(Provider):
    """Runs the same actions as the keys, on the pane or list they belong to."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        keymap = getattr(self.app, "keymap", {})
        out = []
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
                        partial(self._run, group.target, binding.action),
                    ),
                )
        if hasattr(screen, "stop_indexing"):
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
                    screen.resume_indexing,  # type: ignore[union-attr]
                )
            )
        if hasattr(screen, "action_rescan"):
            out.append(
                (
                    "Rescan the folder",
                    "pick up files added, changed or removed (also watched as they happen)",
                    screen.action_rescan,  # type: ignore[union-attr]
                )
            )
        return [(t, h, c) for t, h, c in out if screen is not None]

    @staticmethod
    def _stop_indexing(screen: object) -> None:
        if not screen.stop_indexing():  # type: ignore[attr-defined]
            screen.notify("Nothing is being indexed", timeout=2)  # type: ignore[attr-defined]

    async def _run(self, target: str, action: str) -> None:
        screen = self.screen
        node = screen
        if target == "article":
            node = screen.active_view  # type: ignore[attr-defined]
        elif target == "pane":
            node = screen.active_pane or screen.panes[0]  # type: ignore[attr-defined]
        elif target == "library":
            node = screen.library.table  # type: ignore[attr-defined]
        await node.run_action(action)

    async def discover(self) -> Hits:
        if not hasattr(self.screen, "active_view"):
            return
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        if not hasattr(self.screen, "active_view"):
            return
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
