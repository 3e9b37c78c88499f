"""Where kzreader keeps what it writes, and where the bundled data lives.

Every file the program writes goes under one of three roots (data, cache, config),
taken from the platform (platformdirs) unless ``--data-dir`` or ``KZREADER_HOME``
names one folder for all of them, which is what tests and portable setups want.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kzreader"
ENV_HOME = "KZREADER_HOME"


@dataclass(frozen=True)
class DataPaths:
    """The folders kzreader writes to."""

    data: Path
    cache: Path
    config: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
        """Paths from an explicit folder, else ``$KZREADER_HOME``, else the platform's dirs."""
        root = data_dir or os.environ.get(ENV_HOME) or None
        if root:
            base = Path(root).expanduser().resolve()
            return cls(data=base, cache=base, config=base)
        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def index_root(self) -> Path:
        return self.cache / "index"

    def index_dir(self, corpus_dir: Path) -> Path:
        """One index per corpus folder, keyed by its absolute path."""
        return self.index_root / folder_key(corpus_dir)

    @property
    def collections_root(self) -> Path:
        """Each collection's own data (bookmarks, corrections, positions) in a folder here."""
        return self.data / "collections"

    @property
    def collections_file(self) -> Path:
        """The registry of collections: id → folder, with a fingerprint of its articles."""
        return self.data / "collections.yaml"

    # The global files of kzreader before collections (issue 18): read once, to migrate
    # their contents into the collections they belong to (``core.collection``).

    @property
    def bookmarks_file(self) -> Path:
        """The old global bookmarks file (migrated; see ``Collection.bookmarks_file``)."""
        return self.data / "bookmarks.yaml"

    @property
    def state_file(self) -> Path:
        """The old global reading state (migrated; see ``Collection.state_file``)."""
        return self.data / "state.yaml"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.yaml"

    @property
    def overlay_file(self) -> Path:
        """The old global entity overlay (migrated; see ``Collection.overlay_file``)."""
        return self.config / "overlay.yaml"

    @property
    def themes_dir(self) -> Path:
        return self.config / "themes"


def folder_key(folder: str | os.PathLike[str]) -> str:
    """A file name for a folder: its name, readable, and a hash of its absolute path."""
    resolved = str(Path(folder).expanduser().resolve())
    key = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(resolved).name)[:40]
    return f"{name or 'root'}-{key}"


def _bundled(name: str) -> Path:
    """A folder shipped with the package: inside the wheel, or at the repo top level."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundled" / name
    if installed.is_dir():
        return installed
    return package.parent / name


def bundled_seeds() -> Path:
    """The bundled corpus (the repository's ``seeds/``)."""
    return _bundled("seeds")


def bundled_themes() -> Path:
    """The shipped themes (the repository's ``themes/``)."""
    return _bundled("themes")
