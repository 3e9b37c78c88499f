"""Lru: the least recently used entry goes first, and a read counts as a use."""

from __future__ import annotations

from kzreader.core.lru import Lru


def test_the_least_recently_used_goes_first() -> None:
    cache: Lru[str, int] = Lru(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)
    cache.put("a", 4)  # replacing keeps one entry
    assert (cache.get("a"), len(cache)) == (4, 2)
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_weighed_entries_keep_within_the_capacity() -> None:
    cache: Lru[str, bytes] = Lru(10, weigh=len)
    cache.put("a", b"xxxx")
    cache.put("b", b"xxxx")
    cache.put("c", b"xxxx")  # 12 > 10: a goes
    assert cache.get("a") is None and len(cache) == 2
    cache.put("huge", b"x" * 11)  # alone over the capacity: not kept, nothing pushed out
    assert cache.get("huge") is None and cache.get("b") == b"xxxx" and len(cache) == 2
