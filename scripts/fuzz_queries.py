"""The long run of the query fuzz test: thousands of hostile queries, every library call.

    python scripts/fuzz_queries.py [--queries 5000] [--stories 2000] [--seed 1]
        [--library COPY_OF_A_LIBRARY]

Builds a library of ``--stories`` stories in a temporary folder (or searches a
given one, e.g. a copy of a benchmarks/make_library.py library), then runs each
query of ``tests/query_fuzzing.random_query`` through every call the window and
the command line make with a query. Prints the errors (there should be none),
and the work and time per query: median, 99th percentile, worst, with the
slowest queries.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsviewer.library import Library
from tests.query_fuzzing import count_work, exercise, fill, random_query


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--library", type=Path, help="search this library instead")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = args.library or Path(folder.name) / "fuzz.sqlite3"
    library = Library.open(path)
    ids = library.ids()[:50] if args.library else fill(library, args.stories)
    work = count_work(library)
    rng = random.Random(args.seed)
    errors: list[tuple[str, str]] = []
    runs: list[tuple[float, int, str]] = []
    start = time.perf_counter()
    for n in range(args.queries):
        query = random_query(rng)
        work.reset()
        began = time.perf_counter()
        try:
            exercise(library, query, ids)
        except Exception as exc:  # what the fuzzing is for: report every one
            errors.append((query, f"{type(exc).__name__}: {exc}"))
            continue
        runs.append((time.perf_counter() - began, work.thousands, query))
        if n % 500 == 0:
            print(f"{n:>6} queries, {len(errors)} errors", file=sys.stderr, end="\r")
    library.close()
    folder.cleanup()

    where = str(args.library) if args.library else f"a library of {args.stories:,} stories"
    took = time.perf_counter() - start
    print(f"{args.queries:,} queries on {where}, seed {args.seed}, {took:.0f} s")
    print(f"errors: {len(errors)}")
    for query, error in errors[:20]:
        print(f"  {error[:120]}  <- {query[:80]!r}")
    if runs:
        times = sorted(r[0] for r in runs)
        steps = sorted(r[1] for r in runs)

        def pct(values: list[float] | list[int], q: float) -> float:
            return float(values[min(len(values) - 1, int(q * len(values)))])

        print(
            f"time per query (all calls): p50 {pct(times, 0.5) * 1000:.1f} ms, "
            f"p99 {pct(times, 0.99) * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms"
        )
        print(
            f"SQLite steps per query: p50 {pct(steps, 0.5):.0f}k, p99 {pct(steps, 0.99):.0f}k, "
            f"max {steps[-1]}k"
        )
        print("slowest:")
        for took, used, query in sorted(runs, reverse=True)[:5]:
            print(f"  {took * 1000:8.1f} ms {used:>7}k steps  {query[:70]!r}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
