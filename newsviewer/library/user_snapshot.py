"""What the reader added to a story, kept with a deleted story so undo puts it back.

Deleting a story cascades to its marks, tags, highlights and reading place; the
repository takes this snapshot in the deleting transaction and ``put_back`` writes
it again in the transaction that restores the story.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from newsviewer.library.article_extras import attach_tag


@dataclass(frozen=True, slots=True)
class UserSnapshot:
    marks: tuple[int, ...]
    tags: tuple[tuple[str, str], ...]  # (name, key)
    highlights: tuple[tuple[Any, ...], ...]
    position: tuple[Any, ...] | None


_HIGHLIGHT_COLUMNS = (
    "text, start_offset, end_offset, prefix, suffix, colour, note, created_at, updated_at"
)


def take(conn: Connection, article_id: int) -> UserSnapshot:
    def rows(sql: str) -> list[Any]:
        return list(conn.exec_driver_sql(sql, (article_id,)).all())

    position = rows(
        'SELECT "offset", fraction, updated_at FROM reading_positions WHERE article_id = ?'
    )
    return UserSnapshot(
        marks=tuple(r[0] for r in rows("SELECT mark FROM marks WHERE article_id = ?")),
        tags=tuple(
            (r[0], r[1])
            for r in rows(
                "SELECT t.name, t.key FROM article_tags AS at JOIN tags AS t "
                "ON t.id = at.tag_id WHERE at.article_id = ?"
            )
        ),
        highlights=tuple(
            tuple(r)
            for r in rows(f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights WHERE article_id = ?")
        ),
        position=tuple(position[0]) if position else None,
    )


def put_back(cursor: sqlite3.Cursor, article_id: int, snapshot: UserSnapshot) -> None:
    # The insert trigger marked the restored story unread; the snapshot says what it was.
    cursor.execute("DELETE FROM marks WHERE article_id = ?", (article_id,))
    cursor.executemany(
        "INSERT INTO marks (article_id, mark, sort_at) "
        "SELECT id, ?, sort_at FROM articles WHERE id = ?",
        [(mark, article_id) for mark in snapshot.marks],
    )
    for name, key in snapshot.tags:
        # A tag deleted meanwhile comes back under its name.
        attach_tag(cursor, article_id, name, key)
    cursor.executemany(
        f"INSERT INTO highlights (article_id, {_HIGHLIGHT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, *row) for row in snapshot.highlights],
    )
    if snapshot.position is not None:
        cursor.execute(
            'INSERT OR REPLACE INTO reading_positions (article_id, "offset", fraction, updated_at) '
            "VALUES (?, ?, ?, ?)",
            (article_id, *snapshot.position),
        )
