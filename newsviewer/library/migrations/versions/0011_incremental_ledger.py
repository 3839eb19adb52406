"""The speakers index kept up to date story by story instead of rebuilt whole.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

``speaker_quotes`` keeps what each quotation's speaker was found from (the name
as written, its surname and role), so a story imported, deleted or extracted
again changes only its own rows and the speakers they touch. Triggers on
``quotations`` note the stories whose quotations changed (``ledger_dirty``),
whichever code changed them; the library brings those stories up to date in the
same transaction. ``speaker_splits`` holds the reader's splits of a speaker.
The index is derived: it is built again here from the quotations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsviewer.library.triggers import Trigger

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _note(row: str) -> str:
    return f"INSERT INTO ledger_dirty (article_id) VALUES ({row}) ON CONFLICT DO NOTHING"


TRIGGERS = (
    Trigger("ledger_dirty_ai", "quotations", "INSERT", (_note("new.article_id"),)),
    Trigger("ledger_dirty_ad", "quotations", "DELETE", (_note("old.article_id"),)),
    Trigger(
        "ledger_dirty_au",
        "quotations",
        "UPDATE",
        (_note("old.article_id"), _note("new.article_id")),
    ),
    # A story's date moved (a read-it-later export's saved date): its rows carry it.
    Trigger("ledger_dirty_au_sort", "articles", "UPDATE OF sort_at", (_note("new.id"),)),
)


def upgrade() -> None:
    op.drop_index("ix_speaker_quotes_key", table_name="speaker_quotes")
    op.drop_table("speaker_quotes")
    op.drop_index("ix_speaker_list_order", table_name="speaker_list")
    op.drop_table("speaker_list")
    op.drop_table("ledger_state")
    op.create_table(
        "speaker_quotes",
        sa.Column("quotation_id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sort_at", sa.String(), nullable=False),
        sa.Column("speaker_key", sa.Text(), nullable=False),
        sa.Column("base_key", sa.Text(), nullable=False),
        sa.Column("loose", sa.Boolean(), nullable=False),
        sa.Column("own_key", sa.Text(), nullable=True),
        sa.Column("surname", sa.Text(), nullable=True),
        sa.Column("role_fold", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("form", sa.Text(), nullable=False),
        sa.Column("form_fold", sa.Text(), nullable=False),
    )
    # A speaker's quotations newest first, and their counts, from the index alone.
    op.create_index(
        "ix_speaker_quotes_key",
        "speaker_quotes",
        ["speaker_key", "sort_at", "article_id", "quotation_id"],
    )
    op.create_index("ix_speaker_quotes_article", "speaker_quotes", ["article_id"])
    # Rule 3 of speaker_identity: surname and role to the people seen with them.
    op.create_index(
        "ix_speaker_quotes_surname_role", "speaker_quotes", ["surname", "role_fold", "loose"]
    )
    op.create_table(
        "speaker_list",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
    )
    op.create_index("ix_speaker_list_order", "speaker_list", ["quotes", "stories"])
    op.create_index("ix_speaker_list_name", "speaker_list", ["name"])
    op.create_table(
        "speaker_splits",
        sa.Column("speaker_key", sa.Text(), primary_key=True),
        sa.Column("form_fold", sa.Text(), primary_key=True),
        sa.Column("new_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
    )
    op.create_table(
        "ledger_dirty",
        sa.Column("article_id", sa.Integer(), primary_key=True),
    )
    dialect = op.get_context().dialect.name
    for trigger in TRIGGERS:
        for statement in trigger.create_sql(dialect):
            op.execute(statement)
    # Built here, so every library has its index: a migration runs off the window's
    # thread with a note of what is happening (db.upgrade_needed).
    from newsviewer.library import ledger_index

    ledger_index.build(op.get_bind(), count=False)  # counted by 0013


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for trigger in reversed(TRIGGERS):
        for statement in trigger.drop_sql(dialect):
            op.execute(statement)
    for table in ("ledger_dirty", "speaker_splits", "speaker_list"):
        op.drop_table(table)
    op.drop_table("speaker_quotes")
    op.create_table(
        "speaker_quotes",
        sa.Column("quotation_id", sa.Integer(), primary_key=True),
        sa.Column("speaker_key", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
    )
    op.create_index("ix_speaker_quotes_key", "speaker_quotes", ["speaker_key", "quotation_id"])
    op.create_table(
        "speaker_list",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quotes", sa.Integer(), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
    )
    op.create_index("ix_speaker_list_order", "speaker_list", ["quotes", "stories"])
    op.create_table(
        "ledger_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stamp", sa.Text(), nullable=False),
    )
