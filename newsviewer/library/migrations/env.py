"""Alembic environment: runs in-process on the connection the library hands over.

``Library.open`` puts an open connection in ``config.attributes["connection"]``;
developers running the ``alembic`` command instead pass ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from newsviewer.library.models import Base, include_name


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url (alembic -x is not supported) to run migrations")
    engine = create_engine(url)
    with engine.begin() as conn:
        run(conn)


main()
