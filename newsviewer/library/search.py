"""Search plans: a parsed query becomes SQL over the full-text indexes, run cheaply.

Three indexes answer a query: ``articles_fts`` (exact words, accents folded),
``articles_stem`` (the same columns through the porter stemmer) and
``quotations_fts`` (what was said, by whom). Words, phrases, prefixes, OR, NOT
and the title:/by:/caption: fields become one FTS5 expression; sites, dates and
quotation fields become SQL conditions on ``articles AS a``. Every value the
user typed is a bound parameter or a quoted FTS5 string inside one.

Ranking: stories with the exact words come first, by bm25; stories that only
share stems follow, by their own bm25. bm25 costs a few microseconds per match
plus a pass over each term's whole list, so for a query with more than
``RANK_LIMIT`` matches (a word found in nearly every story) the first page comes
from a cheap plan instead: walk the newest-first index and keep the stories
that match, which stops after a screenful because such a query matches most
rows. ``SearchPage.approximate`` says so; ``exact=True`` then ranks them all.
Whether a query is that broad is first estimated from the newest ``SAMPLE``
stories and only counted when the estimate is near the limit.

Two broad queries cannot be walked story by story cheaply, because each test
re-reads an index list: a prefix longer than the indexed ones (``PREFIX_LENGTHS``)
and a lone ``said:``/``quote:``. Their approximate page lists the most recently
imported matches, read in the index's own order.

Counting is paid only where it decides something: one capped count of the
stemmed plan gives the total of both tiers when stems cover the exact words, and
stories listed by a quotation subquery are counted by the statement that sorts
them.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, cast

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, ArticleId, SearchHit
from newsviewer.library.models import FTS_TABLE, PREFIX_LENGTHS, QUOTES_FTS_TABLE, STEM_TABLE
from newsviewer.library.query import (
    COLUMNS,
    QUOTE_FIELDS,
    All,
    Any,
    Dates,
    Field,
    Node,
    Not,
    Site,
    Term,
    fts_expression,
    parse,
)

log = logging.getLogger(__name__)

Sort = Literal["relevance", "date"]

# Column weights for bm25, in FTS column order (headline, standfirst, byline, body,
# captions): a word in the headline says far more about what a story is about than
# the same word somewhere in a long body; the standfirst is a summary, the byline
# names people, captions describe pictures.
RANK = "bm25(10.0, 4.0, 3.0, 1.0, 2.0)"

# Tokens of context in a snippet: about one line of a list row.
SNIPPET_TOKENS = 16
ELLIPSIS = "…"

# Above this many matches a query is ranked by the cheap plan first. Ranking
# 20,000 matches with bm25 takes about 40 ms on the reference machine, inside the
# 50 ms budget for a query matching 5% of 100,000 stories; beyond it a word is
# so common that its bm25 weight is close to nothing anyway.
RANK_LIMIT = 20_000
# Newest stories looked at to tell a query far too broad to rank. 2,000 cost a
# few hundred checks and count a density near RANK_LIMIT within about 1% of the
# library at 100,000 stories, 13% of the estimate at 1,000,000.
SAMPLE = 2_000
# Facet counts stop after this many matches (and say so): lookups of a few
# microseconds each keep facets of any query near 100 ms.
FACET_LIMIT = 20_000
# Speakers shown as facets; the long tail is of no use as chips.
SPEAKER_FACETS = 30

# A narrow index (migration 0003) read instead of the wide article rows when only
# the id, the listing date and the site are needed.
KEYS = "articles AS a INDEXED BY ix_articles_keys"
NEWEST_FIRST = "ORDER BY a.sort_at DESC, a.id DESC"


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results of ``Library.search_page``."""

    hits: tuple[SearchHit, ...]
    # Stories matching in all, or None when the query is too broad to count quickly.
    total: int | None
    # True when the query matches so many stories that this page lists the newest
    # matches instead of the best (or, for a long prefix or a lone said:/quote:,
    # the latest imported); ``exact=True`` gives the real order (slower).
    approximate: bool


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facets:
    """Sites and speakers of a query's matches, most frequent first."""

    sites: tuple[FacetCount, ...]
    speakers: tuple[FacetCount, ...]  # stories quoting each speaker
    matches: int  # stories counted
    complete: bool  # False when only the first FACET_LIMIT matches were counted


EMPTY_FACETS = Facets((), (), 0, True)


