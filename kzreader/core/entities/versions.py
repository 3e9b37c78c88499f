"""What an entity build did, and the versions its caches are keyed by.

A cache is valid only for the code and data that made it: the per-article detection
cache is keyed by a hash of the detection modules and the gazetteer, the corpus
snapshot by that and the resolver's modules too, so any change to them re-extracts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import translit
from .model import EXTRACTOR_VERSION
from .ner import proposer_name


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: how many articles came from the cache, and what went wrong."""

    articles: int
    cached: int
    extracted: int
    ner: bool
    messages: tuple[str, ...] = ()


_DETECTION_FILES = (
    "gazetteer.yaml", "detect", "tokens.py", "candidate.py", "lexicon.py", "person_names.py",
    "place_words.py",
    "names.py", "gazetteer.py", "extract.py",
)  # fmt: skip
_RESOLUTION_FILES = ("resolve", "model.py", "cache.py", "store.py")


def _digest(files: Iterable[str]) -> str:
    """A hash of the named files; a name that is a subpackage stands for its modules."""
    digest = hashlib.sha256()
    package = resources.files(__package__)
    for name in files:
        path = package.joinpath(name)
        if path.is_dir():
            modules = sorted((p for p in path.iterdir() if p.name.endswith(".py")), key=str)
            for module in modules:
                digest.update(module.name.encode())
                digest.update(module.read_bytes())
        else:
            digest.update(path.read_bytes())
    # Name keys are made outside the package (search folds words the same way).
    digest.update(Path(translit.__file__).read_bytes())
    return digest.hexdigest()[:12]


def extractor_version(ner: bool) -> str:
    """The per-article cache's version: the code and data detection depends on, the proposer."""
    return f"{EXTRACTOR_VERSION}-{_digest(_DETECTION_FILES)}{proposer_name(ner)}"


def resolver_version(ner: bool) -> str:
    """The corpus snapshot's version: detection's and the resolver's."""
    return f"{extractor_version(ner)}-{_digest(_RESOLUTION_FILES)}"
