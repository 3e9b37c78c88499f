"""The articles of a folder: the document model, the folder scan, one parser per format.

The public names are importable from here; ``core.article`` and ``core.parse`` keep
their old names too, so code written before this package keeps working. They load on
first use (PEP 562): the app draws its first frame with only the model imported (the
model is what its widgets name), and the scan, parsers and catalog come with the
worker that lists the library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Corpus": "collection",
    "CorpusError": "collection",
    "Progress": "collection",
    "resolve_root": "collection",
    "MAX_PARAGRAPHS": "formats",
    "META_KEYS": "formats",
    "SUFFIXES": "formats",
    "Block": "formats",
    "Extracted": "formats",
    "FormatError": "formats",
    "FormatParser": "formats",
    "ARTICLE_KINDS": "model",
    "Article": "model",
    "ArticleInfo": "model",
    "Kind": "model",
    "Link": "model",
    "Paragraph": "model",
    "count_words": "model",
    "MAX_FILE_BYTES": "reading",
    "ArticleError": "reading",
    "read_article": "reading",
    "read_bounded": "reading",
    "LoadIssue": "scan",
    "safe_id": "scan",
    "scan_folder": "scan",
    "shown_path": "scan",
    "SIDECAR_NAMES": "sidecar",
    "load_sidecar": "sidecar",
}

__all__ = [
    "ARTICLE_KINDS",
    "MAX_FILE_BYTES",
    "MAX_PARAGRAPHS",
    "META_KEYS",
    "SIDECAR_NAMES",
    "SUFFIXES",
    "Article",
    "ArticleError",
    "ArticleInfo",
    "Block",
    "Corpus",
    "CorpusError",
    "Extracted",
    "FormatError",
    "FormatParser",
    "Kind",
    "Link",
    "LoadIssue",
    "Paragraph",
    "Progress",
    "count_words",
    "load_sidecar",
    "read_article",
    "read_bounded",
    "resolve_root",
    "safe_id",
    "scan_folder",
    "shown_path",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


if TYPE_CHECKING:
    from .collection import Corpus, CorpusError, Progress, resolve_root
    from .formats import (
        MAX_PARAGRAPHS,
        META_KEYS,
        SUFFIXES,
        Block,
        Extracted,
        FormatError,
        FormatParser,
    )
    from .model import ARTICLE_KINDS, Article, ArticleInfo, Kind, Link, Paragraph, count_words
    from .reading import MAX_FILE_BYTES, ArticleError, read_article, read_bounded
    from .scan import LoadIssue, safe_id, scan_folder, shown_path
    from .sidecar import SIDECAR_NAMES, load_sidecar
