"""Application start-up, in one sequence (``run``):

1. the crash handler: an exception nobody catches is logged and told (gui/crash.py);
2. the QApplication, with its names and theme (``create_application``);
3. the window's first frame: menus, search field, an empty list, stand-ins for the reader
   and the quotations (``MainWindow(None)``), shown;
4. once that frame is painted (``open_library``): the rest of the window
   (``finish_building``), the log file, the library's path, the library opened (or
   updated for this version in the background), handed to the window
   (``attach_library``), and the files given on the command line imported.

Between 2 and 3, a window already open on the same library is looked for
(gui/single_instance.py): if there is one it is handed the files and raised, and this
launch ends instead of opening a duplicate.

Nothing Unix-only is imported at the top: the window must start on Windows and macOS.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from newsviewer.errors import NewsViewerError
from newsviewer.gui.after_paint import AfterNextPaint
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import APPLICATION, ORGANIZATION, WindowSettings
from newsviewer.gui.theme import SYSTEM, THEMES, apply_theme

# Forces a theme ("light" or "dark") instead of following the system; used for
# screenshots and by people whose desktop does not report its colour scheme.
THEME_ENV = "NEWSVIEWER_THEME"

# Set to 1, the app prints "painted <unix time>" once the window is first painted,
# "ready <unix time>" once the parts built after that paint are there (the reader...),
# "listed <unix time>" once the story list is painted, its peak RSS, and quits:
# benchmarks/startup_bench.py times start-up with it.
EXIT_AFTER_PAINT_ENV = "NEWSVIEWER_EXIT_AFTER_PAINT"

# Set to a number of seconds, the window closes itself that long after it opens (after
# the import of the files it was given ends, if any), as if the user had closed it: the
# bundle's smoke test (packaging/smoke-test.sh) runs the window unattended with it.
QUIT_AFTER_ENV = "NEWSVIEWER_QUIT_AFTER"

# The application id: the name of the installed .desktop file and AppStream metadata
# (packaging/). Wayland compositors match the window to its menu entry and icon by it.
APP_ID = "io.github.newsviewer.NewsViewer"

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
    app.setDesktopFileName(APP_ID)
    # (The window sets its icon, drawn in code, once it is first painted.)
    chosen = (theme or os.environ.get(THEME_ENV, SYSTEM)).lower()
    apply_theme(app, chosen if chosen in THEMES else SYSTEM)
    return app


def _peak_rss_kb() -> int:
    """The process's peak resident memory (KiB); 0 where the OS does not say (Windows)."""
    try:
        import resource  # (Unix only)
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _PaintProbe(QObject):
    """Reports the first paint of the window, then the first paint showing the list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._stage = "painted"
        window.list_refreshed.connect(self._on_listed)
        window.ready.connect(lambda: print(f"ready {time.time():.6f}", flush=True))
        self._listed = False
        window.installEventFilter(self)

    def _on_listed(self, _rows: int) -> None:
        self._listed = True
        if self._stage == "listed":
            self._window.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # Children paint right after the window in the same pass; report after it.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        if self._stage == "painted":
            print(f"painted {time.time():.6f}", flush=True)
            self._stage = "listed"
            if not self._listed:
                return
        if self._stage == "listed" and self._listed:
            print(f"listed {time.time():.6f}", flush=True)
            self._stage = "done"
            print(f"peak_rss_kb {_peak_rss_kb()}", flush=True)
            self._window.close()
            QApplication.quit()


# A window that is never exposed (minimised at start) still gets its library.
OPEN_FALLBACK_MS = 1000


def show_window_then_open(
    library_path: Path | str | Callable[[], Path | str],
    files: Sequence[Path] = (),
    settings: QSettings | None = None,
) -> MainWindow:
    """Show the window at once; open the library (and import ``files``) once it is painted.

    Loading the library code (SQLAlchemy, the migration check) takes longer than building
    and painting the window, so the window appears first and fills in a moment later.
    If the library cannot be opened the user is told and the window closes
    (``window.open_failed`` is then True). ``library_path`` may be a function giving it,
    also called after the paint.
    """
    window = MainWindow(None, WindowSettings(settings))

    def open_library() -> None:
        # The rest of the window first: it is there while the library code loads.
        window.finish_building()
        _start_logging()
        from PySide6.QtWidgets import QMessageBox

        from newsviewer.library import Library
        from newsviewer.library.db import upgrade_needed

        def failed(reason: str) -> None:
            QMessageBox.critical(window, "NewsViewer cannot open its library", reason)
            window.open_failed = True
            window.close()

        def opened(library: Library) -> None:
            window.statusBar().clearMessage()
            window.attach_library(library)
            if files:
                window.import_files(list(files))

        path = library_path() if callable(library_path) else library_path
        if upgrade_needed(path):
            # Migrating an older library can take minutes: the window stays usable.
            window.show_upgrading()
            window.tasks.submit("open", lambda: Library.open(path), opened, failed)
            return
        try:
            library = Library.open(path)
        except NewsViewerError as exc:
            failed(str(exc))
            return
        opened(library)

    AfterNextPaint(window, open_library, OPEN_FALLBACK_MS)
    window.show()
    return window


def _start_logging() -> None:
    from newsviewer.gui.crash import setup_logging

    try:
        path = setup_logging()
    except OSError as exc:  # a read-only home: the app works, without a log file
        print(f"NewsViewer: no log file ({exc})", file=sys.stderr)
        return
    import logging

    logging.getLogger("newsviewer").info("NewsViewer started; log at %s", path)


def run(library: str | os.PathLike[str] | None, files: list[Path]) -> int:
    """Open the window on ``library`` (``--library``; None: the default) and import ``files``.

    Returns the exit status. The steps are listed in this module's docstring.
    """
    from newsviewer.gui.crash import CrashHandler

    CrashHandler().install()
    app = create_application()
    from newsviewer.gui.single_instance import InstanceServer, hand_over, server_name

    name = server_name(library)
    if hand_over(name, files):
        return 0  # the window already open on this library came to the front
    server = InstanceServer(name)

    def library_path() -> Path | str:
        # Where the library is, decided once the window is painted: platformdirs is not
        # needed for the first frame.
        from newsviewer.paths import library_path

        return library_path(library)

    window = show_window_then_open(library_path, files)
    from newsviewer.gui.single_instance import raise_window

    server.launched.connect(raise_window(window, window.import_files))
    if os.environ.get(EXIT_AFTER_PAINT_ENV) == "1":
        _PaintProbe(window)
    quit_after = os.environ.get(QUIT_AFTER_ENV)
    if quit_after:
        delay = round(float(quit_after) * 1000)
        if files:
            # A busy machine may take longer than any fixed time to open and import.
            window.import_summarized.connect(lambda _: QTimer.singleShot(delay, window.close))
        else:
            QTimer.singleShot(delay, window.close)
    status = app.exec()
    if window.open_failed:
        return 1
    if window.has_library():  # (not when closed before it opened)
        window.library.close()
    return int(status)
