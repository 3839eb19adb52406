"""Keyboard, remembered layout, zoom, and the story actions of the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow

from .conftest import GUI_FIXTURES, KERRY
from .helpers import import_and_wait, opened_urls, reading


def _three_stories(qtbot: QtBot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "stories"
    shutil.copytree(GUI_FIXTURES / "mixed-folder", folder)
    for bad in ("empty.txt", "noise.bin", "truncated.html"):
        (folder / bad).unlink()
    shutil.copy(KERRY, folder)
    import_and_wait(qtbot, window, [folder])
    assert window.model.rowCount() == 3


def _activate(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_keyboard_moves_through_the_list_and_into_the_reader(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    _three_stories(qtbot, window, tmp_path)
    _activate(qtbot, window)
    view = window.list_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    first = reading(window).id
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.currentIndex().row() == 1
    assert reading(window).id != first
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert reading(window).id == first
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.reader.hasFocus()

    qtbot.keyClick(window.reader, Qt.Key.Key_Slash)
    assert window.search_bar.hasFocus()
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_bar.hasFocus()
    # "/" typed into the search field is text, not a shortcut.
    qtbot.keyClick(window.search_bar, Qt.Key.Key_Slash)
    assert window.search_bar.text() == "/"

    # Esc in the list while searching brings back every story.
    window.search_bar.clear()
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClicks(window.search_bar, "riverside")
    assert window.model.rowCount() == 1
    window.list_view.setFocus()
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClick(window.list_view, Qt.Key.Key_Escape)
    assert window.search_bar.text() == ""
    assert window.model.rowCount() == 3


def test_layout_selection_and_text_size_are_remembered(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    _three_stories(qtbot, window, tmp_path)
    # Within the offscreen screen (800 x 600): geometry is clamped to the screen on restore.
    window.resize(760, 540)
    window.splitter.setSizes([250, 500])
    window.list_view.setCurrentIndex(window.model.index(2, 0))
    chosen = reading(window).id
    _activate(qtbot, window)
    before = window.reader.font_pt
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_pt == before + 2
    sizes = window.splitter.sizes()
    window.close()

    again = make_window()
    assert again.current_article() is not None
    assert reading(again).id == chosen
    assert again.list_view.currentIndex().row() == 2
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (760, 540)
    assert again.reader.font_pt == before + 2
    assert f"font-size:{before + 2:.1f}pt" in again.reader.rendered_html()

    _activate(qtbot, again)
    qtbot.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.font_pt == before + 1
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.font_pt == again.reader._default_font_pt


def test_open_original_hands_the_stored_file_to_the_desktop(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    window.window_actions.open_original.trigger()
    assert len(opened_urls(window)) == 1
    opened = Path(opened_urls(window)[0].toLocalFile())
    assert opened.name == KERRY.name
    assert opened.read_bytes() == KERRY.read_bytes()
    window.close()
    assert not opened.exists(), "temporary copies go away with the window"


def test_copy_story_text_puts_the_whole_story_on_the_clipboard(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    window.window_actions.copy_text.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("John Kerry: No troops on the ground in US aid to Iraq\n\n")
    assert "We’re not contemplating putting boots on the ground." in copied


def test_links_in_the_reader_open_only_through_the_desktop(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [GUI_FIXTURES / "mixed-folder" / "council-budget.txt"])
    from PySide6.QtCore import QUrl

    shown = reading(window).id
    window.reader.anchorClicked.emit(QUrl("https://example.com/story"))
    assert [u.toString() for u in opened_urls(window)] == ["https://example.com/story"]
    assert reading(window).id == shown  # the reader did not navigate


def test_story_actions_are_disabled_without_a_story(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.window_actions.delete.isEnabled()
    assert not window.window_actions.open_original.isEnabled()
    assert not window.window_actions.copy_text.isEnabled()
    assert window.list_view.accessibleName() == "Stories"
    assert window.window_actions.delete in window.list_view.actions()  # offered on right click
    assert window.reader.accessibleName() == "Story reader"
    assert window.search_bar.accessibleName() == "Search stories"
