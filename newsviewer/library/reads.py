"""Reading the library: stories, lists and searches as frozen records, never ORM objects.

Each method is one unit of work with its own session (and so its own connection),
or for search this thread's own bare connection (``readers.py``); reads run
alongside a write thanks to WAL. ``Library`` (``repository.py``) adds the writes.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsviewer.domain import (
    Article,
    ArticleId,
    ArticleSummary,
    Block,
    Figure,
    FigureId,
    Quote,
    SearchHit,
    StoredArticle,
    StoredFigure,
)
from newsviewer.errors import QueryError
from newsviewer.library import db
from newsviewer.library import search as plans
from newsviewer.library.backend import Backend
from newsviewer.library.models import (
    ArticleRow,
    FigureRow,
    OriginalRow,
    QuotationRow,
)
from newsviewer.library.search import SearchPage, Sort

log = logging.getLogger(__name__)

# SQLite allows 32766 bound parameters per statement; stay well below it.
_ID_BATCH = 500


@dataclass(frozen=True)
class Snapshot:
    """What ``Library.restore`` needs: the article with image bytes, and how it was imported."""

    article: Article
    imported_at: datetime
    source_name: str
    source_path: str
    content_hash: str
    original: bytes


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
        "warnings": tuple(row.warnings or ()),
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


def quotes(session: Session, article_id: int) -> tuple[Quote, ...]:
    rows = session.execute(
        select(QuotationRow)
        .where(QuotationRow.article_id == article_id)
        .order_by(QuotationRow.ordinal)
    ).scalars()
    return tuple(_quote(r) for r in rows)


def snapshot(session: Session, article_id: int) -> Snapshot | None:
    """The whole story with its image and original bytes: what undoing a deletion needs."""
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
        quotes=quotes(session, article_id),
    )
    original = session.scalar(select(OriginalRow.data).where(OriginalRow.article_id == article_id))
    return Snapshot(
        article=article,
        imported_at=row.imported_at,
        source_name=row.source_name,
        source_path=row.source_path,
        content_hash=row.content_hash,
        original=original or b"",
    )


@contextmanager
def _answered(query: str) -> Iterator[None]:
    """A search SQLite refuses becomes ``QueryError`` with a reason, never a traceback.

    ``query.py`` bounds what a query can ask for and every word reaches SQLite as
    a bound value, so this is a bug in the planner (the query fuzz test looks for
    them); the user is told in a sentence. Errors of the disk or file pass on, to
    be explained as such.
    """
    try:
        yield
    except sqlite3.OperationalError as exc:
        if db.environment_reason(exc) is not None:
            raise
        log.exception("search %r was refused", query)
        raise QueryError(
            f"This search could not be run ({exc}); try fewer words or parentheses."
        ) from exc


class Reads:
    """The reading half of ``Library``: everything that only looks."""

    path: Path | str
    _engine: Engine
    _backend: Backend

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with db.environment_errors("read", self.path), Session(self._engine) as session:
            yield session

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
                quotes=quotes(session, article_id),
                word_count=row.word_count,
                imported_at=row.imported_at,
                source_name=row.source_name,
                source_path=row.source_path,
                content_hash=row.content_hash,
            )

    def count(self) -> int:
        """Stories in the library, read from the count the triggers keep (no scan)."""
        with self._read() as session:
            return self._backend.count(session)

    def ids(self) -> list[ArticleId]:
        """All ids, newest first (published date, else import date)."""
        with self._read() as session:
            return cast(list[ArticleId], self._backend.ids(session))

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

    def _raw_read(self) -> AbstractContextManager[Any]:
        """A bare connection inside a read transaction, for search's hand-built SQL
        (``sqlite3.Connection``'s ways on either engine; ``backend.py``)."""
        return self._backend.read()

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
        with self._raw_read() as conn, _answered(query):
            return self._backend.searcher().page(
                conn,
                prepared,
                offset=max(0, offset),
                limit=-1 if limit is None else limit,
                sort=sort,
                exact=exact,
                with_snippets=snippets,
            )

    def snippets(self, query: str, ids: Sequence[ArticleId]) -> dict[ArticleId, str]:
        """Snippets of ``query`` in the given stories (those on screen), by id."""
        prepared = plans.prepare(query)
        if prepared is None:
            return {}
        with self._raw_read() as conn, _answered(query):
            found = self._backend.searcher().hit_snippets(conn, prepared, list(ids))
        return {ArticleId(i): text for i, text in found.items()}

    def facets(self, query: str) -> plans.Facets:
        """Sites and speakers of the query's matches with counts, for filter chips."""
        prepared = plans.prepare(query)
        if prepared is None:
            return plans.EMPTY_FACETS
        with self._raw_read() as conn, _answered(query):
            return self._backend.searcher().facets(conn, prepared)

    def hit_terms(self, article_id: ArticleId, query: str) -> list[str]:
        """Words and phrases of one story that ``query`` matched, as the story writes them.

        Stems and accents included (``fight`` gives ``fighting``; ``Sao`` gives
        ``São``), longest first: what the reader marks.
        """
        prepared = plans.prepare(query)
        if prepared is None:
            return []
        with self._raw_read() as conn, _answered(query):
            return self._backend.searcher().hit_terms(conn, prepared, article_id)

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
