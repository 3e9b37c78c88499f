"""The articles of a folder: the document model, the folder scan, one parser per format.

The public names are re-exported here; ``core.article`` and ``core.parse`` re-export
their old names too, so code written before this package keeps working.
"""

from __future__ import annotations

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
