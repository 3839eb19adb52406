"""The SQL of search plans: one writer per statement the strategies run.

Every value the user typed is a bound parameter or a quoted FTS5 string inside
one. The writers decide from what a plan's conditions need (``plan.Needs``),
never from SQL text: a condition is written once, for the story id it tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsviewer.domain import HIT_CLOSE, HIT_OPEN
from newsviewer.library import quoting_sql
from newsviewer.library.fts import QUOTATIONS, RANK, STEMS, STORY_COLUMNS
from newsviewer.library.plan import (
    AllOf,
    AnyOf,
    Condition,
    DateRange,
    Everything,
    InIndex,
    Owned,
    Plan,
    Quoting,
    SiteContains,
    Without,
)

__all__ = ["RANK"]  # bm25 with the column weights of ``fts.WEIGHTS``

# Tokens of context in a snippet: about one line of a list row.
SNIPPET_TOKENS = 16
ELLIPSIS = "…"

# A narrow index (migration 0003) read instead of the wide article rows when only
# the id, the listing date and the site are needed.
KEYS = "articles AS a INDEXED BY ix_articles_keys"
NEWEST_FIRST = "ORDER BY a.sort_at DESC, a.id DESC"
QUOTATIONS_TABLE = QUOTATIONS.name
# The quotations whose words match an expression (parameter 1), and the rest of SQLite's
# dialect for the quotation fields.
QUOTING = quoting_sql.Engine(
    f"SELECT rowid FROM {QUOTATIONS_TABLE} WHERE {QUOTATIONS_TABLE} MATCH ?", "?", "CROSS JOIN"
)

Statement = tuple[str, list[object]]


@dataclass(frozen=True, slots=True)
class Sql:
    text: str
    params: tuple[object, ...] = ()


# -- conditions ------------------------------------------------------------------


def said(condition: Quoting) -> quoting_sql.Said:
    return quoting_sql.Said(condition.words, condition.said, condition.name)


def _joined(parts: Sequence[Sql], operator: str) -> Sql:
    text = f" {operator} ".join(f"({p.text})" for p in parts)
    return Sql(text, tuple(v for p in parts for v in p.params))


def condition_sql(condition: Condition, story_id: str = "a.id", *, walked: bool = False) -> Sql:
    """``condition`` on the story whose id is ``story_id`` (``a`` is in scope for columns).

    ``walked``: the statement walks stories one by one, so each subquery's list
    is built once and every story is tested against it; ``+`` stops SQLite from
    driving the statement from the list instead, which would look every listed
    story up and sort them all. The same holds for the matches of a word index
    (``f.rowid``): driven from a list, FTS5 would look each listed story up with
    a query of its own, re-reading the word's whole list each time (0.2 s for
    ``ferry is:unread`` at 300 stories, growing with the square of the library).
    """
    tested = f"{'+' * (walked or story_id != 'a.id')}{story_id}"
    if isinstance(condition, InIndex):
        table = condition.table
        subquery = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
        return Sql(f"{tested} IN ({subquery})", (condition.expression,))
    if isinstance(condition, Quoting):
        listed, params = quoting_sql.stories(said(condition), QUOTING)
        return Sql(f"{tested} IN ({listed})", params)
    if isinstance(condition, SiteContains):
        return Sql("a.site LIKE ? ESCAPE '\\'", (condition.text,))
    if isinstance(condition, DateRange):
        bounds: list[Sql] = []
        column = f"a.{condition.column}"
        if condition.start is not None:
            bounds.append(Sql(f"{column} >= ?", (condition.start,)))
        if condition.end is not None:
            bounds.append(Sql(f"{column} < ?", (condition.end,)))
        return bounds[0] if len(bounds) == 1 else _joined(bounds, "AND")
    if isinstance(condition, Owned):
        return owned_sql(condition, tested)
    if isinstance(condition, Everything):
        return Sql("1")
    if isinstance(condition, AllOf | AnyOf):
        operator = "AND" if isinstance(condition, AllOf) else "OR"
        parts = [condition_sql(p, story_id, walked=walked) for p in condition.parts]
        return _joined(parts, operator)
    if isinstance(condition, Without):
        inner = condition_sql(condition.part, story_id, walked=walked)
        return Sql(f"NOT ({inner.text})", inner.params)
    raise TypeError(f"not a condition: {condition!r}")


def owned_selects(placeholder: str, like: str = "LIKE") -> dict[str, str]:
    """The stories listed by each kind of ``Owned`` (migration 0006's tables).

    Written once for both back ends, which differ only in the driver's parameter
    ``placeholder`` and the ``like`` operator (PostgreSQL's LIKE is case-sensitive, so it
    asks for ILIKE to match SQLite's).
    """
    return {
        "unread": "SELECT article_id FROM marks WHERE mark = 0",
        "starred": "SELECT article_id FROM marks WHERE mark = 1",
        "archived": "SELECT article_id FROM marks WHERE mark = 2",
        "tag": (
            "SELECT at.article_id FROM article_tags AS at JOIN tags AS t ON t.id = at.tag_id "
            f"WHERE t.key = {placeholder}"
        ),
        "highlight": "SELECT article_id FROM highlights",
        "note": "SELECT article_id FROM highlights WHERE note != ''",
        "note_text": (
            f"SELECT article_id FROM highlights WHERE note {like} {placeholder} ESCAPE '\\'"
        ),
    }


_OWNED = owned_selects("?")


def owned_sql(condition: Owned, story_id: str) -> Sql:
    params = (condition.value,) if condition.kind in ("tag", "note_text") else ()
    if condition.kind == "read":
        return Sql(f"{story_id} NOT IN ({_OWNED['unread']})")
    return Sql(f"{story_id} IN ({_OWNED[condition.kind]})", params)


# -- the matches of a plan -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Matches:
    """FROM and WHERE over a plan's matches: ``source`` and conditions joined by AND.

    With words the index is ``f``; ``a`` is in scope whenever a condition or the
    caller reads the story row.
    """

    source: str
    conditions: tuple[str, ...]
    params: tuple[object, ...]
    # The id of each match: the index's rowid, or the story's id without words.
    story_id: str

    def sql(self, *first: Sql) -> tuple[str, tuple[object, ...]]:
        """The FROM clause with ``first`` tested before the plan's own conditions."""
        conditions = [*(s.text for s in first), *self.conditions]
        params = (*(v for s in first for v in s.params), *self.params)
        return f"{self.source} WHERE {' AND '.join(conditions)}", params


@lru_cache(maxsize=512)
def matches(plan: Plan, *, row: bool = False) -> Matches:
    """Where a plan's matches come from and what they must pass.

    With words, ``a`` is joined only when the condition or the caller (``row``)
    needs more of the story than its id. Cached: a query's plans are asked for
    their SQL several times a search, and again for every page.
    """
    where = plan.where
    if plan.words is None:
        condition = condition_sql(where or Everything())
        # Ids listed by a subquery (quoted speakers) are looked up in the narrow
        # keys index rather than among the wide story rows.
        listed = where is not None and where.needs.subquery
        source = f"FROM {KEYS if listed else 'articles AS a'}"
        return Matches(source, (condition.text,), condition.params, "a.id")
    table = plan.table
    match = (f"f.{table} MATCH ?",)
    own = f"FROM {table} AS f"
    joined = f"{own} CROSS JOIN {KEYS} ON a.id = f.rowid"
    if where is None:
        return Matches(joined if row else own, match, (plan.words.expression,), "f.rowid")
    if not row and not where.needs.columns:
        # Only the id is tested (the stem-only tier's "not an exact match"): the
        # index row has it, so no lookup per match.
        condition = condition_sql(where, "f.rowid")
    else:
        # CROSS JOIN keeps the index first: it yields few rows, the article side
        # is a lookup.
        own = joined
        condition = condition_sql(where)
    params = (plan.words.expression, *condition.params)
    return Matches(own, (*match, f"({condition.text})"), params, "f.rowid")


# -- statements ------------------------------------------------------------------


def count_sql(plan: Plan, cap: int) -> Statement:
    body, params = matches(plan).sql()
    return f"SELECT count(*) FROM (SELECT 1 {body} LIMIT ?)", [*params, cap]


def ranked_sql(plan: Plan, offset: int, limit: int) -> Statement:
    """Best bm25 first; only for plans with words (and few enough matches)."""
    sql, params = _ranked_text(plan, counted=False)
    return sql, [*params, limit, offset]


def counted_ranked_sql(plan: Plan, offset: int, limit: int) -> Statement:
    """``ranked_sql`` whose rows also carry the number of matches (third column).

    bm25 sorts every match anyway; a window count over them costs nothing beside
    that sort, where a count of its own reads every match a second time.
    """
    sql, params = _ranked_text(plan, counted=True)
    return sql, [*params, limit, offset]


@lru_cache(maxsize=512)
def _ranked_text(plan: Plan, *, counted: bool) -> tuple[str, tuple[object, ...]]:
    body, params = matches(plan).sql(Sql("f.rank MATCH ?", (RANK,)))
    count = ", count(*) OVER ()" if counted else ""
    return f"SELECT f.rowid, f.rank{count} {body} ORDER BY f.rank LIMIT ? OFFSET ?", params


def newest_sql(plan: Plan, offset: int, limit: int) -> Statement:
    """Matches newest first by looking each match's date up (few matches)."""
    if plan.words is None:
        return walk_sql(plan, offset, limit)
    body, params = matches(plan, row=True).sql()
    return f"SELECT a.id {body} {NEWEST_FIRST} LIMIT ? OFFSET ?", [*params, limit, offset]


def listed_sql(plan: Plan, offset: int, limit: int) -> Statement:
    """Matches of a plan without words, newest first, when they are few.

    A subquery's stories are looked up one by one and sorted; walking the date
    index instead would pass every story to find them.
    """
    if plan.words is not None or plan.where is None or not plan.where.needs.subquery:
        return walk_sql(plan, offset, limit)
    return listed_counted_sql(plan, offset, limit, counted=False)


def listed_counted_sql(plan: Plan, offset: int, limit: int, *, counted: bool = True) -> Statement:
    """Matches newest first, each with the number of matches when ``counted``."""
    body, params = matches(plan).sql()
    count = ", count(*) OVER ()" if counted else ""
    sql = f"SELECT a.id{count} {body} {NEWEST_FIRST} LIMIT ? OFFSET ?"
    return sql, [*params, limit, offset]


def walk_sql(plan: Plan, offset: int, limit: int) -> Statement:
    """Matches newest first by walking the date index and testing each story (many matches)."""
    words = plan.words
    if words is not None and plan.where is None and words.merged_prefix:
        # FTS5 expands a prefix longer than the indexed ones into a merged list
        # on every lookup, so testing stories one by one would merge once per
        # story: read the index in its own order instead, most recently imported
        # first.
        sql = (
            f"SELECT f.rowid FROM {plan.table} AS f WHERE f.{plan.table} MATCH ? "
            "ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
        )
        return sql, [words.expression, limit, offset]
    conditions: list[Sql] = []
    if words is not None:
        table = plan.table
        exists = f"EXISTS (SELECT 1 FROM {table} AS f WHERE f.{table} MATCH ? AND f.rowid = a.id)"
        conditions.append(Sql(exists, (words.expression,)))
    if plan.where is not None:
        conditions.append(condition_sql(plan.where, walked=True))
    where = conditions[0] if len(conditions) == 1 else _joined(conditions, "AND")
    if not conditions:
        where = Sql("1")
    sql = f"SELECT a.id FROM articles AS a WHERE {where.text} {NEWEST_FIRST} LIMIT ? OFFSET ?"
    return sql, [*where.params, limit, offset]


def ids_sql(plan: Plan, cap: int) -> Statement:
    found = matches(plan)
    body, params = found.sql()
    return f"SELECT {found.story_id} {body} LIMIT ?", [*params, cap]


def snippet_sql(plan: Plan, ids: Sequence[int]) -> Statement:
    marks = ", ".join("?" * len(ids))
    table = plan.table
    sql = (
        f"SELECT rowid, snippet({table}, -1, ?, ?, ?, ?) FROM {table} "
        f"WHERE {table} MATCH ? AND rowid IN ({marks})"
    )
    return sql, [HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS, plan.match, *ids]


@lru_cache(maxsize=4)
def sample_sql(table: str) -> str:
    """Matches of an expression (parameter 1) among the newest stories (parameter 2),
    and the newest id."""
    # One statement: the newest id as a subquery costs a couple of microseconds
    # less than a statement of its own, on a search of 150.
    return (
        f"SELECT count(*), (SELECT max(id) FROM articles) FROM (SELECT 1 FROM {table} AS f "
        f"WHERE f.{table} MATCH ? AND f.rowid > (SELECT max(id) FROM articles) - ?)"
    )


# -- quotations ------------------------------------------------------------------

_QUOTED = (
    f"{QUOTATIONS_TABLE} AS t CROSS JOIN quotations AS q ON q.id = t.rowid "
    f"WHERE t.{QUOTATIONS_TABLE} MATCH ?"
)

NEWEST_STORY_SQL = "SELECT max(id) FROM articles"
# The first quotation of the stories after an id: quotation ids follow story ids.
FIRST_QUOTATION_AFTER_SQL = (
    "SELECT id FROM quotations INDEXED BY ix_quotations_article_id "
    "WHERE article_id > ? ORDER BY article_id LIMIT 1"
)


def quoting_sample_sql(expression: str, first_quotation: int) -> Statement:
    """Stories quoting a match among the quotations from ``first_quotation`` on."""
    sql = f"SELECT count(DISTINCT q.article_id) FROM {_QUOTED} AND t.rowid >= ?"
    return sql, [expression, first_quotation]


def latest_quoting_sql(spoken: Quoting, offset: int, limit: int) -> Statement:
    """Stories quoting a match, most recently imported first, read in the index's order.

    A quotation gets its id when its story is imported, so the newest quotations
    are those of the newest stories; the list stops after a page. Each quotation
    read is kept only if it matches as the quote ledger has it (``quoting_sql``).
    """
    kept, params = quoting_sql.quotations(said(spoken), QUOTING)
    sql = (
        f"SELECT DISTINCT q.article_id FROM {_QUOTED} AND {kept} "
        "ORDER BY t.rowid DESC LIMIT ? OFFSET ?"
    )
    return sql, [spoken.expression, *params, limit, offset]


# -- facets and marks ------------------------------------------------------------


def site_facets_sql(plan: Plan, cap: int) -> Statement:
    ids, params = ids_sql(plan, cap)
    sql = (
        f"WITH m(id) AS ({ids}) SELECT a.site, count(*) FROM m CROSS JOIN {KEYS} "
        "ON a.id = m.id WHERE a.site != '' GROUP BY a.site ORDER BY 2 DESC, 1"
    )
    return sql, params


def speaker_facets_sql(plan: Plan, cap: int, top: int) -> Statement:
    ids, params = ids_sql(plan, cap)
    sql = (
        # The quote ledger's merged speakers: one chip per person, whatever the form.
        f"WITH m(id) AS ({ids}) SELECT sl.name, count(DISTINCT sq.article_id) FROM m "
        "CROSS JOIN speaker_quotes AS sq INDEXED BY ix_speaker_quotes_article "
        "ON sq.article_id = m.id JOIN speaker_list AS sl ON sl.key = sq.speaker_key "
        "GROUP BY sl.name ORDER BY 2 DESC, 1 LIMIT ?"
    )
    return sql, [*params, top]


_STORY_COLUMNS = len(STORY_COLUMNS)


def marked_columns_sql(plan: Plan, article_id: int) -> Statement:
    """Every column of one story with the stemmed plan's hits marked."""
    columns = ", ".join(f"highlight({STEMS.name}, {i}, ?, ?)" for i in range(_STORY_COLUMNS))
    marks: list[object] = [HIT_OPEN, HIT_CLOSE] * _STORY_COLUMNS
    sql = f"SELECT {columns} FROM {STEMS.name} WHERE {STEMS.name} MATCH ? AND rowid = ?"
    return sql, [*marks, plan.match, article_id]
