from __future__ import annotations

from pathlib import Path

import pytest

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
