"""The SQLite-dialect statements the library writes by hand, as PostgreSQL takes them.

No server needed: these check the text ``pg_sql.translate`` makes (the PostgreSQL
tests run the statements themselves).
"""

from __future__ import annotations

from newsviewer.library.pg_sql import translate


def test_marks_become_the_drivers_and_a_literal_percent_is_doubled() -> None:
    sql = "SELECT id FROM tags WHERE key = ? AND name LIKE '%?%' AND note != '?'"
    assert translate(sql) == (
        "SELECT id FROM tags WHERE key = %s AND name LIKE '%%?%%' AND note != '?'"
    )
    assert translate("SELECT 1 WHERE 'a%' = 'a%'", False) == "SELECT 1 WHERE 'a%' = 'a%'"


def test_insert_or_ignore_becomes_on_conflict_do_nothing() -> None:
    assert translate(
        "INSERT OR IGNORE INTO marks (article_id, mark, sort_at) SELECT id, ?, sort_at "
        "FROM articles WHERE id IN (?, ?)"
    ) == (
        "INSERT INTO marks (article_id, mark, sort_at) SELECT id, %s, sort_at "
        "FROM articles WHERE id IN (%s, %s) ON CONFLICT DO NOTHING"
    )


def test_insert_or_replace_becomes_an_upsert_on_the_primary_key() -> None:
    assert translate(
        'INSERT OR REPLACE INTO reading_positions (article_id, "offset", fraction, updated_at) '
        "VALUES (?, ?, ?, ?)"
    ) == (
        'INSERT INTO reading_positions (article_id, "offset", fraction, updated_at) '
        "VALUES (%s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
        '"offset" = EXCLUDED."offset", fraction = EXCLUDED.fraction, '
        "updated_at = EXCLUDED.updated_at"
    )


def test_nocase_json_arrays_and_planner_hints_have_their_postgresql_forms() -> None:
    assert translate("SELECT name FROM saved_searches ORDER BY name COLLATE NOCASE", False) == (
        "SELECT name FROM saved_searches ORDER BY lower(name)"
    )
    assert translate("WHERE a.site = ? COLLATE NOCASE") == "WHERE lower(a.site) = lower(%s)"
    assert translate("SELECT json_group_array(id) FROM (SELECT id FROM articles)", False) == (
        "SELECT coalesce(json_agg(id), '[]'::json)::text FROM (SELECT id FROM articles)"
    )
    assert translate(
        "FROM speaker_quotes sq CROSS JOIN quotations q ON q.id = sq.quotation_id "
        "CROSS JOIN articles AS a INDEXED BY ix_articles_keys ON a.id = q.article_id "
        "CROSS JOIN tags",
        False,
    ) == (
        "FROM speaker_quotes sq JOIN quotations q ON q.id = sq.quotation_id "
        "JOIN articles AS a ON a.id = q.article_id CROSS JOIN tags"
    )


def test_the_query_tree_becomes_tsquery_text_lexeme_by_lexeme() -> None:
    from newsviewer.library.pg_search import tsquery_text
    from newsviewer.library.query import parse

    def text(query: str) -> str | None:
        node = parse(query)
        assert node is not None
        return tsquery_text(node)

    assert text("ferry harbour") == "('ferry' & 'harbour')"
    assert text('"new york" OR bridge') == "(('new' <-> 'york') | 'bridge')"
    assert text("volc* -ash") == "('volc':* & !'ash')"
    assert text('title:"new york"') == "('new':A <-> 'york':A)"
    assert text("by:smi*") == "'smi':*B"
    # What FTS5 reads as one quoted string: the word's runs of letters and digits
    # (to_tsquery folds case and accents through the configuration).
    assert text("covid-19 U.S.A.") == "(('covid' <-> '19') & ('U' <-> 'S' <-> 'A'))"
    assert text("' OR 1=1 --") == "('OR' & ('1' <-> '1'))"
    # A part that is more than words is a condition of its own, not tsquery text.
    assert text("ferry site:nbc") is None
    assert text("-ferry") is None
