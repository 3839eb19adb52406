"""Many stories stored at once: the rows ``_insert`` writes, a table at a time.

A benchmark at 100,000 stories needs its library filled in minutes, and storing
story by story (a statement per row, a round trip each on a server) took over
an hour per engine. ``fill`` builds every story's rows with the storing path's
own row builders (``rows.py``, ``dedupe.fingerprint_rows``) and writes each
table's rows of a group in one go: ``executemany`` on SQLite, ``COPY`` on
PostgreSQL. The engines' own triggers and generated columns still index every
row as it lands (FTS5 entries, ``tsvector`` columns, the story count, the quote
ledger's dirty list), and the transaction ends with the same ledger update an
import's does, so the library holds exactly what storing the stories one by one
would have made (a test compares the two, table by table and search by search).

It skips what an import checks: the stories must be new (no duplicate check) and
their ids are given (story ``first_id + n``, as a generated library numbers them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from newsviewer.library.article_extras import has_extras, store_extras
from newsviewer.library.dedupe import BAND_SQL, FINGERPRINT_SQL, fingerprint_rows
from newsviewer.library.rows import (
    Insert,
    article_row,
    content_hash,
    figure_rows,
    quotation_rows,
    storable,
)

if TYPE_CHECKING:
    from newsviewer.library.repository import Library, StoreRequest


class _Tables:
    """One group's rows, by statement, as the driver takes them."""

    def __init__(self) -> None:
        self.articles: list[tuple[Any, ...]] = []
        self.figures: list[tuple[Any, ...]] = []
        self.quotations: list[tuple[Any, ...]] = []
        self.originals: list[tuple[Any, ...]] = []
        self.fingerprints: list[tuple[Any, ...]] = []
        self.bands: list[tuple[Any, ...]] = []


def _rows(
    library: Library, requests: Sequence[StoreRequest], first_id: int, imported_at: datetime
) -> _Tables:
    inserts = library._inserts
    out = _Tables()
    for n, request in enumerate(requests):
        article_id = first_id + n
        article = storable(request.article)
        values = article_row(
            article,
            imported_at=imported_at,
            source_name=PurePath(request.source_path).name,
            source_path=request.source_path,
            digest=content_hash(request.original),
        )
        out.articles.append(inserts.article_with_id.params({**values, "id": article_id}))
        out.figures += [inserts.figure.params(r) for r in figure_rows(article_id, article.figures)]
        out.quotations += [
            inserts.quotation.params(r) for r in quotation_rows(article_id, article.quotes)
        ]
        out.originals.append(
            inserts.original.params({"article_id": article_id, "data": request.original})
        )
        fingerprint, bands = fingerprint_rows(article_id, article)
        out.fingerprints.append(fingerprint)
        out.bands += bands
    return out


def _copy(cursor: Any, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """PostgreSQL's ``COPY ... FROM STDIN``: one stream per table instead of a statement a row."""
    if not rows:
        return
    with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _table(statement: Insert) -> str:
    return statement.sql.split()[2]


def fill(
    library: Library,
    requests: Sequence[StoreRequest],
    *,
    first_id: int,
    imported_at: datetime,
) -> None:
    """Store ``requests`` as stories ``first_id``, ``first_id + 1``, ... in one transaction.

    The library must hold none of these ids or originals. Everything lands or, on any
    error, nothing (as ``Library.add``).
    """
    tables = _rows(library, requests, first_id, imported_at)
    inserts = library._inserts
    by_statement = (
        (inserts.article_with_id, tables.articles),
        (inserts.figure, tables.figures),
        (inserts.quotation, tables.quotations),
        (inserts.original, tables.originals),
    )
    with library._store("fill") as writer:
        cursor = writer.cursor
        if library.dialect == "postgresql":
            native = cursor.native
            for statement, rows in by_statement:
                _copy(native, _table(statement), statement.names, rows)
            _copy(native, "fingerprints", ("article_id", "url_key", "simhash"), tables.fingerprints)
            _copy(native, "simhash_bands", ("band", "article_id"), tables.bands)
            # Ids given by hand do not move the id sequence: the next import's story
            # would be given an id already taken.
            native.execute(
                "SELECT setval(pg_get_serial_sequence('articles', 'id'), "
                "(SELECT max(id) FROM articles))"
            )
        else:
            for statement, rows in by_statement:
                if rows:
                    cursor.executemany(statement.sql, rows)
            cursor.executemany(FINGERPRINT_SQL, tables.fingerprints)
            cursor.executemany(BAND_SQL, tables.bands)
        for n, request in enumerate(requests):
            # Tags, marks and highlights a read-it-later export carried: rare, so as
            # the storing path writes them.
            if has_extras(request.article):
                store_extras(cursor, first_id + n, storable(request.article))
    # ``_store`` has brought the quote ledger up to date before committing.
