"""Bookmarked passages: the model, anchoring, the store, queries and export.

Most callers want a ``Shelf`` (a store placed in a corpus)::

    shelf = Shelf.open(collection.bookmarks_file, corpus)  # core.collection
    placed = shelf.add("001_3cd9964ab855c274", 12, note="key claim", tags=["law"])
    shelf.query("putin", tags=["law"], sort="date")
"""

from .anchor import Anchorer, AnchorError, make_anchor
from .document import SCHEMA_VERSION, DocumentError, dump_document, parse_document
from .errors import BookmarkError, StoreLocked, StoreReadOnly, StoreWriteError, UnknownBookmark
from .export import (
    FORMATS,
    export_csv,
    export_file,
    export_json,
    export_markdown,
    export_text,
    format_for,
)
from .model import (
    CONTEXT_CHARS,
    Anchor,
    Bookmark,
    Location,
    Match,
    Placed,
    new_id,
    normalize_tags,
    now_iso,
    parse_tags,
)
from .query import (
    ArticleGroup,
    by_date,
    by_position,
    filter_placed,
    group_by_article,
    split_orphans,
    tag_counts,
)
from .shelf import Shelf
from .store import BookmarkStore

__all__ = [
    "CONTEXT_CHARS",
    "FORMATS",
    "SCHEMA_VERSION",
    "Anchor",
    "AnchorError",
    "Anchorer",
    "ArticleGroup",
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "DocumentError",
    "Location",
    "Match",
    "Placed",
    "Shelf",
    "StoreLocked",
    "StoreReadOnly",
    "StoreWriteError",
    "UnknownBookmark",
    "by_date",
    "by_position",
    "dump_document",
    "export_csv",
    "export_file",
    "export_json",
    "export_markdown",
    "export_text",
    "filter_placed",
    "format_for",
    "group_by_article",
    "make_anchor",
    "new_id",
    "normalize_tags",
    "now_iso",
    "parse_document",
    "parse_tags",
    "split_orphans",
    "tag_counts",
]
