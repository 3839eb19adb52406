"""The one door to the stored articles. Returns frozen domain records, never ORM objects.

Every public method is one unit of work with its own session (and so its own
connection), which makes a ``Library`` safe to share between the GUI thread and a
worker thread. Writes are serialised by a lock; reads run alongside them thanks
to WAL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any, cast

from sqlalchemy import Dialect, Engine, Table, delete, select
from sqlalchemy.orm import Session

from newsviewer.domain import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    Article,
    ArticleId,
    ArticleSummary,
    Block,
    Figure,
    FigureId,
    Quote,
    SearchHit,
    Status,
    StoredArticle,
    StoredFigure,
)
from newsviewer.library import db
from newsviewer.library import search as plans
from newsviewer.library.article_extras import has_extras, store_extras
from newsviewer.library.models import (
    ArticleRow,
    FigureRow,
    OriginalRow,
    QuotationRow,
    StoryCountRow,
)
from newsviewer.library.readers import Readers
from newsviewer.library.search import ELLIPSIS, RANK, SNIPPET_TOKENS, SearchPage, Sort

__all__ = ["ELLIPSIS", "RANK", "SNIPPET_TOKENS", "DeletedArticle", "Library", "StoreRequest"]

log = logging.getLogger(__name__)

# SQLite allows 32766 bound parameters per statement; stay well below it.
_ID_BATCH = 500


@dataclass(frozen=True)
class DeletedArticle:
    """Everything needed to put a deleted article back (undo)."""

    article_id: ArticleId
    title: str
    payload: object


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


@dataclass(frozen=True)
class _Snapshot:
    """What ``restore`` needs: the article with image bytes, and how it was imported."""

    article: Article
    imported_at: datetime
    source_name: str
    source_path: str
    content_hash: str
    original: bytes


def sort_key(published: datetime | None, imported_at: datetime) -> str:
    """Fixed-width UTC text of the date a story is listed by; a naive date counts as UTC."""
    moment = published or imported_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def content_hash(original: bytes) -> str:
    return hashlib.sha256(original).hexdigest()


def article_row(
    article: Article,
    *,
    imported_at: datetime,
    source_name: str,
    source_path: str,
    digest: str,
) -> dict[str, Any]:
    """Column values of the ``articles`` row for ``article``."""
    return {
        "sort_at": sort_key(article.published, imported_at),
        "headline": article.title,
        "site": article.site,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "imported_at": imported_at,
        "standfirst": article.summary,
        "byline": article.byline,
        "authors": list(article.authors),
        "url": article.url,
        "language": article.language,
        "format": article.format,
        "word_count": article.word_count,
        "source_name": source_name,
        "source_path": source_path,
        "content_hash": digest,
        "blocks": [[b.kind, b.text] for b in article.blocks],
        "body_text": article.text,
        "captions": "\n".join(f.caption for f in article.figures if f.caption),
    }


def figure_rows(article_id: int, figures: Sequence[Figure]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "ordinal": ordinal,
            "position": f.position,
            "caption": f.caption,
            "credit": f.credit,
            "alt": f.alt,
            "src": f.src,
            "mime": f.mime,
            "image": f.image,
        }
        for ordinal, f in enumerate(figures)
    ]


def quotation_rows(article_id: int, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "ordinal": ordinal,
            "text": q.text,
            "speaker": q.speaker,
            "mention": q.mention,
            "cue": q.cue,
            "role": q.role,
            "start_offset": q.start,
            "end_offset": q.end,
        }
        for ordinal, q in enumerate(quotes)
    ]


@dataclass(frozen=True, slots=True)
class _Insert:
    """An INSERT in the driver's own terms: its SQL and how each value is written."""

    sql: str
    names: tuple[str, ...]
    # The column types' own bind processors (ISO text, JSON, ...), so a row
    # written here is byte for byte what the ORM would write.
    convert: tuple[Callable[[Any], Any] | None, ...]

    @classmethod
    def of(
        cls, table: Table, names: Sequence[str], dialect: Dialect, *, returning: str = ""
    ) -> _Insert:
        marks = ", ".join("?" * len(names))
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
        return cls(
            sql + (f" RETURNING {returning}" if returning else ""),
            tuple(names),
            tuple(table.c[n].type.bind_processor(dialect) for n in names),
        )

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(
            values[n] if f is None else f(values[n])
            for n, f in zip(self.names, self.convert, strict=True)
        )


