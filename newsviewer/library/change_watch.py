"""Whether another process (a second window, the command line) changed the library.

SQLite's ``PRAGMA data_version`` on a connection changes whenever another connection
commits to the file, this process's own included. To tell the others' commits from
ours, the value is read just before and just after each of our writes (under the
library's write lock): when nothing else had committed before our write, the value
after it is the one expected next. A poll that finds another value has seen someone
else's commit. (A commit by another process in the instant between our commit and
the read after it is taken for ours.)
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class SqliteChangeWatcher:
    """Asked from the GUI thread (``changed``), told of this process's writes from any
    thread (``before_write``, ``after_write``); a ``changes.Watcher``."""

    def __init__(self, path: Path) -> None:
        # Its own connection: data_version is per connection, so the value must always
        # be read on the same one. Read-only, it never takes a lock a writer waits for.
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._closed = False
        self._expected = self._version()

    def _version(self) -> int:
        if self._closed:
            return 0  # (a library is still usable after close: nothing is watched then)
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def before_write(self) -> int:
        with self._lock:
            return self._version()

    def after_write(self, before: int) -> None:
        """Our write committed; ``before`` is what ``before_write`` read ahead of it."""
        with self._lock:
            after = self._version()
            if before == self._expected:
                self._expected = after
            # Else someone else committed before our write: the next poll says so.

    @property
    def closed(self) -> bool:
        return self._closed

    def changed(self) -> bool:
        """Whether another process committed since the last call (or since made)."""
        with self._lock:
            now = self._version()
            changed = now != self._expected
            self._expected = now
            return changed

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._conn.close()
