"""Start-up: the window opens on a library path and imports files given on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from newsviewer.domain import IMPORTED, Article
from newsviewer.gui.app import create_application, show_window_then_open
from tests.migration_helpers import downgrade

from .conftest import KERRY


def test_window_opens_on_the_library_and_imports_given_files(qtbot: QtBot, tmp_path: Path) -> None:
    app = create_application(["newsviewer"])
    assert app is QApplication.instance()
    assert app.organizationName() == "NewsViewer"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = show_window_then_open(tmp_path / "new" / "library.sqlite3", [KERRY], settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_summarized, timeout=30000) as blocker:
        pass
    assert [o.status for o in blocker.args[0].outcomes] == [IMPORTED]
    assert window.isVisible()
    assert window.model.rowCount() == 1
    assert (tmp_path / "new" / "library.sqlite3").exists()
    window.close()
    window.library.close()


def test_window_is_shown_before_the_library_opens_then_lists_its_stories(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from newsviewer.library import Library

    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        library.add(_kerry_article(), source_path=str(KERRY), original=KERRY.read_bytes())
    create_application(["newsviewer"])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = show_window_then_open(path, settings=settings)
    qtbot.addWidget(window)
    # Shown at once with the list pane (not the empty-library page), saying it is opening.
    assert window.isVisible()
    assert window.pages.currentWidget() is window.splitter
    assert window.count_label.text() == "Opening the library…"
    with qtbot.waitSignal(window.list_refreshed, timeout=10000):
        pass
    assert window.count_label.text() == "1 story"
    assert window.current_article() is not None
    window.close()
    window.library.close()


def test_a_library_from_an_older_version_is_updated_while_the_window_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from newsviewer.library import Library

    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        library.add(_kerry_article(), source_path=str(KERRY), original=KERRY.read_bytes())
    downgrade(path, "0004")  # as version 0004 left it: no story count
    create_application(["newsviewer"])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    said: list[str] = []

    window = show_window_then_open(path, settings=settings)
    qtbot.addWidget(window)
    window.upgrade_started.connect(lambda: said.append(window.message_label.text()))
    with qtbot.waitSignal(window.list_refreshed, timeout=20000):
        pass

    assert said and said[0].startswith("Updating the library for this version")
    assert window.count_label.text() == "1 story"
    assert window.list_stack.currentWidget() is window.list_view
    assert window.current_article() is not None
    assert window.library.count() == 1
    window.close()
    window.library.close()


def test_unusable_library_found_after_showing_the_window_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    create_application(["newsviewer"])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    not_a_library = tmp_path / "notes.sqlite3"
    not_a_library.write_text("these are my notes, not a database", encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = show_window_then_open(not_a_library, settings=settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert len(shown) == 1 and "not a NewsViewer library" in shown[0]
    assert window.open_failed and not window.isVisible()


def _kerry_article() -> Article:
    from newsviewer.importers import parse_file

    return parse_file(KERRY)[0]


def test_window_start_is_told_from_commands_without_loading_the_command_line() -> None:
    from newsviewer import __main__ as entry
    from newsviewer.cli import COMMANDS

    assert entry.COMMANDS == COMMANDS
    assert entry.window_arguments([]) == (None, [])
    assert entry.window_arguments(["--library", "lib.sqlite3", "a.html"]) == (
        "lib.sqlite3",
        [Path("a.html")],
    )
    assert entry.window_arguments(["a.html", "search"]) == (None, [Path("a.html"), Path("search")])
    # Commands, options and mistakes are the command line's to handle and explain.
    for argv in (["search", "x"], ["--library=l", "import", "a"], ["--help"], ["--library"]):
        assert entry.window_arguments(argv) is None
