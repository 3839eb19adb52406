"""The quote ledger's reads against the raw SQL over ``quotations``, side by side.

    python benchmarks/make_quote_library.py 1000000 /tmp/ledger_1m.sqlite3   # once
    python benchmarks/ledger_bench.py /tmp/ledger_1m.sqlite3 [--runs 20]

Prints, for the speakers list, the Quotes view's first page (what the view reads:
the page, the speakers offered, sites and tags), a speaker filter (speakers
from the most quoted to the long tail) and a surname filter (theirs: everyone
bearing it), the ledger's time (merged speakers, corrections applied, from the
speakers index) and the raw query's (the story's own speaker strings, nothing
merged): median and p95 in milliseconds, and the ledger's median CPU time (on a
shared machine the wall clock measures the load too), with the load. Then what
keeping the index costs a write: a story with five quotations stored and deleted,
each with its index update, against the same without it: once naming people new
to the library, once the two most quoted (whose counts each such story changes).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import timed_pair

from newsviewer.domain import Article, Block, Quote
from newsviewer.gui.quotes_view import QuoteFilters, read_page
from newsviewer.library import Library, ledger, ledger_index

T = TypeVar("T")

RAW_SPEAKERS = (
    "SELECT speaker, count(*) AS n, count(DISTINCT article_id) FROM quotations "
    "WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY n DESC"
)
RAW_PAGE = (
    "SELECT q.id, q.text, q.speaker, a.headline, a.site, a.published FROM articles a "
    "JOIN quotations q ON q.article_id = a.id ORDER BY a.sort_at DESC, a.id DESC, q.ordinal "
    "LIMIT 500"
)
RAW_SURNAME = (
    "SELECT q.id, q.text, a.headline FROM quotations q JOIN articles a ON a.id = q.article_id "
    "WHERE q.speaker LIKE ? ORDER BY a.sort_at DESC LIMIT 500"
)
RAW_SPEAKER = (
    "SELECT q.id, q.text, a.headline FROM quotations q JOIN articles a ON a.id = q.article_id "
    "WHERE q.speaker = ? ORDER BY a.sort_at DESC LIMIT 500"
)


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def _row(label: str, ours: list[float], raw: list[float], cpu: list[float]) -> None:
    print(
        f"{label:<22} ledger {statistics.median(ours):8.1f} ms (p95 {_p95(ours):8.1f}, "
        f"CPU {statistics.median(cpu):6.1f})   raw SQL {statistics.median(raw):8.1f} ms "
        f"(p95 {_p95(raw):8.1f})"
    )


def _pair(
    ours: Callable[[], T], raw: Callable[[], object], runs: int
) -> tuple[list[float], T, list[float], list[float]]:
    """``timed_pair`` with the ledger's CPU time too: on a shared machine the wall
    clock measures the load as much as the work (SQLite runs in this process)."""
    cpu: list[float] = []

    def counted() -> T:
        start = time.process_time()
        try:
            return ours()
        finally:
            cpu.append((time.process_time() - start) * 1000)

    times, result, theirs, _ = timed_pair(counted, raw, runs)
    return times, result, theirs, cpu[1:]  # the warm-up call left out


NEW_NAMES = ["Ana Voss", "Voss", "Senator Tom Reyes", "Reyes", "Lena Marsh"]


def _story(n: int, names: list[str]) -> Article:
    return Article(
        format="text",
        title=f"Bench story {n}",
        blocks=(Block("p", "x" * 400),),
        quotes=tuple(
            Quote(f"Words {n} {i}.", who, who.split()[-1], "said", i * 50, i * 50 + 10)
            for i, who in enumerate(names)
        ),
    )


def _writes(library: Library, runs: int, label: str, names: list[str]) -> None:
    """A story stored and deleted, with the index kept, against with it left alone."""
    kept: list[float] = []
    bare: list[float] = []
    for n in range(runs):
        for times, sync in ((kept, ledger_index.sync), (bare, lambda *_a, **_k: 0)):
            original = ledger_index.sync
            ledger_index.sync = sync
            try:
                start = time.perf_counter()
                _, story = library.add(
                    _story(n, names),
                    source_path=f"/bench/{n}.txt",
                    original=f"b{n}{label}{sync}".encode(),
                )
                library.delete(story)
                times.append((time.perf_counter() - start) * 1000)
            finally:
                ledger_index.sync = original
    # What the unindexed runs left noted is caught up, outside the timing.
    ledger.refresh(library)
    print(
        f"{label:<22} ledger {statistics.median(kept):8.1f} ms "
        f"(p95 {_p95(kept):8.1f})   no index {statistics.median(bare):8.1f} ms "
        f"(p95 {_p95(bare):8.1f})"
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
        speakers = raw.execute("SELECT count(*) FROM speaker_list").fetchone()[0]
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{stories} stories, {quotes} quotations, {speakers} speakers; "
            f"load {load} on {os.cpu_count()} CPUs"
        )
        ours, listed, theirs, cpu = _pair(
            lambda: ledger.speakers(library),
            lambda: raw.execute(RAW_SPEAKERS).fetchall(),
            args.runs,
        )
        _row("speakers list (all)", ours, theirs, cpu)
        ours, _, theirs, cpu = _pair(
            lambda: ledger.speakers(library, limit=1000),
            lambda: raw.execute(RAW_SPEAKERS + " LIMIT 1000").fetchall(),
            args.runs,
        )
        _row("speakers (view's 1000)", ours, theirs, cpu)
        ours, _, theirs, cpu = _pair(
            lambda: read_page(library, QuoteFilters()),
            lambda: raw.execute(RAW_PAGE).fetchall(),
            args.runs,
        )
        _row("first page (500)", ours, theirs, cpu)
        # From the most quoted down the long tail, as a reader picks them.
        step = max(1, len(listed) // (args.runs * 2))
        names = [s.name for s in listed[::step]][: args.runs * 2]
        pick = iter(names * 3)
        raw_pick = iter(names * 3)
        ours, _, theirs, cpu = _pair(
            lambda: ledger.quotes(library, speaker=next(pick), limit=500),
            lambda: raw.execute(RAW_SPEAKER, (next(raw_pick),)).fetchall(),
            len(names) - 1,
        )
        _row("speaker filter", ours, theirs, cpu)
        # A surname, as a reader types it: everyone bearing it (the most quoted too).
        surnames = [name.split()[-1] for name in names]
        pick = iter(surnames * 3)
        raw_pick = iter(surnames * 3)
        ours, _, theirs, cpu = _pair(
            lambda: ledger.quotes(library, speaker=next(pick), limit=500),
            lambda: raw.execute(RAW_SURNAME, ("% " + next(raw_pick),)).fetchall(),
            len(surnames) - 1,
        )
        _row("surname filter", ours, theirs, cpu)
        _writes(library, max(5, args.runs // 2), "store+delete (new)", NEW_NAMES)
        # A story quoting the two most quoted people: every story naming them
        # changes their counts.
        top = [s.name for s in listed[:2]]
        names = [top[0], top[0].split()[-1], top[1], top[1].split()[-1], top[0]]
        _writes(library, max(5, args.runs // 2), "store+delete (top 2)", names)


if __name__ == "__main__":
    main()
