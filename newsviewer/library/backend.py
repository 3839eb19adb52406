"""What differs between an SQLite library and a PostgreSQL one, behind one interface.

``Library`` (``repository.py``, ``reads.py``) does everything else through
SQLAlchemy and the statements in SQLite's dialect that ``pg_sql`` translates.
A backend answers for the parts that are each engine's own: the bare connections
that search reads through and stories are stored through, the full-text search
itself (FTS5 or ``tsvector``), the story count and list of ids, and the upkeep
of the search indexes.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol, cast

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.orm import Session

from newsviewer.library import fts
from newsviewer.library import search as plans
from newsviewer.library.changes import ChangeWatcher
from newsviewer.library.models import StoryCountRow
from newsviewer.library.readers import Readers

log = logging.getLogger(__name__)


class Searcher(Protocol):
    """Full-text search on one engine: the module ``search.py`` (FTS5) or ``pg_search.py``
    (``tsvector``), with the same four calls."""

    def page(
        self,
        conn: Any,
        query: plans.Query,
        *,
        offset: int,
        limit: int,
        sort: plans.Sort,
        exact: bool,
        with_snippets: bool,
    ) -> plans.SearchPage: ...

    def hit_snippets(self, conn: Any, query: plans.Query, ids: Sequence[int]) -> dict[int, str]: ...

    def facets(self, conn: Any, query: plans.Query) -> plans.Facets: ...

    def hit_terms(self, conn: Any, query: plans.Query, article_id: int) -> list[str]: ...


class Backend(Protocol):
    """The engine-specific half of a library."""

    dialect: str

    def read(self) -> AbstractContextManager[Any]:
        """A bare connection inside one read transaction (``sqlite3.Connection``'s ways)."""

    def cursor(self, connection: Connection) -> Any:
        """A bare cursor on a write transaction's connection, taking SQLite-dialect SQL."""

    def count(self, session: Session) -> int: ...

    def ids(self, session: Session) -> list[int]:
        """Every story id, newest first (published date, else import date)."""

    def searcher(self) -> Searcher:
        """The engine's full-text search, called on a connection from ``read``."""

    def index_command(self, cursor: Any, command: fts.Command) -> None: ...

    def damaged_indexes(self, cursor: Any) -> list[str]: ...

    def watch(self) -> ChangeWatcher | None:
        """A watcher of stories other users add or remove; None where none can change them."""

    def close(self) -> None: ...


# SQLite 3.44 can order an aggregate's input; before it, the aggregate reads the
# rows in the subquery's order (not promised by the docs, but how every release
# runs it; tests check the order).
_IDS_SQL = (
    "SELECT json_group_array(id ORDER BY sort_at DESC, id DESC) FROM articles"
    if sqlite3.sqlite_version_info >= (3, 44)
    else "SELECT json_group_array(id) FROM (SELECT id FROM articles ORDER BY sort_at DESC, id DESC)"
)


class SqliteBackend:
    """A library file: FTS5 search (``search.py``) through per-thread bare connections."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self._readers = Readers(path)

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        # Search runs several statements per call; one transaction keeps them on one
        # snapshot while an import writes. The connection is this thread's own
        # (``readers.py``): a Session costs about 55 microseconds a call and a pool
        # checkout 25 or more, against 150 for a rare word's whole search in SQLite.
        return self._readers.transaction()

    def cursor(self, connection: Connection) -> sqlite3.Cursor:
        return cast(sqlite3.Connection, connection.connection.driver_connection).cursor()

    def count(self, session: Session) -> int:
        # Read from the count the triggers keep (no scan).
        return session.scalar(select(StoryCountRow.stories)) or 0

    def ids(self, session: Session) -> list[int]:
        # Answered from the (sort_at, id) index alone, packed into one JSON array
        # inside SQLite: a row per id through the driver costs 1.5x as much, which
        # at a million stories is the difference between under and over 200 ms.
        packed = session.connection().exec_driver_sql(_IDS_SQL).scalar_one()
        return cast(list[int], json.loads(packed))

    def searcher(self) -> Searcher:
        return plans

    def index_command(self, cursor: Any, command: fts.Command) -> None:
        for index in fts.INDEXES:
            cursor.execute(index.command_sql(command))

    def damaged_indexes(self, cursor: Any) -> list[str]:
        damaged: list[str] = []
        for index in fts.INDEXES:
            try:
                cursor.execute(index.check_sql())
            except sqlite3.DatabaseError as exc:
                log.warning("full-text index %s: %s", index.name, exc)
                damaged.append(index.name)
        return damaged

    def watch(self) -> ChangeWatcher | None:
        # A library file is one user's: the window lists its own imports itself.
        return None

    def close(self) -> None:
        self._readers.close()


class PostgresBackend:
    """A library on a PostgreSQL server: ``tsvector`` search (``pg_search.py``)."""

    dialect = "postgresql"

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Server process ids of this library's own connections (see ``watch``).
        self._own: set[int] = set()
        # On checkout, not connect: the pool keeps the connections that ran the migrations.
        event.listen(engine, "checkout", self._remember)

    def _remember(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        self._own.add(int(dbapi_connection.info.backend_pid))

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        from newsviewer.library.pg_sql import Connection as Translating

        with self._engine.connect() as connection:
            driver = connection.connection.driver_connection
            # One snapshot for the several statements of a search, and no writes.
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # The planner prices a scan of ``articles`` by its heap, but the tsvectors
            # lie compressed in TOAST and each row tested must be unpacked: it chose
            # to scan 20,000 stories (2 s) over the GIN index (50 ms) for a rare word.
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            try:
                yield Translating(driver)
            finally:
                connection.rollback()

    def read(self) -> AbstractContextManager[Any]:
        return self._reading()

    def cursor(self, connection: Connection) -> Any:
        from newsviewer.library.pg_sql import Cursor

        return Cursor(cast(Any, connection.connection.driver_connection).cursor())

    def count(self, session: Session) -> int:
        return session.scalar(select(StoryCountRow.stories)) or 0

    def ids(self, session: Session) -> list[int]:
        rows = session.connection().exec_driver_sql(
            "SELECT id FROM articles ORDER BY sort_at DESC, id DESC"
        )
        return [int(r[0]) for r in rows]

    def searcher(self) -> Searcher:
        # Loaded with the first search: a library file never needs it.
        from newsviewer.library import pg_search

        return pg_search

    def index_command(self, cursor: Any, command: fts.Command) -> None:
        # GIN indexes need no merging; a rebuild reindexes them from the columns.
        if command == "rebuild":
            for index in ("ix_articles_search_exact", "ix_articles_search_stem"):
                cursor.execute(f"REINDEX INDEX {index}")
            cursor.execute("REINDEX INDEX ix_quotations_search")

    def damaged_indexes(self, cursor: Any) -> list[str]:
        # Generated columns cannot drift from their rows; the server checks its own pages.
        return []

    def watch(self) -> ChangeWatcher | None:
        url = self._engine.url.set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)

        def connect() -> Any:
            import psycopg

            return psycopg.connect(dsn)

        return ChangeWatcher(connect, lambda: set(self._own))

    def close(self) -> None:
        event.remove(self._engine, "checkout", self._remember)
