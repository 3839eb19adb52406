"""The door the reader's services (marks, tags, highlights, saved searches) use to the file.

They share the library's sessions, and so its write lock: a tag added while an
import runs waits for the import's group to commit instead of failing on a busy
file. Statements are plain SQL on the session's connection; the results are
turned into frozen records before the session closes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection

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
