"""The one door to the stored articles: ``Library``, and the one way stories are written.

Reads live in ``reads.py`` (``Library`` inherits them); this module writes. Every
public method is one unit of work with its own session or connection, which
makes a ``Library`` safe to share between the GUI thread and a worker thread.
Writes are serialised by a lock; reads run alongside them thanks to WAL. Every
story is stored by ``_insert`` through the driver with the statements of
``rows.Inserts``, in one transaction (``add``), one per group with a savepoint per
story (``add_each``), or under its old id (``restore``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from newsviewer.domain import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    Article,
    ArticleId,
    Figure,
    Quote,
    Status,
)
from newsviewer.library import db, fts, ledger_index, reads, user_snapshot
from newsviewer.library.article_extras import has_extras, store_extras
from newsviewer.library.backend import Backend, PostgresBackend, SqliteBackend
from newsviewer.library.change_watch import SqliteChangeWatcher
from newsviewer.library.changes import Watcher
from newsviewer.library.dedupe import similar, store_fingerprint
from newsviewer.library.models import ArticleRow
from newsviewer.library.reads import Reads
from newsviewer.library.rows import (
    Insert,
    Inserts,
    article_row,
    content_hash,
    figure_rows,
    quotation_rows,
    sort_key,
    storable,
)

__all__ = [
    "DeletedArticle",
    "Library",
    "StoreRequest",
    "StoreResult",
    "content_hash",
    "sort_key",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeletedArticle:
    """Everything needed to put a deleted article back (undo)."""

    article_id: ArticleId
    title: str
    payload: object
    # Its marks, tags, highlights and reading place (user_snapshot.py).
    extras: object = None


@dataclass(frozen=True, slots=True)
class StoreRequest:
    """One article to store with ``Library.add_each``, as ``add`` takes it."""

    article: Article
    source_path: str
    original: bytes


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What ``add_each`` made of one article."""

    status: Status
    article_id: ArticleId | None
    error: str = ""
    # A DUPLICATE of a story saved from another file: how it repeats it (dedupe.Similar).
    repeats: str = ""


