"""Tables of the quote ledger: the reader's corrections and the speakers index.

Created by migrations 0007, 0011 and 0013. Corrections are kept apart from ``quotations``
(which an extraction rewrites) and keyed by what stays when a story is extracted
again or its file imported again: the file's content hash and the quotation's words,
or a speaker's key. The speakers index (``speaker_quotes``, ``speaker_list``) is
derived and kept up to date story by story (``ledger_index``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from newsviewer.library.models import Base, IsoDateTime


class QuoteCorrectionRow(Base):
    """What the reader said of one quotation: its real speaker, or that it is no quotation."""

    __tablename__ = "quote_corrections"
    __table_args__ = (UniqueConstraint("content_hash", "quote_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    quote_text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text)
    not_quote: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SpeakerMergeRow(Base):
    """Two speakers the reader made one: every quotation of ``source_key`` is ``target_key``'s."""

    __tablename__ = "speaker_merges"

    source_key: Mapped[str] = mapped_column(Text, primary_key=True)
    target_key: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SpeakerSplitRow(Base):
    """A speaker split by the reader: their quotations written ``form_fold`` are ``new_key``'s."""

    __tablename__ = "speaker_splits"

    speaker_key: Mapped[str] = mapped_column(Text, primary_key=True)
    form_fold: Mapped[str] = mapped_column(Text, primary_key=True)
    new_key: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SpeakerQuoteRow(Base):
    """The speaker each quotation was found to be said by, and what from (derived).

    ``base_key`` is the person the rules of ``speaker_identity`` found; ``speaker_key``
    is that person after the reader's merges and splits. A ``loose`` row is a bare
    surname (or a role alone) its story did not name in full: its person depends on
    the people seen elsewhere with its ``surname`` and ``role_fold``.
    """

    __tablename__ = "speaker_quotes"
    __table_args__ = (
        Index("ix_speaker_quotes_key", "speaker_key", "sort_at", "article_id", "quotation_id"),
        Index("ix_speaker_quotes_article", "article_id"),
        Index("ix_speaker_quotes_surname_role", "surname", "role_fold", "loose"),
        # A speaker's first quotation in a role, when the one counted first goes (0013).
        Index(
            "ix_speaker_quotes_role",
            "speaker_key",
            "role",
            "quotation_id",
            sqlite_where=text("role IS NOT NULL"),
            postgresql_where=text("role IS NOT NULL"),
        ),
    )

    quotation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer)
    # The story's newest-first key, copied so a speaker's page reads one index.
    sort_at: Mapped[str] = mapped_column(String)
    speaker_key: Mapped[str] = mapped_column(Text)
    base_key: Mapped[str] = mapped_column(Text)
    loose: Mapped[bool] = mapped_column(Boolean)
    own_key: Mapped[str | None] = mapped_column(Text)
    surname: Mapped[str | None] = mapped_column(Text)
    role_fold: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    form: Mapped[str] = mapped_column(Text)
    form_fold: Mapped[str] = mapped_column(Text)


class SpeakerListRow(Base):
    """One speaker with their counts and roles, for the speakers list (derived).

    Kept by ``ledger_counts``: each write adds what it changed.
    """

    __tablename__ = "speaker_list"
    # The list in its order is read from one index holding every column shown,
    # ix_speaker_list_shown (quotes DESC, stories DESC, name, key, roles), made by
    # SQL in migration 0013 (models.HAND_MADE_INDEXES).
    __table_args__ = (Index("ix_speaker_list_name", "name"),)

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    quotes: Mapped[int] = mapped_column(Integer)
    stories: Mapped[int] = mapped_column(Integer)
    roles: Mapped[str] = mapped_column(Text)  # JSON list, in the order first seen


class SpeakerFormRow(Base):
    """How many of a speaker's quotations write their name one way (derived).

    The speaker's shown name is the most used full form (``best_form``).
    """

    __tablename__ = "speaker_forms"

    speaker_key: Mapped[str] = mapped_column(Text, primary_key=True)
    form: Mapped[str] = mapped_column(Text, primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer)


class SpeakerRoleRow(Base):
    """A role a speaker was quoted in: how often, and the first quotation in it (derived).

    The speakers list shows the roles in the order first seen.
    """

    __tablename__ = "speaker_roles"

    speaker_key: Mapped[str] = mapped_column(Text, primary_key=True)
    role: Mapped[str] = mapped_column(Text, primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer)
    first_quote: Mapped[int] = mapped_column(Integer)


class LedgerDirtyRow(Base):
    """A story whose quotations changed since the index last saw it (filled by triggers)."""

    __tablename__ = "ledger_dirty"

    article_id: Mapped[int] = mapped_column(Integer, primary_key=True)
