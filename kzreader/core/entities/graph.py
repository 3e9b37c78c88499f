"""The entity graph: entity ↔ articles ↔ passages, articles ↔ articles, entity ↔ entity.

``EntityGraph.build`` runs the whole pipeline for a corpus (cached detection, corpus
resolution, the user's overlay) and answers what the sidebar, the entity card and
the search index ask: which entities an article mentions, where every mention of an
entity is, which articles share entities, which entities occur together, and which
entity a name (in any spelling or alias) refers to.

One module, over 400 lines on purpose: ``EntityGraph`` is one class — the build that
fills its table and the questions asked of it share that table's layout (the entity
rows, the mention store, the look-up keys); the cache versions are in ``versions``.
"""

from __future__ import annotations

import contextlib
import gc
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..corpus.model import Article
from ..corpus.reading import ArticleError
from .cache import CandidateCache, ResolutionCache
from .candidate import Candidate
from .detect import Detector
from .extract import Item, detect_in_order
from .gazetteer import load_gazetteer
from .model import Entity, EntityType, Mention, RelatedArticle
from .names import name_key
from .ner import ner_requested, spacy_proposer
from .overlay import Overlay
from .resolve import Cancelled, Resolution, resolve_stream
from .store import MentionStore
from .versions import BuildReport, extractor_version, resolver_version

Progress = Callable[[int, int], None]
_RECENT = 64  # articles whose mentions are kept decoded
_VIEWS = 4  # entities whose concordance is kept (a card asks for it several times)