@dataclass(frozen=True, slots=True)
class _Writer:
    """A write transaction's bare cursor (``sqlite3``'s, or one that translates for
    PostgreSQL) with the statements to use on it."""

    cursor: Any
    inserts: Inserts

    def insert(self, statement: Insert, values: Mapping[str, Any]) -> None:
        self.cursor.execute(statement.sql, statement.params(values))

    def insert_many(self, statement: Insert, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self.cursor.executemany(statement.sql, [statement.params(r) for r in rows])

    def find_hash(self, digest: str) -> ArticleId | None:
        found = self.cursor.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        return None if found is None else ArticleId(found[0])


def _insert_figures(writer: _Writer, article_id: int, figures: Sequence[Figure]) -> None:
    writer.insert_many(writer.inserts.figure, figure_rows(article_id, figures))


def _insert_quotations(writer: _Writer, article_id: int, quotes: Sequence[Quote]) -> None:
    writer.insert_many(writer.inserts.quotation, quotation_rows(article_id, quotes))


def _insert(
    writer: _Writer,
    article: Article,
    *,
    imported_at: datetime,
    source_name: str,
    source_path: str,
    digest: str,
    original: bytes,
    article_id: int | None = None,
) -> ArticleId:
    """Store a story with its figures, quotations and original; the one way to write one."""
    article = storable(article)
    values = article_row(
        article,
        imported_at=imported_at,
        source_name=source_name,
        source_path=source_path,
        digest=digest,
    )
    # The insert triggers add the full-text entries in this same transaction.
    if article_id is None:
        writer.insert(writer.inserts.article, values)
        (new_id,) = writer.cursor.fetchone()
    else:
        writer.insert(writer.inserts.article_with_id, {**values, "id": article_id})
        new_id = article_id
    _insert_figures(writer, new_id, article.figures)
    _insert_quotations(writer, new_id, article.quotes)
    writer.insert(writer.inserts.original, {"article_id": new_id, "data": original})
    # What tells this story saved again later (dedupe.py).
    store_fingerprint(writer.cursor, new_id, article)
    # Tags, marks, saved date and highlights a read-it-later export carried.
    if has_extras(article):
        store_extras(writer.cursor, new_id, article)
    return ArticleId(new_id)


class Library(Reads):
    """A library file, or a library on a PostgreSQL server. Open with ``Library.open``;
    migrations run on open."""

    # The file, or the server URL as messages show it (without a password).
    path: Path | str

    def __init__(self, path: Path | str, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._writer = engine.execution_options(**{db.WRITE: True})
        # One writer at a time inside this process; SQLite's own lock (with the busy
        # timeout) covers other processes, and on a server an advisory lock
        # (``db.WRITE_LOCK``) covers other users.
        self._write_lock = threading.Lock()
        self._inserts = Inserts(engine.dialect)
        self._backend: Backend = (
            SqliteBackend(Path(path))
            if engine.dialect.name == "sqlite"
            else PostgresBackend(engine)
        )
        # A library file's watcher of other processes' changes, once a window asks.
        self._watch: SqliteChangeWatcher | None = None

    @classmethod
    def open(cls, path: Path | str) -> Library:
        """Create folders and file as needed, apply migrations, set WAL and foreign keys.

        ``path`` may be a server URL (``postgresql://user@host/db``): the library's
        tables are created on it, or brought up to date.
        Raises ``LibraryError`` with a readable reason when the library cannot be used.
        """
        if db.is_server(path):
            return cls(db.shown(path), db.open_server(str(path)))
        path = Path(path)
        return cls(path, db.open_engine(path))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._backend.dialect

    def watch_changes(self) -> Watcher | None:
        """A watcher of what others change in the library, for the window to show it:
        on a server, the stories other users add or remove; in a file, whatever
        another process (a second window, the command line) commits."""
        if self._backend.dialect != "sqlite":
            return self._backend.watch()
        with self._write_lock:  # (our writes are told apart from the moment it exists)
            if self._watch is None or self._watch.closed:
                self._watch = SqliteChangeWatcher(Path(self.path))
            return self._watch

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self._backend.close()
        self._engine.dispose()

    @contextmanager
    def _watched(self) -> Iterator[None]:
        """Around one of our write transactions: tells the watch it was ours."""
        watch = self._watch
        before = watch.before_write() if watch is not None else 0
        yield
        if watch is not None:
            watch.after_write(before)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self, action: str) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        with (
            self._write_lock,
            self._watched(),
            db.environment_errors(action, self.path),
            Session(self._writer) as session,
            session.begin(),
        ):
            yield session
            # Stories whose quotations changed in this transaction (ledger_index.py).
            ledger_index.sync(session.connection())

    @contextmanager
    def _store(self, action: str) -> Iterator[_Writer]:
        """A write transaction on the bare driver connection, for storing stories.

        Commits on success and rolls back on any error, as ``_write`` does.
        """
        with (
            self._write_lock,
            self._watched(),
            db.environment_errors(action, self.path),
            self._writer.begin() as connection,
        ):
            cursor = self._backend.cursor(connection)
            try:
                yield _Writer(cursor, self._inserts)
            finally:
                cursor.close()
            # The speakers index of the stories stored, in the same transaction.
            ledger_index.sync(connection)

    # -- writing ---------------------------------------------------------------

    def add(
        self, article: Article, *, source_path: str, original: bytes
    ) -> tuple[Status, ArticleId]:
        """Store one article in its own transaction.

        Returns (``IMPORTED``, new id) or (``DUPLICATE``, existing id) when an article
        with the same content hash (sha256 of ``original``) is already stored.
        The article, its figures, quotations, search entry and original bytes are
        stored together or, on any error, not at all.
        """
        digest = content_hash(original)
        with self._store("write to") as writer:
            # The write lock is held from the check to the commit (BEGIN IMMEDIATE),
            # so no other process can store the same file in between.
            existing = writer.find_hash(digest)
            if existing is not None:
                return DUPLICATE, existing
            new_id = _insert(
                writer,
                article,
                imported_at=datetime.now(UTC),
                source_name=PurePath(source_path).name,
                source_path=source_path,
                digest=digest,
                original=original,
            )
        return IMPORTED, new_id

    def add_each(
        self, items: Sequence[StoreRequest], *, keep_similar: bool = True
    ) -> list[StoreResult]:
        """Store several articles, each whole or not at all, with a single commit.

        An article whose original is already stored is a ``DUPLICATE`` of that story.
        Without ``keep_similar`` so is one that repeats a stored story saved from
        another file (the same address or nearly the same words, ``dedupe.similar``):
        it is not stored, and its result names the story and how it repeats it.

        Each article is written inside its own savepoint: one that fails (a bug or a
        constraint, reported in its ``StoreResult.error``) leaves no trace while the
        others are stored. One commit for the lot is what makes a large import fast;
        a crash before it loses the whole group, never part of an article. Errors of
        the disk or file (full, read-only) roll everything back and raise
        ``LibraryError``.
        """
        results: list[StoreResult] = []
        with self._store("write to") as writer:
            cursor = writer.cursor
            seen: dict[str, ArticleId] = {}
            for item in items:
                digest = content_hash(item.original)
                existing = seen.get(digest) or writer.find_hash(digest)
                if existing is not None:
                    results.append(StoreResult(DUPLICATE, existing))
                    continue
                cursor.execute("SAVEPOINT story")
                try:
                    new_id = _insert(
                        writer,
                        item.article,
                        imported_at=datetime.now(UTC),
                        source_name=PurePath(item.source_path).name,
                        source_path=item.source_path,
                        digest=digest,
                        original=item.original,
                    )
                    # Found after storing it: the check reads the fingerprints just written.
                    repeats = [] if keep_similar else similar(cursor, new_id)
                except Exception as exc:  # one story's failure must not sink the others
                    if db.environment_reason(exc) is not None:
                        raise
                    log.exception("could not store %s", item.source_path)
                    cursor.execute("ROLLBACK TO story")
                    cursor.execute("RELEASE story")
                    results.append(StoreResult(FAILED, None, f"could not store: {exc}"))
                    continue
                if repeats:
                    cursor.execute("ROLLBACK TO story")
                    cursor.execute("RELEASE story")
                    first = repeats[0]
                    results.append(
                        StoreResult(
                            DUPLICATE,
                            first.article_id,
                            f"{first.reason} as #{first.article_id} “{first.title}”",
                            first.reason,
                        )
                    )
                    continue
                cursor.execute("RELEASE story")
                seen[digest] = new_id
                results.append(StoreResult(IMPORTED, new_id))
        return results

    def delete(self, article_id: ArticleId) -> DeletedArticle | None:
        """Remove an article with its figures, quotations, original and search entry.

        Returns what ``restore`` needs to put it back, or None when there was no such id.
        """
        with self._write("delete from") as session:
            snapshot = reads.snapshot(session, article_id)
            if snapshot is None:
                return None
            extras = user_snapshot.take(session.connection(), article_id)
            # Figures, quotations and the original go by ON DELETE CASCADE; the
            # delete trigger removes the full-text entry.
            session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        return DeletedArticle(article_id, snapshot.article.title, snapshot, extras)

    def restore(self, deleted: DeletedArticle) -> ArticleId:
        """Put a deleted article back whole, under its old id.

        When the same file has been imported again meanwhile, that copy's id is
        returned and nothing is added.
        """
        snapshot = deleted.payload
        if not isinstance(snapshot, reads.Snapshot):
            raise TypeError("restore() takes what delete() returned")
        with self._store("write to") as writer:
            existing = writer.find_hash(snapshot.content_hash)
            if existing is not None:
                return existing
            taken = writer.cursor.execute(
                "SELECT 1 FROM articles WHERE id = ?", (deleted.article_id,)
            ).fetchone()
            new_id = _insert(
                writer,
                snapshot.article,
                imported_at=snapshot.imported_at,
                source_name=snapshot.source_name,
                source_path=snapshot.source_path,
                digest=snapshot.content_hash,
                original=snapshot.original,
                article_id=None if taken is not None else deleted.article_id,
            )
            if isinstance(deleted.extras, user_snapshot.UserSnapshot):
                user_snapshot.put_back(writer.cursor, new_id, deleted.extras)
            return new_id

    # -- the search indexes ----------------------------------------------------

    def optimize_indexes(self) -> None:
        """Merge each full-text index into one segment (a "compact the index" action).

        Every import adds segments that FTS5 merges a few at a time; a merged
        index answers each word with one list read. Minutes at a million stories,
        so run off the GUI thread; searches go on meanwhile (WAL).
        """
        self._index_command("optimize")

    def rebuild_indexes(self) -> None:
        """Build every full-text index again from the stories and quotations themselves."""
        self._index_command("rebuild")

    def damaged_indexes(self) -> list[str]:
        """Names of the full-text indexes that do not match their rows (none when sound)."""
        with self._store("check") as writer:
            return self._backend.damaged_indexes(writer.cursor)

    def _index_command(self, command: fts.Command) -> None:
        with self._store("update the search index of") as writer:
            self._backend.index_command(writer.cursor, command)
