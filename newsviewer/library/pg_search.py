"""Search on PostgreSQL: the query tree (``query.py``) as ``tsquery`` conditions on ``articles``.

Each story has two ``tsvector`` columns (migration 0009), as SQLite has two FTS5
indexes: ``search_exact`` (``simple`` with ``unaccent``: words as written, accents
folded) and ``search_stem`` (the same through the Snowball English stemmer, with
no stop words, as FTS5's porter keeps every word). Both read the text as FTS5's
``unicode61`` does, runs of letters and digits (``newsviewer_words``), so a
query finds the same stories on either engine. Weights carry the columns:
headline ``A``, byline ``B``, captions ``C``, standfirst and body ``D``; so
``title:``, ``by:`` and ``caption:`` are weight filters (``'kerry':A``), and
``ts_rank_cd`` ranks a word in the headline far above one in the body.
Quotations have one column, stemmed as on SQLite: what was said ``A``, the
speaker ``B``.

The tiers are SQLite's: stories with the exact words first (rank above 0), then
those that only share stems (rank in (-1, 0)); a query sorted by date, or without
words to rank, lists the stemmed plan's matches newest first. Every word typed
reaches PostgreSQL as part of a bound ``to_tsquery`` text, quoted lexeme by
lexeme; lexemes are runs of letters and digits, so nothing typed is syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, ArticleId, SearchHit
from newsviewer.library import query as q
from newsviewer.library import quoting_sql
from newsviewer.library.plan import Query, _like, speaker_name
from newsviewer.library.search import (
    EMPTY_FACETS,
    FACET_LIMIT,
    RANK_LIMIT,
    SPEAKER_FACETS,
    FacetCount,
    Facets,
    SearchPage,
    Sort,
)
from newsviewer.library.search_sql import ELLIPSIS, SNIPPET_TOKENS, owned_selects

EXACT = "newsviewer_exact"
STEM = "newsviewer_stem"
_COLUMN = {EXACT: "a.search_exact", STEM: "a.search_stem"}
# tsvector weight of each text field (``query.TEXT_FIELDS``) and quotation field.
WEIGHTS = {"title": "A", "by": "B", "caption": "C", "quote": "A", "said": "B"}
# ts_rank_cd's weights of D, C, B, A: body and standfirst, captions, byline, headline
# (fts.WEIGHTS has the same order of importance for bm25).
RANK_WEIGHTS = "{0.1, 0.2, 0.3, 1.0}"
_WORD_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Sql:
    text: str
    params: tuple[object, ...] = ()


TRUE = Sql("TRUE")


def _joined(parts: Sequence[Sql], operator: str) -> Sql:
    return Sql(
        f" {operator} ".join(f"({p.text})" for p in parts),
        tuple(v for p in parts for v in p.params),
    )


# -- tsquery text ----------------------------------------------------------------


def _lexemes(words: Sequence[str], weight: str, prefix: bool) -> str | None:
    tokens = [t for w in words for t in _WORD_RUN.findall(w)]
    if not tokens:
        return None
    out = [f"'{t}'" + (":" + weight if weight else "") for t in tokens]
    if prefix:
        out[-1] = f"'{tokens[-1]}':*{weight}"
    return out[0] if len(out) == 1 else "(" + " <-> ".join(out) + ")"


def tsquery_text(node: q.Node, weight: str = "") -> str | None:
    """The ``to_tsquery`` text of a tree of words only, else None (as ``fts_expression``)."""
    if isinstance(node, q.Term):
        return _lexemes([node.text], weight, node.prefix)
    if isinstance(node, q.Phrase):
        return _lexemes(node.words, weight, False)
    if isinstance(node, q.Field) and node.name in q.COLUMNS and node.name not in q.QUOTE_FIELDS:
        return tsquery_text(node.part, WEIGHTS[node.name])
    if isinstance(node, q.Any):
        options = [tsquery_text(p, weight) for p in node.parts]
        if any(o is None for o in options):
            return None
        return "(" + " | ".join(cast(list[str], options)) + ")"
    if isinstance(node, q.All):
        wanted: list[str] = []
        unwanted: list[str] = []
        for part in node.parts:
            target, operand = (unwanted, part.part) if isinstance(part, q.Not) else (wanted, part)
            text = tsquery_text(operand, weight)
            if text is None:
                return None
            target.append(text)
        if not wanted:
            return None
        return "(" + " & ".join([*wanted, *(f"!{u}" for u in unwanted)]) + ")"
    return None


# -- conditions ------------------------------------------------------------------

_OWNED = owned_selects("%s", like="ILIKE")


def _owned(node: q.Own) -> Sql:
    if node.kind == "read":
        return Sql(f"a.id NOT IN ({_OWNED['unread']})")
    value = node.value.casefold() if node.kind == "tag" else node.value
    if node.kind == "note_text":
        value = _like(value)
    params = (value,) if node.kind in ("tag", "note_text") else ()
    return Sql(f"a.id IN ({_OWNED[node.kind]})", params)


def condition(node: q.Node, config: str) -> Sql:
    """``node`` as a condition on the story ``a``, its words looked up in ``config``."""
    words = tsquery_text(node)
    if words is not None:
        return Sql(f"{_COLUMN[config]} @@ to_tsquery('{config}', %s)", (words,))
    if isinstance(node, q.All):
        said = q.bound_speaker(node.parts)
        parts: list[Sql] = []
        for part in node.parts:
            if said is not None and isinstance(part, q.Field) and part.name in q.QUOTE_FIELDS:
                # Quotations of the group's one said: (see ``plan._all_plan``).
                if part.name == "quote":
                    parts.append(_quoting(part, said))
                continue
            parts.append(condition(part, config))
        return _joined(parts, "AND")
    if isinstance(node, q.Any):
        return _joined([condition(p, config) for p in node.parts], "OR")
    if isinstance(node, q.Not):
        inner = condition(node.part, config)
        return Sql(f"NOT ({inner.text})", inner.params)
    if isinstance(node, q.Field):
        if node.name in q.QUOTE_FIELDS and tsquery_text(node.part) is not None:
            return _quoting(node)
        return condition(node.part, config)
    if isinstance(node, q.Site):
        return Sql("a.site ILIKE %s ESCAPE '\\'", (_like(node.text),))
    if isinstance(node, q.Dates):
        # ISO text compared character by character, whatever the database's collation.
        bounds: list[Sql] = []
        if node.start is not None:
            bounds.append(Sql(f'a.{node.column} COLLATE "C" >= %s', (node.start,)))
        if node.end is not None:
            bounds.append(Sql(f'a.{node.column} COLLATE "C" < %s', (node.end,)))
        return _joined(bounds, "AND") if bounds else TRUE
    if isinstance(node, q.Own):
        return _owned(node)
    return TRUE


# Quotations whose words match a tsquery (stemmed on both engines: fts.QUOTATIONS).
_QUOTING = quoting_sql.Engine(
    f"SELECT id FROM quotations WHERE search @@ to_tsquery('{STEM}', %s)", "%s", "JOIN"
)


def _quoting(node: q.Field, said: q.Field | None = None) -> Sql:
    """A ``quote:`` or ``said:`` (``said``: the speaker a ``quote:`` is bound to), as on SQLite."""
    speaker = node if node.name == "said" else said
    found = quoting_sql.Said(
        tsquery_text(node.part, WEIGHTS["quote"]) if node.name == "quote" else None,
        None if speaker is None else tsquery_text(speaker.part, WEIGHTS["said"]),
        None if speaker is None else speaker_name(speaker),
    )
    listed, params = quoting_sql.stories(found, _QUOTING)
    # The stories listed once (an init plan), then looked up by id: as ``a.id IN``, the
    # planner guessed that most stories quote a speaker's keys and walked the date
    # index testing each (75 ms instead of 12 for a full name at 2,000 stories).
    return Sql(f"a.id = ANY(ARRAY({listed}))", params)


def _rank_words(node: q.Node) -> str | None:
    """The words a story is ranked by: the query's own, without its filters."""
    words = tsquery_text(node)
    if words is not None or not isinstance(node, q.All):
        return words
    found = [w for p in node.parts if not isinstance(p, q.Not) and (w := tsquery_text(p))]
    return "(" + " & ".join(found) + ")" if found else None


