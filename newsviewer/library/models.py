"""Table definitions. Only the library package sees these classes.

Column order inside ``articles`` is deliberate: SQLite stores a row as one record
and must walk overflow pages to reach a column that sits after a large one, so the
small columns a list row needs come first and the large text columns come last.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from newsviewer.library.fts import INDEXES

# The full-text tables (``fts.py``) are created by hand in the migrations; their
# names prefix their shadow tables (``articles_fts_data`` ...), hidden from autogenerate.
FTS_TABLES = tuple(index.name for index in INDEXES)


# Indexes with a collation or a descending column, made by SQL in migration 0010
# (the list's orders: saved, title, site) and 0013 (the speakers list's order);
# the models do not describe them.
HAND_MADE_INDEXES = (
    "ix_articles_saved",
    "ix_articles_title",
    "ix_articles_site",
    "ix_speaker_list_shown",
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic autogenerate filter: hide the FTS5 tables and their shadow tables, and
    the indexes made by hand."""
    if type_ == "index" and name in HAND_MADE_INDEXES:
        return False
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLES))


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime stored as ISO 8601 text.

    SQLAlchemy's SQLite ``DateTime`` drops the UTC offset; an article published at
    09:00 in New York must come back as 09:00-05:00, so the offset is kept in the text.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(str(value))


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    # AUTOINCREMENT: an id is never handed out twice, so an id held by the GUI or by
    # an undo record can never come to mean a different story, and undo can put a
    # deleted story back under its old id.
    __table_args__ = (
        Index("ix_articles_sort_at", "sort_at", "id"),
        # Migration 0003: date and site by id, for sorting and faceting matches.
        Index("ix_articles_keys", "id", "sort_at", "site"),
        # (And HAND_MADE_INDEXES, for the list's other orders: migration 0010.)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Newest-first key: published date, else import date, as fixed-width UTC text
    # so that text order is time order and one index serves the list.
    sort_at: Mapped[str] = mapped_column(String)
    headline: Mapped[str] = mapped_column(Text)
    site: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(IsoDateTime)
    published_inferred: Mapped[bool] = mapped_column(Boolean)
    imported_at: Mapped[datetime] = mapped_column(IsoDateTime)
    standfirst: Mapped[str] = mapped_column(Text)
    byline: Mapped[str] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON)
    url: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String)
    word_count: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(Text)
    source_path: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Body as ordered [kind, text] pairs; ``body_text`` is the same text joined, kept
    # because the full-text index reads its content from this table.
    blocks: Mapped[list[list[str]]] = mapped_column(JSON)
    body_text: Mapped[str] = mapped_column(Text)
    # Figure captions joined by newlines: a search column, derived from ``figures``.
    captions: Mapped[str] = mapped_column(Text)
    # What the importer warned about ("extracted by fallback"); added by migration 0008,
    # hence last. Nearly always an empty list.
    warnings: Mapped[list[str]] = mapped_column(JSON, server_default=text("'[]'"))


class FigureRow(Base):
    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text)
    credit: Mapped[str] = mapped_column(Text)
    alt: Mapped[str] = mapped_column(Text)
    src: Mapped[str] = mapped_column(Text)
    mime: Mapped[str | None] = mapped_column(String)
    # Last, so reading a figure's caption never walks the image's overflow pages.
    image: Mapped[bytes | None] = mapped_column(LargeBinary)


class QuotationRow(Base):
    __tablename__ = "quotations"
    # Migration 0003: speakers by story without reading the quotation rows (facets).
    __table_args__ = (Index("ix_quotations_speakers", "article_id", "speaker"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text)
    mention: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)


class OriginalRow(Base):
    """The imported file's bytes, apart from ``articles`` so list queries never load them."""

    __tablename__ = "originals"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class StoryCountRow(Base):
    """The number of stories, kept by triggers on ``articles`` (migration 0005)."""

    __tablename__ = "story_count"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stories: Mapped[int] = mapped_column(Integer)
