"""The orders the story list can be sorted in, besides best match and newest first.

``newest`` is the list's own order, read from the (sort_at, id) index: a story's
publication date, else the day it was saved, so an undated story sorts by its
import day rather than as if published today. ``oldest`` walks the same index
backwards; ``saved``, ``title`` and ``site`` walk indexes of their own (migration
0010), so each order reads a million ids about as fast as the newest-first list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal, cast

from sqlalchemy import Connection

from newsviewer.domain import ArticleId
from newsviewer.library.repository import Library
from newsviewer.library.user_data import reading

Order = Literal["newest", "oldest", "saved", "title", "site"]

# Each order as parts read one after the other: (condition, ORDER BY, the index
# walked). Stories without a site come after all the others (a part of their own,
# so that the rest walk the site index in its order).
_PARTS: dict[Order, tuple[tuple[str, str, str], ...]] = {
    "newest": (("1 = 1", "sort_at DESC, id DESC", "ix_articles_sort_at"),),
    "oldest": (("1 = 1", "sort_at ASC, id ASC", "ix_articles_sort_at"),),
    "saved": (("1 = 1", "imported_at DESC, id DESC", "ix_articles_saved"),),
    "title": (("1 = 1", "headline COLLATE NOCASE ASC, id ASC", "ix_articles_title"),),
    "site": (
        (
            "site COLLATE NOCASE != ''",
            "site COLLATE NOCASE ASC, sort_at DESC, id DESC",
            "ix_articles_site",
        ),
        ("site COLLATE NOCASE = ''", "sort_at DESC, id DESC", "ix_articles_site"),
    ),
}
# Above this many ids, ``reorder`` walks the order's index and keeps the ids asked
# for, rather than look each story up and sort them: a lookup lands on a wide row
# (a story's text shares its page), so 400,000 of them (Unread at a million
# stories) take seconds where the walk of a million index entries takes ~0.2 s.
WALK_ABOVE = 20_000


def _read(
    conn: Connection,
    order: Order,
    limit: int | None,
    among: Sequence[int] | None,
    *,
    walk: bool = True,
) -> list[ArticleId]:
    sqlite = conn.dialect.name == "sqlite"
    found: list[ArticleId] = []
    for condition, order_by, index in _PARTS[order]:
        wanted = None if limit is None else limit - len(found)
        if wanted == 0:
            break
        where, params = condition, list[object]()
        if among is not None:
            # (On PostgreSQL the ids go as one array; INDEXED BY is SQLite's alone.)
            where += " AND id IN (SELECT value FROM json_each(?))" if sqlite else " AND id = ANY(?)"
            params.append(json.dumps(list(among)) if sqlite else list(among))
        source = f"articles INDEXED BY {index}" if walk and sqlite else "articles"
        cap = ""
        if wanted is not None:
            cap = " LIMIT ?"
            params.append(wanted)
        packed = conn.exec_driver_sql(
            "SELECT json_group_array(id) FROM "
            f"(SELECT id FROM {source} WHERE {where} ORDER BY {order_by}{cap}) AS ordered",
            tuple(params),
        ).scalar_one()
        found.extend(cast(list[ArticleId], json.loads(packed)))
    return found


def ordered_ids(library: Library, order: Order, limit: int | None = None) -> list[ArticleId]:
    """Every story's id (the first ``limit``) in ``order``."""
    with reading(library) as conn:
        return _read(conn, order, limit, None)


def reorder(library: Library, ids: Sequence[int], order: Order) -> list[ArticleId]:
    """``ids`` (a part of the library or a search's matches) put in ``order``.

    Ids of stories no longer in the library are left out.
    """
    if not ids:
        return []
    with reading(library) as conn:
        return _read(conn, order, None, ids, walk=len(ids) > WALK_ABOVE)