class _Inserts:
    """The statements that store a story, built once per library."""

    def __init__(self, dialect: Dialect) -> None:
        table = cast(Table, ArticleRow.__table__)
        story = [c.name for c in table.columns if c.name != "id"]
        self.article = _Insert.of(table, story, dialect, returning="id")
        self.article_with_id = _Insert.of(table, ["id", *story], dialect, returning="id")
        self.figure, self.quotation, self.original = (
            _Insert.of(t, [c.name for c in t.columns if c.name != "id"], dialect)
            for t in (
                cast(Table, FigureRow.__table__),
                cast(Table, QuotationRow.__table__),
                cast(Table, OriginalRow.__table__),
            )
        )


@dataclass(frozen=True, slots=True)
class _Writer:
    """A write transaction's bare sqlite3 cursor with the statements to use on it.

    Storing through the driver rather than the ORM: per story the ORM's statement
    handling cost about as much as SQLite's own work (mostly the two full-text
    indexes), which made the storing thread the bottleneck of a text import.
    """

    cursor: sqlite3.Cursor
    inserts: _Inserts

    def insert(self, statement: _Insert, values: Mapping[str, Any]) -> None:
        self.cursor.execute(statement.sql, statement.params(values))

    def insert_many(self, statement: _Insert, rows: Sequence[Mapping[str, Any]]) -> None:
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
    values = article_row(
        article,
        imported_at=imported_at,
        source_name=source_name,
        source_path=source_path,
        digest=digest,
    )
    statement = writer.inserts.article
    if article_id is not None:
        values["id"] = article_id
        statement = writer.inserts.article_with_id
    # The insert triggers add the full-text entries in this same transaction.
    writer.insert(statement, values)
    (new_id,) = writer.cursor.fetchone()
    _insert_figures(writer, new_id, article.figures)
    _insert_quotations(writer, new_id, article.quotes)
    writer.insert(writer.inserts.original, {"article_id": new_id, "data": original})
    # Tags, marks, saved date and highlights a read-it-later export carried.
    if has_extras(article):
        store_extras(writer.cursor, new_id, article)
    return ArticleId(new_id)


# SQLite 3.44 can order an aggregate's input; before it, the aggregate reads the
# rows in the subquery's order (not promised by the docs, but how every release
# runs it; tests check the order).
_IDS_SQL = (
    "SELECT json_group_array(id ORDER BY sort_at DESC, id DESC) FROM articles"
    if sqlite3.sqlite_version_info >= (3, 44)
    else "SELECT json_group_array(id) FROM (SELECT id FROM articles ORDER BY sort_at DESC, id DESC)"
)


def _story_fields(row: ArticleRow) -> dict[str, Any]:
    """The fields ``Article`` and ``StoredArticle`` share, from an ``articles`` row."""
    return {
        "format": row.format,
        "title": row.headline,
        "summary": row.standfirst,
        "byline": row.byline,
        "authors": tuple(row.authors),
        "published": row.published,
        "published_inferred": row.published_inferred,
        "site": row.site,
        "url": row.url,
        "language": row.language,
        "blocks": tuple(Block(kind, body) for kind, body in row.blocks),
    }


def _quote(row: Any) -> Quote:
    return Quote(
        text=row.text,
        speaker=row.speaker,
        mention=row.mention,
        cue=row.cue,
        start=row.start_offset,
        end=row.end_offset,
        role=row.role,
    )


# What a list row shows of a story.
_SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.headline,
    ArticleRow.site,
    ArticleRow.published,
    ArticleRow.standfirst,
    ArticleRow.imported_at,
)


def _summary(row: Any) -> ArticleSummary:
    return ArticleSummary(
        id=ArticleId(row.id),
        title=row.headline,
        site=row.site,
        published=row.published,
        summary=row.standfirst,
        imported_at=row.imported_at,
    )


