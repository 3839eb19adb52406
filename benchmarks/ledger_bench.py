"""The quote ledger's reads against the raw SQL over ``quotations``, side by side.

    python benchmarks/make_library.py 100000 /tmp/bench.sqlite3
    python benchmarks/ledger_bench.py /tmp/bench.sqlite3 [--runs 20]

Prints, for the speakers list, the Quotes view's first page and a speaker filter,
the ledger's time (merged speakers, corrections applied, from the speakers index)
and the raw query's (the story's own speaker strings, nothing merged): median and
p95 in milliseconds. The first build of the speakers index is timed once.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import timed_pair

from newsviewer.library import Library, ledger

RAW_SPEAKERS = (
    "SELECT speaker, count(*) AS n, count(DISTINCT article_id) FROM quotations "
    "WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY n DESC"
)
RAW_PAGE = (
    "SELECT q.id, q.text, q.speaker, a.headline, a.site, a.published FROM articles a "
    "JOIN quotations q ON q.article_id = a.id ORDER BY a.sort_at DESC, a.id DESC, q.ordinal "
    "LIMIT 500"
)
RAW_SPEAKER = (
    "SELECT q.id, q.text, a.headline FROM quotations q JOIN articles a ON a.id = q.article_id "
    "WHERE q.speaker = ? ORDER BY a.sort_at DESC LIMIT 500"
)


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def _row(label: str, ours: list[float], raw: list[float]) -> None:
    print(
        f"{label:<22} ledger {statistics.median(ours):8.1f} ms (p95 {_p95(ours):8.1f})   "
        f"raw SQL {statistics.median(raw):8.1f} ms (p95 {_p95(raw):8.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    raw = sqlite3.connect(args.path)
    with Library.open(args.path) as library:
        stories = raw.execute("SELECT stories FROM story_count").fetchone()[0]
        quotes = raw.execute("SELECT count(*) FROM quotations").fetchone()[0]
        print(f"{stories} stories, {quotes} quotations")
        start = time.perf_counter()
        ledger.refresh(library)
        print(f"{'speakers index build':<22} {(time.perf_counter() - start) * 1000:8.0f} ms (once)")
        ours, listed, theirs, _ = timed_pair(
            lambda: ledger.speakers(library),
            lambda: raw.execute(RAW_SPEAKERS).fetchall(),
            args.runs,
        )
        _row("speakers list", ours, theirs)
        ours, _, theirs, _ = timed_pair(
            lambda: ledger.quotes(library, limit=500),
            lambda: raw.execute(RAW_PAGE).fetchall(),
            args.runs,
        )
        _row("first page (500)", ours, theirs)
        names = [s.name for s in listed[: args.runs]]
        pick = iter(names * 2)
        raw_pick = iter(names * 2)
        ours, _, theirs, _ = timed_pair(
            lambda: ledger.quotes(library, speaker=next(pick), limit=500),
            lambda: raw.execute(RAW_SPEAKER, (next(raw_pick),)).fetchall(),
            min(args.runs, len(names) - 1),
        )
        _row("speaker filter", ours, theirs)


if __name__ == "__main__":
    main()
