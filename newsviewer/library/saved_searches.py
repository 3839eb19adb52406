"""Saved searches: any query under a name, listed in the sidebar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from newsviewer.errors import NewsViewerError
from newsviewer.library.repository import Library
from newsviewer.library.user_data import reading, writing


class SavedSearchError(NewsViewerError):
    """A saved search without a name or a query."""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    name: str
    query: str


def save_search(library: Library, name: str, query: str) -> SavedSearch:
    """Save ``query`` under ``name``; saving under a name already used replaces its query."""
    name = " ".join(name.split())
    query = query.strip()
    if not name:
        raise SavedSearchError("a saved search needs a name")
    if not query:
        raise SavedSearchError("a saved search needs a query")
    with writing(library) as conn:
        row = conn.exec_driver_sql(
            "INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET query = excluded.query "
            "RETURNING id, name, query",
            (name, query, datetime.now(UTC).isoformat()),
        ).one()
    return SavedSearch(row[0], row[1], row[2])


def saved_searches(library: Library) -> list[SavedSearch]:
    with reading(library) as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE"
        ).all()
    return [SavedSearch(r[0], r[1], r[2]) for r in rows]


def rename_search(library: Library, search_id: int, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError("a saved search needs a name")
    with writing(library) as conn:
        taken = conn.exec_driver_sql(
            "SELECT id FROM saved_searches WHERE name = ? AND id != ?", (name, search_id)
        ).first()
        if taken is not None:
            raise SavedSearchError(f"a saved search is already named “{name}”")
        conn.exec_driver_sql("UPDATE saved_searches SET name = ? WHERE id = ?", (name, search_id))


def delete_search(library: Library, search_id: int) -> bool:
    with writing(library) as conn:
        result = conn.exec_driver_sql("DELETE FROM saved_searches WHERE id = ?", (search_id,))
    return result.rowcount > 0
