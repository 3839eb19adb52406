"""Narrow indexes for search: each story's id, date and site; each quotation's speaker.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Sorting a search's matches by date, filtering them by site and counting sites
for facets look these up by id. Read from ``articles`` itself each lookup lands
on a different wide row (a story's text shares its page), about ten times the
cost of a lookup in this index, whose entries are a few dozen bytes. Speaker
facets read (article, speaker) pairs the same way from the second index.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_keys", "articles", ["id", "sort_at", "site"])
    op.create_index("ix_quotations_speakers", "quotations", ["article_id", "speaker"])


def downgrade() -> None:
    op.drop_index("ix_quotations_speakers", table_name="quotations")
    op.drop_index("ix_articles_keys", table_name="articles")