# -- running ---------------------------------------------------------------------


def _rows(conn: Any, statement: Sql) -> list[tuple[Any, ...]]:
    # Written for PostgreSQL: past the translation of SQLite-dialect statements.
    return list(conn.native.execute(statement.text, statement.params).fetchall())


@dataclass(frozen=True, slots=True)
class _Parsed:
    node: q.Node
    exact: Sql
    stem: Sql
    words: str | None


def _parsed(query: Query) -> _Parsed:
    node = q.parse(query.text)
    assert node is not None  # ``prepare`` found something to search for
    words = _rank_words(node) if query.exact.words is not None else None
    return _Parsed(node, condition(node, EXACT), condition(node, STEM), words)


def _limit(limit: int) -> int | None:
    return None if limit < 0 else limit


def _newest(
    conn: Any, plan: Sql, limit: int, offset: int, extra: str = ""
) -> list[tuple[Any, ...]]:
    """One page of the stories ``plan`` matches, newest first (``extra``: more columns)."""
    return _rows(
        conn,
        Sql(
            f"SELECT a.id{extra} FROM articles AS a WHERE {plan.text} "
            "ORDER BY a.sort_at DESC, a.id DESC LIMIT %s OFFSET %s",
            (*plan.params, _limit(limit), offset),
        ),
    )


