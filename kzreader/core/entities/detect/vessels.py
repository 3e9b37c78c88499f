"""Names of ships after the noun that says so: ``its tankers Taraz and Aral``, ``the
icebreaker Kapitan Dranitsyn``, ``the ferry Akademik Hasan Aliyev``.

Ships are often named after towns and people; after a vessel noun the name is the ship
(no entity the sidebar lists), so its words are taken out before the passes, on the text.
A country or an organisation after the noun is no ship's name ("the tankers Russia
sent"), and the noun needs a determiner or an owner before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_NOUN = (  # ("ships" and "carriers" are verbs and airlines too often)
    r"\b(?:tankers?|vessels?|ferry|ferries|icebreakers?|barges?|frigates?|corvettes?"
    r"|submarines?|cruisers?|yachts?|freighters?)"
)
_STEMS = (
    "tanker", "vessel", "ferr", "icebreaker", "barge", "frigate", "corvette", "submarine",
    "cruiser", "yacht", "freighter",
)  # fmt: skip
_WORD = r"[A-Z][\w'’.-]*(?: [A-Z0-9][\w'’-]*){0,2}"
#: A determiner or an owner before the noun: "its tankers Taraz and Aral", "the ferry X"
#: (not "about 20 tankers Sovcomflot operates", where a clause follows).
_OWNER = r"\b(?:(?i:the|its|their|a|an|his|her|our|two|three|four)|[A-Z][\w-]*(?:'s|’s))"
_SHIPS = re.compile(rf"{_OWNER} (?:[a-z-]+ )?{_NOUN} ({_WORD}(?:(?:, | and |, and ){_WORD})*)")
_ONE = re.compile(_WORD)
_ROUTE = re.compile(r"[-–—]|\s+(?:route|line|service|crossing|port|terminal)s?\b")


def vessels(text: str, is_known: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """Character spans of the ships' names in ``text``; ``is_known`` says a name is a
    country's or an organisation's ("the tankers Russia sent", "the vessels KazMunayGas
    chartered"), which no ship is."""
    if not any(stem in text for stem in _STEMS):
        return  # (most paragraphs: a scan for a word is far quicker than the pattern)
    for match in _SHIPS.finditer(text):
        offset = match.start(1)
        for name in _ONE.finditer(match.group(1)):
            start, end = offset + name.start(), offset + name.end()
            if name.group().rstrip(".") != name.group():
                end -= len(name.group()) - len(name.group().rstrip("."))
            if "'s" in name.group() or "’s" in name.group():
                break  # "the tankers Kazakhstan's KazMunayGas charters": an owner
            if is_known(text[start:end]) or _ROUTE.match(text, end):
                break
            yield start, end
