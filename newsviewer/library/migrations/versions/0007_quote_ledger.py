"""The quote ledger: the reader's corrections to quotations and the speakers index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Corrections are keyed by the story file's content hash and the quotation's words,
not by row ids, so they hold when a story is extracted again (new quotation rows)
or its file deleted and imported again (a new story id, the same hash).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_corrections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("quote_text", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("not_quote", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.UniqueConstraint("content_hash", "quote_text"),
    )
    op.create_table(
        "speaker_merges",
        sa.Column("source_key", sa.Text(), primary_key=True),
        sa.Column("target_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
    )
    op.create_table(
        "speaker_quotes",
        sa.Column("quotation_id", sa.Integer(), primary_key=True),
        sa.Column("speaker_key", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
    )
    op.create_index("ix_speaker_quotes_key", "speaker_quotes", ["speaker_key", "quotation_id"])
    op.create_table(
        "speaker_list",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
    )
    op.create_index("ix_speaker_list_order", "speaker_list", ["quotes", "stories"])
    op.create_table(
        "ledger_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stamp", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "ledger_state",
        "speaker_list",
        "speaker_quotes",
        "speaker_merges",
        "quote_corrections",
    ):
        op.drop_table(table)
