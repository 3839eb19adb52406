"""An exception nobody caught is logged with its traceback and told to the user in a few
words; the window's start-up loads nothing that exists only on Unix."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.gui.crash import CrashHandler, setup_logging

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            root.removeHandler(handler)
            handler.close()


def _raise_in_a_slot() -> BaseException:
    stories: dict[str, int] = {}
    try:
        stories["missing"]  # the bug
    except KeyError as exc:
        return exc
    raise AssertionError("unreachable")


def test_an_uncaught_exception_is_logged_and_the_user_told_where(log_file: Path) -> None:
    shown: list[tuple[str, str]] = []
    handler = CrashHandler(lambda: log_file, lambda title, text: shown.append((title, text)))
    error = _raise_in_a_slot()
    handler.handle(type(error), error, error.__traceback__)

    logged = log_file.read_text(encoding="utf-8")
    assert "Uncaught exception" in logged
    assert "Traceback (most recent call last)" in logged
    assert "_raise_in_a_slot" in logged and "KeyError: 'missing'" in logged
    [(title, text)] = shown
    assert "problem" in title
    assert "KeyError" in text and str(log_file) in text
    assert len(text.splitlines()) <= 6  # a short message, not a traceback


def test_a_thread_crash_is_handled_too_and_a_second_one_while_told_is_only_logged(
    log_file: Path,
) -> None:
    shown: list[str] = []
    handler = CrashHandler(lambda: log_file, lambda _title, text: shown.append(text))

    def show_and_crash_again(_title: str, text: str) -> None:
        shown.append(text)
        error = _raise_in_a_slot()
        handler.handle(type(error), error, error.__traceback__)  # while the dialog is up

    handler._show = show_and_crash_again
    previous = threading.excepthook
    handler.install()
    try:
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
    finally:
        threading.excepthook = previous
        sys.excepthook = sys.__excepthook__
    assert handler.handled == 2
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0]
    assert log_file.read_text(encoding="utf-8").count("Uncaught exception") == 2


def test_a_big_log_is_moved_aside_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "newsviewer.log").write_text("x" * 1_100_000, encoding="utf-8")
    path = setup_logging(folder)
    try:
        assert (folder / "newsviewer.log.1").stat().st_size == 1_100_000
        assert not path.exists() or path.stat().st_size < 1000
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, logging.FileHandler) and handler.baseFilename == str(path):
                root.removeHandler(handler)
                handler.close()


def test_the_window_code_loads_where_unix_only_modules_do_not_exist() -> None:
    # As on Windows: importing any of these fails.
    code = (
        "import sys\n"
        "for name in ('resource', 'fcntl', 'termios', 'pwd', 'grp'):\n"
        "    sys.modules[name] = None\n"
        "import newsviewer.gui.app, newsviewer.gui.main_window, newsviewer.gui.crash\n"
        "from newsviewer.gui.app import _peak_rss_kb\n"
        "assert _peak_rss_kb() == 0\n"
        "print('ok')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
