"""The window's actions, their shortcuts, and the menu bar.

The actions are fields of a typed ``Actions`` record built from what the window offers
(``ActionHost``): this module does not import the window, and the window holds its
actions in one place instead of as loose attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QMenuBar, QWidget


class Zoomable(Protocol):
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_reset(self) -> None: ...


class ActionHost(Protocol):
    """What the actions call: the window, seen only through the slots it offers."""

    def choose_files(self) -> None: ...
    def choose_folder(self) -> None: ...
    def open_original(self) -> None: ...
    def copy_story_text(self) -> None: ...
    def print_story(self) -> object: ...
    def save_story_pdf(self) -> object: ...
    def close(self) -> bool: ...
    def delete_current(self) -> None: ...
    def focus_search(self) -> None: ...
    def next_hit(self) -> None: ...
    def previous_hit(self) -> None: ...
    def show_search_help(self) -> None: ...
    @property
    def reader(self) -> Zoomable: ...
    def set_quotes_visible(self, visible: bool) -> None: ...
    def show_about(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Actions:
    import_files: QAction
    import_folder: QAction
    open_original: QAction
    copy_text: QAction
    print_story: QAction
    save_pdf: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    delete: QAction
    find: QAction
    next_hit: QAction
    previous_hit: QAction
    search_help: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    quotes: QAction
    about: QAction

    @property
    def story_actions(self) -> tuple[QAction, ...]:
        """The actions on the story being read: enabled only while there is one."""
        return (self.open_original, self.copy_text, self.print_story, self.save_pdf, self.delete)

    def set_story_open(self, is_open: bool) -> None:
        for action in self.story_actions:
            action.setEnabled(is_open)


def _action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
) -> QAction:
    action = QAction(text, owner)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def build_actions(owner: QWidget, host: ActionHost, undo_stack: QUndoStack) -> Actions:
    """Create the actions of ``owner`` (the window) calling ``host``, with their shortcuts."""
    undo = undo_stack.createUndoAction(owner, "&Undo")
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    redo = undo_stack.createRedoAction(owner, "&Redo")
    redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo)])
    owner.addAction(undo)
    owner.addAction(redo)
    quotes = QAction("Show &Quotations", owner, checkable=True)
    # (setShortcut with one key sequence builds Qt's namespace enums to choose its overload.)
    quotes.setShortcuts([QKeySequence("Ctrl+Shift+Q")])
    quotes.toggled.connect(host.set_quotes_visible)
    owner.addAction(quotes)
    actions = Actions(
        import_files=_action(
            owner, "&Import Files…", host.choose_files, [QKeySequence.StandardKey.Open]
        ),
        import_folder=_action(owner, "Import &Folder…", host.choose_folder, ["Ctrl+Shift+O"]),
        open_original=_action(owner, "&Open Original File", host.open_original, ["Ctrl+Shift+E"]),
        copy_text=_action(owner, "&Copy Story Text", host.copy_story_text, ["Ctrl+Shift+C"]),
        print_story=_action(
            owner, "&Print Story…", host.print_story, [QKeySequence.StandardKey.Print]
        ),
        save_pdf=_action(owner, "Save Story as P&DF…", host.save_story_pdf, ["Ctrl+Shift+P"]),
        quit=_action(owner, "&Quit", host.close, [QKeySequence.StandardKey.Quit]),
        undo=undo,
        redo=redo,
        delete=_action(owner, "&Delete Story", host.delete_current, ["Del"]),
        find=_action(owner, "&Find", host.focus_search, [QKeySequence.StandardKey.Find]),
        next_hit=_action(owner, "Next &Hit", host.next_hit, ["F3"]),
        previous_hit=_action(owner, "Pre&vious Hit", host.previous_hit, ["Shift+F3"]),
        search_help=_action(owner, "&Search Syntax", host.show_search_help, ["F1"]),
        # (The reader is looked up when used: it is built after the window's first paint.)
        zoom_in=_action(owner, "Zoom &In", lambda: host.reader.zoom_in(), ["Ctrl+=", "Ctrl++"]),
        zoom_out=_action(owner, "Zoom &Out", lambda: host.reader.zoom_out(), ["Ctrl+-"]),
        zoom_reset=_action(owner, "&Actual Size", lambda: host.reader.zoom_reset(), ["Ctrl+0"]),
        quotes=quotes,
        about=_action(owner, "&About NewsViewer", host.show_about),
    )
    # "/" focuses the search like in many readers; the search field itself keeps "/".
    slash = QShortcut(QKeySequence("/"), owner)
    slash.activated.connect(host.focus_search)
    actions.set_story_open(False)
    return actions


def install_list_menu(view: QWidget, actions: Actions) -> None:
    """The story actions on a right click in the list (set once the list has rows)."""
    view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
    separator = QAction(view)
    separator.setSeparator(True)
    view.addActions([actions.open_original, actions.copy_text, separator, actions.delete])


def install_menus(bar: QMenuBar, actions: Actions) -> None:
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.import_files)
    file_menu.addAction(actions.import_folder)
    file_menu.addSeparator()
    file_menu.addAction(actions.open_original)
    file_menu.addAction(actions.copy_text)
    file_menu.addSeparator()
    file_menu.addAction(actions.print_story)
    file_menu.addAction(actions.save_pdf)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit = bar.addMenu("&Edit")
    edit.addAction(actions.undo)
    edit.addAction(actions.redo)
    edit.addSeparator()
    edit.addAction(actions.delete)
    edit.addSeparator()
    edit.addAction(actions.find)
    edit.addAction(actions.next_hit)
    edit.addAction(actions.previous_hit)
    view = bar.addMenu("&View")
    view.addAction(actions.zoom_in)
    view.addAction(actions.zoom_out)
    view.addAction(actions.zoom_reset)
    view.addSeparator()
    view.addAction(actions.quotes)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.search_help)
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
