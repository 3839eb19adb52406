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
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the library kept as a list table (a mark, a tag): the stories with a
    row ``key = value`` in ``table``, of which ``counts`` keeps the number."""

    table: str
    key: str
    value: int
    counts: str  # SELECT of the kept number of stories, given ``value``

    def member(self, row: str) -> str:
        """Whether the story ``row`` (an id column) is in the part."""
        return f"EXISTS (SELECT 1 FROM {self.table} WHERE article_id = {row} AND {self.key} = ?)"

    def dated(self, order: Literal["newest", "oldest"], limit: int | None) -> str:
        """The part's stories by date, from its table's own (key, sort_at, id) index."""
        way = "DESC" if order == "newest" else "ASC"
        bound = "" if limit is None else " LIMIT ?"
        return (
            f"SELECT json_group_array(article_id) FROM (SELECT article_id FROM {self.table} "
            f"WHERE {self.key} = ? ORDER BY sort_at {way}, article_id {way}{bound}) AS listed"
        )


def marked(mark: int) -> Part:
    return Part("marks", "mark", mark, "SELECT stories FROM mark_counts WHERE mark = ?")


def tagged(tag_id: int) -> Part:
    return Part("article_tags", "tag_id", tag_id, "SELECT stories FROM tags WHERE id = ?")


# How a part's first page is read when the order's index holds many entries for each
# of its stories: walked in order, each entry looked up in the part's table (a probe
# of its primary key), up to this many times the entries the part's share predicts;
# a part too clustered for that (archived stories all among the oldest saved) is
# gathered instead. A gathered story costs about this many index entries: its row is
# looked up (a wide one, its text shares the page) to be sorted.
WALK_SLACK = 4
GATHER_COST = 4


def _read(
    conn: Connection,
    order: Order,
    limit: int | None,
    among: Sequence[int] | None,
    *,
    walk: bool = True,
    part: Part | None = None,
    steps: int | None = None,
) -> list[ArticleId]:
    """Ids in ``order``: of ``among``, else of ``part``, else every story. With
    ``steps`` (a walk), only that many index entries of each piece are looked at."""
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
        if part is not None and not walk:
            where += f" AND id IN (SELECT article_id FROM {part.table} WHERE {part.key} = ?)"
            params.append(part.value)
        elif part is not None and steps is None:
            where += f" AND {part.member('articles.id')}"
            params.append(part.value)
        source = f"articles INDEXED BY {index}" if walk and sqlite else "articles"
        if not walk and part is not None and sqlite:
            # Each story looked up by its id, then sorted: never a walk of the index.
            source = "articles NOT INDEXED"
        ordered = f"SELECT id FROM {source} WHERE {where} ORDER BY {order_by}"
        if steps is not None:
            ordered += " LIMIT ?"
            params.append(steps)
        if part is not None and steps is not None:
            # The first ``steps`` entries of the index, then those of the part among them.
            ordered = f"SELECT id FROM ({ordered}) AS walked WHERE {part.member('walked.id')}"
            params.append(part.value)
        if wanted is not None:
            ordered += " LIMIT ?"
            params.append(wanted)
        packed = conn.exec_driver_sql(
            f"SELECT json_group_array(id) FROM ({ordered}) AS ordered", tuple(params)
        ).scalar_one()
        found.extend(cast(list[ArticleId], json.loads(packed)))
    return found


def part_ids(library: Library, part: Part, order: Order, limit: int | None) -> list[ArticleId]:
    """``part``'s stories (the first ``limit``) in ``order``, without reading them all
    when a first page is asked: a part that is a fair share of the library is read by
    walking the order's index (Unread by title: a few hundred entries for a page); a
    small one, by looking its stories up and sorting them."""
    with reading(library) as conn:
        if order in ("newest", "oldest"):
            packed = conn.exec_driver_sql(
                part.dated(order, limit),
                (part.value,) if limit is None else (part.value, limit),
            ).scalar_one()
            return cast(list[ArticleId], json.loads(packed))
        size = conn.exec_driver_sql(part.counts, (part.value,)).scalar() or 0
        stories = conn.exec_driver_sql("SELECT stories FROM story_count").scalar() or 0
        if size == 0:
            return []
        gather = size * GATHER_COST
        if limit is None:
            walk = stories < gather
            return _read(conn, order, None, None, walk=walk, part=part)
        steps = min(stories, -(-limit * stories // size) * WALK_SLACK)
        if conn.dialect.name != "sqlite":
            # The server's planner weighs the two ways itself, from its statistics.
            return _read(conn, order, limit, None, walk=True, part=part)
        if steps < gather and size > limit:
            found = _read(conn, order, limit, None, part=part, steps=steps)
            if len(found) == limit:
                return found  # (the first entries of the index, so the first stories)
        return _read(conn, order, limit, None, walk=False, part=part)


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
