"""Application start-up: the QApplication, the library, the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from newsviewer.errors import NewsViewerError
from newsviewer.gui.icons import app_icon
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import APPLICATION, ORGANIZATION, WindowSettings
from newsviewer.gui.theme import SYSTEM, THEMES, apply_theme

log = logging.getLogger(__name__)

# Forces a theme ("light" or "dark") instead of following the system; used for
# screenshots and by people whose desktop does not report its colour scheme.
THEME_ENV = "NEWSVIEWER_THEME"

# How long (s) a thread may keep the GIL while another waits for it. Python's default of
# 5 ms lets the import thread hold the GUI thread back 5 ms per wait, and a repaint waits
# many times: at 1 ms the longest stall while importing 2,000 files fell from 80-120 ms to
# about 65 ms (benchmarks/gui_import_stall.py); import speed stayed within run-to-run noise.
GIL_SWITCH_INTERVAL_S = 0.001


def create_application(argv: Sequence[str] | None = None, theme: str | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("NewsViewer")
    app.setDesktopFileName("newsviewer")
    app.setWindowIcon(app_icon())
    chosen = (theme or os.environ.get(THEME_ENV, SYSTEM)).lower()
    apply_theme(app, chosen if chosen in THEMES else SYSTEM)
    return app


def open_window(
    library_path: Path, files: Sequence[Path] = (), settings: QSettings | None = None
) -> MainWindow | None:
    """Open the library and show the window on it; None (after telling the user) if it fails."""
    from newsviewer.library import Library

    try:
        library = Library.open(library_path)
    except NewsViewerError as exc:
        QMessageBox.critical(None, "NewsViewer cannot open its library", str(exc))
        return None
    window = MainWindow(library, WindowSettings(settings))
    window.show()
    if files:
        window.import_files(list(files))
    return window


def run(library_path: Path, files: list[Path]) -> int:
    """Open the window on ``library_path`` and import ``files``; returns the exit status."""
    app = create_application()
    window = open_window(library_path, files)
    if window is None:
        return 1
    status = app.exec()
    window.library.close()
    return int(status)
