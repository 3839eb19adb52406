"""What the reader adds to stories: tags, marks, highlights, reading places, saved searches.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Counts the sidebar shows (unread, starred, archived, each tag, each site) are kept
by triggers, as ``story_count`` is: counting a million rows costs 30 ms or more
per number, a kept count microseconds. Every story starts unread: a trigger on
``articles`` gives each new story its unread mark, and the stories already
stored get theirs here. Marks and tags repeat the story's ``sort_at`` (kept in
step by a trigger) so that a filtered list reads one index range in list order.
Foreign-key cascades fire the child tables' delete triggers, so deleting a story
keeps every count right.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsviewer.library.triggers import Trigger

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _cascade(table: str = "articles") -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


_SITE_ADD = (
    "INSERT INTO site_counts (site, stories) VALUES (new.site, 1) "
    "ON CONFLICT (site) DO UPDATE SET stories = stories + 1"
)
# PostgreSQL reads a bare ``stories`` in the upsert as either row: name the kept one.
_SITE_ADD_PG = _SITE_ADD.replace("= stories + 1", "= site_counts.stories + 1")
_SITE_REMOVE = (
    "UPDATE site_counts SET stories = stories - 1 WHERE site = old.site",
    "DELETE FROM site_counts WHERE site = old.site AND stories <= 0",
)

# Created in this order on SQLite, as they always were.
TRIGGERS = (
    Trigger(
        "mark_counts_ai",
        "marks",
        "INSERT",
        ("UPDATE mark_counts SET stories = stories + 1 WHERE mark = new.mark",),
    ),
    Trigger(
        "mark_counts_ad",
        "marks",
        "DELETE",
        ("UPDATE mark_counts SET stories = stories - 1 WHERE mark = old.mark",),
    ),
    Trigger(
        "tag_counts_ai",
        "article_tags",
        "INSERT",
        ("UPDATE tags SET stories = stories + 1 WHERE id = new.tag_id",),
    ),
    Trigger(
        "tag_counts_ad",
        "article_tags",
        "DELETE",
        ("UPDATE tags SET stories = stories - 1 WHERE id = old.tag_id",),
    ),
    Trigger(
        "articles_unread_ai",
        "articles",
        "INSERT",
        ("INSERT INTO marks (article_id, mark, sort_at) VALUES (new.id, 0, new.sort_at)",),
    ),
    Trigger(
        "articles_sort_at_au",
        "articles",
        "UPDATE OF sort_at",
        (
            "UPDATE marks SET sort_at = new.sort_at WHERE article_id = new.id",
            "UPDATE article_tags SET sort_at = new.sort_at WHERE article_id = new.id",
        ),
    ),
    Trigger("site_counts_ai", "articles", "INSERT", (_SITE_ADD,), postgresql=(_SITE_ADD_PG,)),
    Trigger("site_counts_ad", "articles", "DELETE", _SITE_REMOVE),
    Trigger(
        "site_counts_au",
        "articles",
        "UPDATE OF site",
        (*_SITE_REMOVE, _SITE_ADD),
        when="new.site IS NOT old.site",
        postgresql=(*_SITE_REMOVE, _SITE_ADD_PG),
        postgresql_when="new.site IS DISTINCT FROM old.site",
    ),
)


def _simhash() -> sa.types.TypeEngine[int]:
    # A 64-bit fingerprint: SQLite's INTEGER holds it, PostgreSQL's needs BIGINT.
    return sa.Integer().with_variant(sa.BigInteger(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "marks",
        sa.Column("article_id", sa.Integer(), _cascade(), nullable=False),
        sa.Column("mark", sa.Integer(), nullable=False),
        sa.Column("sort_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "mark"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_marks_list", "marks", ["mark", "sort_at", "article_id"])
    op.create_table(
        "mark_counts",
        sa.Column("mark", sa.Integer(), primary_key=True),
        sa.Column("stories", sa.Integer(), nullable=False),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.Integer(), _cascade(), nullable=False),
        sa.Column("tag_id", sa.Integer(), _cascade("tags"), nullable=False),
        sa.Column("sort_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "tag_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_article_tags_list", "article_tags", ["tag_id", "sort_at", "article_id"])
    op.create_table(
        "site_counts",
        sa.Column("site", sa.Text(), primary_key=True),
        sa.Column("stories", sa.Integer(), nullable=False),
    )
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), _cascade(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
    )
    op.create_index("ix_highlights_article_id", "highlights", ["article_id"])
    op.create_table(
        "reading_positions",
        sa.Column("article_id", sa.Integer(), _cascade(), primary_key=True),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.Column("fraction", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
    )
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "fingerprints",
        sa.Column("article_id", sa.Integer(), _cascade(), primary_key=True),
        sa.Column("url_key", sa.Text(), nullable=False),
        sa.Column("simhash", _simhash(), nullable=False),
    )
    op.create_index("ix_fingerprints_url_key", "fingerprints", ["url_key"])
    op.create_table(
        "simhash_bands",
        sa.Column("band", _simhash(), nullable=False),
        sa.Column("article_id", sa.Integer(), _cascade(), nullable=False),
        sa.PrimaryKeyConstraint("band", "article_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_simhash_bands_article", "simhash_bands", ["article_id"])

    # Counts first, so the backfills below go through the same triggers.
    op.execute("INSERT INTO mark_counts (mark, stories) VALUES (0, 0), (1, 0), (2, 0)")
    dialect = op.get_context().dialect.name
    for trigger in TRIGGERS:
        for statement in trigger.create_sql(dialect):
            op.execute(statement)
    op.execute(
        "INSERT INTO site_counts (site, stories) SELECT site, count(*) FROM articles GROUP BY site"
    )
    op.execute("INSERT INTO marks (article_id, mark, sort_at) SELECT id, 0, sort_at FROM articles")


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for trigger in reversed(TRIGGERS):
        for statement in trigger.drop_sql(dialect):
            op.execute(statement)
    for table in (
        "simhash_bands",
        "fingerprints",
        "saved_searches",
        "reading_positions",
        "highlights",
        "site_counts",
        "article_tags",
        "tags",
        "mark_counts",
        "marks",
    ):
        op.drop_table(table)
