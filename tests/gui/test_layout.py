"""The reader keeps a readable measure at every window size; a cleared search leaves no
trace in the reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from newsviewer.gui.layout_rules import FOLD_BELOW, HANDLES, READER_MIN, list_width
from newsviewer.gui.main_window import MainWindow
from tests.gui.conftest import MakeWindow

from .conftest import KERRY
from .helpers import import_and_wait, reading

HEADLINE = "John Kerry: No troops on the ground in US aid to Iraq"


def _resized(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=10000)
    qtbot.wait(50)  # the rules apply once the splitters have their new sizes


def _headline_lines(document: QTextDocument) -> int:
    block = document.begin()
    while block.isValid():
        if block.text().strip() == HEADLINE:
            layout = block.layout()
            assert layout is not None
            return layout.lineCount()
        block = block.next()
    raise AssertionError("headline not rendered")


def test_a_small_window_folds_the_quotations_and_keeps_the_reader_readable(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    assert reading(window).title == HEADLINE
    _resized(qtbot, window, 800, 600)

    assert window.reader.width() >= READER_MIN
    assert not window.quotes_panel.isVisible()
    assert not window.living.dock.isVisible()  # the sidebar folds too, behind its toggle
    toggle = window.pane_rules._toggle
    assert toggle.isVisible() and not toggle.isChecked()
    # Two words or more a line on average: the headline never wraps a word per line.
    words = len(HEADLINE.split())
    assert _headline_lines(window.reader.document()) * 2 <= words

    toggle.click()  # the quotations on demand
    assert window.quotes_panel.isVisible()
    toggle.click()
    assert not window.quotes_panel.isVisible()
    assert window.settings.quotes_visible()  # folding is not the user's wish to hide them


def test_a_wide_window_widens_the_list_and_shows_the_quotations_again(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    _resized(qtbot, window, 800, 600)
    narrow_list = window.splitter.sizes()[0]
    _resized(qtbot, window, 1920, 1080)

    assert window.splitter.sizes()[0] > narrow_list
    # (Beside the library sidebar, the list and the reader share what is left.)
    assert window.splitter.sizes()[0] >= list_width(sum(window.splitter.sizes()), 0) - 20
    assert window.quotes_panel.isVisible()
    assert window.living.dock.isVisible()
    assert not window.pane_rules._toggle.isVisible()
    assert window.reader.width() >= 2 * READER_MIN


def test_list_width_rules() -> None:
    assert list_width(800, 360) == 800 - READER_MIN - HANDLES  # narrowed for the reader
    assert list_width(760, 250) == 250  # a width the user chose that fits is kept
    assert list_width(1920, 270) > 470  # widened in a wide window
    assert list_width(FOLD_BELOW, 400) == 400


def test_clearing_a_search_removes_its_marks_and_hits_from_the_reader(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.set_query("troops")
    qtbot.waitUntil(lambda: window.reader.hit_count() > 0, timeout=5000)
    assert window.hit_label.isVisible()
    marked = window.reader.rendered_html()
    assert "troops" in marked.lower()

    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        qtbot.keyClick(window.list_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.reader.hit_count() == 0, timeout=5000)
    assert not window.hit_label.isVisible()
    assert reading(window).title == HEADLINE
    assert window.reader.rendered_html() != marked
