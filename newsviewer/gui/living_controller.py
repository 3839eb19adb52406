"""Living in the library, in the window: the sidebar, marks and tags by key, highlights,
a story turning read, and the reading place kept per story.

Installed on a built window by ``install_living``; the window only calls that. Every
change goes through the library's services (marks, tags, highlights) and is followed
by a reload of the sidebar's counts and, when the listed part of the library changed
(marking a story read while Unread is listed), of the list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QDockWidget, QMenu, QTextEdit

from newsviewer.domain import ArticleId
from newsviewer.errors import NewsViewerError
from newsviewer.gui import story_sharing as sharing
from newsviewer.gui.highlights_panel import HighlightsPanel
from newsviewer.gui.library_sidebar import Entry, LibrarySidebar
from newsviewer.gui.list_session import Scope
from newsviewer.gui.organise import Organiser
from newsviewer.gui.settings_dialog import SettingsDialog, apply_saved
from newsviewer.gui.tag_dialog import TagDialog, split_names
from newsviewer.library import highlights as hl
from newsviewer.library import marks, tags

if TYPE_CHECKING:
    from newsviewer.gui.story_window import StoryWindow
    from newsviewer.library import Library

# A story open this long counts as read (Wallabag and Readeck mark on open; a few
# seconds spares stories only passed over with the arrow keys), as does one scrolled
# through to its end sooner.
READ_AFTER_MS = 3000
# Tints of the highlight colours, readable under text in light and dark palettes.
TINTS = {
    "yellow": "#f5e27a",
    "green": "#a8e6a1",
    "blue": "#a9cdf5",
    "pink": "#f5b3cf",
    "purple": "#d2bdf5",
}

_SCOPES: dict[str, Callable[[Library, int | None], list[ArticleId]]] = {
    "unread": lambda library, limit: marks.marked_ids(library, marks.UNREAD, limit),
    "starred": lambda library, limit: marks.marked_ids(library, marks.STARRED, limit),
    "archived": lambda library, limit: marks.marked_ids(library, marks.ARCHIVED, limit),
    "recent": lambda library, limit: marks.recent_ids(library, limit),
}


_MARKED = {"unread": marks.UNREAD, "starred": marks.STARRED, "archived": marks.ARCHIVED}


def scope_for(entry: Entry) -> Scope | None:
    if entry.kind in _MARKED:
        mark = _MARKED[entry.kind]
        return Scope(
            entry.kind,
            _SCOPES[entry.kind],
            lambda library, order, limit: marks.marked_ids_in(library, mark, order, limit),
        )
    if entry.kind in _SCOPES:
        return Scope(entry.kind, _SCOPES[entry.kind])
    if entry.kind == "tag":
        name = entry.value
        return Scope(
            f"tag:{name}",
            lambda library, limit: tags.tagged_ids(library, name, limit),
            lambda library, order, limit: tags.tagged_ids_in(library, name, order, limit),
        )
    return None


class LivingController(QObject):
    """The window's sidebar and the actions on stories it adds."""

    marks_changed = Signal()  # marks, tags or highlights changed; counts were reloaded
    highlights_shown = Signal(int)  # highlights placed in the reader

    def __init__(self, window: StoryWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sidebar = LibrarySidebar()
        self.sidebar.entry_chosen.connect(self.choose)
        # A dock beside the list and reader, not a pane of their splitter: the splitter's
        # remembered sizes stay those of the list and the reader.
        self.dock = QDockWidget("Library", window)
        self.dock.setObjectName("librarySidebarDock")
        self.dock.setWidget(self.sidebar)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.resizeDocks(
            [self.dock], [self.sidebar.sizeHint().width()], Qt.Orientation.Horizontal
        )
        self.highlights_panel = HighlightsPanel(TINTS)
        self.highlights_panel.highlight_activated.connect(self.go_to_highlight)
        self.highlights_panel.note_edited.connect(
            lambda hid, note: self._update_highlight(hid, note=note)
        )
        self.highlights_panel.colour_chosen.connect(
            lambda hid, colour: self._update_highlight(hid, colour=colour)
        )
        self.highlights_panel.removal_requested.connect(self._remove_highlight)
        self.highlights_dock = QDockWidget("Highlights", window)
        self.highlights_dock.setObjectName("highlightsDock")
        self.highlights_dock.setWidget(self.highlights_panel)
        self.highlights_dock.setFeatures(self.dock.features())
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.highlights_dock)
        # Shown once a story has highlights; the View menu toggle brings it back.
        self.highlights_dock.hide()
        self.read_timer = QTimer(self)
        self.read_timer.setSingleShot(True)
        self.read_timer.setInterval(READ_AFTER_MS)
        self.read_timer.timeout.connect(self._read_timeout)
        self._shown: ArticleId | None = None
        # Where the reader is in the story shown, followed as it scrolls: by the time
        # the next story is announced the reader already shows it.
        self._fraction = 0.0
        self._place_known = False
        # The kept place of the story just shown, until the reader scrolls it: the
        # reader lays a story out again as it settles (width, images, hit marks),
        # and each new layout would otherwise put it back at the top.
        self._restore: float | None = None
        self.organiser = Organiser(window, self.sidebar, lambda: self._changed(relist=True))
        self.actions = self._build_actions()
        window.article_shown.connect(self._on_article_shown)
        bar = window.reader.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(lambda _low, _high: self._apply_restore())
        bar.actionTriggered.connect(self._on_user_scrolled)
        window.list_refreshed.connect(lambda _rows: self.reload())
        window.session.changed_elsewhere.connect(self._on_changed_elsewhere)
        window.imports.summarized.connect(lambda _report: self.reload())
        # The reading place is kept when the window closes, as when another story opens.
        window.installEventFilter(self)
        apply_saved(window)
        self.reload()

    def _on_sidebar_shown(self, visible: bool) -> None:
        # Opened in a narrow window (from its toggle): as narrow as it can be, so the
        # list and reader keep what room there is.
        if visible and self.window.pane_rules.is_narrow():
            least = self.sidebar.minimumSizeHint().width()
            self.window.resizeDocks([self.dock], [least], Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._save_position()
        return False

    # -- the sidebar ------------------------------------------------------------------
    def reload(self) -> None:
        library = self.window.session.library_if_open()
        if library is None:
            return
        try:
            self.sidebar.reload(library)
        except NewsViewerError as exc:
            self.window.statusBar().showMessage(str(exc))

    def choose(self, entry: Entry) -> None:
        """List what a sidebar entry stands for."""
        window = self.window
        if entry.kind in ("site", "saved"):
            query = f'site:"{entry.value}"' if entry.kind == "site" else entry.value
            window.session.scope = None
            window.search_bar.setText(query)
            window.set_query(query)
            return
        if window.session.query:
            window.search_bar.clear()
            window.session.query = ""
        window.session.set_scope(scope_for(entry))

    # -- actions ----------------------------------------------------------------------
    def _build_actions(self) -> dict[str, QAction]:
        window = self.window

        def action(text: str, key: str, slot: Callable[[], object]) -> QAction:
            made = QAction(text, window)
            made.setShortcuts([QKeySequence(key)])
            made.triggered.connect(lambda _checked=False: slot())
            window.addAction(made)
            return made

        found = {
            "read": action("Mark &Read or Unread", "M", self.toggle_read),
            "star": action("&Star or Unstar", "S", self.toggle_star),
            "archive": action("&Archive or Unarchive", "E", self.toggle_archive),
            "tag": action("&Tag…", "T", self.tag_selected),
            "highlight": action("&Highlight Selection", "H", self.highlight_selection),
            "copy_link": action("Copy &Link to Original", "Ctrl+Shift+L", self.copy_link),
            "copy_citation": action("Copy C&itation", "Ctrl+Shift+I", self.copy_citation),
            "export": action("E&xport Stories…", "Ctrl+Shift+S", self.export_selected),
            "save_search": action("Sa&ve This Search…", "Ctrl+D", self.organiser.ask_save_search),
            "settings": action("Se&ttings…", "Ctrl+,", self.show_settings),
        }
        menu = QMenu("&Story", window)
        for item in found.values():
            menu.addAction(item)
        menu.addSeparator()
        sidebar = self.dock.toggleViewAction()
        sidebar.setText("Show &Library Sidebar")
        menu.addAction(sidebar)
        panel = self.highlights_dock.toggleViewAction()
        panel.setText("Show Highlights &Panel")
        menu.addAction(panel)
        window.menuBar().insertMenu(window.menuBar().actions()[-1], menu)
        window.list_view.addActions(list(found.values())[:4])
        return found

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.window)
        dialog.open()
        return dialog

    def copy_link(self) -> None:
        if not sharing.copy_link(self.window.reader.article):
            self.window.statusBar().showMessage("This story has no address of its original.")

    def copy_citation(self) -> None:
        sharing.copy_citation(self.window.reader.article)

    def export_ids(self) -> list[ArticleId]:
        """The stories selected when several are, else everything listed."""
        chosen = self.selected_ids()
        if len(chosen) > 1:
            return chosen
        session = self.window.session
        if not session.query:
            # The whole list, read at once rather than row by row from the model.
            scope = session.scope
            return self.window.library.ids() if scope is None else scope.ids(session.library, None)
        model = self.window.model
        return [i for i in (model.id_at(r) for r in range(model.total())) if i is not None]

    def export_selected(self, target: tuple[Path, str] | None = None) -> int:
        ids = self.export_ids()
        if not ids:
            return 0
        target = target or sharing.choose_export_path(self.window, len(ids))
        if target is None:
            return 0
        path, fmt = target
        try:
            written = sharing.export_to(self.window.library, ids, path, fmt)
        except NewsViewerError as exc:
            self.window.statusBar().showMessage(str(exc))
            return 0
        self.window.statusBar().showMessage(
            f"{written} {'story' if written == 1 else 'stories'} exported to {path}"
        )
        return written

    def selected_ids(self) -> list[ArticleId]:
        """The stories selected in the list, else the one being read."""
        view = self.window.list_view
        model = self.window.model
        rows = sorted(i.row() for i in view.selectionModel().selectedRows())
        ids = [i for i in (model.id_at(r) for r in rows) if i is not None]
        if not ids and self.window.session.current is not None:
            ids = [self.window.session.current]
        return ids

    def _changed(self, *, relist: bool) -> None:
        self.reload()
        session = self.window.session
        if relist and session.scope is not None and not session.query:
            session.refresh()
        self.marks_changed.emit()

    def _toggle(self, flag: str, setter: Callable[[Library, list[ArticleId], bool], int]) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        library = self.window.library
        first = marks.marks_of(library, ids[:1]).get(ids[0])
        if first is None:
            return
        # One press sets the whole selection the opposite way of its first story.
        setter(library, ids, not getattr(first, flag))
        self._changed(relist=True)

    def toggle_read(self) -> None:
        self.read_timer.stop()
        self._toggle("read", marks.set_read)

    def toggle_star(self) -> None:
        self._toggle("starred", marks.set_starred)

    def toggle_archive(self) -> None:
        self._toggle("archived", marks.set_archived)

    def tag_selected(self, names: str | None = None) -> TagDialog | None:
        """Tag the selected stories: with the Tag dialog, or ``names`` (comma-separated;
        "-name" takes one off) as typed there."""
        ids = self.selected_ids()
        if not ids:
            return None
        if names is None:
            return self.organiser.open_tag_dialog(ids)
        wanted = split_names(names)
        self.organiser.change_tags(
            ids,
            [n for n in wanted if not n.startswith("-")],
            [n[1:] for n in wanted if n.startswith("-")],
        )
        return None

    # -- the story being read ---------------------------------------------------------
    def _on_scrolled(self, value: int) -> None:
        article = self.window.reader.article
        if article is None or article.id != self._shown:
            return  # the reader is laying out the next story
        bar = self.window.reader.verticalScrollBar()
        self._fraction = value / bar.maximum() if bar.maximum() > 0 else 0.0
        self._place_known = True
        if bar.maximum() > 0 and value >= bar.maximum() and self.read_timer.isActive():
            # Scrolled through to the end: read, however quickly.
            self.read_timer.stop()
            self._read_timeout()

    def _on_article_shown(self, article_id: int) -> None:
        self._save_position()
        self._shown = ArticleId(article_id)
        self._place_known = False
        self.read_timer.start()
        self.show_highlights()
        where = marks.position(self.window.library, article_id)
        self._restore = where.fraction if where is not None else None
        if where is not None:
            # After the reader has laid the story out; again on each later layout.
            QTimer.singleShot(0, self._apply_restore)

    def _apply_restore(self) -> None:
        if self._restore is None:
            return
        bar = self.window.reader.verticalScrollBar()
        bar.setValue(round(self._restore * bar.maximum()))

    def _on_user_scrolled(self, _action: int) -> None:
        # Wheel, keys or the scroll bar: the reader's own place wins from now on.
        self._restore = None

    def _read_timeout(self) -> None:
        shown = self._shown
        if shown is None or self.window.session.current != shown:
            return
        if marks.set_read(self.window.library, [shown]):
            self._changed(relist=False)

    def _save_position(self) -> None:
        shown = self._shown
        library = self.window.session.library_if_open()
        if shown is None or library is None or not self._place_known:
            return  # not scrolled since it was opened: its place has not changed
        marks.save_position(library, shown, 0, self._fraction)

    def save_state(self) -> None:
        """Keep the reading place of the story open (the window is closing)."""
        self._save_position()

    # -- highlights -------------------------------------------------------------------
    def highlight_selection(self, colour: str = hl.DEFAULT_COLOUR, note: str = "") -> None:
        reader = self.window.reader
        article = reader.article
        cursor = reader.textCursor()
        words = cursor.selectedText().replace("\u2029", " ").strip()
        if article is None or not words:
            self.window.statusBar().showMessage("Select words in the story to highlight them.")
            return
        try:
            hl.add_highlight_text(self.window.library, article.id, words, colour=colour, note=note)
        except NewsViewerError as exc:
            self.window.statusBar().showMessage(str(exc))
            return
        self.show_highlights()
        self.marks_changed.emit()

    def _update_highlight(
        self, highlight_id: int, *, note: str | None = None, colour: str | None = None
    ) -> None:
        try:
            hl.update_highlight(self.window.library, highlight_id, note=note, colour=colour)
        except NewsViewerError as exc:
            self.window.statusBar().showMessage(str(exc))
            return
        self.show_highlights()
        self.marks_changed.emit()

    def _remove_highlight(self, highlight_id: int) -> None:
        hl.delete_highlight(self.window.library, highlight_id)
        self.show_highlights()
        self.marks_changed.emit()

    def go_to_highlight(self, highlight: hl.Highlight) -> None:
        """Bring a highlight into view with a few lines above it."""
        reader = self.window.reader
        found = reader.document().find(highlight.text, 0)
        if found.isNull():
            return
        rect = reader.cursorRect(found)
        bar = reader.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - reader.viewport().height() // 5)

    def _on_changed_elsewhere(self) -> None:
        """Another window or process changed the library: the story open here shows its
        highlights and notes as they are now, where the reader is and with what is
        selected in it (tints are extra selections: the text is not laid out again)."""
        if self.window.reader.article is not None:
            self.show_highlights(keep=True)

    def show_highlights(self, *, keep: bool = False) -> None:
        """Tint the story's highlights in the reader (found by their words) and list them.

        ``keep``: the same story again, whose panel keeps its place and stays as shown
        or hidden (opening it would narrow the reader and move the text being read).
        """
        reader = self.window.reader
        article = reader.article
        if article is None:
            self.highlights_panel.set_highlights(())
            return
        document = reader.document()
        selections = []
        try:
            listed = hl.highlights_of(self.window.library, article.id)
        except NewsViewerError as exc:
            self.window.statusBar().showMessage(str(exc))
            return
        self.highlights_panel.set_highlights(listed, keep=keep)
        opened = self.highlights_dock.isVisible() or not self.window.isVisible()
        if listed and not opened and not keep:
            self.highlights_dock.show()
        for h in listed:
            if not h.placed:
                continue
            found = document.find(h.text, 0)
            if found.isNull():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = found
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(TINTS.get(h.colour, TINTS["yellow"])))
            fmt.setForeground(QColor("#111111"))
            if h.note:
                fmt.setToolTip(h.note)
            selection.format = fmt
            selections.append(selection)
        reader.setExtraSelections(selections)
        self.highlights_shown.emit(len(selections))


def install_living(window: StoryWindow) -> LivingController:
    return LivingController(window)


__all__ = ["LivingController", "install_living", "scope_for"]
