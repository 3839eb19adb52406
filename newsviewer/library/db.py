"""Engine for one library file: connection settings, migrations, environment errors."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from newsviewer import paths
from newsviewer.errors import LibraryError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# Execution option that makes a transaction start with BEGIN IMMEDIATE: a writer
# takes the write lock up front instead of upgrading a read transaction later,
# which in WAL mode fails at once with "database is locked" if another writer
# committed in between.
WRITE = "newsviewer_write"

# How long a statement waits for another process's write lock before giving up.
# Longer than any single-article transaction, short enough that a stuck lock turns
# into an error the user sees instead of a frozen import.
BUSY_TIMEOUT_MS = 5000

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite primary result codes that come from the user's environment, with what to say.
_ENVIRONMENT_ERRORS = {
    sqlite3.SQLITE_PERM: "permission denied",
    sqlite3.SQLITE_BUSY: "the library is locked by another program",
    sqlite3.SQLITE_READONLY: "the library file or its folder is read-only",
    sqlite3.SQLITE_IOERR: "the disk reported an input/output error",
    sqlite3.SQLITE_CORRUPT: "the library file is damaged",
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_CANTOPEN: "the file cannot be opened (missing folder or no permission)",
    sqlite3.SQLITE_NOTADB: "the file is not a NewsViewer library (not an SQLite database)",
}


def environment_reason(error: BaseException) -> str | None:
    """A readable reason when ``error`` comes from the disk or the file, else None (a bug).

    On PostgreSQL: when the server cannot be reached or refuses us (its message).
    """
    orig = error.orig if isinstance(error, DBAPIError) else error
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(orig, psycopg.OperationalError):
        return str(orig).strip().splitlines()[0] if str(orig).strip() else "the server failed"
    code = getattr(orig, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    # Extended result codes carry the primary code in the low byte.
    return _ENVIRONMENT_ERRORS.get(code & 0xFF)


@contextmanager
def environment_errors(action: str, path: Path | str) -> Iterator[None]:
    """Turn database errors caused by the environment into ``LibraryError``.

    Covers the driver's own errors too: stories are stored through it directly.
    """
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        reason = environment_reason(exc)
        if reason is None:
            raise
        raise LibraryError(f"Could not {action} the library {path}: {reason}.") from exc


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below issue BEGIN, instead of the sqlite3
    # module's implicit and partial transaction handling.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # WAL: the GUI keeps reading while an import writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # NORMAL is durable across application crashes in WAL mode; only a power
        # cut can lose the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _json_dumps(value: object) -> str:
    # Keep non-ASCII text as is: escaping would double the size of most bodies.
    return json.dumps(value, ensure_ascii=False)


def create_library_engine(path: Path) -> Engine:
    """An engine for ``path`` with our connection settings; does not touch the file."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        json_serializer=_json_dumps,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _check_file(path: Path) -> None:
    """Refuse a file that exists but is not SQLite, before SQLite gives a vaguer error."""
    try:
        if path.is_dir():
            raise LibraryError(f"The library path {path} is a folder, not a file.")
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
            if header != SQLITE_HEADER:
                raise LibraryError(
                    f"The file {path} is not a NewsViewer library (not an SQLite database)."
                )
    except OSError as exc:
        raise LibraryError(f"Could not open the library {path}: {exc.strerror or exc}.") from exc


class NewerSchemaError(Exception):
    """The file names a schema revision this version does not ship."""


# The newest migration in ``migrations/versions``. A library already at it is
# opened without loading Alembic, whose import costs a third of the window's
# memory and 0.2 s or more at start-up, so the revision is written here rather
# than read from the script directory on every start. A test compares it with
# ``newest_revision`` (Alembic's own reading of the migrations): a new migration
# fails that test until this names it.
SCHEMA_REVISION = "0013"


def _script_config(location: Path) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location))
    return config


def newest_revision() -> str | None:
    """The head revision of the migrations this version ships, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    with as_file(files("newsviewer.library").joinpath("migrations")) as location:
        return ScriptDirectory.from_config(_script_config(location)).get_current_head()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            has_table = connection.execute(
                text(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                )
            ).first()
        else:
            has_table = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if has_table is None:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction.

    A library already at the newest revision is left alone without loading
    Alembic: that saves a third of the window's memory and ~0.2 s at start-up.
    """
    if _current_revision(engine) == SCHEMA_REVISION:
        return
    from alembic import command
    from alembic.util.exc import CommandError

    migrations = files("newsviewer.library").joinpath("migrations")
    with as_file(migrations) as location:
        config = _script_config(location)
        with engine.connect() as connection:
            connection = connection.execution_options(**{WRITE: True})
            with connection.begin():
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, "head")
                except CommandError as exc:
                    raise NewerSchemaError(str(exc)) from exc


def upgrade_needed(path: Path | str) -> bool:
    """Whether opening ``path`` will migrate a library written by an older version.

    A migration can rebuild the search indexes: minutes for a big library. The
    window opens such a library off its thread and says what is happening. This
    reads one row; a file it cannot read is left for the opening to explain.
    """
    if is_server(path):
        return False  # one round trip more to ask; a server's migrations are short
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return row is not None and row[0] != SCHEMA_REVISION


def open_engine(path: Path) -> Engine:
    """Create the folder and file as needed, apply migrations, return the engine."""
    _check_file(path)
    engine = create_library_engine(path)
    try:
        with environment_errors("open", path):
            migrate(engine)
    except NewerSchemaError as exc:
        engine.dispose()
        # The file names a schema revision this version does not ship.
        raise LibraryError(
            f"The library {path} was written by a newer version of NewsViewer; "
            "update NewsViewer to open it."
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    log.debug("opened library %s", path)
    return engine


# -- PostgreSQL -------------------------------------------------------------------

# The advisory lock every write transaction on a server takes first: writers wait
# for each other as SQLite's BEGIN IMMEDIATE makes them, so a story's duplicate
# check and its insert see every other importer's committed stories, and the
# count rows the triggers keep never make two writers wait for each other.
WRITE_LOCK = 0x4E56_4C49  # "NVLI"


def is_server(location: object) -> bool:
    """Whether ``location`` is a server URL (``postgresql://user@host/db``), not a file."""
    return paths.is_server(location)


def shown(location: Path | str) -> str:
    """``location`` as messages show it: a server URL without its password."""
    if is_server(location):
        from sqlalchemy.engine import make_url

        return make_url(str(location)).render_as_string(hide_password=True)
    return str(location)


def _on_begin_server(connection: Any) -> None:
    if connection.get_execution_options().get(WRITE, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def create_server_engine(url: str) -> Engine:
    """An engine for a PostgreSQL library; does not connect."""
    from sqlalchemy.engine import make_url

    from newsviewer.library import pg_sql

    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise LibraryError(
            "A PostgreSQL library needs the psycopg driver: pip install 'newsviewer[postgresql]'."
        ) from exc
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, json_serializer=_json_dumps, pool_pre_ping=True)
    event.listen(engine, "before_cursor_execute", pg_sql.before_cursor_execute, retval=True)
    event.listen(engine, "begin", _on_begin_server)
    return engine


def open_server(url: str) -> Engine:
    """Connect to a PostgreSQL library, create its tables or bring them up to date."""
    engine = create_server_engine(url)
    try:
        with environment_errors("open", shown(url)):
            migrate(engine)
    except NewerSchemaError as exc:
        engine.dispose()
        raise LibraryError(
            f"The library {shown(url)} was written by a newer version of NewsViewer; "
            "update NewsViewer to open it."
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    log.debug("opened library %s", shown(url))
    return engine
