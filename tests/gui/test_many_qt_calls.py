"""Tens of thousands of Qt calls returning nothing must not crash the interpreter.

PySide6 6.12.0 leaked one reference to None per such call on Python 3.11 until None's
reference count ran out and the process aborted (the none_dealloc bug); pyproject pins
below 6.12 on 3.11. This test fails loudly if a release with that bug is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 30_000


def test_thirty_thousand_void_calls_do_not_crash(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText(str(n))  # returns None
        label.update()  # returns None
    assert label.text() == str(CALLS - 1)
    # Each call must give back the None it returned; a leak would grow by ~60,000.
    assert sys.getrefcount(None) - before < CALLS
