"""Search and change notices on PostgreSQL (nothing changes on SQLite).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

SQLite's full-text indexes are FTS5 tables (0001-0004); on PostgreSQL the same
two readings of a story are ``tsvector`` columns generated from the row itself,
so every path that writes a story keeps them right, with a GIN index each
(``pg_search.py`` says how queries read them):

- ``newsviewer_exact``: ``unaccent`` then ``simple`` (words as written, accents
  folded, as FTS5's ``remove_diacritics 2``);
- ``newsviewer_stem``: ``unaccent`` then the Snowball English stemmer without a
  stop-word list (FTS5's porter stems every word and drops none).

``newsviewer_words`` reads text as FTS5's ``unicode61`` does: runs of letters and
digits, everything else a separator (PostgreSQL's own parser would keep
``e-mail`` or ``3.5`` whole, and SQLite would not find them the same way).

Every statement that adds or removes stories sends ``NOTIFY newsviewer_stories``
when it commits, so a window open on the same library elsewhere lists them.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TOKENS = (
    "asciiword, word, numword, asciihword, hword, numhword, "
    "hword_asciipart, hword_part, hword_numpart"
)


# Ends each column's words: joined vectors number on from the last word before, so
# without it "harbour by" would be a phrase across a headline and its byline, which
# FTS5 never finds. An address is a token of its own to PostgreSQL's parser and no
# query can ask for it (query words are runs of letters and digits).
COLUMN_END = "newsviewer@column.end"


def _vector(config: str, column: str, weight: str) -> str:
    text = f"newsviewer_words({column}) || ' {COLUMN_END}'"
    return f"setweight(to_tsvector('{config}', {text}), '{weight}')"


def _story_vector(config: str) -> str:
    # Weights as pg_search.WEIGHTS reads them: headline A, byline B, captions C, rest D.
    return " || ".join(
        _vector(config, column, weight)
        for column, weight in (
            ("headline", "A"),
            ("byline", "B"),
            ("captions", "C"),
            ("standfirst", "D"),
            ("body_text", "D"),
        )
    )


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Through the driver: SQLAlchemy's text() would read ``:alnum`` as a parameter.
    op.get_bind().exec_driver_sql(
        "CREATE FUNCTION newsviewer_words(text) RETURNS text LANGUAGE sql IMMUTABLE "
        "PARALLEL SAFE AS $$ SELECT regexp_replace($1, '[^[:alnum:]]+', ' ', 'g') $$"
    )
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY newsviewer_english (TEMPLATE = snowball, Language = english)"
    )
    for config, dictionary in (
        ("newsviewer_exact", "simple"),
        ("newsviewer_stem", "newsviewer_english"),
    ):
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = simple)")
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR {_TOKENS} "
            f"WITH unaccent, {dictionary}"
        )
    for name, config in (
        ("search_exact", "newsviewer_exact"),
        ("search_stem", "newsviewer_stem"),
    ):
        op.execute(
            f"ALTER TABLE articles ADD COLUMN {name} tsvector "
            f"GENERATED ALWAYS AS ({_story_vector(config)}) STORED"
        )
        op.execute(f"CREATE INDEX ix_articles_{name} ON articles USING gin ({name})")
    op.execute(
        "ALTER TABLE quotations ADD COLUMN search tsvector GENERATED ALWAYS AS ("
        + _vector("newsviewer_stem", "text", "A")
        + " || "
        + _vector("newsviewer_stem", "coalesce(speaker, '')", "B")
        + ") STORED"
    )
    op.execute("CREATE INDEX ix_quotations_search ON quotations USING gin (search)")
    op.execute(
        "CREATE FUNCTION newsviewer_stories_changed() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN NOTIFY newsviewer_stories; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER articles_changed AFTER INSERT OR DELETE ON articles "
        "FOR EACH STATEMENT EXECUTE FUNCTION newsviewer_stories_changed()"
    )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER articles_changed ON articles")
    op.execute("DROP FUNCTION newsviewer_stories_changed()")
    op.execute("ALTER TABLE quotations DROP COLUMN search")
    op.execute("ALTER TABLE articles DROP COLUMN search_stem")
    op.execute("ALTER TABLE articles DROP COLUMN search_exact")
    op.execute("DROP TEXT SEARCH CONFIGURATION newsviewer_stem")
    op.execute("DROP TEXT SEARCH CONFIGURATION newsviewer_exact")
    op.execute("DROP TEXT SEARCH DICTIONARY newsviewer_english")
    op.execute("DROP FUNCTION newsviewer_words(text)")