def page(
    conn: Any,
    query: Query,
    *,
    offset: int,
    limit: int,
    sort: Sort,
    exact: bool,
    with_snippets: bool,
) -> SearchPage:
    """One page of ``query`` (``search.page`` on PostgreSQL), counted and ranked.

    As on SQLite, a query matching more than ``RANK_LIMIT`` stories is not ranked
    unless ``exact``: ``ts_rank_cd`` reads every match's whole ``tsvector`` (seconds
    for a word in most of 100,000 stories), so the page lists the newest matches
    and says ``approximate``; the window ranks them in the background.
    """
    parsed = _parsed(query)
    hits: list[SearchHit] = []
    either = _joined([parsed.exact, parsed.stem], "OR")
    found = _Matches(False)
    if sort == "date" or parsed.words is None:
        plan = parsed.stem
        rows = _newest(conn, plan, limit, offset, ", count(*) OVER ()")
        hits = [SearchHit(ArticleId(r[0]), 0.0, "") for r in rows]
        total = int(rows[0][1]) if rows else None
        if total is None:
            total = _count(conn, plan) if offset else 0
    elif not exact and (found := _matches(conn, either)).broad:
        rows = _newest(conn, either, limit, offset)
        hits = [SearchHit(ArticleId(r[0]), 0.0, "") for r in rows]
        return _with_snippets(conn, parsed, hits, with_snippets, None, approximate=True)
    else:
        e, s = parsed.exact, parsed.stem
        rank = (
            f"CASE WHEN {_exact_tier(e, few=not exact)} THEN ts_rank_cd('{RANK_WEIGHTS}', "
            f"a.search_exact, to_tsquery('{EXACT}', %s), 1) "
            f"ELSE -1 / (1.000001 + ts_rank_cd('{RANK_WEIGHTS}', a.search_stem, "
            f"to_tsquery('{STEM}', %s), 1)) END"
        )
        source = Sql(f"articles AS a WHERE ({e.text}) OR ({s.text})", (*e.params, *s.params))
        if not exact and found.ids is not None:
            # Listed while counting: looked up by id, no story is checked again.
            source = Sql(
                "unnest(%s::integer[]) AS listed(id) JOIN articles AS a ON a.id = listed.id",
                (found.ids,),
            )
        statement = Sql(
            f"SELECT id, r, total FROM (SELECT a.id, {rank} AS r, count(*) OVER () AS total "
            f"FROM {source.text}) AS m ORDER BY r DESC, id DESC LIMIT %s OFFSET %s",
            (*e.params, parsed.words, parsed.words, *source.params, _limit(limit), offset),
        )
        rows = _rows(conn, statement)
        hits = [SearchHit(ArticleId(r[0]), _rank(float(r[1])), "") for r in rows]
        total = int(rows[0][2]) if rows else None
        if total is None:
            total = _count(conn, either) if offset else 0
    return _with_snippets(conn, parsed, hits, with_snippets, total, approximate=False)


# A tsquery the GIN index cannot answer alone: a phrase (positions) or a weight (a
# field), which the index does not hold, so each story it finds is read again.
_LOSSY = re.compile(r"<->|':\*?[A-D]")
# A lexeme's weights: 'word':A, 'pre':*B.
_WEIGHT = re.compile(r"':(\*?)[A-D]+")


