"""Starting the app from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.paths import DataPaths
from ..core.terminal import printable


def run_app(corpus_dir: Path, paths: DataPaths, *, outside_links: bool = False) -> int:
    """Run the reader on ``corpus_dir``; the exit status (0 after q / ctrl+q).

    ``outside_links``: read linked files that point outside the folder."""
    if not Path(corpus_dir).is_dir():
        print(
            f"kzreader: {printable(str(corpus_dir))} is not a folder of articles", file=sys.stderr
        )
        return 1
    from .app import KzReaderApp

    app = KzReaderApp(corpus_dir, paths)
    app.outside_links = outside_links
    try:
        status = app.run()
    finally:
        from .screens.main.loading import end_indexing_processes

        end_indexing_processes()  # never leave whoosh's indexing processes behind
    if app.return_code not in (None, 0):
        return app.return_code
    return int(status or 0)
