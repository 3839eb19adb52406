"""Time the sidebar and its lists: counts, tags, sites, and the Unread/Starred/tag lists.

    python benchmarks/sidebar_bench.py PATH [--runs 7]
    python benchmarks/sidebar_bench.py PATH --make 1000000   # build a list-shaped library

Per library it prints p50/p95 in ms of what the window's sidebar asks for when it opens
(``marks.counts``, ``tags.all_tags``, ``marks.sites``) and of the lists a click on an
entry loads (every id of Unread, Starred, the biggest tag, plus the first screen's
rows), side by side with the plain SQL one would write without the kept counts and the
sort-ordered mark and tag indexes (count(*) and GROUP BY over the rows, NOT EXISTS
against the marks). Then the whole list in each order of the sort control (oldest,
saved, title, site: ``orders.ordered_ids``, first screen and every id) beside the same
ORDER BY with its indexes turned off (``+col``), the naive sort of every row
(``--order-runs`` runs: each takes seconds at a million). Last, each part (Unread,
Starred, the biggest and the smallest tag) in each of those orders: the first screen
the window waits for, beside the plain statement with a LIMIT. The library needs tags and
marks: ``make_library.py N PATH --marks`` gives a full one; ``--make N`` here builds a
list-shaped one much faster (headline and one short paragraph per story, and the search
indexes left empty: for list and sidebar figures only).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_library import SITES, add_reader_marks
from timing import pct, timed, timed_pair

from newsviewer.domain import ArticleId
from newsviewer.library import Library, marks, orders, tags
from newsviewer.library.user_models import STARRED

SCREEN = 40
# Ids the window lists first (gui/list_session.py FIRST_PAGE).
FIRST_PAGE = 200

RAW_COUNTS = (
    "SELECT (SELECT count(*) FROM articles), "
    "(SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM marks m "
    " WHERE m.article_id = a.id AND m.mark = 0)), "
    "(SELECT count(*) FROM marks WHERE mark = 1), (SELECT count(*) FROM marks WHERE mark = 2)"
)
RAW_TAGS = (
    "SELECT t.id, t.name, count(at.article_id) FROM tags t "
    "LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY t.key"
)
RAW_SITES = "SELECT site, count(*) FROM articles WHERE site != '' GROUP BY site"
RAW_STARRED = (
    "SELECT a.id FROM articles a JOIN marks m ON m.article_id = a.id AND m.mark = 1 "
    "ORDER BY a.sort_at DESC, a.id DESC"
)
RAW_UNREAD = (
    "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM marks m "
    "WHERE m.article_id = a.id AND m.mark = 0) ORDER BY a.sort_at DESC, a.id DESC"
)
RAW_TAG = (
    "SELECT a.id FROM articles a JOIN article_tags at ON at.article_id = a.id "
    "WHERE at.tag_id = ? ORDER BY a.sort_at DESC, a.id DESC"
)

# The orders as one would write them without the indexes of migration 0010: a
# unary + keeps SQLite from using an index, so every row is read and sorted.
NAIVE_ORDERS: dict[orders.Order, str] = {
    "oldest": "SELECT id FROM articles ORDER BY +sort_at ASC, +id ASC",
    "saved": "SELECT id FROM articles ORDER BY +imported_at DESC, +id DESC",
    "title": "SELECT id FROM articles ORDER BY +headline COLLATE NOCASE ASC, +id ASC",
    "site": (
        "SELECT id FROM articles ORDER BY +site = '' ASC, +site COLLATE NOCASE ASC, "
        "+sort_at DESC, +id DESC"
    ),
}

NAIVE_UNREAD_TITLE = (
    "SELECT a.id FROM articles a JOIN marks m ON m.article_id = a.id AND m.mark = 0 "
    "ORDER BY +a.headline COLLATE NOCASE ASC, +a.id ASC"
)


def line(name: str, ours: list[float], raw: list[float]) -> str:
    o50, o95, r50, r95 = pct(ours, 0.5), pct(ours, 0.95), pct(raw, 0.5), pct(raw, 0.95)
    return f"{name:<34} {o50:>9.2f} {o95:>8.2f} {r50:>8.2f} {r95:>8.2f} {o95 / r95:>8.3f}"


def bench(path: Path, runs: int, order_runs: int, parts_only: bool = False) -> None:
    library = Library.open(path)
    raw = sqlite3.connect(path)
    counts = marks.counts(library)
    print(
        f"\n== {path}: {counts.stories:,} stories ({counts.unread:,} unread, "
        f"{counts.starred:,} starred, {counts.archived:,} archived), {runs} runs"
    )
    print(f"{'':<34} {'ours p50':>9} {'p95':>8} {'raw p50':>8} {'p95':>8} {'ours/raw':>8}")

    def screen(ids: list[ArticleId]) -> list[int]:
        return [s.id for s in library.summaries(ids[:SCREEN])]

    if parts_only:
        tag_list = tags.all_tags(library)
        biggest = max(tag_list, key=lambda t: t.stories)
        smallest = min((t for t in tag_list if t.stories), key=lambda t: t.stories)
        parts_in_order(library, raw, screen, [biggest, smallest], runs, order_runs)
        library.close()
        raw.close()
        return

    def ours_sidebar() -> tuple[marks.Counts, list[tags.Tag], list[tuple[str, int]]]:
        return marks.counts(library), tags.all_tags(library), marks.sites(library)

    def raw_sidebar() -> tuple[Any, list[Any], list[Any]]:
        return (
            raw.execute(RAW_COUNTS).fetchone(),
            raw.execute(RAW_TAGS).fetchall(),
            raw.execute(RAW_SITES).fetchall(),
        )

    ours, got, bare, want = timed_pair(ours_sidebar, raw_sidebar, runs)
    kept, tag_list, site_list = got
    raw_counts, raw_tags, raw_sites = want
    if (kept.stories, kept.unread, kept.starred, kept.archived) != (
        raw_counts[0],
        raw_counts[0] - raw_counts[1],
        raw_counts[2],
        raw_counts[3],
    ):
        raise SystemExit(f"kept counts {kept} differ from counting {raw_counts}")
    if [(t.name, t.stories) for t in tag_list] != [(r[1], r[2]) for r in raw_tags]:
        raise SystemExit("kept tag counts differ from counting")
    if sorted(site_list) != sorted(raw_sites):
        raise SystemExit("kept site counts differ from counting")
    print(line("sidebar: counts, tags, sites", ours, bare))

    biggest = max(tag_list, key=lambda t: t.stories)
    Reader = Callable[[int | None], list[ArticleId]]
    lists: list[tuple[str, Reader, str, tuple[int, ...]]] = [
        ("Unread", lambda limit: marks.marked_ids(library, 0, limit), RAW_UNREAD, ()),
        ("Starred", lambda limit: marks.marked_ids(library, STARRED, limit), RAW_STARRED, ()),
        (
            f"tag ({biggest.stories:,})",
            lambda limit: tags.tagged_ids(library, biggest.name, limit),
            RAW_TAG,
            (biggest.id,),
        ),
    ]
    for name, ours_ids, sql, params in lists:
        # What the window waits for: the first page of ids and the rows of one screen;
        # every id follows in the background once they are painted.
        def ours_first(ours_ids: Reader = ours_ids) -> list[int]:
            return screen(ours_ids(FIRST_PAGE))

        def ours_all(ours_ids: Reader = ours_ids) -> list[int]:
            ids = ours_ids(None)
            return [len(ids), *screen(ids)]

        def raw_list(sql: str = sql, params: tuple[int, ...] = params) -> list[int]:
            ids = [ArticleId(r[0]) for r in raw.execute(sql, params)]
            return [len(ids), *screen(ids)]

        ours, got_ids, bare, want_ids = timed_pair(ours_all, raw_list, runs)
        if got_ids != want_ids:
            raise SystemExit(f"{name}: the list differs from raw SQL")
        first, first_rows = timed(ours_first, runs)
        if first_rows != want_ids[1:]:
            raise SystemExit(f"{name}: the first screen differs from raw SQL")
        print(line(f"{name}: first screen", first, bare))
        print(line(f"{name}: every id + screen", ours, bare))
    ids_all, _ = timed(lambda: screen(library.ids()), runs)
    print(line("(all stories: ids() + screen)", ids_all, ids_all))
    print(f"-- the whole list in another order; raw = the naive sort, {order_runs} runs")
    for order, naive_sql in NAIVE_ORDERS.items():

        def ours_order_first(order: orders.Order = order) -> list[int]:
            return screen(orders.ordered_ids(library, order, FIRST_PAGE))

        def ours_order_all(order: orders.Order = order) -> list[int]:
            ids = orders.ordered_ids(library, order)
            return [len(ids), *screen(ids)]

        def naive(sql: str = naive_sql) -> list[int]:
            ids = [ArticleId(r[0]) for r in raw.execute(sql)]
            return [len(ids), *screen(ids)]

        ours, got_ids, bare, want_ids = timed_pair(ours_order_all, naive, order_runs)
        if got_ids != want_ids:
            raise SystemExit(f"by {order}: the list differs from the naive sort")
        first, first_rows = timed(ours_order_first, runs)
        if first_rows != want_ids[1:]:
            raise SystemExit(f"by {order}: the first screen differs from the naive sort")
        print(line(f"by {order}: first screen", first, bare))
        print(line(f"by {order}: every id + screen", ours, bare))

    smallest = min((t for t in tag_list if t.stories), key=lambda t: t.stories)
    parts_in_order(library, raw, screen, [biggest, smallest], runs, order_runs)
    library.close()
    raw.close()


def parts_in_order(
    library: Library,
    raw: sqlite3.Connection,
    screen: Callable[[list[ArticleId]], list[int]],
    tag_list: list[tags.Tag],
    runs: int,
    order_runs: int,
) -> None:
    """A part of the library (a mark, a tag) in another order: what the window waits
    for before its first screen (``orders.part_ids``: the first page, then one screen
    of rows) beside the plain statement with a LIMIT (SQLite plans it: it reads the
    whole part and sorts it), and for Unread by title the whole list both ways and as
    the window read it before (every id of the part, then ``orders.reorder``)."""
    print(f"-- a part in another order: first screen; raw = plain SQL, LIMIT {FIRST_PAGE}")
    Part = tuple[str, orders.Part, str]
    parts: list[Part] = [
        ("Unread", orders.marked(0), "SELECT article_id FROM marks WHERE mark = 0"),
        ("Starred", orders.marked(STARRED), "SELECT article_id FROM marks WHERE mark = 1"),
    ]
    for tag in tag_list:
        where = f"SELECT article_id FROM article_tags WHERE tag_id = {tag.id}"
        parts.append((f"tag ({tag.stories:,})", orders.tagged(tag.id), where))
    for name, part, members in parts:
        for order, naive_sql in NAIVE_ORDERS.items():
            # The naive statement without the unary + hints: written plainly, limited.
            plain = naive_sql.replace("+", "").replace(
                "FROM articles", f"FROM articles WHERE id IN ({members})"
            )

            def ours_first(part: orders.Part = part, order: orders.Order = order) -> list[int]:
                return screen(orders.part_ids(library, part, order, FIRST_PAGE))

            def naive_first(sql: str = f"{plain} LIMIT {FIRST_PAGE}") -> list[int]:
                return screen([ArticleId(r[0]) for r in raw.execute(sql)])

            _, got, bare, want = timed_pair(ours_first, naive_first, order_runs)
            if got != want:
                raise SystemExit(f"{name} by {order}: the first screen differs from plain SQL")
            ours, _ = timed(ours_first, runs)
            print(line(f"{name} by {order}: first screen", ours, bare))

    def ours_unread_title() -> list[int]:
        ids = marks.marked_ids_in(library, 0, "title")
        return [len(ids), *screen(ids)]

    def before_unread_title() -> list[int]:
        ids = orders.reorder(library, marks.marked_ids(library, 0, None), "title")
        return [len(ids), *screen(ids)]

    def naive_unread_title() -> list[int]:
        ids = [ArticleId(r[0]) for r in raw.execute(NAIVE_UNREAD_TITLE)]
        return [len(ids), *screen(ids)]

    ours, got_ids, bare, want_ids = timed_pair(ours_unread_title, naive_unread_title, order_runs)
    before, before_ids = timed(before_unread_title, order_runs)
    if not got_ids == want_ids == before_ids:
        raise SystemExit("Unread by title: the list differs from the naive sort")
    print(line("Unread by title: every id + screen", ours, bare))
    print(line("  (before: every id, then reorder)", before, bare))


def make_lean(path: Path, count: int, seed: int = 1) -> None:
    """A library of ``count`` short stories through the real schema and triggers.

    The full-text triggers are set aside while the rows go in (so the search
    indexes stay empty) and put back after; every other trigger runs as in an import.
    """
    Library.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-500000")
    search_triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' "
        "AND (name LIKE '%fts%' OR name LIKE '%stem%')"
    ).fetchall()
    for name, _ in search_triggers:
        conn.execute(f"DROP TRIGGER {name}")
    rng = random.Random(seed)
    start_day = datetime(2000, 1, 1, tzinfo=UTC)
    imported = datetime.now(UTC).isoformat()
    started = time.perf_counter()
    columns = (
        "id, sort_at, headline, site, published, published_inferred, imported_at, standfirst, "
        "byline, authors, url, language, format, word_count, source_name, source_path, "
        "content_hash, blocks, body_text, captions"
    )
    sql = f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * 20)})"
    for first in range(0, count, 50_000):
        rows = []
        for n in range(first, min(first + 50_000, count)):
            published = start_day + timedelta(minutes=rng.randrange(26 * 365 * 24 * 60))
            body = f"Story {n} told in one short paragraph."
            rows.append(
                (
                    n + 1,
                    published.strftime("%Y-%m-%dT%H:%M:%S"),
                    f"Headline of story {n}",
                    SITES[n % len(SITES)],
                    published.isoformat(),
                    0,
                    imported,
                    "",
                    "",
                    "[]",
                    "",
                    "en",
                    "text",
                    6,
                    f"{n}.txt",
                    f"/synthetic/{n}.txt",
                    f"{n:064d}",
                    json.dumps([["p", body]]),
                    body,
                    "",
                )
            )
        conn.execute("BEGIN")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
        print(f"{first + len(rows):>9,} stories", file=sys.stderr, end="\r")
    for _, definition in search_triggers:
        conn.execute(definition)
    print(f"\n{count:,} stories in {time.perf_counter() - started:.0f} s")
    add_reader_marks(conn, seed)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--order-runs", type=int, default=3, help="runs of the naive sorts")
    parser.add_argument("--make", type=int, metavar="N", help="first build PATH with N stories")
    parser.add_argument(
        "--parts-only", action="store_true", help="only the parts in other orders (the last rows)"
    )
    args = parser.parse_args()
    if args.make:
        make_lean(args.paths[0], args.make)
    for path in args.paths:
        bench(path, args.runs, args.order_runs, args.parts_only)


if __name__ == "__main__":
    main()
