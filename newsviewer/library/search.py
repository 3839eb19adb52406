"""Search: which strategy answers a query, and the records it answers with.

A parsed query becomes typed plans (``plan.py``); ``search_sql.py`` writes their
SQL; this module decides, per query, how to run them cheaply. Each case is a
named strategy (``Found.strategy``):

- ``ranked at once``: the newest stories suggest few matches; rank at once, the
  ranking statements count as they go.
- ``narrow``: one capped count of the stemmed plan says both tiers are few; rank.
- ``tiers``: count the exact words, rank them, then the stories that only share
  stems, ranked below them.
- ``newest of broad``: more than ``RANK_LIMIT`` matches (a word found in nearly
  every story): bm25 costs a few microseconds per match plus a pass over each
  term's whole list, so the first page walks the newest-first index and keeps
  the stories that match, which stops after a screenful because such a query
  matches most rows. ``SearchPage.approximate`` says so; ``exact=True`` then
  ranks them all. Whether a query is that broad is first estimated from the
  newest ``SAMPLE`` stories and only counted when the estimate is near the limit.
- ``by date``: newest first (``sort="date"``, or a query without words).
- ``listed``: stories listed by subqueries (``said:``, ``quote:``), looked up and
  sorted by date, counted by the same statement.
- ``latest quoting``: a lone ``said:``/``quote:`` the sample shows to be broad,
  most recently imported first, read in the quotation index's own order.

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
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, ArticleId, SearchHit
from newsviewer.library import search_sql as sql
from newsviewer.library.plan import Plan, Query, Quoting, prepare
from newsviewer.library.search_sql import ELLIPSIS, RANK, SNIPPET_TOKENS, Statement

__all__ = [
    "ELLIPSIS",
    "EMPTY_FACETS",
    "RANK",
    "SNIPPET_TOKENS",
    "FacetCount",
    "Facets",
    "Found",
    "Query",
    "SearchPage",
    "Sort",
    "facets",
    "find",
    "hit_snippets",
    "hit_terms",
    "page",
    "prepare",
]

log = logging.getLogger(__name__)

Sort = Literal["relevance", "date"]

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


# -- running ---------------------------------------------------------------------


def _rows(conn: sqlite3.Connection, statement: Statement) -> list[tuple[object, ...]]:
    text, params = statement
    return conn.execute(text, params).fetchall()


def _count(conn: sqlite3.Connection, plan: Plan, cap: int) -> int:
    (row,) = _rows(conn, sql.count_sql(plan, cap))
    return cast(int, row[0])


def _ids(rows: list[tuple[object, ...]]) -> list[int]:
    return [cast(int, r[0]) for r in rows]


@dataclass(frozen=True, slots=True)
class _Tier:
    plan: Plan
    ids: list[int]
    ranks: list[float]


def _unranked(plan: Plan, ids: list[int]) -> _Tier:
    return _Tier(plan, ids, [0.0] * len(ids))


def _exact_tier(plan: Plan, rows: list[tuple[object, ...]]) -> _Tier:
    return _Tier(plan, _ids(rows), [-float(cast(float, r[1])) for r in rows])


def _stem_tier(plan: Plan, rows: list[tuple[object, ...]]) -> _Tier:
    # Below every exact hit: exact ranks are > 0, these fall in (-1, 0), best first.
    return _Tier(plan, _ids(rows), [-1.0 / (1.0 - float(cast(float, r[1]))) for r in rows])


@dataclass(frozen=True, slots=True)
class Found:
    """The ids of one page in tiers, the total (None if unknown), and how it was found."""

    tiers: list[_Tier]
    total: int | None
    approximate: bool
    strategy: str


def find(
    conn: sqlite3.Connection,
    query: Query,
    *,
    offset: int,
    limit: int,
    sort: Sort,
    exact: bool,
) -> Found:
    """One page of ``query``, by the strategy its plans and sizes call for."""
    if sort == "date" or query.exact.words is None:
        return _newest_first(conn, query, offset, limit, exact)
    return _best_first(conn, query, offset, limit, exact)


def _newest_first(
    conn: sqlite3.Connection, query: Query, offset: int, limit: int, exact: bool
) -> Found:
    # By date every stemmed match counts; the stemmed set holds the exact one.
    plan = query.stem if query.uses_stems else query.exact
    where = plan.where
    if plan.words is None and where is not None and where.needs.subquery:
        # As for words, the sample decides alone: listing 30,000 stories by date
        # takes 60 ms at 100,000, where the latest imported are listed at once
        # and the window's background ranking follows.
        spoken = where if isinstance(where, Quoting) and not exact else None
        if spoken is not None and _quoting_estimate(conn, spoken.expression) > RANK_LIMIT:
            return _latest_quoting(conn, plan, spoken, offset, limit)
        return _listed(conn, plan, offset, limit)
    return _by_date(conn, plan, offset, limit)


def _best_first(
    conn: sqlite3.Connection, query: Query, offset: int, limit: int, exact: bool
) -> Found:
    guess: float | None = None
    if query.uses_stems and query.stems_cover:
        # The stemmed matches hold the exact ones: few of them means few of both.
        # bm25 scores every story with the words before a site or date filter
        # drops any, so the words alone must be few.
        guess = _estimate(conn, query.stem_words)
        if guess is not None and guess <= RANK_LIMIT:
            return _ranked_at_once(conn, query, offset, limit)
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
        return _newest_of_broad(conn, query.exact, offset, limit, None)

    # A query that looks broad is counted by its exact words first (``_tiers``):
    # that count stops at RANK_LIMIT and settles it.
    if query.uses_stems and query.stems_cover and estimate <= RANK_LIMIT:
        # One count of the stemmed plan gives the total of both tiers; when it is
        # small neither tier needs a count of its own before ranking.
        matches = _count(conn, query.stem, RANK_LIMIT + 1)
        if matches <= RANK_LIMIT:
            return _narrow(conn, query, offset, limit, exact, matches)
    return _tiers(conn, query, offset, limit, exact)


# -- strategies ------------------------------------------------------------------


def _by_date(conn: sqlite3.Connection, plan: Plan, offset: int, limit: int) -> Found:
    """Newest first: few matches are looked up and sorted, many are walked by date."""
    count = _count(conn, plan, RANK_LIMIT + 1)
    if count <= RANK_LIMIT:
        few = sql.newest_sql if plan.words is not None else sql.listed_sql
        ids = _ids(_rows(conn, few(plan, offset, limit)))
    else:
        ids = _ids(_rows(conn, sql.walk_sql(plan, offset, limit)))
    total = count if count <= RANK_LIMIT else None
    return Found([_unranked(plan, ids)], total, False, "by date")


def _listed(conn: sqlite3.Connection, plan: Plan, offset: int, limit: int) -> Found:
    """Stories listed by subqueries (``said:``, ``quote:``), newest first.

    Every listed story is looked up and sorted to find the newest, so counting
    them in the same statement is nearly free, where a count of its own would
    build the list a second time.
    """
    rows = _rows(conn, sql.listed_counted_sql(plan, offset, limit))
    if rows:
        total: int | None = cast(int, rows[0][1])
    else:
        count = _count(conn, plan, RANK_LIMIT + 1) if offset else 0
        total = count if count <= RANK_LIMIT else None
    return Found([_unranked(plan, _ids(rows))], total, False, "listed")


def _latest_quoting(
    conn: sqlite3.Connection, plan: Plan, spoken: Quoting, offset: int, limit: int
) -> Found:
    """A lone ``said:``/``quote:`` of very many stories: the latest imported first."""
    ids = _ids(_rows(conn, sql.latest_quoting_sql(spoken, offset, limit)))
    return Found([_unranked(plan, ids)], None, True, "latest quoting")


def _newest_of_broad(
    conn: sqlite3.Connection, plan: Plan, offset: int, limit: int, total: int | None
) -> Found:
    """Too many matches to rank at once: the newest, found by walking the date index."""
    ids = _ids(_rows(conn, sql.walk_sql(plan, offset, limit)))
    return Found([_unranked(plan, ids)], total, True, "newest of broad")


def _ranked_at_once(conn: sqlite3.Connection, query: Query, offset: int, limit: int) -> Found:
    """Words the sample says few stories hold: ranked at once, no count first.

    The ranking statements count their matches as they go (``counted_ranked_sql``).
    A full page of exact hits leaves the stemmed-only ones for later pages, and
    the total unknown: counting them would cost as much as this whole page.
    """
    rows = _rows(conn, sql.counted_ranked_sql(query.exact, offset, limit))
    tiers = [_exact_tier(query.exact, rows)]
    exact_total = _counted(conn, query.exact, rows, offset)
    if limit >= 0 and len(rows) == limit:
        return Found(tiers, None, False, "ranked at once")
    skip = max(0, offset - exact_total)
    want = -1 if limit < 0 else limit - len(rows)
    more = _rows(conn, sql.counted_ranked_sql(query.stem_only, skip, want))
    extra = _counted(conn, query.stem_only, more, skip)
    tiers.append(_stem_tier(query.stem_only, more))
    return Found(tiers, exact_total + extra, False, "ranked at once")


def _narrow(
    conn: sqlite3.Connection, query: Query, offset: int, limit: int, exact: bool, total: int
) -> Found:
    """A query whose exact and stemmed matches number ``total`` together: ranked."""
    if (
        query.exact.where is not None
        and not exact
        and _count(conn, query.exact_words, RANK_LIMIT + 1) > RANK_LIMIT
    ):
        # bm25 would score every story with the words before the filter drops
        # most: list the filtered matches newest first, all of which were counted.
        # The words are common, so walking the date index finds a page quickly.
        return _newest_of_broad(conn, query.stem, offset, limit, total)
    rows = _rows(conn, sql.ranked_sql(query.exact, offset, limit))
    tiers = [_exact_tier(query.exact, rows)]
    if limit >= 0 and len(rows) == limit:
        # A full page of exact hits: the stemmed-only ones come on later pages.
        return Found(tiers, total, False, "narrow")
    # A short page holds the last exact hits, so their number is known, unless
    # the page starts past them all.
    if rows or offset == 0:
        exact_count = offset + len(rows)
    else:
        exact_count = _count(conn, query.exact, RANK_LIMIT + 1)
    if exact_count == total:
        return Found(tiers, total, False, "narrow")
    want = -1 if limit < 0 else limit - len(rows)
    rows = _rows(conn, sql.ranked_sql(query.stem_only, max(0, offset - exact_count), want))
    tiers.append(_stem_tier(query.stem_only, rows))
    return Found(tiers, total, False, "narrow")


def _tiers(conn: sqlite3.Connection, query: Query, offset: int, limit: int, exact: bool) -> Found:
    """Exact hits counted and ranked, then the stories that only share stems."""
    count = _count(conn, query.exact, RANK_LIMIT + 1)
    broad = count > RANK_LIMIT
    if query.exact.where is not None and not broad:
        # bm25 scores every match of the words before a site or date filter drops any.
        broad = _count(conn, query.exact_words, RANK_LIMIT + 1) > RANK_LIMIT
    if broad and not exact:
        total = count if count <= RANK_LIMIT else None
        return _newest_of_broad(conn, query.exact, offset, limit, total)
    rows = _rows(conn, sql.ranked_sql(query.exact, offset, limit))
    tiers = [_exact_tier(query.exact, rows)]
    if count > RANK_LIMIT or not query.uses_stems:
        return Found(tiers, (count if count <= RANK_LIMIT else None), False, "tiers")

    stem_only = query.stem_only
    extra = _count(conn, stem_only, RANK_LIMIT + 1)
    total = count + extra if extra <= RANK_LIMIT else None
    want = -1 if limit < 0 else limit - len(tiers[0].ids)
    if want == 0 or extra == 0:
        return Found(tiers, total, False, "tiers")
    skip = max(0, offset - count)
    if extra > RANK_LIMIT and not exact:
        ids = _ids(_rows(conn, sql.walk_sql(stem_only, skip, want)))
        tiers.append(_unranked(stem_only, ids))
        return Found(tiers, total, True, "tiers")
    rows = _rows(conn, sql.ranked_sql(stem_only, skip, want))
    tiers.append(_stem_tier(stem_only, rows))
    return Found(tiers, total, False, "tiers")


# -- estimates -------------------------------------------------------------------


def _quoting_estimate(conn: sqlite3.Connection, expression: str) -> float:
    """Stories quoting a match in the whole library, as the newest ``SAMPLE`` suggest."""
    (top,) = conn.execute(sql.NEWEST_STORY_SQL).fetchone()
    if not top or top <= SAMPLE * 2:
        return 0.0
    row = conn.execute(sql.FIRST_QUOTATION_AFTER_SQL, (top - SAMPLE,)).fetchone()
    if row is None:
        return 0.0
    ((found,),) = _rows(conn, sql.quoting_sample_sql(expression, row[0]))
    return float(cast(int, found) * top / SAMPLE)


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
    if plan.words is None or plan.where is not None:
        return None
    found, top = conn.execute(
        sql.sample_sql(plan.table), (plan.words.expression, SAMPLE)
    ).fetchone()
    if not top or top <= SAMPLE * 2:
        return None
    return float(found * top / SAMPLE)


def _counted(
    conn: sqlite3.Connection, plan: Plan, rows: list[tuple[object, ...]], offset: int
) -> int:
    """Matches of ``plan``: the window count of its ranked rows, else (a page past
    them all, or none) counted."""
    if rows:
        return cast(int, rows[0][2])
    return _count(conn, plan, -1) if offset else 0


# -- pages, snippets, facets, marks ----------------------------------------------


def snippets(conn: sqlite3.Connection, plan: Plan, ids: Sequence[int]) -> dict[int, str]:
    """Snippets of the given matches of ``plan``, hits marked with HIT_OPEN/HIT_CLOSE."""
    if plan.words is None or not ids:
        return {}
    found: dict[int, str] = {}
    # Well below SQLite's limit on bound parameters.
    for start in range(0, len(ids), 500):
        for row_id, text in _rows(conn, sql.snippet_sql(plan, ids[start : start + 500])):
            found[cast(int, row_id)] = str(text or "")
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
    found = find(conn, query, offset=offset, limit=limit, sort=sort, exact=exact)
    hits: list[SearchHit] = []
    for tier in found.tiers:
        texts = snippets(conn, tier.plan, tier.ids) if with_snippets else {}
        hits.extend(
            SearchHit(ArticleId(i), rank, texts.get(i, ""))
            for i, rank in zip(tier.ids, tier.ranks, strict=True)
        )
    return SearchPage(tuple(hits), found.total, found.approximate)


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
    sites = _rows(conn, sql.site_facets_sql(plan, FACET_LIMIT))
    speakers = _rows(conn, sql.speaker_facets_sql(plan, FACET_LIMIT, SPEAKER_FACETS))
    return Facets(
        sites=tuple(FacetCount(str(s), cast(int, n)) for s, n in sites),
        speakers=tuple(FacetCount(str(s), cast(int, n)) for s, n in speakers),
        matches=min(matches, FACET_LIMIT),
        complete=complete,
    )


def hit_terms(conn: sqlite3.Connection, query: Query, article_id: int) -> list[str]:
    """The words and phrases of one story that the query matched, as written there.

    Read from the stemmed index, so ``fight`` gives ``fighting`` and ``Sao`` gives
    ``São``; longest first, each once (case kept from the story's first use).
    """
    plan = query.stem
    if plan.words is None:
        return []
    rows = _rows(conn, sql.marked_columns_sql(plan, article_id))
    if not rows:
        return []
    seen: dict[str, str] = {}
    for text in rows[0]:
        for piece in str(text or "").split(HIT_OPEN)[1:]:
            word = piece.split(HIT_CLOSE, 1)[0].strip()
            if word:
                seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=len, reverse=True)
