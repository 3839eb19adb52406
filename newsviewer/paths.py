"""Where the library lives: one decision, made at start-up."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "NewsViewer"
LIBRARY_ENV = "NEWSVIEWER_LIBRARY"
LIBRARY_FILE = "library.sqlite3"


def library_path(override: str | os.PathLike[str] | None = None) -> Path:
    """``--library`` beats ``$NEWSVIEWER_LIBRARY`` beats the user data folder.

    A directory given as override holds the default file name.
    """
    chosen = override or os.environ.get(LIBRARY_ENV)
    if chosen:
        path = Path(chosen).expanduser()
        if path.is_dir():
            path = path / LIBRARY_FILE
        return path
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / LIBRARY_FILE
