"""Read or unread, starred, archived; where the reader left each story; the sidebar's counts.

Every function takes the ``Library`` and any number of story ids, so the window's
"mark the selection" and the command line's ``mark ID...`` are one call each.
Unknown ids are skipped, never an error: a story deleted in another window has
nothing left to mark.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from newsviewer.domain import ArticleId
from newsviewer.library import orders
from newsviewer.library.orders import Order
from newsviewer.library.repository import Library
from newsviewer.library.user_data import MARKS, batches, marks_sql, reading, writing
from newsviewer.library.user_models import ARCHIVED, STARRED, UNREAD

__all__ = [
    "ARCHIVED",
    "STARRED",
    "UNREAD",
    "Counts",
    "Marks",
    "ReadingPosition",
    "counts",
    "marked_ids",
    "marked_ids_in",
    "marks_of",
    "position",
    "recent_ids",
    "save_position",
    "set_archived",
    "set_read",
    "set_starred",
    "sites",
]


@dataclass(frozen=True, slots=True)
class Marks:
    read: bool = False
    starred: bool = False
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Counts:
    """What the sidebar shows next to All, Unread, Starred and Archived."""

    stories: int
    unread: int
    starred: int
    archived: int


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    offset: int  # body-text offset at the top of the view
    fraction: float  # share of the story scrolled, 0..1
    updated_at: datetime


def _set(library: Library, ids: Sequence[int], mark: int, on: bool) -> int:
    """Give or take ``mark``; returns how many stories changed."""
    with writing(library) as conn:
        return MARKS.add(conn, mark, ids) if on else MARKS.remove(conn, mark, ids)


def set_read(library: Library, ids: Sequence[int], read: bool = True) -> int:
    return _set(library, ids, UNREAD, not read)


def set_starred(library: Library, ids: Sequence[int], starred: bool = True) -> int:
    return _set(library, ids, STARRED, starred)


def set_archived(library: Library, ids: Sequence[int], archived: bool = True) -> int:
    return _set(library, ids, ARCHIVED, archived)


def marks_of(library: Library, ids: Sequence[int]) -> dict[ArticleId, Marks]:
    """The marks of each existing story among ``ids``."""
    found: dict[int, set[int]] = {}
    with reading(library) as conn:
        for batch in batches(list(dict.fromkeys(ids))):
            marks = marks_sql(len(batch))
            for (story,) in conn.exec_driver_sql(
                f"SELECT id FROM articles WHERE id IN ({marks})", tuple(batch)
            ):
                found[story] = set()
            for story, mark in conn.exec_driver_sql(
                f"SELECT article_id, mark FROM marks WHERE article_id IN ({marks})", tuple(batch)
            ):
                found[story].add(mark)
    return {
        ArticleId(i): Marks(UNREAD not in kinds, STARRED in kinds, ARCHIVED in kinds)
        for i, kinds in found.items()
    }


def marked_ids(library: Library, mark: int, limit: int | None = None) -> list[ArticleId]:
    """Every story with ``mark`` (the first ``limit``), in the list's order (newest first)."""
    with reading(library) as conn:
        return MARKS.ids(conn, mark, limit)


def marked_ids_in(
    library: Library, mark: int, order: Order, limit: int | None = None
) -> list[ArticleId]:
    """Every story with ``mark`` (the first ``limit``) in another of the list's orders."""
    return orders.part_ids(library, orders.marked(mark), order, limit)


def counts(library: Library) -> Counts:
    """Stories, unread, starred and archived: four kept numbers, no scan."""
    with reading(library) as conn:
        stories = conn.exec_driver_sql("SELECT stories FROM story_count").scalar() or 0
        rows = conn.exec_driver_sql("SELECT mark, stories FROM mark_counts").all()
    kept: dict[int, int] = {r[0]: r[1] for r in rows}
    return Counts(stories, kept.get(UNREAD, 0), kept.get(STARRED, 0), kept.get(ARCHIVED, 0))


def save_position(library: Library, article_id: int, offset: int, fraction: float) -> None:
    """Remember where the reader is in a story (a story that is gone is ignored)."""
    fraction = min(max(fraction, 0.0), 1.0)
    now = datetime.now(UTC).isoformat()
    with writing(library) as conn:
        conn.exec_driver_sql(
            'INSERT INTO reading_positions (article_id, "offset", fraction, updated_at) '
            "SELECT id, ?, ?, ? FROM articles WHERE id = ? "
            'ON CONFLICT (article_id) DO UPDATE SET "offset" = excluded."offset", '
            "fraction = excluded.fraction, updated_at = excluded.updated_at",
            (max(offset, 0), fraction, now, article_id),
        )


def position(library: Library, article_id: int) -> ReadingPosition | None:
    with reading(library) as conn:
        row = conn.exec_driver_sql(
            'SELECT "offset", fraction, updated_at FROM reading_positions WHERE article_id = ?',
            (article_id,),
        ).first()
    if row is None:
        return None
    return ReadingPosition(row[0], row[1], datetime.fromisoformat(row[2]))


def sites(library: Library) -> list[tuple[str, int]]:
    """Every site with its kept story count, most stories first (unnamed sites left out)."""
    with reading(library) as conn:
        rows = conn.exec_driver_sql(
            "SELECT site, stories FROM site_counts WHERE site != '' AND stories > 0 "
            "ORDER BY stories DESC, site"
        ).all()
    return [(r[0], r[1]) for r in rows]


def recent_ids(library: Library, limit: int | None = 1000) -> list[ArticleId]:
    """The last ``limit`` stories imported, latest first (ids grow with each import)."""
    with reading(library) as conn:
        bound = "" if limit is None else " LIMIT ?"
        packed = conn.exec_driver_sql(
            "SELECT json_group_array(id) FROM "
            f"(SELECT id FROM articles ORDER BY id DESC{bound}) AS recent",
            () if limit is None else (limit,),
        ).scalar_one()
    return cast(list[ArticleId], json.loads(packed))
