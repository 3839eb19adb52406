"""The speakers list kept by what each write changes, and read in its order from one index.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Each speaker's quotations and stories were counted again from all of their rows
of ``speaker_quotes`` whenever a story touched them: the most quoted person of a
million stories has half a million rows, and every story naming them read them
all. ``ledger_counts`` now adds what a write changed; it keeps the counts per
written form (``speaker_forms``: the shown name) and per role with the first
quotation in it (``speaker_roles``: the order of the roles), and finds a
speaker's next first quotation in a role from a partial index of the rows with a
role. The speakers list is read in its order (most quoted first, then most
stories, then name) from an index that holds every column it shows. The counts
are made here from the index (which migration 0011 builds).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_forms",
        sa.Column("speaker_key", sa.Text(), primary_key=True),
        sa.Column("form", sa.Text(), primary_key=True),
        sa.Column("quotes", sa.Integer(), nullable=False),
    )
    op.create_table(
        "speaker_roles",
        sa.Column("speaker_key", sa.Text(), primary_key=True),
        sa.Column("role", sa.Text(), primary_key=True),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("first_quote", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_speaker_quotes_role",
        "speaker_quotes",
        ["speaker_key", "role", "quotation_id"],
        sqlite_where=sa.text("role IS NOT NULL"),
        postgresql_where=sa.text("role IS NOT NULL"),
    )
    op.drop_index("ix_speaker_list_order", table_name="speaker_list")
    op.execute(
        "CREATE INDEX ix_speaker_list_shown "
        "ON speaker_list (quotes DESC, stories DESC, name, key, roles)"
    )
    from newsviewer.library import ledger_counts

    ledger_counts.count_all(op.get_bind())


def downgrade() -> None:
    op.execute("DROP INDEX ix_speaker_list_shown")
    op.create_index("ix_speaker_list_order", "speaker_list", ["quotes", "stories"])
    op.drop_index("ix_speaker_quotes_role", table_name="speaker_quotes")
    op.drop_table("speaker_roles")
    op.drop_table("speaker_forms")