# -- plans -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sql:
    text: str
    params: tuple[object, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """Stories matching ``match`` in ``table`` (when set) and the ``where`` condition."""

    table: str
    match: str | None
    where: Sql | None

    @property
    def empty(self) -> bool:
        return self.match is None and self.where is None


def _and(parts: Sequence[Sql]) -> Sql | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return Sql(
        " AND ".join(f"({p.text})" for p in parts), tuple(v for p in parts for v in p.params)
    )


def _or(parts: Sequence[Sql]) -> Sql:
    return Sql(" OR ".join(f"({p.text})" for p in parts), tuple(v for p in parts for v in p.params))


def _not(part: Sql) -> Sql:
    return Sql(f"NOT ({part.text})", part.params)


def _in_index(table: str, expression: str) -> Sql:
    return Sql(f"a.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", (expression,))


def predicate(plan: Plan) -> Sql:
    """The whole plan as one condition on ``a``."""
    parts = [] if plan.match is None else [_in_index(plan.table, plan.match)]
    if plan.where is not None:
        parts.append(plan.where)
    return _and(parts) or Sql("1")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def make_plan(node: Node, table: str) -> Plan:
    """The plan of ``node`` with its words looked up in ``table`` (exact or stemmed)."""
    expression = fts_expression(node)
    if expression is not None:
        return Plan(table, expression, None)
    if isinstance(node, All):
        wanted: list[str] = []
        unwanted: list[str] = []
        filters: list[Sql] = []
        for part in node.parts:
            if isinstance(part, Not):
                excluded = fts_expression(part.part)
                if excluded is not None:
                    unwanted.append(excluded)
                else:
                    filters.append(_not(predicate(make_plan(part.part, table))))
                continue
            sub = make_plan(part, table)
            if sub.match is not None:
                wanted.append(sub.match)
            if sub.where is not None:
                filters.append(sub.where)
        match = None
        if wanted:
            match = " AND ".join(f"({w})" for w in wanted)
            match += "".join(f" NOT ({u})" for u in unwanted)
        else:
            filters.extend(_not(_in_index(table, u)) for u in unwanted)
        return Plan(table, match, _and(filters))
    if isinstance(node, Any):
        return Plan(table, None, _or([predicate(make_plan(p, table)) for p in node.parts]))
    if isinstance(node, Not):
        return Plan(table, None, _not(predicate(make_plan(node.part, table))))
    if isinstance(node, Field):
        inner = fts_expression(node.part)
        if node.name in QUOTE_FIELDS and inner is not None:
            column = COLUMNS[node.name]
            return Plan(
                table,
                None,
                Sql(
                    f"a.id IN (SELECT q.article_id FROM {QUOTES_FTS_TABLE} "
                    f"JOIN quotations AS q ON q.id = {QUOTES_FTS_TABLE}.rowid "
                    f"WHERE {QUOTES_FTS_TABLE} MATCH ?)",
                    (f"{{{column}}} : ({inner})",),
                ),
            )
        # A field around more than words (title:(site:x)) applies to the inner part.
        return make_plan(node.part, table)
    if isinstance(node, Site):
        return Plan(table, None, Sql("a.site LIKE ? ESCAPE '\\'", (_like(node.text),)))
    if isinstance(node, Dates):
        bounds: list[Sql] = []
        if node.start is not None:
            bounds.append(Sql("a.sort_at >= ?", (node.start,)))
        if node.end is not None:
            bounds.append(Sql("a.sort_at < ?", (node.end,)))
        return Plan(table, None, _and(bounds))
    return Plan(table, None, None)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query with its exact-word plan and its stemmed plan."""

    text: str
    exact: Plan
    stem: Plan
    # Every story matching the exact words also matches the stems (see ``_stems_cover``),
    # so counting the stemmed plan counts both tiers at once.
    stems_cover: bool = False
    # Derived from the plans above once, in ``__post_init__``: a rare word's whole
    # search takes about 150 microseconds, so rebuilding them per call shows.
    uses_stems: bool = field(init=False)
    # Stories that share stems with the query but do not match its exact words.
    stem_only: Plan = field(init=False)
    # The words without the query's filters: what bm25 scores.
    exact_words: Plan = field(init=False)
    stem_words: Plan = field(init=False)

    def __post_init__(self) -> None:
        where = self.stem.where
        uses = self.stem.match is not None or (where is not None and STEM_TABLE in where.text)
        only = Plan(STEM_TABLE, self.stem.match, _and([*_opt(where), _not(predicate(self.exact))]))
        object.__setattr__(self, "uses_stems", uses)
        object.__setattr__(self, "stem_only", only)
        object.__setattr__(self, "exact_words", Plan(self.exact.table, self.exact.match, None))
        object.__setattr__(self, "stem_words", Plan(STEM_TABLE, self.stem.match, None))


def _opt(value: Sql | None) -> list[Sql]:
    return [] if value is None else [value]


def _stems_cover(node: Node) -> bool:
    """True when every story matching ``node``'s exact words matches its stems too.

    The stemmer maps a word the same way in the story and in the query, so words,
    phrases, fields, OR and filters keep their matches. An exclusion does not
    (``-fighting`` drops stories with ``fights`` only among stems), nor does a
    prefix (``governm*`` finds ``government``, whose stem ``govern`` it does not
    begin).
    """
    if isinstance(node, Not):
        return False
    if isinstance(node, Term):
        return not node.prefix
    if isinstance(node, All | Any):
        return all(_stems_cover(p) for p in node.parts)
    if isinstance(node, Field):
        return _stems_cover(node.part)
    return True


@lru_cache(maxsize=256)
def prepare(text: str) -> Query | None:
    """The plans of user text; None when it holds nothing to search for.

    Cached: the window asks again for the same text as the list scrolls, fills
    snippets and highlights the reader, and a query is immutable.
    """
    node = parse(text)
    if node is None:
        return None
    exact = make_plan(node, FTS_TABLE)
    if exact.empty:
        return None
    return Query(text, exact, make_plan(node, STEM_TABLE), _stems_cover(node))


# -- SQL of a plan ---------------------------------------------------------------


# How a condition lists the stories a subquery found (``_in_index``, quotation fields).
_ID_IN = "a.id IN (SELECT"
# A column of the story row other than its id.
_ROW_COLUMN = re.compile(r"\ba\.(?!id\b)\w")
_ROW_ID = re.compile(r"\ba\.id\b")


@lru_cache(maxsize=512)
def _from(plan: Plan, *, row: bool = False) -> tuple[str, tuple[object, ...]]:
    """FROM and WHERE over the plan's matches; ``f`` (with words) and ``a`` are in scope.

    With words, ``a`` is joined only when the condition or the caller (``row``)
    needs more of the story than its id. Cached: a query's plans are asked for
    their SQL several times a search, and again for every page.
    """
    if plan.match is None:
        where = plan.where or Sql("1")
        # Ids listed by a subquery (quoted speakers) are looked up in the narrow
        # keys index rather than among the wide story rows.
        source = KEYS if _ID_IN in where.text else "articles AS a"
        return f"FROM {source} WHERE {where.text}", where.params
    if plan.where is None:
        sql = f"FROM {plan.table} AS f WHERE f.{plan.table} MATCH ?"
        return sql, (plan.match,)
    if not row and not _ROW_COLUMN.search(plan.where.text):
        # Only the id is tested (the stem-only tier's "not an exact match"): the
        # index row has it, so no lookup per match.
        text = _ROW_ID.sub("f.rowid", plan.where.text)
        sql = f"FROM {plan.table} AS f WHERE f.{plan.table} MATCH ? AND ({text})"
        return sql, (plan.match, *plan.where.params)
    # CROSS JOIN keeps the index first: it yields few rows, the article side is a lookup.
    sql = (
        f"FROM {plan.table} AS f CROSS JOIN {KEYS} ON a.id = f.rowid "
        f"WHERE f.{plan.table} MATCH ? AND ({plan.where.text})"
    )
    return sql, (plan.match, *plan.where.params)


def _id_column(plan: Plan) -> str:
    return "a.id" if plan.match is None else "f.rowid"


def count_sql(plan: Plan, cap: int) -> tuple[str, list[object]]:
    body, params = _from(plan)
    return f"SELECT count(*) FROM (SELECT 1 {body} LIMIT ?)", [*params, cap]


def ranked_sql(plan: Plan, offset: int, limit: int) -> tuple[str, list[object]]:
    """Best bm25 first; only for plans with words (and few enough matches)."""
    sql, params = _ranked_text(plan, counted=False)
    return sql, [*params, limit, offset]


def counted_ranked_sql(plan: Plan, offset: int, limit: int) -> tuple[str, list[object]]:
    """``ranked_sql`` whose rows also carry the number of matches (third column).

    bm25 sorts every match anyway; a window count over them costs nothing beside
    that sort, where a count of its own reads every match a second time.
    """
    sql, params = _ranked_text(plan, counted=True)
    return sql, [*params, limit, offset]


@lru_cache(maxsize=512)
def _ranked_text(plan: Plan, *, counted: bool) -> tuple[str, tuple[object, ...]]:
    body, params = _from(plan)
    body = body.replace(" WHERE ", " WHERE f.rank MATCH ? AND ", 1)
    count = ", count(*) OVER ()" if counted else ""
    return f"SELECT f.rowid, f.rank{count} {body} ORDER BY f.rank LIMIT ? OFFSET ?", (
        RANK,
        *params,
    )


def newest_sql(plan: Plan, offset: int, limit: int) -> tuple[str, list[object]]:
    """Matches newest first by looking each match's date up (few matches)."""
    if plan.match is None:
        return walk_sql(plan, offset, limit)
    body, params = _from(plan, row=True)
    if plan.where is None:
        joined = f"FROM {plan.table} AS f CROSS JOIN {KEYS} ON a.id = f.rowid "
        body = body.replace(f"FROM {plan.table} AS f ", joined, 1)
    return f"SELECT a.id {body} {NEWEST_FIRST} LIMIT ? OFFSET ?", [*params, limit, offset]


_PREFIX = re.compile(r'"((?:[^"]|"")*)"\*')


def _merged_prefix(expression: str) -> bool:
    """True when an FTS5 expression holds a prefix without an index of its own."""
    longest = max(PREFIX_LENGTHS)
    return any(len(m.group(1).replace('""', '"')) > longest for m in _PREFIX.finditer(expression))


def listed_sql(plan: Plan, offset: int, limit: int) -> tuple[str, list[object]]:
    """Matches of a plan without words, newest first, when they are few.

    A subquery's stories are looked up one by one and sorted; walking the date
    index instead would pass every story to find them.
    """
    if plan.match is not None or plan.where is None or _ID_IN not in plan.where.text:
        return walk_sql(plan, offset, limit)
    body, params = _from(plan)
    return f"SELECT a.id {body} {NEWEST_FIRST} LIMIT ? OFFSET ?", [*params, limit, offset]


def walk_sql(plan: Plan, offset: int, limit: int) -> tuple[str, list[object]]:
    """Matches newest first by walking the date index and testing each story (many matches)."""
    if plan.match is not None and plan.where is None and _merged_prefix(plan.match):
        # FTS5 expands a prefix longer than the indexed ones into a merged list
        # on every lookup, so testing stories one by one would merge once per
        # story: read the index in its own order instead, most recently imported
        # first.
        sql = (
            f"SELECT f.rowid FROM {plan.table} AS f WHERE f.{plan.table} MATCH ? "
            "ORDER BY f.rowid DESC LIMIT ? OFFSET ?"
        )
        return sql, [plan.match, limit, offset]
    conditions = _opt(plan.where)
    if plan.match is not None:
        table = plan.table
        conditions.insert(
            0,
            Sql(
                f"EXISTS (SELECT 1 FROM {table} AS f WHERE f.{table} MATCH ? AND f.rowid = a.id)",
                (plan.match,),
            ),
        )
    where = _and(conditions) or Sql("1")
    # A subquery's list is built once and each story on the walk is tested
    # against it; "+" stops SQLite from driving the query from the list instead,
    # which would look every listed story up and sort them all.
    text = where.text.replace(_ID_IN, "+" + _ID_IN)
    sql = f"SELECT a.id FROM articles AS a WHERE {text} {NEWEST_FIRST} LIMIT ? OFFSET ?"
    return sql, [*where.params, limit, offset]


def ids_sql(plan: Plan, cap: int) -> tuple[str, list[object]]:
    body, params = _from(plan)
    return f"SELECT {_id_column(plan)} {body} LIMIT ?", [*params, cap]


def snippet_sql(plan: Plan, ids: Sequence[int]) -> tuple[str, list[object]]:
    marks = ", ".join("?" * len(ids))
    table = plan.table
    sql = (
        f"SELECT rowid, snippet({table}, -1, ?, ?, ?, ?) FROM {table} "
        f"WHERE {table} MATCH ? AND rowid IN ({marks})"
    )
    return sql, [HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS, plan.match, *ids]


# -- running ---------------------------------------------------------------------


def _rows(
    conn: sqlite3.Connection, sql_params: tuple[str, list[object]]
) -> list[tuple[object, ...]]:
    sql, params = sql_params
    return conn.execute(sql, params).fetchall()


def _count(conn: sqlite3.Connection, plan: Plan, cap: int) -> int:
    (row,) = _rows(conn, count_sql(plan, cap))
    return cast(int, row[0])


def _ids(rows: list[tuple[object, ...]]) -> list[int]:
    return [cast(int, r[0]) for r in rows]


@dataclass(frozen=True, slots=True)
class _Tier:
    plan: Plan
    ids: list[int]
    ranks: list[float]


def _by_date(
    conn: sqlite3.Connection, plan: Plan, offset: int, limit: int, count: int
) -> list[int]:
    if count <= RANK_LIMIT:
        few = newest_sql if plan.match is not None else listed_sql
        return _ids(_rows(conn, few(plan, offset, limit)))
    return _ids(_rows(conn, walk_sql(plan, offset, limit)))


def find(
    conn: sqlite3.Connection,
    query: Query,
    *,
    offset: int,
    limit: int,
    sort: Sort,
    exact: bool,
) -> tuple[list[_Tier], int | None, bool]:
    """Tiers of ids for one page, the total (None if unknown) and whether it is approximate."""
    if sort == "date" or query.exact.match is None:
        # By date every stemmed match counts; the stemmed set holds the exact one.
        plan = query.stem if query.uses_stems else query.exact
        if plan.match is None and plan.where is not None and _ID_IN in plan.where.text:
            spoken = _quotation_match(plan.where)
            if spoken is not None and not exact:
                # As for words, the sample decides alone: listing 30,000 stories
                # by date takes 60 ms at 100,000, where the latest imported are
                # listed at once and the window's background ranking follows.
                estimate = _quoting_estimate(conn, spoken)
                if estimate > RANK_LIMIT:
                    ids = _ids(_rows(conn, _latest_quoting_sql(spoken, offset, limit)))
                    return [_Tier(plan, ids, [0.0] * len(ids))], None, True
            return _find_listed(conn, plan, offset, limit)
        count = _count(conn, plan, RANK_LIMIT + 1)
        ids = _by_date(conn, plan, offset, limit, count)
        total = count if count <= RANK_LIMIT else None
        return [_Tier(plan, ids, [0.0] * len(ids))], total, False

    guess: float | None = None
    if query.uses_stems and query.stems_cover:
        # The stemmed matches hold the exact ones: few of them means few of both.
        # bm25 scores every story with the words before a site or date filter
        # drops any, so the words alone must be few.
        guess = _estimate(conn, query.stem_words)
        if guess is not None and guess <= RANK_LIMIT:
            return _find_ranked(conn, query, offset, limit)
        # Words that are their own stems ("had the") match nearly the same stories
        # in both indexes: a second sample would only repeat the first, at about
        # 1 ms for a phrase of common words.
        if query.exact.where is not None or query.stem.match != query.exact.match:
            guess = None
    estimate = (guess if guess is not None else _estimate(conn, query.exact)) or 0.0
    # Above RANK_LIMIT the sample decides alone: counting to settle a query near
    # the limit costs as much as ranking it (35 ms for a phrase of two common
    # words at 100,000 stories), and a rankable query taken for broad is only
    # listed newest first until the window's background ranking replaces it.
    if not exact and estimate > RANK_LIMIT:
        ids = _ids(_rows(conn, walk_sql(query.exact, offset, limit)))
        return [_Tier(query.exact, ids, [0.0] * len(ids))], None, True

    # A query that looks broad is counted by its exact words first (below): that
    # count stops at RANK_LIMIT and settles it.
    if query.uses_stems and query.stems_cover and estimate <= RANK_LIMIT:
        # One count of the stemmed plan gives the total of both tiers; when it is
        # small neither tier needs a count of its own before ranking.
        matches = _count(conn, query.stem, RANK_LIMIT + 1)
        if matches <= RANK_LIMIT:
            return _find_narrow(conn, query, offset, limit, exact, matches)

    tiers: list[_Tier] = []
    count = _count(conn, query.exact, RANK_LIMIT + 1)
    # bm25 scores every match of the words before a site or date filter drops any.
    words_only = query.exact_words
    broad = count > RANK_LIMIT
    if query.exact.where is not None and not broad:
        broad = _count(conn, words_only, RANK_LIMIT + 1) > RANK_LIMIT
    if broad and not exact:
        ids = _ids(_rows(conn, walk_sql(query.exact, offset, limit)))
        total = count if count <= RANK_LIMIT else None
        return [_Tier(query.exact, ids, [0.0] * len(ids))], total, True
    rows = _rows(conn, ranked_sql(query.exact, offset, limit))
    tiers.append(_Tier(query.exact, _ids(rows), [-float(r[1]) for r in rows]))  # type: ignore[arg-type]
    if count > RANK_LIMIT or not query.uses_stems:
        return tiers, (count if count <= RANK_LIMIT else None), False

    stem_only = query.stem_only
    extra = _count(conn, stem_only, RANK_LIMIT + 1)
    total = count + extra if extra <= RANK_LIMIT else None
    want = -1 if limit < 0 else limit - len(tiers[0].ids)
    if want == 0 or extra == 0:
        return tiers, total, False
    skip = max(0, offset - count)
    if extra > RANK_LIMIT and not exact:
        ids = _ids(_rows(conn, walk_sql(stem_only, skip, want)))
        tiers.append(_Tier(stem_only, ids, [0.0] * len(ids)))
        return tiers, total, True
    rows = _rows(conn, ranked_sql(stem_only, skip, want))
    # Below every exact hit: exact ranks are > 0, these fall in (-1, 0), best first.
    ranks = [-1.0 / (1.0 - float(r[1])) for r in rows]  # type: ignore[arg-type]
    tiers.append(_Tier(stem_only, _ids(rows), ranks))
    return tiers, total, False


_QUOTED = (
    f"{QUOTES_FTS_TABLE} AS t CROSS JOIN quotations AS q ON q.id = t.rowid "
    f"WHERE t.{QUOTES_FTS_TABLE} MATCH ?"
)


def _quotation_match(where: Sql) -> str | None:
    """The quotation-index expression of a condition that is one ``said:``/``quote:``."""
    text = where.text
    if text.startswith(_ID_IN) and text.count("SELECT") == 1 and QUOTES_FTS_TABLE in text:
        return str(where.params[0])
    return None


def _quoting_estimate(conn: sqlite3.Connection, expression: str) -> float:
    """Stories quoting a match in the whole library, as the newest ``SAMPLE`` suggest."""
    (top,) = conn.execute("SELECT max(id) FROM articles").fetchone()
    if not top or top <= SAMPLE * 2:
        return 0.0
    # The first quotation of the sample's stories: ids follow the stories' ids.
    row = conn.execute(
        "SELECT id FROM quotations INDEXED BY ix_quotations_article_id "
        "WHERE article_id > ? ORDER BY article_id LIMIT 1",
        (top - SAMPLE,),
    ).fetchone()
    if row is None:
        return 0.0
    first = row[0]
    (found,) = conn.execute(
        f"SELECT count(DISTINCT q.article_id) FROM {_QUOTED} AND t.rowid >= ?", (expression, first)
    ).fetchone()
    return float(found * top / SAMPLE)


def _latest_quoting_sql(expression: str, offset: int, limit: int) -> tuple[str, list[object]]:
    """Stories quoting a match, most recently imported first, read in the index's order.

    A quotation gets its id when its story is imported, so the newest quotations
    are those of the newest stories; the list stops after a page.
    """
    sql = f"SELECT DISTINCT q.article_id FROM {_QUOTED} ORDER BY t.rowid DESC LIMIT ? OFFSET ?"
    return sql, [expression, limit, offset]


def _find_listed(
    conn: sqlite3.Connection, plan: Plan, offset: int, limit: int
) -> tuple[list[_Tier], int | None, bool]:
    """``find`` for stories listed by subqueries (``said:``, ``quote:``), newest first.

    Every listed story is looked up and sorted to find the newest, so counting
    them in the same statement is nearly free, where a count of its own would
    build the list a second time.
    """
    body, params = _from(plan)
    sql = f"SELECT a.id, count(*) OVER () {body} {NEWEST_FIRST} LIMIT ? OFFSET ?"
    rows = _rows(conn, (sql, [*params, limit, offset]))
    if rows:
        total: int | None = cast(int, rows[0][1])
    else:
        count = _count(conn, plan, RANK_LIMIT + 1) if offset else 0
        total = count if count <= RANK_LIMIT else None
    ids = _ids(rows)
    return [_Tier(plan, ids, [0.0] * len(ids))], total, False


def _estimate(conn: sqlite3.Connection, plan: Plan) -> float | None:
    """Matches of the words in the whole library as the newest stories suggest.

    Counting up to RANK_LIMIT matches of a phrase of common words checks the
    positions of tens of thousands of stories (30 ms or more at 100,000 stories)
    only to learn that the query is too broad to rank; the newest ``SAMPLE``
    stories tell that for a few hundred checks. A wrong guess only costs time:
    a broad query taken for narrow is ranked whole, a narrow one taken for broad
    is listed newest first and marked approximate. None when there is no guess:
    a filter changes how many of the matches count, and a small library is
    counted outright.
    """
    if plan.match is None or plan.where is not None:
        return None
    found, top = conn.execute(_sample_sql(plan.table), (plan.match, SAMPLE)).fetchone()
    if not top or top <= SAMPLE * 2:
        return None
    return float(found * top / SAMPLE)


@lru_cache(maxsize=4)
def _sample_sql(table: str) -> str:
    # One statement: the newest id as a subquery costs a couple of microseconds
    # less than a statement of its own, on a search of 150.
    return (
        f"SELECT count(*), (SELECT max(id) FROM articles) FROM (SELECT 1 FROM {table} AS f "
        f"WHERE f.{table} MATCH ? AND f.rowid > (SELECT max(id) FROM articles) - ?)"
    )


def _counted(
    conn: sqlite3.Connection, plan: Plan, rows: list[tuple[object, ...]], offset: int
) -> int:
    """Matches of ``plan``: the window count of its ranked rows, else (a page past
    them all, or none) counted."""
    if rows:
        return cast(int, rows[0][2])
    return _count(conn, plan, -1) if offset else 0


def _find_ranked(
    conn: sqlite3.Connection, query: Query, offset: int, limit: int
) -> tuple[list[_Tier], int | None, bool]:
    """``find`` for words the sample says few stories hold: ranked at once, no count first.

    The ranking statements count their matches as they go (``counted_ranked_sql``).
    A full page of exact hits leaves the stemmed-only ones for later pages, and
    the total unknown: counting them would cost as much as this whole page.
    """
    rows = _rows(conn, counted_ranked_sql(query.exact, offset, limit))
    tiers = [_Tier(query.exact, _ids(rows), [-float(r[1]) for r in rows])]  # type: ignore[arg-type]
    exact_total = _counted(conn, query.exact, rows, offset)
    if limit >= 0 and len(rows) == limit:
        return tiers, None, False
    skip = max(0, offset - exact_total)
    want = -1 if limit < 0 else limit - len(rows)
    more = _rows(conn, counted_ranked_sql(query.stem_only, skip, want))
    extra = _counted(conn, query.stem_only, more, skip)
    # Below every exact hit: exact ranks are > 0, these fall in (-1, 0), best first.
    ranks = [-1.0 / (1.0 - float(r[1])) for r in more]  # type: ignore[arg-type]
    tiers.append(_Tier(query.stem_only, _ids(more), ranks))
    return tiers, exact_total + extra, False


def _find_narrow(
    conn: sqlite3.Connection, query: Query, offset: int, limit: int, exact: bool, total: int
) -> tuple[list[_Tier], int | None, bool]:
    """``find`` for a query whose exact and stemmed matches number ``total`` together."""
    words_only = query.exact_words
    if (
        query.exact.where is not None
        and not exact
        and _count(conn, words_only, RANK_LIMIT + 1) > RANK_LIMIT
    ):
        # bm25 would score every story with the words before the filter drops
        # most: list the filtered matches newest first, all of which were counted.
        # The words are common, so walking the date index finds a page quickly.
        ids = _ids(_rows(conn, walk_sql(query.stem, offset, limit)))
        return [_Tier(query.stem, ids, [0.0] * len(ids))], total, True
    rows = _rows(conn, ranked_sql(query.exact, offset, limit))
    tiers = [_Tier(query.exact, _ids(rows), [-float(r[1]) for r in rows])]  # type: ignore[arg-type]
    if limit >= 0 and len(rows) == limit:
        # A full page of exact hits: the stemmed-only ones come on later pages.
        return tiers, total, False
    # A short page holds the last exact hits, so their number is known, unless
    # the page starts past them all.
    if rows or offset == 0:
        exact_count = offset + len(rows)
    else:
        exact_count = _count(conn, query.exact, RANK_LIMIT + 1)
    if exact_count == total:
        return tiers, total, False
    want = -1 if limit < 0 else limit - len(rows)
    rows = _rows(conn, ranked_sql(query.stem_only, max(0, offset - exact_count), want))
    # Below every exact hit: exact ranks are > 0, these fall in (-1, 0), best first.
    ranks = [-1.0 / (1.0 - float(r[1])) for r in rows]  # type: ignore[arg-type]
    tiers.append(_Tier(query.stem_only, _ids(rows), ranks))
    return tiers, total, False


def snippets(conn: sqlite3.Connection, plan: Plan, ids: Sequence[int]) -> dict[int, str]:
    """Snippets of the given matches of ``plan``, hits marked with HIT_OPEN/HIT_CLOSE."""
    if plan.match is None or not ids:
        return {}
    found: dict[int, str] = {}
    # Well below SQLite's limit on bound parameters.
    for start in range(0, len(ids), 500):
        for row_id, text in _rows(conn, snippet_sql(plan, ids[start : start + 500])):
            found[int(row_id)] = str(text or "")  # type: ignore[call-overload]
    return found


def page(
    conn: sqlite3.Connection,
    query: Query,
    *,
    offset: int,
    limit: int,
    sort: Sort,
    exact: bool,
    with_snippets: bool,
) -> SearchPage:
    tiers, total, approximate = find(
        conn, query, offset=offset, limit=limit, sort=sort, exact=exact
    )
    hits: list[SearchHit] = []
    for tier in tiers:
        texts = snippets(conn, tier.plan, tier.ids) if with_snippets else {}
        hits.extend(
            SearchHit(ArticleId(i), rank, texts.get(i, ""))
            for i, rank in zip(tier.ids, tier.ranks, strict=True)
        )
    return SearchPage(tuple(hits), total, approximate)


def hit_snippets(conn: sqlite3.Connection, query: Query, ids: Sequence[int]) -> dict[int, str]:
    """Snippets for rows already found (the visible ones): exact words first, else stems."""
    found = snippets(conn, query.exact, ids)
    missing = [i for i in ids if i not in found]
    if missing and query.uses_stems:
        found.update(snippets(conn, query.stem, missing))
    return found


def facets(conn: sqlite3.Connection, query: Query) -> Facets:
    plan = query.stem if query.uses_stems else query.exact
    matches = _count(conn, plan, FACET_LIMIT + 1)
    complete = matches <= FACET_LIMIT
    ids, params = ids_sql(plan, FACET_LIMIT)
    sites = conn.execute(
        f"WITH m(id) AS ({ids}) SELECT a.site, count(*) FROM m CROSS JOIN {KEYS} "
        "ON a.id = m.id WHERE a.site != '' GROUP BY a.site ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    speakers = conn.execute(
        f"WITH m(id) AS ({ids}) SELECT q.speaker, count(DISTINCT q.article_id) FROM m "
        "CROSS JOIN quotations AS q INDEXED BY ix_quotations_speakers ON q.article_id = m.id "
        "WHERE q.speaker IS NOT NULL AND q.speaker != '' "
        "GROUP BY q.speaker ORDER BY 2 DESC, 1 LIMIT ?",
        [*params, SPEAKER_FACETS],
    ).fetchall()
    return Facets(
        sites=tuple(FacetCount(str(s), int(n)) for s, n in sites),
        speakers=tuple(FacetCount(str(s), int(n)) for s, n in speakers),
        matches=min(matches, FACET_LIMIT),
        complete=complete,
    )


def hit_terms(conn: sqlite3.Connection, query: Query, article_id: int) -> list[str]:
    """The words and phrases of one story that the query matched, as written there.

    Read from the stemmed index, so ``fight`` gives ``fighting`` and ``Sao`` gives
    ``São``; longest first, each once (case kept from the story's first use).
    """
    plan = query.stem
    if plan.match is None:
        return []
    columns = ", ".join(f"highlight({STEM_TABLE}, {i}, ?, ?)" for i in range(5))
    marks = [HIT_OPEN, HIT_CLOSE] * 5
    row = conn.execute(
        f"SELECT {columns} FROM {STEM_TABLE} WHERE {STEM_TABLE} MATCH ? AND rowid = ?",
        [*marks, plan.match, article_id],
    ).fetchone()
    if row is None:
        return []
    seen: dict[str, str] = {}
    for text in row:
        for piece in str(text or "").split(HIT_OPEN)[1:]:
            word = piece.split(HIT_CLOSE, 1)[0].strip()
            if word:
                seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=len, reverse=True)
