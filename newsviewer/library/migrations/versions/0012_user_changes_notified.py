"""A server library tells its windows of marks, tags, highlights and saved searches too.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Migration 0009 sends ``NOTIFY newsviewer_stories`` when stories are added or
removed; a highlight, a note, a tag or a mark made by a colleague (or in another
window) was heard of only when a story came or went. Each statement that writes
one of the reader's tables now sends the same notice when it commits (PostgreSQL
folds the notices of one transaction into one). A library file needs nothing:
its windows read ``PRAGMA data_version``, which any commit changes.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("marks", "article_tags", "tags", "highlights", "saved_searches")


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION newsviewer_stories_changed()"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_changed ON {table}")
