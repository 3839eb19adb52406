"""The Quotes view: every quotation of the library, who said it, where and when.

A dock beside the list: words and speaker filters, a flat list or one group per
speaker with counts, a click opens the story at the quotation, and "Copy Citation"
puts a ready-made citation on the clipboard. It reads the library through
``library.ledger`` (frozen records); the speakers index is built there when needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsviewer.domain import ArticleId
from newsviewer.library.ledger import LedgerQuote, LedgerSpeaker

if TYPE_CHECKING:
    from newsviewer.gui.story_window import StoryWindow
    from newsviewer.library import Library

_QUOTE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Quotation", "Speaker", "Role", "Story", "Site", "Date")
# A page of quotations: enough to scroll, few enough to fill at once in a big library.
PAGE = 500
_PREVIEW_CHARS = 120


def citation(q: LedgerQuote) -> str:
    """“…,” John Kerry (Secretary of State) told reporters — NBC News, 5 Jan 2014, URL."""
    words = " ".join(q.text.split())
    # The quotation's own full stop becomes the comma before the speaker.
    if words.endswith("."):
        words = words[:-1]
    opened = f"“{words}”" if words.endswith(("?", "!", "…")) else f"“{words},”"
    who = q.speaker or "unattributed"
    if q.role:
        who += f" ({q.role})"
    said = q.cue or "said"
    if said.lower() in {"told", "tell", "tells"}:
        said = f"{said} reporters"
    day = f"{q.published.day} {q.published:%b %Y}" if q.published else ""
    source = ", ".join(x for x in (q.site, day, q.url) if x)
    return f"{opened} {who} {said}" + (f" — {source}" if source else "")


class QuotesView(QWidget):
    """The quotations list with its filters; ``quotation_activated(article id, ordinal)``."""

    quotation_activated = Signal(int, int)
    citation_copied = Signal(str)

    def __init__(self, library: Callable[[], Library], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.words = QLineEdit(self)
        self.words.setPlaceholderText("Words said…")
        self.words.setClearButtonEnabled(True)
        self.speaker = QComboBox(self)
        self.speaker.setAccessibleName("Speaker")
        self.grouped = QCheckBox("By speaker", self)
        self.copy_button = QPushButton("Copy Citation", self)
        self.copy_button.setEnabled(False)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Quotations in the library")
        top = QHBoxLayout()
        top.addWidget(self.words, 1)
        top.addWidget(self.speaker, 1)
        top.addWidget(self.grouped)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._quotes: list[LedgerQuote] = []
        self.words.returnPressed.connect(self.refresh)
        self.words.textChanged.connect(lambda text: None if text else self.refresh())
        self.speaker.activated.connect(lambda _i: self.refresh())
        self.grouped.toggled.connect(lambda _on: self._fill())
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)
        self.tree.currentItemChanged.connect(
            lambda item, _old: self.copy_button.setEnabled(self._quote_of(item) is not None)
        )
        self.copy_button.clicked.connect(self.copy_citation)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)

    # -- data -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the speakers and the quotations the filters select, newest first."""
        from newsviewer.library import ledger

        library = self._library()
        chosen = self.speaker.currentData()
        self._set_speakers(ledger.speakers(library), chosen)
        self._quotes = ledger.quotes(
            library, self.words.text(), speaker=self.speaker.currentData(), limit=PAGE
        )
        self._fill()

    def _set_speakers(self, speakers: Sequence[LedgerSpeaker], chosen: object) -> None:
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItem("All speakers", None)
        for s in speakers:
            self.speaker.addItem(f"{s.name} ({s.quotes})", s.name)
        index = self.speaker.findData(chosen) if chosen is not None else 0
        self.speaker.setCurrentIndex(max(index, 0))
        self.speaker.blockSignals(False)

    def quotes(self) -> list[LedgerQuote]:
        return list(self._quotes)

    def _row(self, q: LedgerQuote) -> QTreeWidgetItem:
        text = " ".join(q.text.split())
        preview = text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS] + "…"
        day = q.published.date().isoformat() if q.published else ""
        item = QTreeWidgetItem(
            [f"“{preview}”", q.speaker or "", q.role or "", q.title, q.site, day]
        )
        item.setToolTip(0, text)
        item.setData(0, _QUOTE_ROLE, q)
        return item

    def _fill(self) -> None:
        self.tree.clear()
        if not self.grouped.isChecked():
            self.tree.setRootIsDecorated(False)
            self.tree.addTopLevelItems([self._row(q) for q in self._quotes])
            return
        self.tree.setRootIsDecorated(True)
        groups: dict[str, list[LedgerQuote]] = {}
        for q in self._quotes:
            groups.setdefault(q.speaker or "Unattributed", []).append(q)
        for name, quotes in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            top = QTreeWidgetItem([f"{name} ({len(quotes)})"])
            top.addChildren([self._row(q) for q in quotes])
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()

    # -- actions --------------------------------------------------------------------
    @staticmethod
    def _quote_of(item: QTreeWidgetItem | None) -> LedgerQuote | None:
        found = None if item is None else item.data(0, _QUOTE_ROLE)
        return found if isinstance(found, LedgerQuote) else None

    def current_quote(self) -> LedgerQuote | None:
        return self._quote_of(self.tree.currentItem())

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        q = self._quote_of(item)
        if q is not None:
            self.quotation_activated.emit(int(q.article_id), q.ordinal)

    def copy_citation(self) -> None:
        q = self.current_quote()
        if q is None:
            return
        text = citation(q)
        QGuiApplication.clipboard().setText(text)
        self.citation_copied.emit(text)

    # -- corrections ----------------------------------------------------------------
    def change_speaker(self, name: str) -> None:
        """Say who really said the current quotation; kept apart from the extraction."""
        self._correct(speaker=name)

    def mark_not_quote(self) -> None:
        self._correct(not_quote=True)

    def _correct(self, *, speaker: str | None = None, not_quote: bool = False) -> None:
        from newsviewer.library import ledger

        q = self.current_quote()
        if q is None:
            return
        ledger.correct(self._library(), q.id, speaker=speaker, not_quote=not_quote)
        self.refresh()

    def _menu(self, where: QPoint) -> None:
        q = self._quote_of(self.tree.itemAt(where))
        if q is None:
            return
        menu = QMenu(self)
        menu.addAction("Copy Citation", self.copy_citation)
        menu.addAction("Change Speaker…", lambda: self._ask_speaker(q))
        menu.addAction("Not a Quote", self.mark_not_quote)
        menu.exec(self.tree.viewport().mapToGlobal(where))

    def _ask_speaker(self, q: LedgerQuote) -> None:
        name, ok = QInputDialog.getText(self, "Change Speaker", "Said by:", text=q.speaker or "")
        if ok and name.strip():
            self.change_speaker(name)


