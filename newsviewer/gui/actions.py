"""The window's actions, their shortcuts, and the menu bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence, QShortcut

if TYPE_CHECKING:
    from newsviewer.gui.main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def install_actions(window: MainWindow) -> None:
    """Create the window's actions (as attributes of the window) with their shortcuts."""
    window.import_files_action = _action(
        window, "&Import Files…", window.choose_files, [QKeySequence.StandardKey.Open]
    )
    window.import_folder_action = _action(
        window, "Import &Folder…", window.choose_folder, ["Ctrl+Shift+O"]
    )
    window.open_original_action = _action(
        window, "&Open Original File", window.open_original, ["Ctrl+Shift+E"]
    )
    window.copy_text_action = _action(
        window, "&Copy Story Text", window.copy_story_text, ["Ctrl+Shift+C"]
    )
    window.quit_action = _action(window, "&Quit", window.close, [QKeySequence.StandardKey.Quit])
    window.undo_action = window.undo_stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    window.redo_action = window.undo_stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo)])
    window.addAction(window.undo_action)
    window.addAction(window.redo_action)
    window.delete_action = _action(window, "&Delete Story", window.delete_current, ["Del"])
    window.find_action = _action(
        window, "&Find", window.focus_search, [QKeySequence.StandardKey.Find]
    )
    window.next_hit_action = _action(window, "Next &Hit", window.next_hit, ["F3"])
    window.previous_hit_action = _action(window, "Pre&vious Hit", window.previous_hit, ["Shift+F3"])
    window.search_help_action = _action(window, "&Search Syntax", window.show_search_help, ["F1"])
    # (The reader is looked up when used: it is built after the window's first paint.)
    window.zoom_in_action = _action(
        window, "Zoom &In", lambda: window.reader.zoom_in(), ["Ctrl+=", "Ctrl++"]
    )
    window.zoom_out_action = _action(
        window, "Zoom &Out", lambda: window.reader.zoom_out(), ["Ctrl+-"]
    )
    window.zoom_reset_action = _action(
        window, "&Actual Size", lambda: window.reader.zoom_reset(), ["Ctrl+0"]
    )
    window.quotes_action = QAction("Show &Quotations", window, checkable=True)
    # (setShortcut with one key sequence builds Qt's namespace enums to choose its overload.)
    window.quotes_action.setShortcuts([QKeySequence("Ctrl+Shift+Q")])
    window.quotes_action.toggled.connect(window._set_quotes_visible)
    window.addAction(window.quotes_action)
    window.about_action = _action(window, "&About NewsViewer", window._about)
    # "/" focuses the search like in many readers; the search field itself keeps "/".
    slash = QShortcut(QKeySequence("/"), window)
    slash.activated.connect(window.focus_search)
    window._story_actions = (
        window.open_original_action,
        window.copy_text_action,
        window.delete_action,
    )
    window._update_story_actions()


def install_list_menu(window: MainWindow) -> None:
    """The story actions on a right click in the list (set once the list has rows)."""
    window.list_view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
    separator = QAction(window.list_view)
    separator.setSeparator(True)
    window.list_view.addActions(
        [window.open_original_action, window.copy_text_action, separator, window.delete_action]
    )


def install_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(window.import_files_action)
    file_menu.addAction(window.import_folder_action)
    file_menu.addSeparator()
    file_menu.addAction(window.open_original_action)
    file_menu.addAction(window.copy_text_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit = bar.addMenu("&Edit")
    edit.addAction(window.undo_action)
    edit.addAction(window.redo_action)
    edit.addSeparator()
    edit.addAction(window.delete_action)
    edit.addSeparator()
    edit.addAction(window.find_action)
    edit.addAction(window.next_hit_action)
    edit.addAction(window.previous_hit_action)
    view = bar.addMenu("&View")
    view.addAction(window.zoom_in_action)
    view.addAction(window.zoom_out_action)
    view.addAction(window.zoom_reset_action)
    view.addSeparator()
    view.addAction(window.quotes_action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(window.search_help_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)
