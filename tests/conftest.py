from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg_server as pg_server_module

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "nbc-kerry-iraq.txt"


@pytest.fixture(autouse=True)
def _isolated_library(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test ever touches the user's real library or settings."""
    home = tmp_path_factory.mktemp("home")
    lib = home / "library.sqlite3"
    monkeypatch.setenv("NEWSVIEWER_LIBRARY", str(lib))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return lib


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_server_module.Server]:
    """A throwaway PostgreSQL cluster for the whole run (``pg_server.py``).

    Skips the tests that need it, saying why, only where no server can be started
    (no PostgreSQL installed); CI installs it.
    """
    try:
        server = pg_server_module.start()
    except pg_server_module.NoServer as exc:
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: pg_server_module.Server) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards."""
    url = pg_server.create()
    try:
        yield url
    finally:
        pg_server.drop(url)
