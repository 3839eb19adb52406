"""The list of a story's direct quotations, grouped by speaker; a click jumps to one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from newsviewer.domain import Quote
from newsviewer.gui.reader import speaker_label, speaker_roles

_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
# Long quotations are cut in the list; the full text is in the tooltip and the reader.
_PREVIEW_CHARS = 90


def group_by_speaker(quotes: Sequence[Quote]) -> list[tuple[str, list[int]]]:
    """Speakers (with their role) in order of first appearance, with their quotations."""
    roles = speaker_roles(quotes)
    groups: dict[str, list[int]] = {}
    for index, quote in enumerate(quotes):
        groups.setdefault(speaker_label(quote, roles), []).append(index)
    return list(groups.items())


class QuotesPanel(QWidget):
    quote_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel("Quotations")
        self._title.setContentsMargins(6, 6, 6, 2)
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setAccessibleName("Quotations by speaker")
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)
        self._empty = QLabel("No direct quotations in this story.")
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        self._empty.setContentsMargins(6, 6, 6, 6)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._empty, 1)
        self.set_quotes(())

    def set_quotes(self, quotes: Sequence[Quote]) -> None:
        self.tree.clear()
        for speaker, indexes in group_by_speaker(quotes):
            top = QTreeWidgetItem([f"{speaker} ({len(indexes)})"])
            top.setData(0, _INDEX_ROLE, indexes[0])
            for index in indexes:
                text = " ".join(quotes[index].text.split())
                preview = text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS] + "…"
                child = QTreeWidgetItem([f"“{preview}”"])
                child.setToolTip(0, text)
                child.setData(0, _INDEX_ROLE, index)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self._title.setText(f"Quotations ({len(quotes)})" if quotes else "Quotations")
        self.tree.setVisible(bool(quotes))
        self._empty.setVisible(not quotes)

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, _INDEX_ROLE)
        if index is not None:
            self.quote_activated.emit(int(index))
