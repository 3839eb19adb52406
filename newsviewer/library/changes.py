"""Whether someone else has changed the library: what keeps a shared library's window current.

On PostgreSQL every statement that adds or removes stories, or writes marks, tags,
highlights or saved searches, sends ``NOTIFY newsviewer_stories`` when it commits
(migrations 0009 and 0012). A watcher listens on a
connection of its own and answers ``changed()`` without waiting, so the window
can ask on a timer; notices sent by this library's own connections (its own
imports, which the window already shows) are left out. A connection lost to the
server is opened again on the next call, which then answers True: a notice may
have been missed meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

CHANNEL = "newsviewer_stories"


class Watcher(Protocol):
    """What the window asks on a timer: this class on a server, ``change_watch`` for a file."""

    def changed(self) -> bool:
        """True when someone else changed the library since the last call."""

    def close(self) -> None: ...


class ChangeWatcher:
    """Notices of what other users of a server library changed (stories, marks, tags,
    highlights, saved searches)."""

    def __init__(self, connect: Callable[[], Any], own: Callable[[], set[int]]) -> None:
        # ``connect`` opens a psycopg connection; ``own`` gives the server process ids
        # of this library's own connections, whose notices are not news.
        self._connect = connect
        self._own = own
        self._connection: Any = None
        self._listen()

    def _listen(self) -> None:
        connection = self._connect()
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection = connection

    def changed(self) -> bool:
        """True when another user changed the library since the last call."""
        import psycopg

        if self._connection is None or self._connection.closed:
            try:
                self._listen()
            except psycopg.OperationalError as exc:
                log.warning("cannot listen for library changes: %s", exc)
                return False
            return True
        try:
            notices = list(self._connection.notifies(timeout=0))
        except psycopg.OperationalError as exc:
            log.warning("lost the connection that listens for library changes: %s", exc)
            self._connection.close()
            return False
        if not notices:
            return False
        own = self._own()
        return any(n.pid not in own for n in notices)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
