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

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = "headline, standfirst, byline, body_text, captions"
TOKENIZERS = {
    "articles_fts": "unicode61 remove_diacritics 2",
    "articles_stem": "porter unicode61 remove_diacritics 2",
}
PREFIXES = "2 3 4"


def _recreate(table: str, tokenize: str, prefix: str | None) -> None:
    option = f", prefix='{prefix}'" if prefix else ""
    op.execute(f"DROP TABLE {table}")
    op.execute(
        f"CREATE VIRTUAL TABLE {table} USING fts5({COLUMNS}, content='articles', "
        f"content_rowid='id', tokenize='{tokenize}'{option})"
    )
    op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def upgrade() -> None:
    for table, tokenize in TOKENIZERS.items():
        _recreate(table, tokenize, PREFIXES)


def downgrade() -> None:
    for table, tokenize in TOKENIZERS.items():
        _recreate(table, tokenize, None)
