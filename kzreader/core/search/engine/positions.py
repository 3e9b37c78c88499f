"""A phrase's word positions: decoded from whoosh's ``Positions`` values in one pickle,
and checked for order (whoosh's ``SpanNear2(ordered=True, mindist=1)``)."""

from __future__ import annotations

import pickle
import struct
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from whoosh.formats import Format, Positions

_INT = struct.Struct("!i")


def decoded(fmt: Format, values: list[bytes]) -> list[Iterable[int]]:
    """Each value's positions, as whoosh's ``Positions.decode_positions`` reads them, but
    all in one pickle: each value is a count and a pickled list of position deltas, so
    the lists, STOPs dropped, between the opcodes of an outer list unpickle at once
    (one call for a word's thousands of documents, not one each)."""
    if type(fmt).decode_positions is not Positions.decode_positions:
        return [fmt.decode_positions(value) for value in values]
    inner = b"".join(
        value[_INT.size : -1] if value.endswith(b".") else value[_INT.size :] for value in values
    )
    deltas = pickle.loads(b"\x80\x02](" + inner + b"e.")
    if not isinstance(deltas, list) or len(deltas) != len(values):
        raise ValueError("positions do not match their postings")
    return [accumulate(each) for each in deltas]


def in_order(positions: list[Iterable[int]], slop: int) -> bool:
    """Whether the words occur in order, each 1..``slop`` positions after the last
    (whoosh's phrase matching: ``SpanNear2(ordered=True, mindist=1)``). The cost grows
    with the positions, not with the slop."""
    current = sorted(set(positions[0]))
    for following in positions[1:]:
        if slop == 1:
            starts = set(current)
            current = sorted({p for p in following if p - 1 in starts})
        else:
            current = sorted(
                {
                    p
                    for p in following
                    if (i := bisect_left(current, p - slop)) < len(current) and current[i] < p
                }
            )
        if not current:
            return False
    return True