def install_quotes_dock(window: QMainWindow, view: QuotesView) -> QDockWidget:
    """Put the view in a dock of ``window``, hidden until asked for (View ▸ Quotes)."""
    dock = QDockWidget("Quotes", window)
    dock.setObjectName("quotes_dock")
    dock.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    # The list is read when the dock is first shown, not at start-up.
    dock.visibilityChanged.connect(lambda shown: view.refresh() if shown else None)
    action = dock.toggleViewAction()
    action.setText("&Quotes")
    action.setShortcut("Ctrl+Shift+Q")
    view_menu = next(
        (m for m in window.menuBar().findChildren(QMenu) if m.title().replace("&", "") == "View"),
        None,
    )
    if view_menu is not None:
        view_menu.addAction(action)
    else:
        window.addAction(action)
    return dock


def install_quotes(window: StoryWindow) -> QuotesView:
    """The Quotes dock of the main window; a quotation clicked opens its story there."""
    view = QuotesView(lambda: window.library)

    def open_quotation(article_id: int, ordinal: int) -> None:
        story = ArticleId(article_id)
        if not window.select_article(story):
            # A story outside the list as filtered now: shown all the same.
            window.open_story(story)
        window.reader.scroll_to_quote(ordinal)

    view.quotation_activated.connect(open_quotation)
    view.citation_copied.connect(
        lambda text: window.statusBar().showMessage("Citation copied", 3000)
    )
    install_quotes_dock(window, view)
    return view
