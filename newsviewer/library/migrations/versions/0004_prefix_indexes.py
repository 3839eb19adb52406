"""Prefix indexes on the story indexes, so ``the*`` is one list lookup.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Without them FTS5 answers ``ber*`` by merging the list of every word that starts
with ``ber``: for a short, common beginning that is a large part of the index,
merged again on every lookup (21 s for ``the*`` at 100,000 stories). With
``prefix='2 3'`` each token is also filed under its first two and first three
characters, so a two- or three-letter prefix reads one list, as a word does.
Longer prefixes are left to the merge: few words share four letters, so that
merge is short. One-letter prefixes are not indexed: they would match nearly
every story and cost one more copy of every position list.

FTS5 cannot add a prefix index to an existing table, so both tables are
recreated and filled with ``rebuild``, which reads every story once. The
triggers of 0001 and 0002 name the tables, not their definition, and keep
working on the new ones.
"""

from __future__ import annotations

from alembic import op

from newsviewer.library.fts import STEMS, WORDS, FullTextIndex

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _recreate(index: FullTextIndex, *, with_prefix: bool) -> None:
    op.execute(f"DROP TABLE {index.name}")
    op.execute(index.create_sql(with_prefix=with_prefix))
    op.execute(index.command_sql("rebuild"))


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return  # FTS5 only (PostgreSQL's GIN indexes answer prefixes from their own lists).
    for index in (WORDS, STEMS):
        _recreate(index, with_prefix=True)


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for index in (WORDS, STEMS):
        _recreate(index, with_prefix=False)
