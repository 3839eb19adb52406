"""Time ``Library.search`` against raw sqlite3 returning the same rows, at several sizes.

    python benchmarks/search_bench.py /tmp/lib100k.sqlite3 [/tmp/lib1m.sqlite3 ...]
        [--limit 50] [--runs 10]

Queries are picked from each library's own index so every kind has hits: rare
terms (in a handful of stories), common terms (in nearly every story), two
terms, a two-word phrase taken from a stored body, a three-letter prefix, a
field query (half ``title:word``, half ``said:name``) and a word in a date
range. Per kind it prints p50/p95 in ms of:

- ours: ``Library.search(text, limit=...)``, the call the GUI and CLI make;
- raw: the row-returning statements our plan ran (captured with sqlite3's trace
  hook) replayed on a bare sqlite3 connection; the same ids must come back in
  the same order, or the script stops. Ours and raw take turns run by run, so a
  slow spell of a shared machine falls on both. ours/raw is the cost of parsing,
  planning, the count probes and building records;
- naive: one straightforward FTS5 statement ranking every match with bm25 and
  computing snippets (what search did before plans), for scale.

Then the whole mix's p95, the first screen of a common word (30 rows with
snippets, what the list shows first), and the list pane: ``ids()`` plus the
first screen of ``summaries()``, and a jump to the end of the list.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import pct, timed, timed_pair

from newsviewer.domain import HIT_CLOSE, HIT_OPEN
from newsviewer.library import Library
from newsviewer.library.search import ELLIPSIS, SNIPPET_TOKENS, prepare
from newsviewer.library.search_sql import RANK, Sql, matches

QUERIES_PER_KIND = 12
SCREEN = 30  # rows of the list visible at once
KINDS = ("rare term", "common term", "two terms", "phrase", "prefix", "field", "date range")


def pick_queries(conn: sqlite3.Connection, rng: random.Random) -> dict[str, list[str]]:
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, articles_fts, row)"
    )
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def terms(order: str, low: float = 0, high: float = float("inf")) -> list[str]:
        rows = conn.execute(
            "SELECT term FROM temp.vocab WHERE length(term) > 3 AND doc BETWEEN ? AND ? "
            f"ORDER BY doc {order} LIMIT 200",
            (low, high),
        ).fetchall()
        return [r[0] for r in rows]

    rare = terms("ASC")
    common = terms("DESC")[:QUERIES_PER_KIND]
    middle = terms("ASC", total / 100, total / 20)  # 1% to 5% of the library
    phrases: list[str] = []
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    while len(phrases) < QUERIES_PER_KIND:
        row = conn.execute(
            "SELECT body_text FROM articles WHERE id >= ? LIMIT 1", (rng.randint(1, top),)
        ).fetchone()
        words = [w.strip(".,“”") for w in row[0].split()]
        start = rng.randrange(len(words) - 2)
        phrases.append(f'"{words[start]} {words[start + 1]}"')

    def some(pool: list[str]) -> list[str]:
        return rng.sample(pool, QUERIES_PER_KIND)

    years = [rng.randint(2000, 2023) for _ in range(QUERIES_PER_KIND)]
    top_quote = conn.execute("SELECT max(id) FROM quotations").fetchone()[0] or 0
    speakers: list[str] = []
    while top_quote and len(speakers) < QUERIES_PER_KIND // 2:
        row = conn.execute(
            "SELECT speaker FROM quotations WHERE id >= ? AND speaker != '' LIMIT 1",
            (rng.randint(1, top_quote),),
        ).fetchone()
        if row:
            speakers.append(f"said:{row[0].split()[0].lower()}")
    return {
        "rare term": some(rare),
        "common term": common,
        "two terms": [f"{a} {b}" for a, b in zip(some(middle), some(middle), strict=True)],
        "phrase": phrases,
        "prefix": [t[:3] + "*" for t in some(middle)],
        "field": [
            f"title:{t}" for t in rng.sample(common[:6] + middle, QUERIES_PER_KIND - len(speakers))
        ]
        + speakers,
        "date range": [
            f"{t} after:{y} before:{y + 2}" for t, y in zip(some(middle), years, strict=True)
        ],
    }


def row_statements(library: Library, text: str, limit: int | None) -> list[str]:
    """The statements ``search`` runs that return its rows (counts and probes left out)."""
    statements: list[str] = []
    # The benchmark looks inside on purpose: it replays what search ran.
    with library._raw_read() as conn:
        # Once untraced: FTS5 reads its settings with statements of its own the
        # first time a connection uses a table.
        library_search_on(conn, text, limit)
        conn.set_trace_callback(statements.append)
        try:
            library_search_on(conn, text, limit)
        finally:
            conn.set_trace_callback(None)
    # Counts and the size probe of the estimate decide the plan; they return no rows
    # of the result, so raw does without them and ours pays for them.
    probes = (
        "SELECT count(",
        "SELECT max(id)",
        "SELECT id FROM quotations INDEXED BY",
    )
    return [s for s in statements if s.startswith("SELECT") and not s.startswith(probes)]


def library_search_on(conn: sqlite3.Connection, text: str, limit: int | None) -> None:
    from newsviewer.library import search

    prepared = prepare(text)
    assert prepared is not None
    search.page(
        conn,
        prepared,
        offset=0,
        limit=-1 if limit is None else limit,
        sort="relevance",
        exact=False,
        with_snippets=True,
    )


def replay(conn: sqlite3.Connection, statements: list[str]) -> list[int]:
    """Run the captured statements; the ids of the id-returning ones, in order."""
    ids: list[int] = []
    for sql in statements:
        rows = conn.execute(sql).fetchall()
        if "snippet(" not in sql:
            ids.extend(r[0] for r in rows)
    return ids


def naive(conn: sqlite3.Connection, text: str, limit: int) -> list[Any]:
    prepared = prepare(text)
    assert prepared is not None
    if prepared.exact.match is None:
        return []  # a quotation field: no story words to rank
    body, params = matches(prepared.exact).sql(Sql("f.rank MATCH ?", (RANK,)))
    sql = (
        "SELECT f.rowid, f.rank, snippet(articles_fts, -1, ?, ?, ?, ?) "
        f"{body} ORDER BY f.rank LIMIT ? OFFSET ?"
    )
    marks = [HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS]
    return conn.execute(sql, [*marks, *params, limit, 0]).fetchall()


def bench(path: Path, args: argparse.Namespace) -> dict[str, tuple[float, ...]]:
    library = Library.open(path)
    raw = sqlite3.connect(path)
    queries = pick_queries(raw, random.Random(args.seed))
    limit = None if args.limit < 0 else args.limit
    stories = library.count()
    print(f"\n== {path}: {stories:,} stories, limit {args.limit}, {args.runs} runs per query")
    print(
        f"{'kind':<12} {'hits':>5} {'ours p50':>9} {'p95':>7} {'raw p50':>8} {'p95':>7} "
        f"{'ours/raw p95':>12} {'naive p95':>10} {'approx':>6}"
    )
    results: dict[str, tuple[float, ...]] = {}
    all_ours: list[float] = []
    all_raw: list[float] = []
    for kind, texts in queries.items():
        ours: list[float] = []
        bare: list[float] = []
        slow: list[float] = []
        hits = approximate = 0
        for text in texts:
            statements = row_statements(library, text, limit)
            ours_times, result, raw_times, raw_ids = timed_pair(
                partial(library.search, text, limit=limit),
                partial(replay, raw, statements),
                args.runs,
            )
            if [h.id for h in result] != raw_ids:
                raise SystemExit(f"different rows for {text!r}")
            naive_times, _ = timed(partial(naive, raw, text, args.limit), 1)
            approximate += library.search_page(text, 0, 1, snippets=False).approximate
            hits += len(result)
            ours += ours_times
            bare += raw_times
            slow += naive_times
        all_ours += ours
        all_raw += bare
        row = (pct(ours, 0.5), pct(ours, 0.95), pct(bare, 0.5), pct(bare, 0.95), pct(slow, 0.95))
        results[kind] = row
        print(
            f"{kind:<12} {hits // len(texts):>5} {row[0]:>9.2f} {row[1]:>7.2f} {row[2]:>8.2f} "
            f"{row[3]:>7.2f} {row[1] / row[3]:>12.2f} {row[4]:>10.1f} {approximate:>3}/{len(texts)}"
        )
    mix = (pct(all_ours, 0.95), pct(all_raw, 0.95))
    results["whole mix"] = mix
    print(
        f"{'whole mix':<12} p95 ours {mix[0]:.2f} ms, raw {mix[1]:.2f} ms, {mix[0] / mix[1]:.2f}x"
    )

    first: list[float] = []
    for text in queries["common term"]:
        times, _ = timed(partial(library.search_page, text, 0, SCREEN), args.runs)
        first += times
    results["first screen"] = (pct(first, 0.5), pct(first, 0.95))
    print(
        f"first screen of a common word ({SCREEN} rows + snippets): "
        f"p50 {pct(first, 0.5):.1f} ms, p95 {pct(first, 0.95):.1f} ms"
    )

    def list_pane() -> int:
        ids = library.ids()
        library.summaries(ids[:SCREEN])
        return len(ids)

    pane, _ = timed(list_pane, args.runs)
    ids = library.ids()
    end, _ = timed(lambda: library.summaries(ids[-SCREEN:]), args.runs)
    results["list pane"] = (pct(pane, 0.5), pct(pane, 0.95), pct(end, 0.95))
    print(
        f"list pane: ids() + {SCREEN} summaries p50 {pct(pane, 0.5):.1f} ms "
        f"p95 {pct(pane, 0.95):.1f} ms; jump to end p95 {pct(end, 0.95):.2f} ms"
    )
    library.close()
    raw.close()
    return results


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--limit", type=int, default=50, help="hits per search; -1 for all")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    by_size = {path.name: bench(path, args) for path in args.paths}
    if len(by_size) > 1:
        print("\n== p95 ms side by side (ours / raw)")
        print(f"{'kind':<14}" + "".join(f"{name:>28}" for name in by_size))
        for kind in (*KINDS, "whole mix"):
            cells = "".join(
                f"{r[kind][1 if len(r[kind]) > 2 else 0]:>13.2f} / "
                f"{r[kind][3 if len(r[kind]) > 2 else 1]:>10.2f}"
                for r in by_size.values()
            )
            print(f"{kind:<14}{cells}")


if __name__ == "__main__":
    main()
