"""Resolving a corpus: streamed to a mention store (a build), or all in memory."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..candidate import Candidate
from ..gazetteer import Gazetteer
from ..model import Mention
from ..store import MentionStore, MentionWriter
from .records import Cancelled, Resolution
from .resolver import Resolver


def article_mentions(
    article: str,
    cands: Sequence[Candidate],
    entity_ids: Sequence[str | None],
) -> list[Mention]:
    """One article's mentions in reading order, each span once per entity."""
    seen: set[tuple[str, int, int, int]] = set()
    out: list[Mention] = []
    ranked = sorted(range(len(cands)), key=lambda c: (cands[c].paragraph, cands[c].start))
    for c in ranked:
        eid = entity_ids[c]
        if eid is None:
            continue
        cd = cands[c]
        key = (eid, cd.paragraph, cd.start, cd.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(Mention(eid, article, cd.paragraph, cd.start, cd.end, cd.surface, cd.in_comment))
    return out


def resolve_stream(
    articles: Iterable[Sequence[Candidate]],
    folder: Path | None,
    name: str,
    gazetteer: Gazetteer | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Resolution, list[str], MentionStore, list[str]]:
    """Resolve a corpus whose articles' candidates arrive one at a time.

    Each article's candidates are linked and dropped; what is left of them (a handle,
    the span) waits in a spool file in ``folder``. Once every cluster is decided, the
    spool is read back article by article into the mention store ``name``, whose rows
    number entities by their place in the returned id list. Returns the records
    (counts and articles, no mention objects), those ids, the store, and messages.
    ``cancelled`` is asked now and then while the mentions are written; when it says
    yes, ``Cancelled`` is raised and nothing is kept.
    """
    resolver = Resolver(gazetteer)
    spool = MentionWriter(folder, f"spool-{name}", codec="spool", durable=False)
    try:
        for cands in articles:
            handles = resolver.add(cands)
            ranked = sorted(range(len(cands)), key=lambda c: (cands[c].paragraph, cands[c].start))
            spool.add(
                [
                    [handles[c], cd.paragraph, cd.start, cd.end, cd.surface, int(cd.in_comment)]
                    for c in ranked
                    for cd in (cands[c],)
                ]
            )
        pending = spool.close()
    except BaseException:
        spool.discard()
        raise
    out = MentionWriter(folder, name)
    try:
        records = resolver.finish()
        numbers = {eid: n for n, eid in enumerate(records)}
        ordered = list(records.values())
        for a, rows in enumerate(pending):
            if cancelled is not None and a % 256 == 0 and cancelled():
                raise Cancelled
            seen: set[tuple[int, int, int, int]] = set()
            line = []
            for handle, paragraph, start, end, surface, comment in rows:
                eid = resolver.entity_of(handle)
                if eid is None:
                    continue
                n = numbers[eid]
                if (n, paragraph, start, end) in seen:
                    continue
                seen.add((n, paragraph, start, end))
                line.append([n, paragraph, start, end, surface, comment])
                record = ordered[n]
                if not record.articles or record.articles[-1] != a:
                    record.articles.append(a)
                record.count += 1
                record.comments_only = record.comments_only and bool(comment)
            out.add(line)
        store = out.close()
    except BaseException:
        out.discard()
        raise
    finally:
        pending.close()
        if pending.path is not None:
            with contextlib.suppress(OSError):
                pending.path.unlink()
    errors = [e for e in (spool.error, out.error) if e]
    return Resolution(records), list(records), store, errors


def resolve(
    articles: Sequence[str],
    candidates: Mapping[str, Sequence[Candidate]],
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Resolve every article's candidates (all in memory) into entities with mentions."""
    resolver = Resolver(gazetteer)
    handles = [resolver.add(candidates.get(article, ())) for article in articles]
    records = resolver.finish()
    for a, article in enumerate(articles):
        cands = candidates.get(article, ())
        eids = [resolver.entity_of(h) for h in handles[a]]
        for mention in article_mentions(article, cands, eids):
            record = records[mention.entity_id]
            record.mentions.append(mention)
            if not record.articles or record.articles[-1] != a:
                record.articles.append(a)
            record.count += 1
            record.comments_only = record.comments_only and mention.in_comment
    return Resolution(records)