def _exact_tier(exact: Sql, few: bool) -> str:
    """Whether a match is an exact hit, as a condition on ``a`` (same params as ``exact``).

    Tested on the row, the words are looked up in the story's ``tsvector``, which lies
    compressed in TOAST: unpacked once for the test and again by ``ts_rank_cd``, most
    of a ranked page's time. Where the index answers alone (plain words and
    prefixes), the exact hits are listed once from it instead (a hashed subplan),
    and each match is unpacked only to be ranked: -30% for a word in a third of the
    stories. Only for ``few`` matches (counted, at most ``RANK_LIMIT``): a list too
    large for the server's hash memory would be searched through again for each
    match. A phrase or field the index cannot answer alone is tested on the row, as
    listing would read every story holding the words.
    """
    if not few or any(isinstance(v, str) and _LOSSY.search(v) for v in exact.params):
        return exact.text
    return f"a.id IN (SELECT a.id FROM articles AS a WHERE {exact.text})"


_SLOT = re.compile(r"to_tsquery\('\w+', %s\)|%s")


def _relaxed(plan: Sql) -> Sql | None:
    """``plan`` with phrases as words and without weights: every story it matches and
    more, answered by the GIN index alone; None where that is not so (a NOT)."""
    if "NOT" in plan.text.upper() or "%%" in plan.text:
        return None
    slots = list(_SLOT.finditer(plan.text))
    if len(slots) != len(plan.params):
        return None
    params: list[object] = []
    for slot, value in zip(slots, plan.params, strict=True):
        if slot.group(0) != "%s":
            if not isinstance(value, str) or "!" in value:
                return None
            value = _WEIGHT.sub(_unweighted, value.replace("<->", "&"))
        params.append(value)
    return Sql(plan.text, tuple(params))


def _unweighted(found: re.Match[str]) -> str:
    return "':*" if found.group(1) else "'"


@dataclass(frozen=True, slots=True)
class _Matches:
    """Whether a query has more than ``RANK_LIMIT`` matches, too many to rank before
    the page is shown; ``ids``: every match, where telling meant listing them."""

    broad: bool
    ids: list[int] | None = None


def _matches(conn: Any, either: Sql) -> _Matches:
    """How many stories ``either`` matches, as far as ``RANK_LIMIT`` tells.

    A phrase or a field is checked in each story the index finds with its words, so
    counting its matches costs as much as ranking them. When the index alone finds
    few enough stories with the words anywhere, the matches are fewer still; else the
    matches are listed as they are counted, and ranked by id without checking any
    story again (a phrase of common words read 100,000 stories twice).
    """
    lossy = _LOSSY.search(" ".join(map(str, either.params))) is not None
    relaxed = _relaxed(either) if lossy else None
    if relaxed is not None and _count(conn, relaxed, RANK_LIMIT + 1) <= RANK_LIMIT:
        return _Matches(False)
    if not lossy:
        return _Matches(_count(conn, either, RANK_LIMIT + 1) > RANK_LIMIT)
    listed = _rows(
        conn,
        Sql(
            f"SELECT a.id FROM articles AS a WHERE {either.text} LIMIT {int(RANK_LIMIT) + 1}",
            either.params,
        ),
    )
    if len(listed) > RANK_LIMIT:
        return _Matches(True)
    return _Matches(False, [int(r[0]) for r in listed])


def _with_snippets(
    conn: Any,
    parsed: _Parsed,
    hits: list[SearchHit],
    with_snippets: bool,
    total: int | None,
    *,
    approximate: bool,
) -> SearchPage:
    if with_snippets and hits and parsed.words is not None:
        texts = _snippets(conn, parsed, [h.id for h in hits])
        hits = [SearchHit(h.id, h.rank, texts.get(h.id, "")) for h in hits]
    return SearchPage(tuple(hits), total, approximate)


def _rank(value: float) -> float:
    # Exact hits rank above 0 (a hit with no cover at all still counts as one).
    return max(value, 1e-9) if value >= 0 else value


def _count(conn: Any, plan: Sql, cap: int | None = None) -> int:
    limit = "" if cap is None else f" LIMIT {int(cap)}"
    rows = _rows(
        conn,
        Sql(f"SELECT count(*) FROM (SELECT 1 FROM articles AS a WHERE {plan.text}{limit}) AS m",
            plan.params),
    )  # fmt: skip
    return int(rows[0][0])


