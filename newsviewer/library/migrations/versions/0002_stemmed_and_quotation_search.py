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

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ARTICLE_COLUMNS = "headline, standfirst, byline, body_text, captions"
QUOTE_COLUMNS = "text, speaker"
# Stems apply to quotations too: quote: and said: are filters, never ranked, so
# there is no exact tier to keep above them.
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _values(prefix: str, columns: str) -> str:
    return ", ".join(f"{prefix}.{c.strip()}" for c in columns.split(","))


def _synced_index(table: str, content: str, key: str, columns: str) -> None:
    new, old = _values("new", columns), _values("old", columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, "
        f"content='{content}', content_rowid='{key}', tokenize='{TOKENIZE}')"
    )
    op.execute(
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {table}(rowid, {columns}) VALUES (new.{key}, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.{key}, {old}); "
        "END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_update AFTER UPDATE OF {columns} ON {content} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.{key}, {old}); "
        f"INSERT INTO {table}(rowid, {columns}) VALUES (new.{key}, {new}); END"
    )
    op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def upgrade() -> None:
    _synced_index("articles_stem", "articles", "id", ARTICLE_COLUMNS)
    _synced_index("quotations_fts", "quotations", "id", QUOTE_COLUMNS)


def downgrade() -> None:
    for table in ("quotations_fts", "articles_stem"):
        for suffix in ("update", "delete", "insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {table}")
