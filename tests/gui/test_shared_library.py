"""A window on a shared server library lists the stories a colleague imports."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsviewer.domain import Article, Block
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import WindowSettings
from newsviewer.library import Library


def story(title: str) -> Article:
    return Article(format="text", title=title, blocks=(Block("p", f"{title} happened."),))


def test_a_colleagues_import_appears_in_the_open_window(
    qtbot: QtBot, pg_url: str, tmp_path: object
) -> None:
    mine = Library.open(pg_url)
    mine.add(story("Morning briefing"), source_path="a.txt", original=b"a")
    settings = QSettings(f"{tmp_path}/settings.ini", QSettings.Format.IniFormat)
    window = MainWindow(mine, WindowSettings(settings))
    try:
        window.show()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10000)

        with Library.open(pg_url) as colleague:
            colleague.add(story("Evening update"), source_path="b.txt", original=b"b")

        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10000)
        assert "2" in window.count_label.text()
    finally:
        # Gone with its timers (one marks the story read) before the database is
        # dropped, which qtbot's own clean-up would leave until after.
        gone: list[bool] = []
        window.destroyed.connect(lambda: gone.append(True))
        window.close()
        window.deleteLater()
        qtbot.waitUntil(lambda: bool(gone), timeout=5000)
        mine.close()
