"""Time the story list: every id newest first, then the rows of one screen.

    python benchmarks/list_bench.py /tmp/bench1m.sqlite3 [more paths] [--runs 7]

Per library it prints p50/p95 in ms of what the list pane does when it opens,
``Library.ids()`` plus ``Library.summaries()`` of the first screen, and of a jump
to the end (``summaries()`` of the last screen's ids), side by side with raw
sqlite3 running the same two statements on the same file and returning the
same rows (the script stops if they differ). ours/raw is the cost of the
library layer: the session, the ORM's rows and the frozen records.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import pct, timed

from newsviewer.domain import ArticleId
from newsviewer.library import Library

SCREEN = 40  # rows of the list visible at once on a tall window

RAW_IDS = "SELECT id FROM articles ORDER BY sort_at DESC, id DESC"
RAW_IDS_JSON = f"SELECT json_group_array(id) FROM ({RAW_IDS})"
RAW_ROWS = (
    "SELECT id, headline, site, published, standfirst, imported_at FROM articles "
    "WHERE id IN ({marks})"
)


def raw_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[int]:
    sql = RAW_ROWS.format(marks=", ".join("?" * len(ids)))
    found = {row[0]: row for row in conn.execute(sql, list(ids))}
    return [i for i in ids if i in found]


def line(name: str, ours: list[float], raw: list[float]) -> str:
    o50, o95, r50, r95 = pct(ours, 0.5), pct(ours, 0.95), pct(raw, 0.5), pct(raw, 0.95)
    return f"{name:<28} {o50:>9.2f} {o95:>8.2f} {r50:>8.2f} {r95:>8.2f} {o95 / r95:>8.2f}"


def bench(path: Path, runs: int) -> None:
    library = Library.open(path)
    raw = sqlite3.connect(path)
    stories = library.count()
    print(f"\n== {path}: {stories:,} stories, {SCREEN} rows a screen, {runs} runs")
    print(f"{'':<28} {'ours p50':>9} {'p95':>8} {'raw p50':>8} {'p95':>8} {'ours/raw':>8}")

    def ours_open() -> list[int]:
        ids = library.ids()
        return [s.id for s in library.summaries(ids[:SCREEN])]

    def raw_open() -> list[int]:
        ids = [r[0] for r in raw.execute(RAW_IDS)]
        return raw_rows(raw, ids[:SCREEN])

    ours, shown = timed(ours_open, runs)
    bare, raw_shown = timed(raw_open, runs)
    if shown != raw_shown:
        raise SystemExit("the first screen differs from raw sqlite3")
    print(line("ids() + first screen", ours, bare))

    ids = library.ids()
    ours_ids, _ = timed(library.ids, runs)
    bare_ids, _ = timed(lambda: [r[0] for r in raw.execute(RAW_IDS)], runs)
    print(line("  ids() alone", ours_ids, bare_ids))
    # One JSON array built inside SQLite skips the per-row work of the sqlite3 module:
    # the way to a faster ids() (Library.ids itself is not changed here).
    packed, packed_ids = timed(lambda: json.loads(raw.execute(RAW_IDS_JSON).fetchone()[0]), runs)
    if packed_ids != ids:
        raise SystemExit("the JSON array of ids differs from ids()")
    print(line("  raw ids as one JSON array", packed, bare_ids))

    last: list[ArticleId] = ids[-SCREEN:]
    ours_end, end_rows = timed(lambda: [s.id for s in library.summaries(last)], runs)
    bare_end, raw_end = timed(lambda: raw_rows(raw, last), runs)
    if end_rows != raw_end:
        raise SystemExit("the last screen differs from raw sqlite3")
    print(line("jump to end (last screen)", ours_end, bare_end))
    library.close()
    raw.close()


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for path in args.paths:
        bench(path, args.runs)


if __name__ == "__main__":
    main()