_OPTIONS = (
    f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", MaxWords={SNIPPET_TOKENS}, '
    f"MinWords={SNIPPET_TOKENS // 2}, ShortWord=0, MaxFragments=1, "
    f'FragmentDelimiter="{ELLIPSIS}"'
)
_MARK_ALL = f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", HighlightAll=true'
# A story's searched text other than its body, for a snippet when the body has no hit.
_OTHER_TEXT = "concat_ws(' ', a.headline, a.standfirst, a.byline, a.captions)"


def _snippets(conn: Any, parsed: _Parsed, ids: Sequence[int]) -> dict[int, str]:
    if parsed.words is None or not ids:
        return {}
    found: dict[int, str] = {}
    for config in (EXACT, STEM):
        missing = [i for i in ids if i not in found]
        if not missing:
            break
        rows = _rows(
            conn,
            Sql(
                f"SELECT a.id, ts_headline('{config}', a.body_text, w, %s), "
                f"ts_headline('{config}', {_OTHER_TEXT}, w, %s) "
                f"FROM articles AS a, to_tsquery('{config}', %s) AS w WHERE a.id = ANY(%s)",
                (_OPTIONS, _OPTIONS, parsed.words, list(missing)),
            ),
        )
        for row_id, body, other in rows:
            for text in (body, other):
                if HIT_OPEN in (text or ""):
                    # A phrase's words are marked one by one: one hit, as on SQLite.
                    found[row_id] = ELLIPSIS + _ADJACENT.sub(r"\1", text) + ELLIPSIS
                    break
    return found


def hit_snippets(conn: Any, query: Query, ids: Sequence[int]) -> dict[int, str]:
    return _snippets(conn, _parsed(query), ids)


def facets(conn: Any, query: Query) -> Facets:
    parsed = _parsed(query)
    plan = parsed.stem
    matches = _count(conn, plan, FACET_LIMIT + 1)
    if matches == 0:
        return EMPTY_FACETS
    ids = f"SELECT a.id, a.site FROM articles AS a WHERE {plan.text} LIMIT {FACET_LIMIT}"
    sites = _rows(
        conn,
        Sql(
            f"SELECT m.site, count(*) FROM ({ids}) AS m WHERE m.site != '' "
            "GROUP BY m.site ORDER BY 2 DESC, 1",
            plan.params,
        ),
    )
    speakers = _rows(
        conn,
        Sql(
            # The quote ledger's merged speakers, as on SQLite (search_sql.py).
            f"SELECT sl.name, count(DISTINCT sq.article_id) FROM ({ids}) AS m "
            "JOIN speaker_quotes AS sq ON sq.article_id = m.id "
            "JOIN speaker_list AS sl ON sl.key = sq.speaker_key "
            "GROUP BY sl.name ORDER BY 2 DESC, 1 LIMIT %s",
            (*plan.params, SPEAKER_FACETS),
        ),
    )
    return Facets(
        sites=tuple(FacetCount(str(s), int(n)) for s, n in sites),
        speakers=tuple(FacetCount(str(s), int(n)) for s, n in speakers),
        matches=min(matches, FACET_LIMIT),
        complete=matches <= FACET_LIMIT,
    )


_ADJACENT = re.compile(f"{HIT_CLOSE}([^\\w{HIT_OPEN}{HIT_CLOSE}]+){HIT_OPEN}")


def hit_terms(conn: Any, query: Query, article_id: int) -> list[str]:
    """Words and phrases of one story the stemmed query matched, as written there."""
    parsed = _parsed(query)
    if query.stem.words is None or parsed.words is None:
        return []
    columns = ("a.headline", "a.standfirst", "a.byline", "a.body_text", "a.captions")
    marked = ", ".join(f"ts_headline('{STEM}', {c}, w, %s)" for c in columns)
    rows = _rows(
        conn,
        Sql(
            f"SELECT {marked} FROM articles AS a, to_tsquery('{STEM}', %s) AS w WHERE a.id = %s",
            (*[_MARK_ALL] * len(columns), parsed.words, article_id),
        ),
    )
    if not rows:
        return []
    seen: dict[str, str] = {}
    for text in rows[0]:
        # Words of a phrase are marked one by one: join neighbours into one hit.
        joined = _ADJACENT.sub(r"\1", str(text or ""))
        for piece in joined.split(HIT_OPEN)[1:]:
            word = piece.split(HIT_CLOSE, 1)[0].strip()
            if word:
                seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=len, reverse=True)
