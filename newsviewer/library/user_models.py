"""Tables of what the reader adds to stories: tags, marks, highlights, places, saved searches.

Created by migration 0006. Kept apart from ``models.py`` because none of it comes
from a file: an import never writes here except through the triggers the migration
adds (a new story is unread). Several tables repeat the story's ``sort_at`` so that
a filtered list (the unread stories, one tag) is a range of one index read in list
order, as fast per row as the unfiltered list, instead of a lookup per story.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from newsviewer.library.models import Base, IsoDateTime

# Kinds of mark in ``marks.mark``. Unread rather than read is stored, so a new story
# gets its row from a trigger and the Unread list is an index range like the others.
UNREAD = 0
STARRED = 1
ARCHIVED = 2
MARK_KINDS = (UNREAD, STARRED, ARCHIVED)


# 64-bit hashes (dedupe.py): SQLite's INTEGER holds them, PostgreSQL needs BIGINT.
_HASH = Integer().with_variant(BigInteger(), "postgresql")


class MarkRow(Base):
    __tablename__ = "marks"
    __table_args__ = (
        Index("ix_marks_list", "mark", "sort_at", "article_id"),
        {"sqlite_with_rowid": False},
    )

    # article_id first: a story's delete cascades here through this key.
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    mark: Mapped[int] = mapped_column(Integer, primary_key=True)
    sort_at: Mapped[str] = mapped_column(String)


class MarkCountRow(Base):
    """Stories per kind of mark, kept by triggers on ``marks``."""

    __tablename__ = "mark_counts"

    mark: Mapped[int] = mapped_column(Integer, primary_key=True)
    stories: Mapped[int] = mapped_column(Integer)


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    # Case-folded name: "Climate" and "climate" are one tag, shown as first written.
    key: Mapped[str] = mapped_column(Text, unique=True)
    # Kept by triggers on ``article_tags``: the sidebar's counts without a scan.
    stories: Mapped[int] = mapped_column(Integer)


class ArticleTagRow(Base):
    __tablename__ = "article_tags"
    __table_args__ = (
        Index("ix_article_tags_list", "tag_id", "sort_at", "article_id"),
        {"sqlite_with_rowid": False},
    )

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    sort_at: Mapped[str] = mapped_column(String)


class SiteCountRow(Base):
    """Stories per site name, kept by triggers on ``articles``."""

    __tablename__ = "site_counts"

    site: Mapped[str] = mapped_column(Text, primary_key=True)
    stories: Mapped[int] = mapped_column(Integer)


class HighlightRow(Base):
    """A passage the reader marked, anchored by its words and their surroundings.

    ``start``/``end`` index the story's body text as it was when marked; ``prefix``
    and ``suffix`` are the words around it. When the story is extracted again and
    the offsets no longer hold the same words, the passage is found again by its
    words, the occurrence whose surroundings match best winning.
    """

    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    prefix: Mapped[str] = mapped_column(Text)
    suffix: Mapped[str] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class ReadingPositionRow(Base):
    """Where the reader left a story: the body offset at the top of the view."""

    __tablename__ = "reading_positions"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    offset: Mapped[int] = mapped_column(Integer)
    # Share of the story's height scrolled, for stories whose text moved.
    fraction: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SavedSearchRow(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class FingerprintRow(Base):
    """What tells the same story saved twice: its canonical address and a sketch of its words.

    ``simhash_bands`` holds the story's MinHash sketch (the smallest hashes of its
    word shingles, signed as SQLite integers are; ``dedupe.py``), ``simhash`` the
    smallest of them: stories sharing words share hashes and are found by index
    lookups instead of a comparison with every story.
    """

    __tablename__ = "fingerprints"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    url_key: Mapped[str] = mapped_column(Text, index=True)
    simhash: Mapped[int] = mapped_column(_HASH)


class SimhashBandRow(Base):
    __tablename__ = "simhash_bands"
    __table_args__ = (
        Index("ix_simhash_bands_article", "article_id"),
        {"sqlite_with_rowid": False},
    )

    # One hash of the story's sketch.
    band: Mapped[int] = mapped_column(_HASH, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