class Library:
    """A library file. Open with ``Library.open(path)``; migrations run on open."""

    path: Path

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._writer = engine.execution_options(**{db.WRITE: True})
        # One writer at a time inside this process; SQLite's own lock (with the busy
        # timeout) covers other processes.
        self._write_lock = threading.Lock()
        self._inserts = _Inserts(engine.dialect)
        self._readers = Readers(path)

    @classmethod
    def open(cls, path: Path) -> Library:
        """Create folders and file as needed, apply migrations, set WAL and foreign keys.

        Raises ``LibraryError`` with a readable reason when the file cannot be used.
        """
        path = Path(path)
        return cls(path, db.open_engine(path))

    def close(self) -> None:
        self._readers.close()
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with db.environment_errors("read", self.path), Session(self._engine) as session:
            yield session

    @contextmanager
    def _write(self, action: str) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        with (
            self._write_lock,
            db.environment_errors(action, self.path),
            Session(self._writer) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _store(self, action: str) -> Iterator[_Writer]:
        """A write transaction on the bare driver connection, for storing stories.

        Commits on success and rolls back on any error, as ``_write`` does.
        """
        with (
            self._write_lock,
            db.environment_errors(action, self.path),
            self._writer.begin() as connection,
        ):
            driver = cast(sqlite3.Connection, connection.connection.driver_connection)
            cursor = driver.cursor()
            try:
                yield _Writer(cursor, self._inserts)
            finally:
                cursor.close()

    # -- writing ---------------------------------------------------------------

    def add(self, article: Article, *, source_path: str, original: bytes) -> tuple[str, ArticleId]:
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

    def add_each(self, items: Sequence[StoreRequest]) -> list[StoreResult]:
        """Store several articles, each whole or not at all, with a single commit.

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
                except Exception as exc:  # one story's failure must not sink the others
                    if db.environment_reason(exc) is not None:
                        raise
                    log.exception("could not store %s", item.source_path)
                    cursor.execute("ROLLBACK TO story")
                    cursor.execute("RELEASE story")
                    results.append(StoreResult(FAILED, None, f"could not store: {exc}"))
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
            snapshot = self._snapshot(session, article_id)
            if snapshot is None:
                return None
            # Figures, quotations and the original go by ON DELETE CASCADE; the
            # delete trigger removes the full-text entry.
            session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        return DeletedArticle(article_id, snapshot.article.title, snapshot)

    def restore(self, deleted: DeletedArticle) -> ArticleId:
        """Put a deleted article back whole, under its old id.

        When the same file has been imported again meanwhile, that copy's id is
        returned and nothing is added.
        """
        snapshot = deleted.payload
        if not isinstance(snapshot, _Snapshot):
            raise TypeError("restore() takes what delete() returned")
        with self._store("write to") as writer:
            existing = writer.find_hash(snapshot.content_hash)
            if existing is not None:
                return existing
            taken = writer.cursor.execute(
                "SELECT 1 FROM articles WHERE id = ?", (deleted.article_id,)
            ).fetchone()
            return _insert(
                writer,
                snapshot.article,
                imported_at=snapshot.imported_at,
                source_name=snapshot.source_name,
                source_path=snapshot.source_path,
                digest=snapshot.content_hash,
                original=snapshot.original,
                article_id=None if taken is not None else deleted.article_id,
            )

    def _snapshot(self, session: Session, article_id: int) -> _Snapshot | None:
        row = session.get(ArticleRow, article_id)
        if row is None:
            return None
        figures = session.execute(
            select(FigureRow).where(FigureRow.article_id == article_id).order_by(FigureRow.ordinal)
        ).scalars()
        article = Article(
            **_story_fields(row),
            figures=tuple(
                Figure(
                    caption=f.caption,
                    credit=f.credit,
                    alt=f.alt,
                    src=f.src,
                    image=f.image,
                    mime=f.mime,
                    position=f.position,
                )
                for f in figures
            ),
            quotes=self._quotes(session, article_id),
        )
        original = session.scalar(
            select(OriginalRow.data).where(OriginalRow.article_id == article_id)
        )
        return _Snapshot(
            article=article,
            imported_at=row.imported_at,
            source_name=row.source_name,
            source_path=row.source_path,
            content_hash=row.content_hash,
            original=original or b"",
        )

    # -- reading ---------------------------------------------------------------

    @staticmethod
    def _quotes(session: Session, article_id: int) -> tuple[Quote, ...]:
        rows = session.execute(
            select(QuotationRow)
            .where(QuotationRow.article_id == article_id)
            .order_by(QuotationRow.ordinal)
        ).scalars()
        return tuple(_quote(r) for r in rows)

    def get(self, article_id: ArticleId) -> StoredArticle | None:
        with self._read() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            figures = session.execute(
                select(
                    FigureRow.id,
                    FigureRow.caption,
                    FigureRow.credit,
                    FigureRow.alt,
                    FigureRow.src,
                    FigureRow.mime,
                    FigureRow.position,
                    # Asks only whether there is an image; the bytes stay on disk.
                    FigureRow.image.is_not(None).label("has_image"),
                )
                .where(FigureRow.article_id == article_id)
                .order_by(FigureRow.ordinal)
            ).all()
            return StoredArticle(
                id=ArticleId(row.id),
                **_story_fields(row),
                figures=tuple(
                    StoredFigure(
                        id=FigureId(f.id),
                        caption=f.caption,
                        credit=f.credit,
                        alt=f.alt,
                        src=f.src,
                        mime=f.mime,
                        has_image=bool(f.has_image),
                        position=f.position,
                    )
                    for f in figures
                ),
                quotes=self._quotes(session, article_id),
                word_count=row.word_count,
                imported_at=row.imported_at,
                source_name=row.source_name,
                source_path=row.source_path,
                content_hash=row.content_hash,
            )

    def count(self) -> int:
        """Stories in the library, read from the count the triggers keep (no scan)."""
        with self._read() as session:
            return session.scalar(select(StoryCountRow.stories)) or 0

    def ids(self) -> list[ArticleId]:
        """All ids, newest first (published date, else import date)."""
        # Answered from the (sort_at, id) index alone, packed into one JSON array
        # inside SQLite: a row per id through the driver costs 1.5x as much, which
        # at a million stories is the difference between under and over 200 ms.
        with self._read() as session:
            packed = session.connection().exec_driver_sql(_IDS_SQL).scalar_one()
        return cast(list[ArticleId], json.loads(packed))

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]:
        """Stories ``offset`` to ``offset + limit`` of the ``ids()`` order, as summaries.

        Read from the (sort_at, id) index, so the first page of a million stories takes
        about a millisecond; an offset costs a step per row skipped (about 10 ms at
        500,000). ``from_oldest=True`` counts ``offset`` from the oldest story instead,
        which is as fast near the end as near the top; the page is still newest first.
        """
        if limit <= 0:
            return []
        if from_oldest:
            order = (ArticleRow.sort_at.asc(), ArticleRow.id.asc())
        else:
            order = (ArticleRow.sort_at.desc(), ArticleRow.id.desc())
        with self._read() as session:
            rows = session.execute(
                select(*_SUMMARY_COLUMNS).order_by(*order).limit(limit).offset(max(0, offset))
            ).all()
        page = [_summary(r) for r in rows]
        if from_oldest:
            page.reverse()
        return page

    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]:
        """Rows for the given ids, in the order given (missing ids skipped)."""
        found: dict[int, ArticleSummary] = {}
        with self._read() as session:
            for start in range(0, len(ids), _ID_BATCH):
                batch = list(ids[start : start + _ID_BATCH])
                rows = session.execute(select(*_SUMMARY_COLUMNS).where(ArticleRow.id.in_(batch)))
                for r in rows:
                    found[r.id] = _summary(r)
        return [found[i] for i in ids if i in found]

    def _raw_read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A bare sqlite3 connection inside a read transaction, for search's hand-built SQL.

        Search runs several statements per call; one transaction keeps them on one
        snapshot while an import writes. The connection is this thread's own
        (``readers.py``): a Session costs about 55 microseconds a call and a pool
        checkout 25 or more, against 150 for a rare word's whole search in SQLite.
        """
        return self._readers.transaction()

    def search(
        self,
        query: str,
        *,
        limit: int | None = None,
        sort: Sort = "relevance",
        exact: bool = False,
    ) -> list[SearchHit]:
        """Search in the query language of ``query.py``; any text is safe, nothing raises.

        Best match first (``sort="date"``: newest first). ``SearchHit.rank`` is
        above 0 for stories with the exact words (higher is better), between -1 and
        0 for stories that only share stems (``fight`` for ``fighting``), 0 when
        the order is by date. A word found in most stories is listed newest first
        unless ``exact`` (see ``search_page``). Empty text finds nothing.
        """
        return list(self.search_page(query, limit=limit, sort=sort, exact=exact).hits)

    def search_page(
        self,
        query: str,
        offset: int = 0,
        limit: int | None = 50,
        *,
        sort: Sort = "relevance",
        exact: bool = False,
        snippets: bool = True,
    ) -> SearchPage:
        """Hits ``offset`` to ``offset + limit`` of a search, with the total when cheap.

        ``snippets=False`` returns ids only (fill visible rows with ``snippets``).
        When a query matches too many stories to rank at once the page lists the
        newest matches (for a long prefix or a lone ``said:``, the latest imported)
        and says ``approximate``; call again with ``exact=True`` (off the GUI
        thread) for the full ranking.
        """
        prepared = plans.prepare(query)
        if prepared is None or limit == 0:
            return plans.SearchPage((), 0, False)
        with self._raw_read() as conn:
            try:
                return plans.page(
                    conn,
                    prepared,
                    offset=max(0, offset),
                    limit=-1 if limit is None else limit,
                    sort=sort,
                    exact=exact,
                    with_snippets=snippets,
                )
            except sqlite3.OperationalError as exc:
                # Every word reaches FTS5 quoted, so this is a bug in the planner;
                # the user still gets an empty result rather than an error box.
                if "fts5" not in str(exc):
                    raise
                log.exception("search %r was refused", query)
                return plans.SearchPage((), 0, False)

    def snippets(self, query: str, ids: Sequence[ArticleId]) -> dict[ArticleId, str]:
        """Snippets of ``query`` in the given stories (those on screen), by id."""
        prepared = plans.prepare(query)
        if prepared is None:
            return {}
        with self._raw_read() as conn:
            found = plans.hit_snippets(conn, prepared, list(ids))
        return {ArticleId(i): text for i, text in found.items()}

    def facets(self, query: str) -> plans.Facets:
        """Sites and speakers of the query's matches with counts, for filter chips."""
        prepared = plans.prepare(query)
        if prepared is None:
            return plans.EMPTY_FACETS
        with self._raw_read() as conn:
            return plans.facets(conn, prepared)

    def hit_terms(self, article_id: ArticleId, query: str) -> list[str]:
        """Words and phrases of one story that ``query`` matched, as the story writes them.

        Stems and accents included (``fight`` gives ``fighting``; ``Sao`` gives
        ``São``), longest first: what the reader marks.
        """
        prepared = plans.prepare(query)
        if prepared is None:
            return []
        with self._raw_read() as conn:
            return plans.hit_terms(conn, prepared, article_id)

    def figure_image(self, figure_id: FigureId) -> tuple[bytes, str] | None:
        """(bytes, mime type) of a stored image."""
        with self._read() as session:
            row = session.execute(
                select(FigureRow.image, FigureRow.mime).where(FigureRow.id == figure_id)
            ).one_or_none()
        if row is None or row.image is None:
            return None
        return row.image, row.mime or "application/octet-stream"

    def original(self, article_id: ArticleId) -> tuple[str, bytes] | None:
        """(original file name, original bytes)."""
        with self._read() as session:
            row = session.execute(
                select(ArticleRow.source_name, OriginalRow.data)
                .join(OriginalRow, OriginalRow.article_id == ArticleRow.id)
                .where(ArticleRow.id == article_id)
            ).one_or_none()
        return None if row is None else (row.source_name, row.data)
