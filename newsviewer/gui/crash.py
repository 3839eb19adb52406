"""Logging to a file, and what happens to an exception nobody caught (as qutebrowser's and
Anki's crash handlers do): it is written to the log with its traceback, and the user is
told in a few words where the details are, instead of the window silently misbehaving.

The hook is installed first thing at start; the log file is opened once the window is on
screen (the folder comes from platformdirs, whose import costs ~13 ms before the first
paint), or at once should something fail before that.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("newsviewer")

LOG_FILE = "newsviewer.log"
# A log over this size at start is moved aside (one old copy kept): it never grows
# without end, and the last session's details survive one restart.
MAX_LOG_BYTES = 1_000_000
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ShowMessage = Callable[[str, str], None]  # (title, text)


def log_folder() -> Path:
    """The per-user log folder (``~/.local/state/NewsViewer/log`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("NewsViewer", appauthor=False))


def setup_logging(folder: Path | None = None) -> Path:
    """Write log records of INFO and above to the log file; return its path."""
    folder = folder if folder is not None else log_folder()
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path  # (already set up)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.1"))
    except OSError:
        pass  # no log yet, or it cannot be moved: appended to
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return path


def _show_in_a_dialog(title: str, text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(f"{title}\n{text}", file=sys.stderr)
        return
    QMessageBox.critical(None, title, text)


class CrashHandler:
    """Logs uncaught exceptions (of the GUI thread and of other threads) and tells the user.

    ``show`` displays the message (a dialog; tests pass their own). One message at a
    time: an exception raised while one is on screen is only logged.
    """

    def __init__(
        self, log_path: Callable[[], Path] = setup_logging, show: ShowMessage | None = None
    ) -> None:
        self._log_path = log_path
        self._show = show or _show_in_a_dialog
        self._showing = False
        self.handled = 0

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self,
        kind: type[BaseException],
        value: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        self.handled += 1
        try:
            path: Path | None = self._log_path()
        except OSError:
            path = None  # no log folder (read-only home): the message still says what
        log.critical("Uncaught exception", exc_info=(kind, value, traceback))
        if self._showing:
            return
        where = f"The details are in {path}." if path is not None else ""
        text = (
            "NewsViewer ran into a problem it did not expect and may not work as it "
            f"should until it is restarted.\n\n{kind.__name__}: {value}\n\n{where}"
        ).strip()
        self._showing = True
        try:
            self._show("NewsViewer ran into a problem", text)
        finally:
            self._showing = False
