"""The bookmarks of every collection, for a view across them asked for on purpose.

Each collection's shelf is placed in its own folder's articles (listed from the
index's catalog when there is one, so opening many folders stays quick); a folder
that is gone leaves its bookmarks as orphans, shown with their saved quotes. The
old global file's bookmarks that no folder has claimed yet come last.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..collection import Collection, Collections
from ..corpus.collection import Corpus
from ..paths import DataPaths
from .export import export_text
from .model import Placed
from .query import filter_placed
from .shelf import Shelf

#: The title of the old global file's unclaimed bookmarks.
UNFILED = "not in any collection yet (the old global bookmarks file)"


@dataclass(frozen=True)
class CollectionShelf:
    """One collection's bookmarks, placed in its articles."""

    id: str | None  # None: the old global file
    title: str
    folder: Path | None
    shelf: Shelf
    current: bool = False

    def placed(self) -> list[Placed]:
        return self.shelf.placed()

    def to_json(self, item: Placed) -> dict[str, object]:
        row = item.to_json()
        row["collection"] = self.id
        row["folder"] = str(self.folder) if self.folder else None
        return row


def _corpus_of(paths: DataPaths, root: Path) -> Corpus | None:
    if not root.is_dir():
        return None
    listed = Corpus.from_catalog(root, paths.index_dir(root) / "catalog.json")
    return listed if listed is not None else Corpus.open(root)


def all_shelves(
    paths: DataPaths, current: Collection | None = None, corpus: Corpus | None = None
) -> list[CollectionShelf]:
    """Every collection with bookmarks (the current one first, placed in ``corpus``),
    then the old global file's unclaimed bookmarks."""
    out: list[CollectionShelf] = []
    registry = Collections(paths)
    for entry in registry.entries():
        collection = registry.collection(entry)
        mine = current is not None and collection.id == current.id
        if not mine and not collection.bookmarks_file.exists():
            continue
        try:
            placed_in = corpus if mine else _corpus_of(paths, collection.root)
        except OSError:
            placed_in = None
        shelf = Shelf.open(collection.bookmarks_file, placed_in)
        item = CollectionShelf(collection.id, collection.title, collection.root, shelf, mine)
        if mine:
            out.insert(0, item)
        elif len(shelf):
            out.append(item)
    if paths.bookmarks_file.exists():
        out.append(CollectionShelf(None, UNFILED, None, Shelf.open(paths.bookmarks_file, None)))
    return out


def export_all(
    shelves: list[CollectionShelf], fmt: str, *, tags: Iterable[str] = (), now: str = ""
) -> str:
    """One export of several collections (the bookmarks with all ``tags``): Markdown
    sections, or JSON by collection."""
    tags = tuple(tags)
    if fmt == "json":
        parts = []
        for item in shelves:
            body = json.loads(
                export_text(filter_placed(item.placed(), tags=tags), "json", item.shelf.corpus)
            )
            parts.append(
                {
                    "collection": item.id,
                    "title": item.title,
                    "folder": str(item.folder) if item.folder else None,
                    "bookmarks": body["bookmarks"],
                }
            )
        return json.dumps({"version": 1, "collections": parts}, ensure_ascii=False, indent=2) + "\n"
    if fmt != "md":
        raise ValueError("across collections, export writes md or json")
    sections = []
    for item in shelves:
        text = export_text(
            filter_placed(item.placed(), tags=tags), "md", item.shelf.corpus, now=now
        )
        heading = f"# Bookmarks — {item.title}" + (f" ({item.folder})" if item.folder else "")
        sections.append(text.replace("# Bookmarks", heading, 1))
    return "\n".join(sections)
