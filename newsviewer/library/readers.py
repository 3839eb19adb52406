"""Bare sqlite3 connections for search's reads: one per thread, kept open between calls.

A rare word's whole search takes about 150 microseconds in SQLite. Checking a
connection out of SQLAlchemy's pool and back in (with its reset) cost 25 to 45
more, so search reads through a connection of its own thread instead. The
connection is opened with ``query_only``: nothing sent through it can change the
library.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from contextlib import suppress
from pathlib import Path

from newsviewer.errors import LibraryError
from newsviewer.library import db


class _Held:
    """The connection of one thread; closed when the thread's storage goes away."""

    __slots__ = ("__weakref__", "busy", "connection", "generation")

    def __init__(self, connection: sqlite3.Connection, generation: int) -> None:
        self.connection = connection
        self.generation = generation
        self.busy = False


def _open(path: Path) -> sqlite3.Connection:
    # check_same_thread off: ``close`` and thread clean-up close it from another
    # thread, never while it is in use.
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={db.BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA query_only=ON")
    return connection


class Readers:
    """Per-thread read connections to one library file."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0
        # Weak: a thread that ends lets its connection go (see ``_held``).
        self._live: weakref.WeakSet[_Held] = weakref.WeakSet()

    def transaction(self) -> _Transaction:
        """This thread's connection inside a read transaction (one snapshot).

        Errors the environment causes (a full disk, a file made unreadable) come
        out as ``LibraryError`` with the reason.
        """
        return _Transaction(self)

    def _error(self, exc: sqlite3.Error) -> Exception:
        """``LibraryError`` with the reason for errors the environment causes, else ``exc``."""
        reason = db.environment_reason(exc)
        if reason is None:
            return exc
        return LibraryError(f"Could not read the library {self._path}: {reason}.")

    def close(self) -> None:
        """Close every idle connection; one in use closes when its thread is done."""
        with self._lock:
            self._generation += 1
            idle = [held for held in self._live if not held.busy]
        for held in idle:
            self._forget(held)

    def _held(self) -> _Held:
        held: _Held | None = getattr(self._local, "held", None)
        if held is not None and held.generation == self._generation:
            return held
        if held is not None:
            self._forget(held)
        held = _Held(_open(self._path), self._generation)
        with self._lock:
            self._live.add(held)
        # Threads come and go (Qt's pool retires idle ones): a thread's connection
        # closes with its thread-local storage.
        weakref.finalize(held, _close_quietly, held.connection)
        self._local.held = held
        return held

    def _forget(self, held: _Held) -> None:
        with self._lock:
            self._live.discard(held)
        _close_quietly(held.connection)


class _Transaction:
    """``Readers.transaction``: a class, not a generator, as it runs on every search."""

    __slots__ = ("_held", "_readers")

    def __init__(self, readers: Readers) -> None:
        self._readers = readers

    def __enter__(self) -> sqlite3.Connection:
        readers = self._readers
        try:
            held = readers._held()
            held.connection.execute("BEGIN")
        except sqlite3.Error as exc:
            raise readers._error(exc) from exc
        held.busy = True
        self._held = held
        return held.connection

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        held = self._held
        readers = self._readers
        try:
            if held.connection.in_transaction:  # (an error may have ended it)
                held.connection.execute("ROLLBACK")  # a read: nothing to keep
        except sqlite3.Error as exc:
            if error is None:
                raise readers._error(exc) from exc
        finally:
            held.busy = False
            if held.generation != readers._generation:
                readers._forget(held)  # ``close`` ran meanwhile
        if isinstance(error, sqlite3.Error):
            replacement = readers._error(error)
            if replacement is not error:
                raise replacement from error


def _close_quietly(connection: sqlite3.Connection) -> None:
    # An error means it is already unusable: nothing left to release.
    with suppress(sqlite3.Error):
        connection.close()
