"""The list's orders read from the library: every story once, in the order asked."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.domain import ArticleId
from newsviewer.library import Library, orders
from newsviewer.library.orders import Order
from tests.living_helpers import story


def _library(tmp_path: Path | str) -> tuple[Library, dict[str, ArticleId]]:
    where = tmp_path if isinstance(tmp_path, str) else tmp_path / "library.sqlite3"
    library = Library.open(where)
    made = {
        # key: title, site, published, saved
        "b": ("beta", "zeta.example", datetime(2015, 1, 1, tzinfo=UTC), 2),
        "a": ("Alpha", "", datetime(2016, 1, 1, tzinfo=UTC), 1),
        "c": ("gamma", "Alpha.example", None, 3),
        "d": ("Delta", "alpha.example", datetime(2001, 1, 1, tzinfo=UTC), 4),
    }
    ids: dict[str, ArticleId] = {}
    for n, (key, (title, site, published, day)) in enumerate(made.items()):
        article = dataclasses.replace(
            story(n, site=site),
            title=title,
            published=published,
            saved=datetime(2020, 6, day, tzinfo=UTC),
        )
        _, ids[key] = library.add(article, source_path=f"/x/{key}", original=key.encode())
    return library, ids


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_each_order_lists_every_story_once_in_its_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, engine: str
) -> None:
    # A team library on PostgreSQL sorts the same (its statements are translated).
    where = tmp_path if engine == "sqlite" else str(request.getfixturevalue("pg_url"))
    library, ids = _library(where)
    a, b, c, d = ids["a"], ids["b"], ids["c"], ids["d"]
    wanted: dict[Order, list[ArticleId]] = {
        "newest": [c, a, b, d],  # the undated story by the day it was saved (2020)
        "oldest": [d, b, a, c],
        "saved": [d, c, b, a],
        "title": [a, b, d, c],  # case does not count
        "site": [c, d, b, a],  # same site in any case together, newest first; none last
    }
    for order, expected in wanted.items():
        assert orders.ordered_ids(library, order) == expected, order
        assert orders.ordered_ids(library, order, 2) == expected[:2], order
        assert orders.reorder(library, [a, d, 999_999], order) == [
            i for i in expected if i in (a, d)
        ], order
        # A long list of ids walks the order's index instead: the same answer.
        monkeypatch.setattr(orders, "WALK_ABOVE", 1)
        assert orders.reorder(library, [a, d, 999_999], order) == [
            i for i in expected if i in (a, d)
        ], order
        monkeypatch.undo()
    library.close()


def test_the_orders_walk_their_indexes_rather_than_sort_every_story(tmp_path: Path) -> None:
    library, _ = _library(tmp_path)
    import sqlite3

    conn = sqlite3.connect(tmp_path / "library.sqlite3")
    for order, parts in orders._PARTS.items():
        for condition, order_by, index in parts:
            plan = conn.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM articles INDEXED BY {index} WHERE {condition} "
                f"ORDER BY {order_by} LIMIT 200"
            ).fetchall()
            details = " ".join(str(row[-1]) for row in plan)
            assert "TEMP B-TREE" not in details, (order, details)
    conn.close()
    library.close()


def _part_library(where: Path | str) -> tuple[Library, list[ArticleId]]:
    """30 stories whose title, site and saved orders all differ from their date order."""
    library = Library.open(where)
    words = ["quay", "Amber", "delta", "Brook", "echo", "fjord", "Glen", "heath", "isle", "jetty"]
    sites = ["", "b.example", "A.example", "a.example", "c.example"]
    ids: list[ArticleId] = []
    for n in range(30):
        article = dataclasses.replace(
            story(n, site=sites[n * 7 % 5], image=False),
            title=f"{words[n * 3 % 10]} {n * 11 % 30}",
            published=None if n % 6 == 0 else datetime(2001 + n * 13 % 20, 1, 1, tzinfo=UTC),
            saved=datetime(2020, 1, 1 + n * 17 % 28, tzinfo=UTC),
        )
        ids.append(library.add(article, source_path=f"/p/{n}", original=b"p%d" % n)[1])
    return library, ids


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_part_in_each_order_lists_its_first_page_as_its_whole_list_sorted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, engine: str
) -> None:
    # Unread (most stories), Starred (a few) and a tag, each read from its first page on
    # by whichever way the part's size picks, and by the other ways forced: the same.
    from newsviewer.library import marks, tags

    where = tmp_path / "l.sqlite3" if engine == "sqlite" else str(request.getfixturevalue("pg_url"))
    library, ids = _part_library(where)
    marks.set_read(library, ids[::4])
    marks.set_starred(library, ids[3:9:2])
    tags.add_tags(library, ids[1::3], ["Harbour"])
    parts = {
        "unread": (marks.marked_ids(library, marks.UNREAD), orders.marked(marks.UNREAD)),
        "starred": (marks.marked_ids(library, marks.STARRED), orders.marked(marks.STARRED)),
        "tag": (tags.tagged_ids(library, "Harbour"), None),
    }
    assert [len(p[0]) for p in parts.values()] == [22, 3, 10]
    ways = {
        "chosen": (orders.WALK_SLACK, orders.GATHER_COST),
        "walked": (1_000, 1_000),
        "walked, then gathered": (0, 1_000),  # the walk looks at too few entries
        "gathered": (1, 0),
    }
    for order in ("newest", "oldest", "saved", "title", "site"):
        for name, (every, part) in parts.items():
            whole = orders.reorder(library, every, order)
            assert len(whole) == len(every)
            for way, (slack, cost) in ways.items():
                monkeypatch.setattr(orders, "WALK_SLACK", slack)
                monkeypatch.setattr(orders, "GATHER_COST", cost)
                for limit in (None, 1, 2, 5, 200):
                    got = (
                        tags.tagged_ids_in(library, "Harbour", order, limit)
                        if part is None
                        else orders.part_ids(library, part, order, limit)
                    )
                    assert got == whole[:limit], (order, name, way, limit)
            monkeypatch.undo()
    assert tags.tagged_ids_in(library, "no such tag", "title", 5) == []
    assert marks.marked_ids_in(library, marks.ARCHIVED, "title", 5) == []
    library.close()
