"""Time ``Library.search`` against the same FTS5 query run on a bare sqlite3 connection.

    python benchmarks/search_bench.py /tmp/bench.sqlite3 [--limit 50] [--runs 5]

Queries are picked from the library's own index so every kind has hits: rare
terms (in a handful of stories), common terms (in a third or more), two terms,
a two-word phrase taken from a stored body, and a three-letter prefix. For each
kind the script prints p50/p95 in milliseconds for our call and for the raw
query, and our/raw: the cost of query parsing, the session and the records.
Both sides must return the same ids in the same order, or the script stops.
Also times ``ids()`` and ``summaries()`` of a screenful, the list pane's calls.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.domain import HIT_CLOSE, HIT_OPEN
from newsviewer.library import Library
from newsviewer.library.query import compile_query
from newsviewer.library.repository import ELLIPSIS, RANK, SNIPPET_TOKENS

RAW_SQL = (
    "SELECT rowid, rank, snippet(articles_fts, -1, ?, ?, ?, ?) FROM articles_fts "
    "WHERE articles_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
)
T = TypeVar("T")
IDS_SQL = "SELECT id FROM articles ORDER BY sort_at DESC, id DESC"
QUERIES_PER_KIND = 12


def fetch(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Any]:
    return conn.execute(sql, params).fetchall()


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

    rare = terms("ASC")  # the rarest words of the library
    common = terms("DESC")[:QUERIES_PER_KIND]  # the most frequent ones
    middle = terms("ASC", total / 100, total / 10)
    phrases: list[str] = []
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    while len(phrases) < QUERIES_PER_KIND:
        row = conn.execute(
            "SELECT body_text FROM articles WHERE id >= ? LIMIT 1", (rng.randint(1, top),)
        ).fetchone()
        words = [w.strip(".,“”") for w in row[0].split()]
        start = rng.randrange(len(words) - 2)
        phrases.append(f'"{words[start]} {words[start + 1]}"')
    return {
        "rare term": rng.sample(rare, QUERIES_PER_KIND),
        "common term": common,
        "two terms": [
            f"{a} {b}"
            for a, b in zip(
                rng.sample(middle, QUERIES_PER_KIND),
                rng.sample(middle, QUERIES_PER_KIND),
                strict=True,
            )
        ],
        "phrase": phrases,
        "prefix": [t[:3] + "*" for t in rng.sample(middle, QUERIES_PER_KIND)],
    }


def timed(call: Callable[[], T], runs: int) -> tuple[list[float], T]:
    result = call()  # warm the page cache and statement caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=50, help="hits per search; -1 for all")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    library = Library.open(args.path)
    raw = sqlite3.connect(args.path)
    queries = pick_queries(raw, random.Random(args.seed))
    limit = None if args.limit < 0 else args.limit
    print(f"{library.count():,} stories, limit {args.limit}, {args.runs} runs per query\n")
    print(f"{'kind':<12} {'hits':>7} {'ours p50':>9} {'p95':>8} {'raw p50':>9} {'p95':>8}  ratio")
    for kind, texts in queries.items():
        ours: list[float] = []
        bare: list[float] = []
        hits = 0
        for text in texts:
            expression = compile_query(text)
            params = (HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS, expression, RANK, args.limit)
            ours_times, result = timed(partial(library.search, text, limit=limit), args.runs)
            raw_times, raw_rows = timed(partial(fetch, raw, RAW_SQL, params), args.runs)
            our_ids = [h.id for h in result]
            raw_ids = [r[0] for r in raw_rows]
            if our_ids != raw_ids:
                raise SystemExit(f"different rows for {text!r}")
            hits += len(our_ids)
            ours += ours_times
            bare += raw_times
        p50, p95 = pct(ours, 0.5), pct(ours, 0.95)
        r50, r95 = pct(bare, 0.5), pct(bare, 0.95)
        print(
            f"{kind:<12} {hits // len(texts):>7} {p50:>9.2f} {p95:>8.2f} {r50:>9.2f} {r95:>8.2f}"
            f"  {p50 / r50:.2f}"
        )

    ids_times, ids = timed(library.ids, args.runs)
    raw_ids_times, _ = timed(partial(fetch, raw, IDS_SQL, ()), args.runs)
    summary_times, _ = timed(partial(library.summaries, ids[:100]), args.runs * 4)
    print(
        f"\nids()            p50 {statistics.median(ids_times):8.1f} ms"
        f"  (raw {statistics.median(raw_ids_times):.1f} ms)"
    )
    print(f"summaries(100)   p50 {statistics.median(summary_times):8.2f} ms")
    library.close()
    raw.close()


if __name__ == "__main__":
    main()
