"""A speaker's page in the Quotes view: their quotations newest first, the roles they held.

Filled from frozen records the view reads off the GUI thread (``SpeakerPageData``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsviewer.library.ledger import LedgerQuote, LedgerSpeaker, RoleHeld

_QUOTE_ROLE = Qt.ItemDataRole.UserRole + 1
_PREVIEW_CHARS = 160


@dataclass(frozen=True, slots=True)
class SpeakerPageData:
    speaker: LedgerSpeaker
    roles: tuple[RoleHeld, ...]
    quotes: tuple[LedgerQuote, ...]
    forms: tuple[tuple[str, int], ...]


def _month(day: date | None) -> str:
    return f"{day:%b %Y}" if day else "?"


def role_line(held: RoleHeld) -> str:
    """ "Secretary of State, Jan 2013 – Jan 2017 (12 quotations)"."""
    span = _month(held.first)
    if held.last and _month(held.last) != span:
        span += f" – {_month(held.last)}"
    said = "quotation" if held.quotes == 1 else "quotations"
    return f"{held.role}, {span} ({held.quotes} {said})"


class SpeakerPage(QWidget):
    """One speaker: a header, the roles held over time, the quotations newest first."""

    back_requested = Signal()
    quotation_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QPushButton("◀ All Quotations", self)
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.counts = QLabel(self)
        self.roles = QLabel(self)
        self.roles.setWordWrap(True)
        self.roles.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forms = QLabel(self)
        self.forms.setWordWrap(True)
        self.forms.setEnabled(False)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Date", "Quotation", "Role", "Story", "Site"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("The speaker's quotations, newest first")
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.roles)
        layout.addWidget(self.forms)
        layout.addWidget(self.tree, 1)
        self._data: SpeakerPageData | None = None

    @property
    def data(self) -> SpeakerPageData | None:
        return self._data

    def show_speaker(self, data: SpeakerPageData) -> None:
        self._data = data
        s = data.speaker
        self.title.setText(s.name)
        quotes = "quotation" if s.quotes == 1 else "quotations"
        stories = "story" if s.stories == 1 else "stories"
        self.counts.setText(f"{s.quotes} {quotes} in {s.stories} {stories}")
        self.roles.setText(
            "Roles held: " + "; ".join(role_line(r) for r in data.roles)
            if data.roles
            else "No role given in the stories."
        )
        self.forms.setText("Written as: " + ", ".join(f"{f} ({n})" for f, n in data.forms))
        self._fill(data.quotes)

    def _fill(self, quotes: Sequence[LedgerQuote]) -> None:
        self.tree.clear()
        items = []
        for q in quotes:
            text = " ".join(q.text.split())
            preview = text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS] + "…"
            day = q.published.date().isoformat() if q.published else ""
            item = QTreeWidgetItem([day, f"“{preview}”", q.role or "", q.title, q.site])
            item.setToolTip(1, text)
            item.setData(0, _QUOTE_ROLE, q)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.resizeColumnToContents(0)

    def quotes(self) -> list[LedgerQuote]:
        return list(self._data.quotes) if self._data else []

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        q = item.data(0, _QUOTE_ROLE)
        if isinstance(q, LedgerQuote):
            self.quotation_activated.emit(int(q.article_id), q.ordinal)
