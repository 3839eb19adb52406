"""Tables of the quote ledger: the reader's corrections and the speakers index.

Created by migration 0007. Corrections are kept apart from ``quotations`` (which
an extraction rewrites) and keyed by what stays when a story is extracted again or
its file imported again: the file's content hash and the quotation's words.
The speakers index (``speaker_quotes``, ``speaker_list``) is derived: rebuilt when
the quotations or the corrections change (``ledger_state.stamp``), read otherwise.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
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


class SpeakerQuoteRow(Base):
    """The speaker each quotation was found to be said by (derived)."""

    __tablename__ = "speaker_quotes"
    __table_args__ = (Index("ix_speaker_quotes_key", "speaker_key", "quotation_id"),)

    quotation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_key: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text)


class SpeakerListRow(Base):
    """One speaker with their counts and roles, for the speakers list (derived)."""

    __tablename__ = "speaker_list"
    # The list's order read from an index: tens of thousands of speakers in a big library.
    __table_args__ = (Index("ix_speaker_list_order", "quotes", "stories"),)

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    quotes: Mapped[int] = mapped_column(Integer)
    stories: Mapped[int] = mapped_column(Integer)
    roles: Mapped[str] = mapped_column(Text)  # JSON list, in the order first seen


class LedgerStateRow(Base):
    """What the speakers index was built from; another stamp means build it again."""

    __tablename__ = "ledger_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stamp: Mapped[str] = mapped_column(Text)
