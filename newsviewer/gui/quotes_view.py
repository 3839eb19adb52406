"""The Quotes view: every quotation of the library, who said it, where and when.

A dock beside the list: filters by words, speaker, site, tag and dates, a flat
list or one group per speaker with counts, a click opens the story at the
quotation, "Copy Citation" puts a ready-made citation on the clipboard, and the
list exports as CSV or Markdown. A speaker's menu opens their page (quotations
newest first, roles held) and merges or splits speakers. It reads the library
through ``library.ledger`` (frozen records), off the GUI thread: results come
back by signal, a newer request supersedes an older one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsviewer.domain import ArticleId
from newsviewer.gui.speaker_page import SpeakerPage, SpeakerPageData
from newsviewer.gui.tasks import TaskRunner
from newsviewer.library.ledger import LedgerQuote, LedgerSpeaker

if TYPE_CHECKING:
    from newsviewer.gui.story_window import StoryWindow
    from newsviewer.library import Library

_QUOTE_ROLE = Qt.ItemDataRole.UserRole + 1
_SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Quotation", "Speaker", "Role", "Story", "Site", "Date")
# A page of quotations: enough to scroll, few enough to fill at once in a big library.
PAGE = 500
_PREVIEW_CHARS = 120
# Speakers offered in the filter's list: the most quoted (a big library has tens of
# thousands); any other is typed into it.
SPEAKERS_LISTED = 1000
# A date edit at its minimum means "any date".
_NO_DATE = QDate(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    words: str = ""
    speaker: str | None = None
    site: str | None = None
    tag: str | None = None
    after: date | None = None
    before: date | None = None


@dataclass(frozen=True, slots=True)
class QuotesPage:
    """What one read of the library gives the view (made off the GUI thread)."""

    speakers: tuple[LedgerSpeaker, ...]
    sites: tuple[str, ...]
    tags: tuple[str, ...]
    quotes: tuple[LedgerQuote, ...]


def read_page(library: Library, filters: QuoteFilters) -> QuotesPage:
    from newsviewer.library import ledger, marks, tags

    return QuotesPage(
        speakers=tuple(ledger.speakers(library, limit=SPEAKERS_LISTED)),
        sites=tuple(site for site, _ in marks.sites(library)),
        tags=tuple(t.name for t in tags.all_tags(library)),
        quotes=tuple(
            ledger.quotes(
                library,
                filters.words,
                speaker=filters.speaker,
                site=filters.site,
                tag=filters.tag,
                after=filters.after,
                before=filters.before,
                limit=PAGE,
            )
        ),
    )


def read_speaker(library: Library, name: str) -> SpeakerPageData:
    from newsviewer.library import ledger

    found = ledger.speaker(library, name)
    if found is None:
        raise ledger.LedgerError(f"no speaker named “{name}”")
    return SpeakerPageData(
        speaker=found,
        roles=tuple(ledger.roles_held(library, found.name)),
        quotes=tuple(ledger.quotes(library, speaker=found.key, limit=PAGE)),
        forms=tuple(ledger.forms(library, found.name)),
    )


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
    quotes_loaded = Signal()
    speaker_opened = Signal(str)
    exported = Signal(str)
    # A correction, merge or split landed: searches by speaker find other stories now.
    speakers_corrected = Signal()

    def __init__(self, library: Callable[[], Library], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = TaskRunner(self)
        self._waiting: dict[str, int] = {}
        self.words = QLineEdit(self)
        self.words.setPlaceholderText("Words said…")
        self.words.setClearButtonEnabled(True)
        self.speaker = QComboBox(self)
        self.speaker.setAccessibleName("Speaker")
        self.site = QComboBox(self)
        self.site.setAccessibleName("Site")
        self.tag = QComboBox(self)
        self.tag.setAccessibleName("Tag")
        self.after = self._date_edit("From")
        self.before = self._date_edit("Before")
        self.grouped = QCheckBox("By speaker", self)
        self.copy_button = QPushButton("Copy Citation", self)
        self.copy_button.setEnabled(False)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Save the list as CSV or Markdown")
        self.status = QLabel(self)
        self.status.setEnabled(False)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Quotations in the library")
        self.page = SpeakerPage(self)
        top = QHBoxLayout()
        top.addWidget(self.words, 2)
        top.addWidget(self.speaker, 2)
        top.addWidget(self.site, 1)
        top.addWidget(self.tag, 1)
        second = QHBoxLayout()
        second.addWidget(QLabel("From", self))
        second.addWidget(self.after)
        second.addWidget(QLabel("before", self))
        second.addWidget(self.before)
        second.addWidget(self.grouped)
        second.addStretch(1)
        second.addWidget(self.status)
        second.addWidget(self.copy_button)
        second.addWidget(self.export_button)
        listing = QWidget(self)
        list_layout = QVBoxLayout(listing)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addLayout(second)
        list_layout.addWidget(self.tree, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(listing)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        self._quotes: list[LedgerQuote] = []
        self.words.returnPressed.connect(self.refresh)
        self.words.textChanged.connect(lambda text: None if text else self.refresh())
        for combo in (self.speaker, self.site, self.tag):
            combo.activated.connect(lambda _i: self.refresh())
        for edit in (self.after, self.before):
            edit.editingFinished.connect(self.refresh)
        self.grouped.toggled.connect(lambda _on: self._fill())
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)
        self.tree.currentItemChanged.connect(
            lambda item, _old: self.copy_button.setEnabled(self._quote_of(item) is not None)
        )
        self.copy_button.clicked.connect(self.copy_citation)
        self.export_button.clicked.connect(self._ask_export)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.page.back_requested.connect(lambda: self.stack.setCurrentIndex(0))
        self.page.quotation_activated.connect(self.quotation_activated)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText("any date")
        edit.setDate(_NO_DATE)
        return edit

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        chosen = edit.date()
        return None if chosen <= _NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def set_dates(self, after: date | None, before: date | None) -> None:
        """Set the date range (None: any) and read the list again."""
        for edit, day in ((self.after, after), (self.before, before)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)
        self.refresh()

    def filters(self) -> QuoteFilters:
        return QuoteFilters(
            words=self.words.text(),
            speaker=self.speaker.currentData(),
            site=self.site.currentData(),
            tag=self.tag.currentData(),
            after=self._day(self.after),
            before=self._day(self.before),
        )

    # -- data -----------------------------------------------------------------------
    def is_loading(self) -> bool:
        return bool(self._waiting)

    def _submit(self, kind: str, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        # Only the newest task of a kind reports (the runner drops superseded ones).
        ticket = 0

        def done(result: Any) -> None:
            self._finish(kind, ticket)
            on_done(result)

        def failed(message: str) -> None:
            self._finish(kind, ticket)
            self.status.setText(message)

        ticket = self._tasks.submit(kind, fn, done, failed)
        self._waiting[kind] = ticket

    def _finish(self, kind: str, ticket: int) -> None:
        if self._waiting.get(kind) == ticket:
            del self._waiting[kind]

    def refresh(self) -> None:
        """Read the speakers and the quotations the filters select, newest first."""
        filters = self.filters()
        library = self._library()
        self.status.setText("Reading…")
        self._submit("page", lambda: read_page(library, filters), self._on_page)

    def _on_page(self, page: QuotesPage) -> None:
        self._set_choices(self.speaker, "All speakers", page.speakers)
        self._set_choices(self.site, "All sites", [(s, s) for s in page.sites])
        self._set_choices(self.tag, "All tags", [(t, t) for t in page.tags])
        self._quotes = list(page.quotes)
        self._fill()
        shown = len(self._quotes)
        self.status.setText(f"{shown}+ quotations" if shown >= PAGE else f"{shown} quotations")
        self.quotes_loaded.emit()

    @staticmethod
    def _set_choices(combo: QComboBox, everything: str, items: Sequence[Any]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for item in items:
            if isinstance(item, LedgerSpeaker):
                combo.addItem(f"{item.name} ({item.quotes})", item.name)
            else:
                combo.addItem(item[0], item[1])
        index = combo.findData(chosen) if chosen is not None else 0
        if index < 0:  # chosen from further down the list than it shows
            combo.addItem(str(chosen), chosen)
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

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
            top.setData(0, _SPEAKER_ROLE, name if quotes[0].speaker else None)
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

    def shown_quotes(self) -> list[LedgerQuote]:
        """The list on screen: a speaker's page when one is open, else the filtered list."""
        return self.page.quotes() if self.stack.currentIndex() == 1 else self.quotes()

    def export_to(self, path: Path) -> None:
        """Save the list on screen as CSV (``.csv``) or Markdown (any other name)."""
        from newsviewer.export import quotes as export_quotes

        data = self.page.data if self.stack.currentIndex() == 1 else None
        title = f"Quotations of {data.speaker.name}" if data else "Quotations"
        export_quotes.write(path, self.shown_quotes(), title)
        self.exported.emit(str(path))

    def _ask_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export Quotations", "quotations.md", "Markdown (*.md);;CSV (*.csv)"
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".csv" if "csv" in chosen.lower() else ".md")
        try:
            self.export_to(path)
        except OSError as exc:
            self.status.setText(f"Could not write {path}: {exc.strerror or exc}")

    # -- a speaker's page -----------------------------------------------------------
    def open_speaker(self, name: str) -> None:
        """Show ``name``'s page: their quotations newest first, the roles they held."""
        library = self._library()
        self._submit("speaker", lambda: read_speaker(library, name), self._on_speaker)

    def _on_speaker(self, data: SpeakerPageData) -> None:
        self.page.show_speaker(data)
        self.stack.setCurrentIndex(1)
        self.speaker_opened.emit(data.speaker.name)

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
        library = self._library()
        self._submit(
            "correct",
            lambda: ledger.correct(library, q.id, speaker=speaker, not_quote=not_quote),
            lambda _fixed: self._after_correction(),
        )

    def _after_correction(self) -> None:
        self.refresh()
        self.speakers_corrected.emit()

    def merge_speaker(self, source: str, target: str) -> None:
        """Make ``source`` one with ``target`` (kept by name, for later stories too)."""
        from newsviewer.library import ledger

        library = self._library()
        self._submit(
            "correct",
            lambda: ledger.merge_speakers(library, source, target),
            lambda merged: self._after_speaker_change(merged),
        )

    def split_speaker(self, name: str, form: str) -> None:
        """Make ``name``'s quotations written ``form`` a speaker of their own."""
        from newsviewer.library import ledger

        library = self._library()
        self._submit(
            "correct",
            lambda: ledger.split_speaker(library, name, form),
            lambda split: self._after_speaker_change(split),
        )

    def _after_speaker_change(self, changed: LedgerSpeaker) -> None:
        self._after_correction()
        if self.stack.currentIndex() == 1:
            self.open_speaker(changed.name)

    def _menu(self, where: QPoint) -> None:
        item = self.tree.itemAt(where)
        menu = self.menu_for(item)
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(where))

    def menu_for(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The context menu of a row: a quotation's corrections and its speaker's."""
        q = self._quote_of(item)
        name = q.speaker if q is not None else None
        if item is not None and q is None:
            name = item.data(0, _SPEAKER_ROLE)
        if q is None and not name:
            return None
        menu = QMenu(self)
        if q is not None and item is not None:
            self.tree.setCurrentItem(item)
            menu.addAction("Copy Citation", self.copy_citation)
            menu.addAction("Change Speaker…", lambda: self._ask_speaker(q))
            menu.addAction("Not a Quote", self.mark_not_quote)
        if name:
            if q is not None:
                menu.addSeparator()
            menu.addAction(f"Open {name}’s Page", lambda: self.open_speaker(name))
            menu.addAction(f"Merge {name} Into…", lambda: self._ask_merge(name))
            menu.addAction(f"Split {name}…", lambda: self._ask_split(name))
        return menu

    def _ask_speaker(self, q: LedgerQuote) -> None:
        name, ok = QInputDialog.getText(self, "Change Speaker", "Said by:", text=q.speaker or "")
        if ok and name.strip():
            self.change_speaker(name)

    def _ask_merge(self, name: str) -> None:
        others = [
            str(self.speaker.itemData(i))
            for i in range(1, self.speaker.count())
            if self.speaker.itemData(i) not in (None, name)
        ]
        target, ok = QInputDialog.getItem(
            self, "Merge Speakers", f"Merge “{name}” into:", others, 0, True
        )
        if ok and target.strip():
            self.merge_speaker(name, target.strip())

    def _ask_split(self, name: str) -> None:
        from newsviewer.library import ledger

        forms = ledger.forms(self._library(), name)
        if len(forms) < 2:
            self.status.setText(f"{name} is always written the same way: nothing to split")
            return
        labels = [f"{form} ({count})" for form, count in forms]
        chosen, ok = QInputDialog.getItem(
            self,
            "Split Speaker",
            f"Make the quotations of “{name}” written as this a speaker of their own:",
            labels,
            len(labels) - 1,
            False,
        )
        if ok and chosen in labels:
            self.split_speaker(name, forms[labels.index(chosen)][0])


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
    dock = install_quotes_dock(window, view)
    # Stories imported, deleted or put back while the dock is shown: read it again
    # (the index was brought up to date in the same transaction).
    for changed in (window.import_summarized, window.changes_applied):
        changed.connect(lambda _what: view.refresh() if dock.isVisible() else None)
    # A search by speaker (said:, the speaker chips) reads the corrected speakers:
    # run it again, as the list and its chips would otherwise show the old ones.
    view.speakers_corrected.connect(
        lambda: window.session.refresh() if window.session.query else None
    )
    return view
