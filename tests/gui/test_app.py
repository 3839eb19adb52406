"""Start-up: the window opens on a library path and imports files given on the command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from newsviewer.domain import IMPORTED
from newsviewer.gui.app import create_application, open_window

from .conftest import KERRY


def test_window_opens_on_the_library_and_imports_given_files(qtbot, tmp_path: Path):
    app = create_application(["newsviewer"])
    assert app is QApplication.instance()
    assert app.organizationName() == "NewsViewer"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(tmp_path / "new" / "library.sqlite3", [KERRY], settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_summarized, timeout=30000) as blocker:
        pass
    assert [o.status for o in blocker.args[0].outcomes] == [IMPORTED]
    assert window.isVisible()
    assert window.model.rowCount() == 1
    assert (tmp_path / "new" / "library.sqlite3").exists()
    window.close()
    window.library.close()


def test_unusable_library_is_explained_and_no_window_opens(qtbot, tmp_path: Path, monkeypatch):
    create_application(["newsviewer"])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    not_a_library = tmp_path / "notes.sqlite3"
    not_a_library.write_text("these are my notes, not a database", encoding="utf-8")
    assert open_window(not_a_library, []) is None
    assert len(shown) == 1 and "not a NewsViewer library" in shown[0]
