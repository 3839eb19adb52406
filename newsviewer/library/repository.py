"""The one door to the stored articles. Returns frozen domain records, never ORM objects.

CONTRACT (implemented by the library helper; the CLI and GUI code against it):
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsviewer.domain import (
    Article,
    ArticleId,
    ArticleSummary,
    FigureId,
    SearchHit,
    StoredArticle,
)


@dataclass(frozen=True)
class DeletedArticle:
    """Everything needed to put a deleted article back (undo)."""

    article_id: ArticleId
    title: str
    payload: object


class Library:
    """A library file. Open with ``Library.open(path)``; migrations run on open."""

    path: Path

    @classmethod
    def open(cls, path: Path) -> Library:
        """Create folders and file as needed, apply migrations, set WAL and foreign keys.

        Raises ``LibraryError`` with a readable reason when the file cannot be used.
        """
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def add(self, article: Article, *, source_path: str, original: bytes) -> tuple[str, ArticleId]:
        """Store one article in its own transaction.

        Returns (``IMPORTED``, new id) or (``DUPLICATE``, existing id) when an article
        with the same content hash (sha256 of ``original``) is already stored.
        """
        raise NotImplementedError

    def get(self, article_id: ArticleId) -> StoredArticle | None:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def ids(self) -> list[ArticleId]:
        """All ids, newest first (published date, else import date)."""
        raise NotImplementedError

    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]:
        """Rows for the given ids, in the order given (missing ids skipped)."""
        raise NotImplementedError

    def search(self, query: str, *, limit: int | None = None) -> list[SearchHit]:
        """Ranked full-text search; any user text is safe (never raises on syntax)."""
        raise NotImplementedError

    def delete(self, article_id: ArticleId) -> DeletedArticle | None:
        raise NotImplementedError

    def restore(self, deleted: DeletedArticle) -> ArticleId:
        raise NotImplementedError

    def figure_image(self, figure_id: FigureId) -> tuple[bytes, str] | None:
        """(bytes, mime type) of a stored image."""
        raise NotImplementedError

    def original(self, article_id: ArticleId) -> tuple[str, bytes] | None:
        """(original file name, original bytes)."""
        raise NotImplementedError
