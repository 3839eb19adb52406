"""Articles, figures, quotations, originals and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Full-text design: an external-content FTS5 table whose content is the ``articles``
row itself, kept in step by triggers (the sqlite-utils pattern). Captions are
searchable through ``articles.captions``, a copy of the figure captions written
with the article, so every indexed column lives in one row and the triggers see
exactly the values that were indexed: the delete trigger's ``'delete'`` command
row is then always correct, whichever code path inserts or deletes, and nothing
in Python has to remember to touch the index. The text is not stored a second
time inside FTS5; ``snippet()`` reads it back from ``articles``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsviewer.library.fts import WORDS

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sort_at", sa.String(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("published", sa.String(), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.Column("standfirst", sa.Text(), nullable=False),
        sa.Column("byline", sa.Text(), nullable=False),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("captions", sa.Text(), nullable=False),
        sa.UniqueConstraint("content_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_articles_sort_at", "articles", ["sort_at", "id"])

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("credit", sa.Text(), nullable=False),
        sa.Column("alt", sa.Text(), nullable=False),
        sa.Column("src", sa.Text(), nullable=False),
        sa.Column("mime", sa.String(), nullable=True),
        sa.Column("image", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_figures_article_id", "figures", ["article_id"])

    op.create_table(
        "quotations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("mention", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
    )
    op.create_index("ix_quotations_article_id", "quotations", ["article_id"])

    op.create_table(
        "originals",
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )

    if op.get_context().dialect.name != "sqlite":
        return  # PostgreSQL's search columns come with 0008.
    # Without the prefix indexes, which came with 0004.
    op.execute(WORDS.create_sql(with_prefix=False))
    for trigger in WORDS.trigger_sql():
        op.execute(trigger)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for trigger in reversed(WORDS.triggers):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {WORDS.name}")
    op.drop_table("originals")
    op.drop_index("ix_quotations_article_id", table_name="quotations")
    op.drop_table("quotations")
    op.drop_index("ix_figures_article_id", table_name="figures")
    op.drop_table("figures")
    op.drop_index("ix_articles_sort_at", table_name="articles")
    op.drop_table("articles")
