"""The story's highlights, listed beside it: colour, words and note; a click goes to one.

A highlight's note is edited, its colour changed or the highlight removed from
the right-click menu. The panel only shows records;
the controller stores every change through ``library.highlights``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog, QListWidget, QListWidgetItem, QMenu, QWidget

from newsviewer.library.highlights import COLOURS, Highlight

_ID = Qt.ItemDataRole.UserRole


class HighlightsPanel(QListWidget):
    highlight_activated = Signal(object)  # Highlight
    note_edited = Signal(int, str)  # highlight id, new note
    colour_chosen = Signal(int, str)  # highlight id, colour name
    removal_requested = Signal(int)  # highlight id

    def __init__(self, tints: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.setAccessibleName("Highlights")
        self.setWordWrap(True)
        self.setMinimumWidth(160)
        self._tints = tints
        self._highlights: dict[int, Highlight] = {}
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def set_highlights(self, highlights: Sequence[Highlight], *, keep: bool = False) -> None:
        """List ``highlights``; with ``keep`` (the same story's, changed in another
        window) the one chosen and the scroll stay where they were."""
        current = self.currentItem() if keep else None
        chosen = None if current is None else current.data(_ID)
        scroll = self.verticalScrollBar().value() if keep else 0
        self.clear()
        self._highlights = {h.id: h for h in highlights}
        for h in highlights:
            item = QListWidgetItem(self._label(h))
            item.setToolTip(h.note or h.text)
            item.setData(_ID, h.id)
            item.setBackground(QColor(self._tints.get(h.colour, "#f5e27a")))
            item.setForeground(QColor("#111111"))
            self.addItem(item)
            if h.id == chosen:
                self.setCurrentItem(item)
        self.verticalScrollBar().setValue(scroll)

    @staticmethod
    def _label(h: Highlight) -> str:
        words = h.text if len(h.text) <= 160 else h.text[:157] + "…"
        gone = "" if h.placed else " (not found in the story now)"
        return f"“{words}”{gone}" + (f"\n✎ {h.note}" if h.note else "")

    def highlight_at(self, row: int) -> Highlight | None:
        item = self.item(row)
        return None if item is None else self._highlights.get(item.data(_ID))

    def _on_clicked(self, item: QListWidgetItem) -> None:
        found = self._highlights.get(item.data(_ID))
        if found is not None:
            self.highlight_activated.emit(found)

    def edit_note(self, highlight_id: int) -> None:
        found = self._highlights.get(highlight_id)
        if found is None:
            return
        note, ok = QInputDialog.getMultiLineText(
            self, "Note", f"Note on “{found.text[:80]}”:", found.note
        )
        if ok:
            self.note_edited.emit(highlight_id, note.strip())

    def _menu(self, where: QPoint) -> None:
        item = self.currentItem()
        if item is None:
            return
        highlight_id = int(item.data(_ID))
        menu = QMenu(self)
        for colour in COLOURS:
            menu.addAction(
                colour.capitalize(), partial(self.colour_chosen.emit, highlight_id, colour)
            )
        menu.addSeparator()
        menu.addAction("Edit Note…", lambda: self.edit_note(highlight_id))
        menu.addAction("Remove Highlight", lambda: self.removal_requested.emit(highlight_id))
        menu.exec(self.mapToGlobal(where))
