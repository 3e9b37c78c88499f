"""Small things the reader remembers between runs: where you were, what you searched.

Kept per collection in ``Collection.state_file`` (YAML). Losing it costs only convenience, but it is
still written atomically, and a file that cannot be read is reported and left alone
(never overwritten), so a user can look at it or fix it. Two running readers merge
their positions on save instead of overwriting each other's.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .atomic import atomic_write_text, read_user_file
from .yamlsafe import YamlError, load_yaml

STATE_VERSION = 1
HISTORY_LIMIT = 100
#: Positions in 50,000 articles take about 2 MB; a larger file is not ours.
MAX_STATE_BYTES = 16 << 20


class StateError(Exception):
    """The state file exists but cannot be used; the message says why."""


@dataclass
class CorpusState:
    """Reading positions in one corpus folder."""

    positions: dict[str, int] = field(default_factory=dict)
    last: str | None = None


@dataclass
class ReadingState:
    """Positions per corpus and article, and the search history (oldest first)."""

    path: Path
    corpora: dict[str, CorpusState] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    #: Why the file on disk could not be read; while set, ``save`` leaves it alone.
    broken: str | None = None
    _touched: set[tuple[str, str]] = field(default_factory=set, repr=False)

    # -- loading -----------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> tuple[ReadingState, list[str]]:
        """The state in ``path`` (empty if there is none) and warnings worth showing once."""
        state = cls(path=Path(path))
        try:
            corpora, history = _read(state.path)
        except FileNotFoundError:
            return state, []
        except StateError as error:
            state.broken = str(error)
            return state, [
                f"{state.path}: {error}; reading positions will not be saved "
                "until the file is fixed or removed"
            ]
        state.corpora, state.history = corpora, history
        return state, []

    # -- positions ---------------------------------------------------------

    def position(self, corpus: str, article: str) -> int | None:
        """The paragraph last read in ``article``, if any."""
        entry = self.corpora.get(corpus)
        return entry.positions.get(article) if entry else None

    def set_position(self, corpus: str, article: str, paragraph: int) -> None:
        entry = self.corpora.setdefault(corpus, CorpusState())
        entry.positions[article] = int(paragraph)
        entry.last = article
        self._touched.add((corpus, article))

    def last_article(self, corpus: str) -> str | None:
        entry = self.corpora.get(corpus)
        return entry.last if entry else None

    # -- search history ----------------------------------------------------

    def add_search(self, query: str) -> None:
        """Remember a query (most recent last, no duplicates)."""
        query = " ".join(query.split())
        if not query:
            return
        with contextlib.suppress(ValueError):
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]

    # -- saving ------------------------------------------------------------

    def save(self) -> str | None:
        """Write the state, merged with what another reader may have saved meanwhile.

        Returns a one-line reason when nothing was written, else None.
        """
        if self.broken:
            return f"{self.path}: not saved ({self.broken})"
        try:
            on_disk, _ = _read(self.path)
        except (FileNotFoundError, StateError):
            on_disk = {}
        merged = on_disk
        for corpus, entry in self.corpora.items():
            target = merged.setdefault(corpus, CorpusState())
            for key, value in entry.positions.items():
                if (corpus, key) in self._touched or key not in target.positions:
                    target.positions[key] = value
            if entry.last is not None:
                target.last = entry.last
        try:
            atomic_write_text(self.path, _dump(merged, self.history))
        except OSError as error:
            return (
                f"{self.path}: not saved ({error.strerror or error}); "
                "tried again at the next change"
            )
        self.corpora = merged
        self._touched.clear()
        return None


def _read(path: Path) -> tuple[dict[str, CorpusState], list[str]]:
    try:
        text = read_user_file(path, MAX_STATE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise
    except OSError as error:
        raise StateError(f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise StateError(f"cannot be read (not UTF-8 text, byte {error.start})") from error
    try:
        data = load_yaml(text)
    except YamlError as error:
        raise StateError(str(error)) from error
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        raise StateError("expected a mapping at the top level")
    corpora: dict[str, CorpusState] = {}
    raw = data.get("corpora") or {}
    if not isinstance(raw, dict):
        raise StateError("'corpora' should be a mapping")
    for key, value in raw.items():
        if not isinstance(value, dict):
            continue
        positions = value.get("positions") or {}
        entry = CorpusState(
            positions={
                k: v
                for k, v in (positions.items() if isinstance(positions, dict) else ())
                if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
            },
            last=value["last"] if isinstance(value.get("last"), str) and value["last"] else None,
        )
        if isinstance(key, str):
            corpora[key] = entry
    history = data.get("search_history") or []
    if not isinstance(history, list):
        history = []
    return corpora, [q for q in history if isinstance(q, str)][-HISTORY_LIMIT:]


def _dump(corpora: dict[str, CorpusState], history: list[str]) -> str:
    payload = {
        "version": STATE_VERSION,
        "corpora": {
            key: {"last": entry.last, "positions": dict(sorted(entry.positions.items()))}
            for key, entry in sorted(corpora.items())
        },
        "search_history": list(history),
    }
    return yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)
