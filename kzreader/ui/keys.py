"""The key groups as the help screen, the palette and the keymap check show them.

The bindings are data (``bindings``): the widgets bind exactly those, and this reads
the same tuples with the user's keymap applied, so no list of keys can drift from what
the keys really do.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from . import bindings
from .bindings import KeyGroup

__all__ = ["KeyGroup", "binding_ids", "key_groups", "keys_of"]


def _described(group: tuple[Binding, ...]) -> tuple[Binding, ...]:
    return tuple(b for b in group if b.description and not b.system)


def key_groups() -> list[KeyGroup]:
    """The app's bindings, grouped; a binding bound in two places is listed once, first."""
    seen: set[str] = set()
    out = []
    for group in bindings.GROUPS:
        kept = tuple(b for b in _described(group.bindings) if not b.id or b.id not in seen)
        seen.update(b.id for b in kept if b.id)
        out.append(KeyGroup(group.title, kept, group.target))
    return out


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger ``binding`` once the user's keymap is applied."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",") if key.strip()]


def binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    return {b.id for group in key_groups() for b in group.bindings if b.id}
