"""Turn a library back into what an older version left, to test its upgrade."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from alembic import command
from alembic.config import Config

from newsviewer.library.db import WRITE, create_library_engine, create_server_engine, is_server


def downgrade(path: Path | str, revision: str) -> None:
    """Run the migrations' own downgrades until the library is at ``revision``.

    ``path`` is a library file or a server URL.
    """
    engine = (
        create_server_engine(str(path)) if is_server(path) else create_library_engine(Path(path))
    )
    try:
        with as_file(files("newsviewer.library").joinpath("migrations")) as location:
            config = Config()
            config.set_main_option("script_location", str(location))
            with engine.connect() as connection:
                connection = connection.execution_options(**{WRITE: True})
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.downgrade(config, revision)
    finally:
        engine.dispose()
