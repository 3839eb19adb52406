"""The search field: debounced as you type, Esc clears it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent  # (annotation only)

# Qt's namespace is used as QtCore.Qt, looked up when needed: building its enums takes
# ~15 ms, and none is needed before the window's first paint.

# Wait this long after the last keystroke before searching: long enough that a word typed
# at normal speed costs one search, short enough that results feel live.
DEBOUNCE_MS = 150


class SearchBar(QLineEdit):
    """Emits ``query_changed`` with the settled text; Esc clears it at once."""

    query_changed = Signal(str)
    results_requested = Signal()
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search stories   (Ctrl+F or /)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search stories")
        self.setAccessibleDescription("Filters the list as you type; Esc clears it")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last = ""
        self.textChanged.connect(self._on_text_changed)

    def query(self) -> str:
        return self.text().strip()

    def set_query(self, text: str) -> None:
        """Replace the text and search for it at once (a filter chip was clicked)."""
        self.setText(text)
        self._timer.stop()
        self._emit()

    def clear_search(self) -> None:
        self.clear()
        self._timer.stop()
        self._emit()

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            # Going back to the full list needs no debounce: there is nothing to type.
            self._timer.stop()
            self._emit()
        else:
            self._timer.start()

    def _emit(self) -> None:
        query = self.query()
        if query != self._last:
            self._last = query
            self.query_changed.emit(query)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape:
            self.clear_search()
            event.accept()
            return
        if event.key() == QtCore.Qt.Key.Key_F1:
            self.help_requested.emit()
            event.accept()
            return
        if event.key() in (
            QtCore.Qt.Key.Key_Down,
            QtCore.Qt.Key.Key_Return,
            QtCore.Qt.Key.Key_Enter,
        ):
            # Move on to the results without waiting for the debounce.
            self._timer.stop()
            self._emit()
            self.results_requested.emit()
            return
        super().keyPressEvent(event)
