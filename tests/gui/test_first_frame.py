"""The window's first frame: painted before the rest loads, and nothing done in it is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsviewer.domain import IMPORTED
from newsviewer.gui.app import create_application, show_window_then_open
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import WindowSettings
from tests.gui.conftest import MakeWindow

from .conftest import KERRY
from .helpers import drag_enter, drop

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: which of our modules are loaded when the window is first
# painted, whether the rest of it was built then, and whether it is once the list shows.
_FIRST_PAINT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from newsviewer.gui.app import create_application, show_window_then_open

app = create_application(sys.argv[:1])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = show_window_then_open(Path(sys.argv[1]), settings=settings)
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "modules" not in seen:
            seen["modules"] = sorted(m for m in sys.modules if m.startswith("newsviewer"))
            seen["ready_at_paint"] = window.is_ready()
            seen["reader_pane"] = type(window.reader_splitter.widget(0)).__name__
        return False

def listed(rows):
    seen["rows"] = rows
    seen["ready_when_listed"] = window.is_ready()
    seen["reader_pane_when_listed"] = type(window.reader_splitter.widget(0)).__name__
    QApplication.quit()

probe = FirstPaint()
window.installEventFilter(probe)
window.list_refreshed.connect(listed)
QTimer.singleShot(20000, QApplication.quit)
app.exec()
print(json.dumps(seen))
"""


def test_first_frame_is_painted_before_the_reader_and_library_code_load(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _FIRST_PAINT,
            str(tmp_path / "library.sqlite3"),
            str(tmp_path / "settings.ini"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = set(seen["modules"])
    # The first frame is the real window, with stand-ins for the reader and quotations.
    assert "newsviewer.gui.main_window" in loaded
    assert seen["reader_pane"] == "ReaderPlaceholder"
    assert not seen["ready_at_paint"]
    for later in (
        "newsviewer.domain",
        "newsviewer.library",
        "newsviewer.gui.reader",
        "newsviewer.gui.row_painter",
        "newsviewer.gui.import_worker",
        "newsviewer.paths",
    ):
        assert later not in loaded, f"{later} loaded before the first paint"
    # Once the (new, empty) library is listed, the real reader is in place.
    assert seen["rows"] == 0
    assert seen["ready_when_listed"]
    assert seen["reader_pane_when_listed"] == "ReaderView"


def _window_before_first_paint(qtbot: QtBot, tmp_path: Path, library: Path) -> MainWindow:
    create_application(["newsviewer"])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = show_window_then_open(library, settings=settings)
    qtbot.addWidget(window)
    # Nothing has been painted yet: the event loop has not run since the window was shown.
    assert not window.is_ready() and not window.has_library()
    return window


def test_words_typed_before_the_library_opens_are_searched_once_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from newsviewer.importers import parse_file
    from newsviewer.library import Library

    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        article = parse_file(KERRY)[0]
        library.add(article, source_path=str(KERRY), original=KERRY.read_bytes())
    window = _window_before_first_paint(qtbot, tmp_path, path)
    qtbot.keyClicks(window.search_bar, "boots")
    assert not window.has_library()  # typed before it opened
    qtbot.waitUntil(lambda: window.has_library() and window.model.is_search(), timeout=10000)
    if window.tasks.busy():
        with qtbot.waitSignal(window.list_refreshed, timeout=10000):
            pass
    assert window.search_bar.text() == "boots"
    assert window.model.rowCount() == 1
    assert window.count_label.text() == "1 match in 1 story"
    window.close()
    window.library.close()


def test_a_file_dropped_before_the_library_opens_is_imported_once_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window_before_first_paint(qtbot, tmp_path, tmp_path / "library.sqlite3")
    assert drag_enter(window, [KERRY]).isAccepted()
    with qtbot.waitSignal(window.import_summarized, timeout=30000) as blocker:
        accepted = drop(window, [KERRY]).isAccepted()
    assert accepted
    outcomes = blocker.args[0].outcomes
    assert [(Path(o.path).name, o.status) for o in outcomes] == [(KERRY.name, IMPORTED)]
    assert window.model.rowCount() == 1
    assert window.current_article() is not None
    window.close()
    window.library.close()


def test_a_shortcut_pressed_before_the_reader_is_built_still_acts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, WindowSettings(settings))
    qtbot.addWidget(window)
    assert not window.is_ready()
    readied: list[bool] = []
    window.ready.connect(lambda: readied.append(True))
    window.window_actions.zoom_in.trigger()  # Ctrl+= before the first paint
    assert readied == [True] and window.is_ready()
    assert window.reader.font_pt == window.reader._default_font_pt + 1
    # The stand-ins have given way to the real panes, in the same places.
    assert window.reader_splitter.widget(0) is window.reader
    assert window.reader_splitter.widget(1) is window.quotes_panel
    assert QApplication.instance() is not None


def test_window_is_ready_right_after_its_first_paint(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.is_ready()
    assert window.reader.accessibleName() == "Story reader"
    assert window.list_view.contextMenuPolicy().name == "ActionsContextMenu"
    assert not window.windowIcon().isNull()


def test_quotations_hidden_last_time_come_back_at_their_width(qtbot: QtBot, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    WindowSettings(store).set_quotes_visible(False)
    window = MainWindow(None, WindowSettings(store))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.show()
    assert not window.quotes_panel.isVisible()
    window.window_actions.quotes.trigger()  # View > Show Quotations
    assert window.quotes_panel.isVisible()
    # (Laid out on the next pass of the event loop.)
    qtbot.waitUntil(lambda: window.reader_splitter.sizes()[1] >= 200, timeout=10000)
