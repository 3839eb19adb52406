"""PostgreSQL beside SQLite in the same run: storing stories as an import does, then searching.

    python benchmarks/postgresql_bench.py [--stories 100000] [--url postgresql://...]
        [--runs 5] [--folder /tmp/pgbench]

The same synthetic stories (``make_library.StoryMaker``: Zipf-drawn words,
quotations, figures, dates over 25 years, a handful of sites) go into a new
SQLite library and a new PostgreSQL one, group by group through
``Library.add_each``, the call an import's storing thread makes; the two take
turns group by group, so a slow spell of the shared machine falls on both.
Without ``--url`` a throwaway server is started in a temporary folder
(``tests/pg_server.py``, fsync off like any test cluster; a real server with
fsync on pays one flush per group on commit).

Then per kind of query, p50/p95 in ms of ``Library.search_page(text, limit=50)``
(a first page with snippets, what the window asks first) on each engine, taking
turns run by run; SQLite is the baseline row of each kind. Queries are drawn from
the generator's own vocabulary by frequency rank, so every kind has hits on both.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_library import FIRST, StoryMaker, vocabulary
from timing import pct, timed_pair

from newsviewer.library import Library, StoreRequest

GROUP = 250  # stories per add_each: about what an import's storing thread commits at once
IN_FLIGHT = 3
QUERIES_PER_KIND = 8
SEED = 7


def _make(args: tuple[int, int]) -> list[StoreRequest]:
    first, last = args
    maker = _maker()
    return [maker.story(n) for n in range(first, last)]


_MAKER: list[StoryMaker] = []


def _maker() -> StoryMaker:
    if not _MAKER:
        _MAKER.append(StoryMaker(SEED))
    return _MAKER[0]


def store(sqlite: Library, postgres: Library, count: int) -> None:
    """Store ``count`` stories in both, group by group, and print each engine's rate."""
    groups = iter([(n, min(n + GROUP, count)) for n in range(0, count, GROUP)])
    spent = {"SQLite": 0.0, "PostgreSQL": 0.0}
    last_tenth = {"SQLite": 0.0, "PostgreSQL": 0.0}
    made = 0
    with multiprocessing.get_context("fork").Pool(1) as pool:
        flight = deque(pool.apply_async(_make, (g,)) for g in islice(groups, IN_FLIGHT))
        while flight:
            batch = flight.popleft().get()
            following = next(groups, None)
            if following is not None:
                flight.append(pool.apply_async(_make, (following,)))
            for name, library in (("SQLite", sqlite), ("PostgreSQL", postgres)):
                start = time.perf_counter()
                results = library.add_each(batch)
                took = time.perf_counter() - start
                assert all(r.status == "imported" for r in results), name
                spent[name] += took
                if made >= count * 0.9:
                    last_tenth[name] += took
            made += len(batch)
            print(
                f"{made:>9,} stories  SQLite {made / spent['SQLite']:,.0f}/s  "
                f"PostgreSQL {made / spent['PostgreSQL']:,.0f}/s",
                file=sys.stderr,
                end="\r",
            )
    print(file=sys.stderr)
    tenth = count - int(count * 0.9)
    print(f"\nStoring {count:,} stories with add_each, {GROUP} per group")
    print(f"{'engine':<12} {'total s':>9} {'stories/s':>10} {'last 10% /s':>12}")
    for name in spent:
        rate = count / spent[name]
        late = tenth / last_tenth[name] if last_tenth[name] else 0.0
        print(f"{name:<12} {spent[name]:>9.1f} {rate:>10,.0f} {late:>12,.0f}")


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
        stored = sqlite.get(rng.randint(1, count))  # type: ignore[arg-type]
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
    parser.add_argument("--url", help="an empty database on a server (default: a throwaway one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="where the SQLite library goes")
    args = parser.parse_args()

    server = None
    url = args.url
    if url is None:
        from tests.pg_server import start

        server = start()
        url = server.create()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="nv-pgbench-"))
    try:
        sqlite = Library.open(folder / "library.sqlite3")
        postgres = Library.open(url)
        if sqlite.count() or postgres.count():
            raise SystemExit("both libraries must start empty")
        store(sqlite, postgres, args.stories)
        kinds = queries(args.stories, random.Random(SEED), sqlite)
        search(sqlite, postgres, kinds, args.runs)
        sqlite.close()
        postgres.close()
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
