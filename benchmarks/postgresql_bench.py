"""PostgreSQL beside SQLite in the same run: importing into and searching 100,000 stories.

    python benchmarks/postgresql_bench.py [--stories 100000] [--url postgresql://...]
        [--import 2000] [--runs 5] [--folder /tmp/pgbench]

Both libraries are filled with the same synthetic stories (``make_library.StoryMaker``:
Zipf-drawn words, quotations, figures, dates over 25 years, a handful of sites),
written a table at a time by ``bulk.fill`` (``executemany`` on SQLite, ``COPY``
on PostgreSQL: the rows, triggers, search columns and quote ledger an import
makes, as a test checks) in large transactions: story by story, 100,000 took
over an hour per engine on the shared machine.
Each story's body is a pool story's with a paragraph of another, so 100,000
stories take seconds to make rather than an hour; words keep their Zipf shares.
The two engines are filled at the same time (each in a thread; SQLite works in
this process, PostgreSQL in its server), so the fill's figures are a guide only.

At that size it times, taking turns so a slow spell of the shared machine falls
on both: importing ``--import`` more stories through ``Library.add_each`` (the
storing thread of an import: duplicate check, one savepoint per story, a commit
per group), then per kind of query p50/p95 in ms of ``Library.search_page(text,
limit=50)`` (a first page with snippets, what the window asks first), and the
list pane's calls. SQLite is the baseline row of each. Without ``--url`` a
throwaway server is started in a temporary folder (``tests/pg_server.py``, with
fsync off like any test cluster; a server with fsync on pays a flush per commit).
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_library import FIRST, SITES, StoryMaker, vocabulary
from timing import pct, timed_pair

from newsviewer.domain import ArticleId
from newsviewer.library import Library, StoreRequest, bulk

GROUP = 250  # stories per add_each: about what an import's storing thread commits at once
FILL_GROUP = 5_000  # stories per transaction while filling
POOL = 4_000  # generated stories whose bodies the filled ones join
QUERIES_PER_KIND = 8
SEED = 7
ENGINES = ("SQLite", "PostgreSQL")


class Stories:
    """Story ``n`` of the run: a pool story's body and quotations, then another's body."""

    def __init__(self, seed: int, size: int) -> None:
        maker = StoryMaker(seed)
        self.pool = [maker.story(n).article for n in range(size)]
        self.start = datetime(2000, 1, 1, tzinfo=UTC)

    def story(self, n: int) -> StoreRequest:
        size = len(self.pool)
        first = self.pool[n % size]
        second = self.pool[(n * 7919 + n // size) % size]
        rng = random.Random(n)
        article = replace(
            first,
            title=f"{first.title} {n}",
            # One paragraph of another story makes each body new: 400-1,200 words as
            # in make_library, with the pair's words and quotations.
            blocks=first.blocks + second.blocks[:1],
            published=self.start + timedelta(days=rng.random() * 9490),
            site=rng.choice(SITES),
            url=f"https://example.invalid/story/{n}",
        )
        original = (article.title + "\n\n" + article.text).encode()
        return StoreRequest(article, f"/synthetic/{n:07d}.txt", original)


def _fill_group(library: Library, batch: list[StoreRequest], first: int, now: datetime) -> float:
    begin = time.perf_counter()
    bulk.fill(library, batch, first_id=first + 1, imported_at=now)
    return time.perf_counter() - begin


def fill(libraries: dict[str, Library], stories: Stories, count: int) -> dict[str, float]:
    """Store stories 0..count in every library, a transaction per FILL_GROUP; seconds each."""
    spent = dict.fromkeys(libraries, 0.0)
    now = datetime.now(UTC)
    with ThreadPoolExecutor(len(libraries)) as threads:
        for first in range(0, count, FILL_GROUP):
            batch = [stories.story(n) for n in range(first, min(first + FILL_GROUP, count))]
            running = {
                name: threads.submit(_fill_group, library, batch, first, now)
                for name, library in libraries.items()
            }
            for name, future in running.items():
                spent[name] += future.result()
            done = first + len(batch)
            rates = "  ".join(f"{name} {done / spent[name]:,.0f}/s" for name in libraries)
            print(f"{done:>9,} stories  {rates}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return spent


def imports(libraries: dict[str, Library], stories: Stories, first: int, count: int) -> None:
    """Import ``count`` more stories group by group with add_each, engines taking turns."""
    spent = dict.fromkeys(libraries, 0.0)
    for start in range(first, first + count, GROUP):
        batch = [stories.story(n) for n in range(start, min(start + GROUP, first + count))]
        for name, library in libraries.items():
            begin = time.perf_counter()
            results = library.add_each(batch)
            spent[name] += time.perf_counter() - begin
            assert all(r.status == "imported" for r in results), name
    print(f"\nImporting {count:,} more stories at {first:,} with add_each, {GROUP} per group")
    print(f"{'engine':<12} {'seconds':>9} {'stories/s':>10}")
    for name, seconds in spent.items():
        print(f"{name:<12} {seconds:>9.1f} {count / seconds:>10,.0f}")


def queries(count: int, rng: random.Random, sqlite: Library) -> dict[str, list[str]]:
    words, _ = vocabulary(SEED)
    common = [w for w in words[20:120] if len(w) > 3][:QUERIES_PER_KIND]
    # Ranks whose words land in roughly 1% to 5% of the stories, and a long tail.
    middle = [w for w in words[800:4000] if len(w) > 3]
    rare = words[-20000:]

    def some(pool: list[str]) -> list[str]:
        return rng.sample(pool, QUERIES_PER_KIND)

    phrases: list[str] = []
    while len(phrases) < QUERIES_PER_KIND:
        stored = sqlite.get(ArticleId(rng.randint(1, count)))
        if stored is None:
            continue
        body = [w.strip(".,“”") for w in stored.text.split()]
        at = rng.randrange(len(body) - 2)
        phrases.append(f'"{body[at]} {body[at + 1]}"')
    years = [rng.randint(2000, 2023) for _ in range(QUERIES_PER_KIND)]
    return {
        "rare term": some(rare),
        "common term": common,
        "two terms": [f"{a} {b}" for a, b in zip(some(middle), some(middle), strict=True)],
        "phrase": phrases,
        "prefix": [w[:4] + "*" for w in some(middle)],
        "title field": [f"title:{w}" for w in some(middle)],
        "said field": [f"said:{name.lower()}" for name in rng.sample(FIRST, QUERIES_PER_KIND)],
        "date range": [
            f"{w} after:{y} before:{y + 2}" for w, y in zip(some(middle), years, strict=True)
        ],
    }


def search(sqlite: Library, postgres: Library, kinds: dict[str, list[str]], runs: int) -> None:
    print(f"\nSearch: search_page(text, limit=50) with snippets, ms over {runs} runs per query")
    print(f"{'kind':<13} {'engine':<11} {'p50':>8} {'p95':>8} {'hits':>7}")
    for kind, texts in kinds.items():
        times: dict[str, list[float]] = {"SQLite": [], "PostgreSQL": []}
        totals: dict[str, list[int | None]] = {"SQLite": [], "PostgreSQL": []}
        for text in texts:
            a, first, b, second = timed_pair(
                lambda t=text: sqlite.search_page(t, limit=50),  # type: ignore[misc]
                lambda t=text: postgres.search_page(t, limit=50),  # type: ignore[misc]
                runs,
            )
            times["SQLite"] += a
            times["PostgreSQL"] += b
            totals["SQLite"].append(first.total)
            totals["PostgreSQL"].append(second.total)
        for name, values in times.items():
            known = [t for t in totals[name] if t is not None]
            hits = f"{sum(known) // max(len(known), 1):,}" if known else "?"
            p50, p95 = pct(values, 0.5), pct(values, 0.95)
            print(f"{kind:<13} {name:<11} {p50:>8.1f} {p95:>8.1f} {hits:>7}")

    print(f"\n{'list pane':<13} {'engine':<11} {'p50':>8} {'p95':>8}")
    calls: list[tuple[str, Callable[[Library], object]]] = [
        ("count()", lambda lib: lib.count()),
        ("ids()", lambda lib: lib.ids()),
        ("first page", lambda lib: lib.newest_page(0, 50)),
    ]
    for label, call in calls:
        a, _, b, _ = timed_pair(partial(call, sqlite), partial(call, postgres), runs * 4)
        for name, values in (("SQLite", a), ("PostgreSQL", b)):
            print(f"{label:<13} {name:<11} {pct(values, 0.5):>8.1f} {pct(values, 0.95):>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--import", dest="more", type=int, default=2_000)
    parser.add_argument("--url", help="an empty database on a server (default: a throwaway one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="where the SQLite library goes")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="search libraries an earlier run filled (--url and --folder)",
    )
    args = parser.parse_args()
    # Stopped from outside (timeout, kill): still stop the throwaway server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    server = None
    url = args.url
    if url is None:
        from tests.pg_server import start

        server = start()
        url = server.create()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="nv-pgbench-"))
    try:
        libraries = {
            "SQLite": Library.open(folder / "library.sqlite3"),
            "PostgreSQL": Library.open(url),
        }
        if args.search_only:
            count = libraries["SQLite"].count()
            if libraries["PostgreSQL"].count() != count:
                raise SystemExit("the two libraries hold different stories")
            sqlite, postgres = libraries["SQLite"], libraries["PostgreSQL"]
            search(sqlite, postgres, queries(count, random.Random(SEED), sqlite), args.runs)
            return
        if any(library.count() for library in libraries.values()):
            raise SystemExit("both libraries must start empty")
        began = time.perf_counter()
        stories = Stories(SEED, min(POOL, args.stories))
        print(f"{len(stories.pool):,} pool stories made in {time.perf_counter() - began:.0f} s")
        spent = fill(libraries, stories, args.stories)
        print(
            f"\nFilling {args.stories:,} stories, {FILL_GROUP:,} per transaction, "
            "both engines at once"
        )
        print(f"{'engine':<12} {'seconds':>9} {'stories/s':>10}")
        for name, seconds in spent.items():
            print(f"{name:<12} {seconds:>9.1f} {args.stories / seconds:>10,.0f}")
        # What autovacuum does shortly after a large import: fresh planner statistics
        # and the GIN indexes' pending entries merged into their trees.
        with libraries["PostgreSQL"]._engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )
        imports(libraries, stories, args.stories, args.more)
        sqlite, postgres = libraries["SQLite"], libraries["PostgreSQL"]
        kinds = queries(args.stories, random.Random(SEED), sqlite)
        search(sqlite, postgres, kinds, args.runs)
        for library in libraries.values():
            library.close()
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
