"""Indexes for the list's other orders: saved (newest first), title and site.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Without them, listing a million stories by title sorts every row of ``articles``
(whose pages hold each story's text) on each click of the sort control: 2-20 s.
Walking an index is what the newest-first list does with ``ix_articles_sort_at``.
Each entry is a few dozen bytes (the headline's the longest). On PostgreSQL the
case-folding collation is ``lower()``, as the statements are translated there.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    headline = "headline COLLATE NOCASE" if sqlite else "lower(headline)"
    site = "site COLLATE NOCASE" if sqlite else "lower(site)"
    op.execute("CREATE INDEX ix_articles_saved ON articles (imported_at, id)")
    op.execute(f"CREATE INDEX ix_articles_title ON articles ({headline}, id)")
    op.execute(f"CREATE INDEX ix_articles_site ON articles ({site}, sort_at DESC, id DESC)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_articles_site")
    op.execute("DROP INDEX ix_articles_title")
    op.execute("DROP INDEX ix_articles_saved")