class EntityGraph:
    """Entities of a corpus and the links between them (read-only once built).

    The entity table (names, aliases, articles, counts) is in memory; mentions are read
    per article from the build's mention store when asked for (``mentions_in``), so a
    large corpus loads in a moment and costs little to keep.
    """

    def __init__(
        self,
        article_ids: Sequence[str],
        resolution: Resolution,
        store: MentionStore,
        numbers: Sequence[str],
        report: BuildReport | None = None,
    ) -> None:
        self.article_ids = tuple(article_ids)
        self.report = report
        self._number = {article_id: i for i, article_id in enumerate(self.article_ids)}
        self._store = store
        self._numbers = list(numbers)  # entity number in the store → id before the overlay
        self._redirect = dict(resolution.redirect)
        self._final: list[str | None] = []  # entity number → id after the overlay (None: gone)
        self._recent: dict[int, tuple[Mention, ...]] = {}
        self._views: dict[str, tuple[tuple[Mention, ...], Counter[str]]] = {}
        self._lock = threading.Lock()
        article_of = self.article_ids.__getitem__
        kept = [r for r in resolution.entities.values() if r.count > 0]
        kept.sort(key=lambda r: (-r.count, r.name.casefold()))
        self._entities: dict[str, Entity] = {}
        lookup: dict[str, list[str]] = {}
        for record in kept:
            eid = record.id
            try:
                articles = tuple(map(article_of, record.articles))
            except (IndexError, TypeError):  # a snapshot from elsewhere: keep what fits
                n = len(self.article_ids)
                articles = tuple(self.article_ids[i] for i in record.articles if 0 <= i < n)
            self._entities[eid] = Entity(
                id=eid,
                name=record.name,
                type=record.type,
                aliases=tuple(record.aliases),
                articles=articles,
                mentions=record.count,
                comments_only=record.comments_only,
            )
            for key in (*record.name_keys(), eid.casefold()):  # keys come without repeats
                found = lookup.get(key)
                if found is None:
                    lookup[key] = [eid]
                elif found[-1] != eid:
                    found.append(eid)
        self._lookup = lookup
        for eid in self._numbers:
            eid = self._redirect.get(eid, eid)
            self._final.append(eid if eid in self._entities else None)

    # ----------------------------------------------------------------- building
    @classmethod
    def build(
        cls,
        corpus: object,
        cache_dir: Path | None = None,
        overlay: Overlay | Path | None = None,
        *,
        use_ner: bool | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> EntityGraph:
        """Extract (or load from ``cache_dir``) every article of a ``Corpus`` and resolve.

        ``overlay`` is an ``Overlay`` or the path of an overlay file. ``use_ner`` turns the
        spaCy proposer on (None: the ``KZREADER_NER`` variable decides); if the extra is
        missing the build goes on without it and says so in ``report.messages``.
        Articles are extracted one at a time and each one's candidates go to the cache
        as soon as they are found, so an interrupted build resumes where it stopped.
        """
        ids = list(corpus.ids)  # type: ignore[attr-defined]
        messages: list[str] = []
        ner = ner_requested(use_ner)
        proposer = None
        if ner:
            from .ner import NerUnavailable

            try:
                proposer = spacy_proposer()
            except NerUnavailable as error:
                messages.append(str(error))
                ner = False
        cache = CandidateCache(
            cache_dir / "articles" if cache_dir is not None else None, extractor_version(ner)
        )
        snapshot = ResolutionCache(cache_dir, resolver_version(ner))
        info = corpus.info  # type: ignore[attr-defined]
        shas = [info(article_id).sha256 for article_id in ids]
        corpus_key = snapshot.corpus_key(zip(ids, shas, strict=True))
        with _bulk():
            loaded = snapshot.load(corpus_key, len(ids))
            if loaded is not None:
                resolution, numbers, store = loaded
                if progress is not None:
                    progress(len(ids), len(ids))
                graph = cls._finish(ids, resolution, store, numbers, overlay, messages)
                if graph.report is not None:
                    graph.report = replace(graph.report, cached=len(ids), extracted=0, ner=ner)
                return graph

        def items() -> Iterator[Item]:
            for article_id, sha in zip(ids, shas, strict=True):
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                found = cache.load(article_id, sha)
                if found is not None:
                    yield found
                    continue
                try:
                    yield corpus.article(article_id)  # type: ignore[attr-defined]
                except (ArticleError, KeyError, OSError) as error:
                    messages.append(f"{article_id}: no entities ({error})")
                    yield []

        def on_message(message: str) -> None:
            if "entity cache not written" not in message:
                messages.append(message)
            elif not cache.errors:
                cache.errors.append(message)

        def candidates() -> Iterator[list[Candidate]]:
            # Detection runs on every core once there is enough of it (extract.py).
            found = detect_in_order(items(), cache, proposer, on_message=on_message)
            for done, article_candidates in enumerate(found):
                yield article_candidates
                if progress is not None:
                    progress(done + 1, len(ids))

        resolution, numbers, store, errors = resolve_stream(
            candidates(),
            cache_dir,
            snapshot.mentions_name(corpus_key),
            cancelled=cancel.is_set if cancel is not None else None,
        )
        cache.prune(ids)
        messages.extend(cache.errors)
        messages.extend(errors)
        if cache_dir is not None and not cache.errors and not errors:
            snapshot.store(corpus_key, resolution, store)
        graph = cls._finish(ids, resolution, store, numbers, overlay, messages)
        graph.report = BuildReport(
            articles=len(ids),
            cached=cache.hits,
            extracted=cache.misses,
            ner=ner,
            messages=graph.report.messages if graph.report else tuple(messages),
        )
        return graph

    @classmethod
    def from_articles(
        cls,
        articles: Iterable[Article],
        overlay: Overlay | Path | None = None,
        *,
        use_ner: bool | None = None,
    ) -> EntityGraph:
        """Build from articles in memory (no cache): for tests and one-off tools."""
        proposer = spacy_proposer() if ner_requested(use_ner) else None
        detector = Detector(proposer=proposer)
        articles = list(articles)
        candidates = {a.id: detector.detect(a) for a in articles}
        return cls.from_candidates([a.id for a in articles], candidates, overlay, [])

    @classmethod
    def from_candidates(
        cls,
        ids: Sequence[str],
        candidates: dict[str, list[Candidate]],
        overlay: Overlay | Path | None,
        messages: list[str],
    ) -> EntityGraph:
        resolution, numbers, store, errors = resolve_stream(
            (candidates.get(article_id, []) for article_id in ids), None, "mentions"
        )
        return cls._finish(ids, resolution, store, numbers, overlay, messages + errors)

    @classmethod
    def _finish(
        cls,
        ids: Sequence[str],
        resolution: Resolution,
        store: MentionStore,
        numbers: Sequence[str],
        overlay: Overlay | Path | None,
        messages: list[str],
    ) -> EntityGraph:
        """Apply the overlay (after the snapshot was written) and freeze."""
        if not isinstance(overlay, Overlay):
            overlay = Overlay.load(overlay)
        notes: tuple[str, ...] = ()
        if overlay.error:
            messages.append(overlay.error)
        else:
            notes = overlay.apply(resolution)
        report = BuildReport(len(ids), 0, len(ids), False, tuple(messages) + notes)
        return cls(ids, resolution, store, numbers, report)

    # ----------------------------------------------------------------- queries
    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def entities(
        self, type: EntityType | str | None = None, article: str | None = None
    ) -> list[Entity]:
        """Entities, most-mentioned first (in ``article``: most mentioned there first)."""
        wanted = EntityType.parse(str(type)) if type is not None else None
        if article is None:
            return [e for e in self._entities.values() if wanted is None or e.type is wanted]
        counts = self.counts(article)
        found = [
            self._entities[i] for i in counts if wanted is None or self._entities[i].type is wanted
        ]
        return sorted(found, key=lambda e: (-counts[e.id], -e.mentions, e.name.casefold()))

    def counts(self, article: str) -> dict[str, int]:
        """How many times each entity is mentioned in one article."""
        return dict(Counter(m.entity_id for m in self._in(article)))

    def entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def mentions(self, entity_id: str) -> list[Mention]:
        """Every mention of an entity in corpus order (a concordance)."""
        return list(self._entity_view(entity_id)[0])

    def mentions_in(self, article_id: str) -> list[Mention]:
        """Every mention in an article, in reading order."""
        return list(self._in(article_id))

    def _in(self, article_id: str) -> tuple[Mention, ...]:
        """An article's mentions, read from the store (the last few articles are kept)."""
        number = self._number.get(article_id)
        if number is None:
            return ()
        with self._lock:
            found = self._recent.get(number)
        if found is not None:
            return found
        found = self._read(article_id, number)
        with self._lock:
            if len(self._recent) >= _RECENT:
                self._recent.pop(next(iter(self._recent)))
            self._recent[number] = found
        return found

    def _rows(self, number: int) -> list[tuple[str, list]]:
        """An article's stored rows with the id of the entity each now belongs to."""
        final, known = self._final, len(self._final)
        out = []
        for row in self._store.rows(number):
            eid = final[row[0]] if 0 <= row[0] < known else None
            if eid is not None:
                out.append((eid, row))
        return out

    def _read(self, article_id: str, number: int) -> tuple[Mention, ...]:
        return tuple(
            Mention(eid, article_id, p, start, end, surface, bool(comment))
            for eid, (_, p, start, end, surface, comment) in self._rows(number)
        )

    def _entity_view(self, entity_id: str) -> tuple[tuple[Mention, ...], Counter[str]]:
        """An entity's mentions and the entities sharing its paragraphs, from one reading.

        Its card asks for both, more than once; a common entity is in most articles, so
        the last few entities' views are kept, and the articles read for them are not
        allowed to push the reader's recent articles out.
        """
        with self._lock:
            found = self._views.get(entity_id)
        if found is not None:
            return found
        entity = self._entities.get(entity_id)
        mine: list[Mention] = []
        together: Counter[str] = Counter()
        for article in entity.articles if entity is not None else ():
            by_paragraph: dict[int, set[str]] = defaultdict(set)
            number = self._number[article]
            with self._lock:
                decoded = self._recent.get(number)
            if decoded is not None:
                for m in decoded:
                    by_paragraph[m.paragraph].add(m.entity_id)
                    if m.entity_id == entity_id:
                        mine.append(m)
            else:  # not made into mentions: most of an article's rows are other entities'
                for eid, (_, p, start, end, surface, comment) in self._rows(number):
                    by_paragraph[p].add(eid)
                    if eid == entity_id:
                        mine.append(Mention(eid, article, p, start, end, surface, bool(comment)))
            for present in by_paragraph.values():
                if entity_id in present:
                    together.update(present - {entity_id})
        found = (tuple(mine), together)
        with self._lock:
            if len(self._views) >= _VIEWS:
                self._views.pop(next(iter(self._views)))
            self._views[entity_id] = found
        return found

    def lookup(self, name: str, type: EntityType | str | None = None) -> Entity | None:
        """The entity a name refers to, by any alias (case, accents, spelling, Cyrillic ignored).

        When a name is shared (``MVD`` of two countries) the most-mentioned entity wins;
        ``lookup_all`` gives them all. ``type`` narrows the search (``person:`` fields).
        """
        found = self.lookup_all(name, type)
        return found[0] if found else None

    def lookup_all(self, name: str, type: EntityType | str | None = None) -> list[Entity]:
        """Every entity a name may refer to, most-mentioned first."""
        ids = self._lookup.get(name.strip().casefold()) or self._lookup.get(name_key(name))
        if not ids:
            bare = _without_title(name)  # "Mr.Medvedev", "President Putin"
            ids = self._lookup.get(name_key(bare), []) if bare != name else []
        wanted = EntityType.parse(str(type)) if type is not None else None
        found = [self._entities[i] for i in ids if i in self._entities]
        exact = name.strip().casefold()
        # Names that key alike but are spelt apart (Khorgos, Horgos): the spelling first.
        found.sort(key=lambda e: exact not in {e.name.casefold(), *map(str.casefold, e.aliases)})
        return [e for e in found if wanted is None or e.type is wanted]

    def related_articles(self, article_id: str, limit: int | None = None) -> list[RelatedArticle]:
        """Articles sharing entities with this one, best first.

        The score sums, over shared entities, how rare each entity is in the corpus
        (an idf weight), so sharing an obscure person counts more than sharing Russia.
        """
        mine = set(self.counts(article_id))
        if not mine:
            return []
        total = max(len(self.article_ids), 1)
        scores: dict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        for entity_id in mine:
            entity = self._entities[entity_id]
            weight = math.log((total + 1) / len(entity.articles))
            for other in entity.articles:
                if other != article_id:
                    scores[other] += weight
                    shared[other].append(entity_id)
        ranked = sorted(scores, key=lambda a: (-scores[a], a))
        out = []
        for other in ranked[:limit] if limit else ranked:
            ids = sorted(
                shared[other],
                key=lambda i: (len(self._entities[i].articles), -self._entities[i].mentions),
            )
            out.append(RelatedArticle(other, round(scores[other], 4), tuple(ids)))
        return out

    def cooccurring(self, entity_id: str, limit: int | None = None) -> list[tuple[str, int]]:
        """Entities mentioned in the same paragraphs as this one, with how many paragraphs."""
        counts = self._entity_view(entity_id)[1]
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -self._entities[kv[0]].mentions))
        return ranked[:limit] if limit else ranked

    def to_json(self, type: EntityType | str | None = None, article: str | None = None) -> dict:
        """The CLI's JSON shape: ``{"entities": [...]}``."""
        return {"entities": [e.to_json() for e in self.entities(type=type, article=article)]}


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """No garbage collection while a snapshot becomes objects that all live on.

    Tens of thousands of entities are made at once and none is garbage; the collector
    would walk them again and again as they are made (a third of the load time).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _without_title(name: str) -> str:
    """A name without the titles and honorifics in front of it."""
    words = re.sub(r"^(Mr|Mrs|Ms|Dr|St|Gen)\.\s*", "", name.strip()).split()
    titles = load_gazetteer().titles
    while len(words) > 1:
        for width in (3, 2, 1):
            if len(words) > width and name_key(" ".join(words[:width])) in titles:
                words = words[width:]
                break
        else:
            break
    return " ".join(words)


def context(article: Article, mention: Mention, width: int = 40) -> tuple[str, str, str]:
    """The text before, of and after a mention (for a concordance line)."""
    text = article.paragraph(mention.paragraph).text
    before = text[max(0, mention.start - width) : mention.start]
    after = text[mention.end : mention.end + width]
    return before, text[mention.start : mention.end], after
