"""Where the library lives: one decision, made at start-up."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "NewsViewer"
LIBRARY_ENV = "NEWSVIEWER_LIBRARY"
LIBRARY_FILE = "library.sqlite3"
# A library on a PostgreSQL server is named by its URL instead of a file.
SERVER_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server(location: object) -> bool:
    """Whether a library location is a PostgreSQL URL (``postgresql://user@host/db``)."""
    return isinstance(location, str) and location.startswith(SERVER_PREFIXES)


def library_path(override: str | os.PathLike[str] | None = None) -> Path | str:
    """``--library`` beats ``$NEWSVIEWER_LIBRARY`` beats the user data folder.

    A directory given as override holds the default file name. A PostgreSQL URL
    (a team library on a server) comes back as the text given.
    """
    chosen = override or os.environ.get(LIBRARY_ENV)
    if is_server(chosen):
        return str(chosen)
    if chosen:
        path = Path(chosen).expanduser()
        if path.is_dir():
            path = path / LIBRARY_FILE
        return path
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / LIBRARY_FILE
