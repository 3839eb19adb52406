"""The door the reader's services (marks, tags, highlights, saved searches) use to the file.

They share the library's sessions, and so its write lock: a tag added while an
import runs waits for the import's group to commit instead of failing on a busy
file. Statements are plain SQL on the session's connection; the results are
turned into frozen records before the session closes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

from sqlalchemy import Connection

from newsviewer.domain import ArticleId
from newsviewer.library.repository import Library

T = TypeVar("T")

# SQLite allows 32766 bound parameters per statement; stay well below it.
ID_BATCH = 500


@contextmanager
def reading(library: Library) -> Iterator[Connection]:
    with library._read() as session:
        yield session.connection()


@contextmanager
def writing(library: Library, action: str = "write to") -> Iterator[Connection]:
    """A write transaction that commits on success and rolls back on any error."""
    with library._write(action) as session:
        yield session.connection()


def batches(items: Sequence[T], size: int = ID_BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks_sql(count: int) -> str:
    """``?, ?, ...`` for ``count`` bound values."""
    return ", ".join("?" * count)


@dataclass(frozen=True, slots=True)
class StoryLists:
    """A table of lists of stories (the marks, the tags): a row per story in a list.

    ``key`` names the list (a kind of mark, a tag's id); each row repeats the story's
    ``sort_at`` so that a list is one range of the table's index, read in list order.
    """

    table: str
    key: str

    def add(self, conn: Connection, value: int, ids: Sequence[int]) -> int:
        """Put the stories in list ``value``; returns how many were not in it."""
        return self._each_batch(
            conn,
            f"INSERT OR IGNORE INTO {self.table} (article_id, {self.key}, sort_at) "
            "SELECT id, ?, sort_at FROM articles WHERE id IN ({marks})",
            value,
            ids,
        )

    def remove(self, conn: Connection, value: int, ids: Sequence[int]) -> int:
        """Take the stories out of list ``value``; returns how many were in it."""
        return self._each_batch(
            conn,
            f"DELETE FROM {self.table} WHERE {self.key} = ? AND article_id IN ({{marks}})",
            value,
            ids,
        )

    def ids(self, conn: Connection, value: int, limit: int | None) -> list[ArticleId]:
        """The stories of list ``value`` (the first ``limit``), newest first."""
        # One JSON array built inside SQLite from the (key, sort_at, id) index, as
        # ``Library.ids`` does for all stories: a row per id costs 1.5x as much.
        # No LIMIT clause for "every story": PostgreSQL refuses SQLite's LIMIT -1, and
        # its sub-queries need an alias.
        bound = "" if limit is None else " LIMIT ?"
        packed = conn.exec_driver_sql(
            f"SELECT json_group_array(article_id) FROM (SELECT article_id FROM {self.table} "
            f"WHERE {self.key} = ? ORDER BY sort_at DESC, article_id DESC{bound}) AS listed",
            (value,) if limit is None else (value, limit),
        ).scalar_one()
        return cast(list[ArticleId], json.loads(packed))

    @staticmethod
    def _each_batch(conn: Connection, statement: str, value: int, ids: Sequence[int]) -> int:
        changed = 0
        for batch in batches(list(dict.fromkeys(ids))):
            result = conn.exec_driver_sql(
                statement.format(marks=marks_sql(len(batch))), (value, *batch)
            )
            changed += max(result.rowcount, 0)
        return changed


MARKS = StoryLists("marks", "mark")
TAGS = StoryLists("article_tags", "tag_id")
