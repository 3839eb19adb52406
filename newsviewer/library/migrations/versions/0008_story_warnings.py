"""What an importer warned about a story ("extracted by fallback"), kept with it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A story read by a fallback, cut off or given only as a feed's summary is shown as
such in the reader, long after the import summary is gone. Stories stored before
have no warnings: the column's default is an empty list.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("warnings", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    # SQLite drops a column in place since 3.35; no table rebuild, the triggers stay.
    op.execute("ALTER TABLE articles DROP COLUMN warnings")
