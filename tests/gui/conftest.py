"""Offscreen Qt, a library in a temporary folder, and settings that never touch the user's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, QUrl

from newsviewer.library import Library

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from newsviewer.gui.main_window import MainWindow

# What the make_window fixture gives: build a shown window (on the test's library).
MakeWindow = Callable[..., "MainWindow"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GUI_FIXTURES = FIXTURES / "gui"
KERRY = FIXTURES / "nbc-kerry-iraq.txt"


@pytest.fixture(autouse=True)
def _private_settings_path(tmp_path: Path) -> None:
    # Anything that builds a default QSettings lands in the test's folder, not in ~/.config.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, settings_file: Path) -> MakeWindow:
    """Build a shown main window and wait for its first list load."""
    from newsviewer.gui.main_window import MainWindow
    from newsviewer.gui.settings import WindowSettings

    def make(lib: Library = library) -> MainWindow:
        opened: list[QUrl] = []
        store = QSettings(str(settings_file), QSettings.Format.IniFormat)
        # The first list load is delivered through the event loop, so connecting to its
        # signal after construction cannot miss it.
        window = MainWindow(lib, WindowSettings(store), open_url=opened.append)
        window.opened_urls = opened  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.list_refreshed, timeout=5000):
            window.show()
        return window

    return make


# The offscreen platform plugin warns that it cannot do window-manager things (raise a
# window, pass size hints); those are facts about the test platform, not faults of the app.
_PLATFORM_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_PLATFORM_NOISE))
