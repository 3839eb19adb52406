"""Stemmed full-text index over articles and a full-text index over quotations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

``articles_stem`` indexes the same columns as ``articles_fts`` with the porter
stemmer in front of unicode61, so ``fight`` finds ``fighting`` and ``fights``.
It is a second index rather than a replacement (as Calibre does): exact-word
hits come from ``articles_fts`` and rank above hits only the stems share.

``quotations_fts`` indexes what was said and who said it, for ``quote:`` and
``said:``. Both follow the 0001 pattern: external content read back from the
row, kept in step by triggers. Existing libraries are filled with FTS5's
``rebuild`` command, which reads every content row once.
"""

from __future__ import annotations

from alembic import op

from newsviewer.library.fts import QUOTATIONS, STEMS, FullTextIndex

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _synced_index(index: FullTextIndex) -> None:
    # Without the prefix indexes, which came with 0004.
    op.execute(index.create_sql(with_prefix=False))
    for trigger in index.trigger_sql():
        op.execute(trigger)
    op.execute(index.command_sql("rebuild"))


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return  # FTS5 only; PostgreSQL's search columns come with 0008.
    _synced_index(STEMS)
    _synced_index(QUOTATIONS)


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for index in (QUOTATIONS, STEMS):
        for trigger in reversed(index.triggers):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {index.name}")
