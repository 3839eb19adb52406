"""Hand-written SQL on PostgreSQL: SQLite's dialect translated, and cursors that do it.

The modules that write tags, marks, highlights, fingerprints and the like send
short statements in SQLite's dialect through the driver, with ``?`` marks. Their
differences from PostgreSQL are few and mechanical, so rather than keep two
copies of each statement, ``translate`` rewrites one into the other: ``?``
becomes ``%s`` (and a literal ``%`` is doubled), ``INSERT OR IGNORE`` becomes
``ON CONFLICT DO NOTHING`` and ``INSERT OR REPLACE`` an upsert on the table's
primary key. Statements SQLAlchemy compiles itself never come here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

# SQLite's built-in case-folding collation; PostgreSQL folds with lower().
_NOCASE_EQUAL = re.compile(r"([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE", re.IGNORECASE)
_NOCASE = re.compile(r"([\w.]+)\s+COLLATE\s+NOCASE", re.IGNORECASE)
# SQLite's query-planner hints: CROSS JOIN fixes the join order (PostgreSQL takes
# no ON after it: an inner join is the same rows), INDEXED BY names the index.
_CROSS_JOIN_ON = re.compile(
    r"\bCROSS\s+JOIN\s+(\w+(?:\s+(?:AS\s+)?(?!ON\b|INDEXED\b)\w+)?"
    r"(?:\s+INDEXED\s+BY\s+\w+)?\s+ON)\b",
    re.IGNORECASE,
)
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE)
# SQLite's JSON array of a column (text; '[]' for no rows), as the callers read it.
_JSON_ARRAY = re.compile(r"json_group_array\((\w+)\)", re.IGNORECASE)
_INSERT_OR = re.compile(
    r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE
)


def _primary_key(table: str) -> list[str]:
    from newsviewer.library import user_models  # noqa: F401  (registers its tables)
    from newsviewer.library.models import Base

    found = Base.metadata.tables.get(table)
    if found is None:
        raise ValueError(f"no primary key known for table {table}")
    return [c.name for c in found.primary_key.columns]


def _placeholders(sql: str, with_params: bool) -> str:
    """``?`` as ``%s`` outside quoted text; ``%`` doubled when parameters are bound."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" and with_params else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?" and with_params:
            out.append("%s")
        elif ch == "%" and with_params:
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=512)
def translate(sql: str, with_params: bool = True) -> str:
    """``sql`` written for SQLite, as PostgreSQL takes it (see the module docstring)."""
    found = _INSERT_OR.match(sql)
    if found is not None:
        kind, table, columns = found.group(1).upper(), found.group(2), found.group(3)
        rest = sql[found.end() :].rstrip().rstrip(";")
        head = f"INSERT INTO {table} ({columns})"
        if kind == "IGNORE":
            sql = f"{head}{rest} ON CONFLICT DO NOTHING"
        else:
            keys = _primary_key(table)
            names = [c.strip() for c in columns.split(",")]
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in names if c not in keys)
            action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
            sql = f"{head}{rest} ON CONFLICT ({', '.join(keys)}) {action}"
    sql = _NOCASE_EQUAL.sub(r"lower(\1) = lower(?)", sql)
    sql = _NOCASE.sub(r"lower(\1)", sql)
    sql = _CROSS_JOIN_ON.sub(r"JOIN \1", sql)
    sql = _INDEXED_BY.sub("", sql)
    sql = _JSON_ARRAY.sub(r"coalesce(json_agg(\1), '[]'::json)::text", sql)
    return _placeholders(sql, with_params)


class Cursor:
    """A psycopg cursor that takes SQLite-dialect statements (``sqlite3.Cursor``'s subset)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        self._cursor.execute(translate(sql, bool(params)), tuple(params) or None)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Cursor:
        self._cursor.executemany(translate(sql, True), [tuple(r) for r in rows])
        return self

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def native(self) -> Any:
        """The psycopg cursor itself (``COPY``, statements written for PostgreSQL)."""
        return self._cursor

    def close(self) -> None:
        self._cursor.close()


class Connection:
    """A psycopg connection that takes SQLite-dialect statements, as ``sqlite3.Connection``."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return Cursor(self._connection.cursor()).execute(sql, params)

    def cursor(self) -> Cursor:
        return Cursor(self._connection.cursor())

    @property
    def native(self) -> Any:
        """The psycopg connection itself, for statements written for PostgreSQL."""
        return self._connection


def before_cursor_execute(
    conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
) -> tuple[str, Any]:
    """Engine hook: statements sent with ``exec_driver_sql`` in SQLite's dialect, translated.

    Only positional parameters (a tuple or list of tuples) mark such a statement:
    SQLAlchemy's own compiled statements bind by name and pass unchanged.
    """
    if context is not None and getattr(context, "compiled", None) is not None:
        return statement, parameters
    if not parameters:
        return translate(statement, False), parameters
    positional = isinstance(parameters, tuple | list) and not isinstance(parameters[0], dict)
    if not positional:
        return statement, parameters
    return translate(statement, bool(parameters)), parameters
