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
