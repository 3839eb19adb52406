"""A second launch on the same library raises the first window instead of opening another."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.gui.single_instance import InstanceServer, hand_over, raise_window, server_name
from tests.gui.conftest import MakeWindow

from .conftest import KERRY
from .helpers import IMPORT_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]


def test_each_library_has_its_own_name(tmp_path: Path) -> None:
    first = server_name(tmp_path / "a.sqlite3")
    assert first == server_name(str(tmp_path / "a.sqlite3"))
    assert first != server_name(tmp_path / "b.sqlite3")
    assert first.startswith("newsviewer-")


def test_a_second_launch_hands_its_files_to_the_first_window_and_raises_it(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    server = InstanceServer(server_name(tmp_path / "library.sqlite3"))
    assert server.is_listening()
    server.launched.connect(raise_window(window, window.import_files))
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=10000)

    # The second launch is a process of its own, started as a user would start it.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    launch = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsviewer",
            "--library",
            str(tmp_path / "library.sqlite3"),
            str(KERRY),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS):
        qtbot.waitUntil(lambda: launch.poll() is not None, timeout=30000)
    assert launch.returncode == 0, launch.stderr.read() if launch.stderr else ""
    assert not window.isMinimized()
    assert window.model.rowCount() == 1  # the file given to the second launch


def test_without_a_first_window_a_launch_opens_its_own(tmp_path: Path) -> None:
    assert not hand_over(server_name(tmp_path / "nobody.sqlite3"), [KERRY])
