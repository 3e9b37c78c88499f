"""People, places and organisations: extraction, resolution, the link graph.

``EntityGraph.build(corpus, cache_dir=..., overlay=...)`` is the entry point; the
rest is exported for the index, the UI and tests.
"""

from __future__ import annotations

from .cache import CandidateCache
from .candidate import Candidate
from .detect import Detector
from .gazetteer import Gazetteer, entity_id, load_gazetteer
from .graph import Cancelled, EntityGraph, context
from .model import EXTRACTOR_VERSION, Entity, EntityType, Mention, RelatedArticle
from .names import name_key, transliterate
from .ner import ENV_NER, NerUnavailable
from .overlay import Overlay, OverlayError, OverlayOp
from .resolve import EntityRecord, Resolution, resolve
from .versions import BuildReport, extractor_version

__all__ = [
    "ENV_NER",
    "EXTRACTOR_VERSION",
    "BuildReport",
    "Cancelled",
    "Candidate",
    "CandidateCache",
    "Detector",
    "Entity",
    "EntityGraph",
    "EntityRecord",
    "EntityType",
    "Gazetteer",
    "Mention",
    "NerUnavailable",
    "Overlay",
    "OverlayError",
    "OverlayOp",
    "RelatedArticle",
    "Resolution",
    "context",
    "entity_id",
    "extractor_version",
    "load_gazetteer",
    "name_key",
    "resolve",
    "transliterate",
]
