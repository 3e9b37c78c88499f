"""Names of ships after the noun that says so: ``its tankers Taraz and Aral``, ``the
icebreaker Kapitan Dranitsyn``, ``the ferry Akademik Hasan Aliyev``.

Ships are often named after towns and people; after a vessel noun the name is the ship
(no entity the sidebar lists), so its words are taken out before the passes, on the text.
A country after the noun is no ship's name ("the tankers Russia sent").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_NOUN = (  # ("ships" and "carriers" are verbs and airlines too often)
    r"\b(?:tankers?|vessels?|ferry|ferries|icebreakers?|barges?|frigates?|corvettes?"
    r"|submarines?|cruisers?|yachts?|freighters?)"
)
_WORD = r"[A-Z][\w'’.-]*(?: [A-Z0-9][\w'’-]*){0,2}"
_SHIPS = re.compile(rf"{_NOUN} ({_WORD}(?:(?:, | and |, and ){_WORD})*)")
_ONE = re.compile(_WORD)
_ROUTE_AFTER = re.compile(r"[-–—]|\s+(?:route|line|service|crossing|port|terminal)s?\b")


def vessels(text: str, is_country: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """Character spans of the ships' names in ``text``."""
    for match in _SHIPS.finditer(text):
        offset = match.start(1)
        for name in _ONE.finditer(match.group(1)):
            start, end = offset + name.start(), offset + name.end()
            if name.group().rstrip(".") != name.group():
                end -= len(name.group()) - len(name.group().rstrip("."))
            if is_country(text[start:end]) or _ROUTE_AFTER.match(text, end):
                break
            yield start, end
