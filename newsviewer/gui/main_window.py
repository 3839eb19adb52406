"""The main window: story list, reader, quotations; import, search, delete and undo."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6 import QtCore
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from newsviewer.errors import NewsViewerError
from newsviewer.gui.actions import build_actions, install_list_menu, install_menus
from newsviewer.gui.after_paint import AfterNextPaint
from newsviewer.gui.drops import FileDropTarget
from newsviewer.gui.import_flow import ImportFlow
from newsviewer.gui.layout_rules import PaneRules
from newsviewer.gui.list_pane import ListPane
from newsviewer.gui.list_session import ListSession, Sort
from newsviewer.gui.placeholders import QuotesPlaceholder, ReaderPlaceholder
from newsviewer.gui.settings import WindowSettings
from newsviewer.gui.story_output import StoryOutputWindow

if TYPE_CHECKING:
    # Events only named in annotations: each Qt class is made on first use (~0.2 ms).
    from PySide6.QtGui import (
        QCloseEvent,
    )

    # The parts built after the first paint (see finish_building), and the domain records:
    # loading them before the paint made the window appear ~40 ms later.
    from newsviewer.domain import ArticleId, ImportReport, StoredArticle
    from newsviewer.gui.article_list import ArticleListModel
    from newsviewer.gui.drop_overlay import DropOverlay
    from newsviewer.gui.empty_state import EmptyState
    from newsviewer.gui.facet_bar import FacetBar
    from newsviewer.gui.import_progress import ImportProgress
    from newsviewer.gui.import_summary import ImportSummaryDialog
    from newsviewer.gui.import_worker import ImportController
    from newsviewer.gui.living_controller import LivingController
    from newsviewer.gui.operations import OpChanges
    from newsviewer.gui.quotes_panel import QuotesPanel
    from newsviewer.gui.reader import ReaderView
    from newsviewer.gui.search_help import SearchHelpPopup
    from newsviewer.gui.story_files import OriginalFiles
    from newsviewer.gui.tasks import TaskRunner

    # Annotations only: the window is built and painted before the library code (and
    # SQLAlchemy) is loaded, which is most of start-up.
    from newsviewer.library import DeletedArticle, Library
    from newsviewer.library.search import Facets

# Qt's namespace is used as QtCore.Qt, looked up when needed: building its enums takes
# ~15 ms, and none is needed before the window's first paint.

log = logging.getLogger(__name__)

# The parts not in the first frame are built at the latest this long (ms) after the
# window was made, should it not be painted (never shown, or minimised).
FINISH_FALLBACK_MS = 500


def _open_on_desktop(url: QUrl) -> bool:
    """Open ``url`` with the desktop's application for it (browser, file viewer)."""
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


_Part = TypeVar("_Part")


class MainWindow(StoryOutputWindow):
    # The signals are StoryWindow's, the window as the parts installed on it see it.
    living: LivingController  # set by finish_building

    def __init__(
        self,
        library: Library | None,
        settings: WindowSettings | None = None,
        *,
        open_url: Callable[[QUrl], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or WindowSettings()
        # The desktop opener is swappable so tests can see what would be opened.
        self.open_url: Callable[[QUrl], object] = open_url or _open_on_desktop
        # What is listed and selected; None as library until attach_library.
        sort = self.settings.search_sort()
        self.session = ListSession(
            library,
            sort=cast("Sort", sort),
            select=cast("ArticleId | None", self.settings.selected_article()),
            parent=self,
        )
        self._shown_query = ""
        # Made when first needed, as are the search help and the dialogs: the modules
        # loaded before the window's first paint are only those it paints.
        self._originals: OriginalFiles | None = None
        self._search_help: SearchHelpPopup | None = None
        # Built after the first paint (finish_building), or when first used before that.
        self._finished = False
        self._reader: ReaderView | None = None
        self._quotes_panel: QuotesPanel | None = None
        self._facet_bar: FacetBar | None = None
        self._empty_state: EmptyState | None = None
        # Set by the start-up sequence when the library could not be opened.
        self.open_failed = False

        self.setWindowTitle("NewsViewer")
        self.drops = FileDropTarget(self)
        self.drops.files_dropped.connect(self.import_files)
        self.undo_stack = QUndoStack(self)
        self.imports = ImportFlow(
            self,
            self.statusBar(),
            lambda select, then: self.refresh_list(select, then),
            self.finish_building,
            library,
        )
        self.imports.summarized.connect(self.import_summarized)
        self._build_widgets()
        self._connect_session()
        self.window_actions = build_actions(self, self, self.undo_stack)
        install_menus(self.menuBar(), self.window_actions)
        self.pane_rules = PaneRules.install(
            self,
            self.splitter,
            self.window_actions.quotes,
            self.settings.quotes_visible,
            self._fold_quotes,
        )
        self._restore_layout()
        if library is not None:
            self.refresh_list()
        else:
            # The list and reader, empty for a moment, rather than the empty-library page.
            self.count_label.setText("Opening the library…")
        AfterNextPaint(self, self.finish_building, FINISH_FALLBACK_MS)

    @property
    def library(self) -> Library:
        return self.session.library

    def has_library(self) -> bool:
        """Whether the library is open in the window (attach_library was called)."""
        return self.session.has_library()

    @property
    def model(self) -> ArticleListModel:
        return self.session.model

    @property
    def tasks(self) -> TaskRunner:
        """The runner of the window's library reads (the list; opening the library)."""
        return self.session.tasks

    @property
    def _current(self) -> ArticleId | None:
        return self.session.current

    def show_upgrading(self) -> None:
        """Say that the library is being updated (a migration runs off this thread)."""
        self.count_label.setText("Updating the library…")
        self.list_pane.show_message(
            "Updating the library for this version of NewsViewer.\n\n"
            "A large library takes a few minutes. Its stories appear here when it is done; "
            "the window stays open meanwhile, and files dropped now are imported then."
        )
        self.reader.show_message("Updating the library…")
        self.statusBar().showMessage("Updating the library for this version…")
        self.upgrade_started.emit()

    def attach_library(self, library: Library) -> None:
        """Show ``library``, opened after the window was first painted."""
        self.session.attach(library)
        self.imports.attach(library)

    # -- the parts built after the first paint ------------------------------------------
    def finish_building(self) -> None:
        """Build what the first frame does not show; emits ``ready`` once done.

        The first frame has the menus, the search field and the (still empty) list, with
        stand-ins of the same look for the reader and the quotations: nothing is selected
        before the library is open. The rest (the reader, quotations, filter chips, the
        row painter, import) is built right after that paint, or at once when something
        needs it earlier (a key pressed or a file dropped in the first instant).
        """
        if self._finished:
            return
        self._finished = True
        from newsviewer.gui.facet_bar import FacetBar
        from newsviewer.gui.icons import app_icon
        from newsviewer.gui.quotes_panel import QuotesPanel
        from newsviewer.gui.reader import ReaderView

        self.list_view.install_row_painter()
        install_list_menu(self.list_view, self.window_actions)
        # Settings that change nothing in the first frame, made here with Qt's namespace.
        self.setWindowIcon(app_icon())
        self.help_button.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.message_label.setAlignment(
            QtCore.Qt.AlignmentFlag.AlignHCenter | QtCore.Qt.AlignmentFlag.AlignTop
        )

        reader = ReaderView(lambda figure_id: self.library.figure_image(figure_id))
        reader.setAcceptDrops(False)
        reader.external_link_clicked.connect(lambda url: self.open_url(url))
        reader.font_size_changed.connect(self.settings.set_reader_font_pt)
        reader.hit_changed.connect(self._on_hit_changed)
        font_pt = self.settings.reader_font_pt()
        if font_pt is not None:
            reader.set_font_pt(font_pt)
        if not self.has_library():
            reader.show_message("Opening the library…")
        quotes_panel = QuotesPanel()
        quotes_panel.quote_activated.connect(reader.scroll_to_quote)
        # Each takes the place, size and visibility of its stand-in (a stretch factor
        # belongs to the widget, so it is given again).
        layout = self.reader_splitter.saveState()  # (sizes, also of a hidden pane)
        for index, widget in enumerate((reader, quotes_panel)):
            stand_in = self.reader_splitter.replaceWidget(index, widget)
            if stand_in is not None:
                stand_in.deleteLater()
            self.reader_splitter.setStretchFactor(index, 1 if index == 0 else 0)
        self.reader_splitter.restoreState(layout)
        self._reader, self._quotes_panel = reader, quotes_panel

        facet_bar = FacetBar()
        facet_bar.query_requested.connect(self.set_query)
        facet_bar.hide()
        self.list_pane.add_above_count(facet_bar)
        self._facet_bar = facet_bar

        self.imports.build()
        from newsviewer.gui.living_controller import install_living

        with self.pane_rules.adding_docks():  # (the sidebar folds in a small window)
            self.living = install_living(self)  # the sidebar, marks, tags, highlights
            from newsviewer.gui.quotes_view import install_quotes

            self.quotes_view = install_quotes(self)  # every quotation of the library
        self.ready.emit()

    def is_ready(self) -> bool:
        """Whether the parts built after the first paint are there (``ready`` was emitted)."""
        return self._finished

    def _built(self, part: Callable[[], _Part | None]) -> _Part:
        """A part made after the first paint, made now if that has not happened yet."""
        self.finish_building()
        made = part()
        assert made is not None
        return made

    @property
    def reader(self) -> ReaderView:
        return self._built(lambda: self._reader)

    @property
    def quotes_panel(self) -> QuotesPanel:
        return self._built(lambda: self._quotes_panel)

    @property
    def facet_bar(self) -> FacetBar:
        return self._built(lambda: self._facet_bar)

    @property
    def empty_state(self) -> EmptyState:
        """The page shown while the library holds no story, made when first shown."""
        if self._empty_state is None:
            from newsviewer.gui.empty_state import EmptyState

            self._empty_state = EmptyState()
            self._empty_state.import_files_requested.connect(self.choose_files)
            self._empty_state.import_folder_requested.connect(self.choose_folder)
            self.pages.addWidget(self._empty_state)
        return self._empty_state

    @property
    def drop_overlay(self) -> DropOverlay:
        return self.drops.overlay

    # -- construction -----------------------------------------------------------------
    def _build_widgets(self) -> None:
        pane = ListPane(self.session)
        self.list_pane = pane
        self.search_bar = pane.search_bar
        self.sort_box = pane.sort_box
        self.help_button = pane.help_button
        self.count_label = pane.count_label
        self.list_view = pane.list_view
        self.message_label = pane.message_label
        self.list_stack = pane.list_stack
        self.search_bar.query_changed.connect(self.session.set_query)
        self.search_bar.results_requested.connect(self._focus_list)
        self.search_bar.help_requested.connect(self.show_search_help)
        self.sort_box.currentIndexChanged.connect(self._on_sort_changed)
        self.help_button.clicked.connect(self.show_search_help)
        self.list_view.open_requested.connect(self._focus_reader)
        self.list_view.escape_pressed.connect(self._on_list_escape)

        # Stand-ins for the reader and the quotations until finish_building.
        self.reader_splitter = QSplitter()  # (side by side: a splitter's default)
        self.reader_splitter.setObjectName("readerSplitter")
        self.reader_splitter.addWidget(
            ReaderPlaceholder("" if self.has_library() else "Opening the library…")
        )
        self.reader_splitter.addWidget(QuotesPlaceholder())
        self.reader_splitter.setStretchFactor(0, 1)
        self.reader_splitter.setStretchFactor(1, 0)
        self.reader_splitter.setChildrenCollapsible(True)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(pane)
        self.splitter.addWidget(self.reader_splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        # The empty-library page joins when first needed (the empty_state property).
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        # The status bar's widgets, hidden, are in the first frame too: the bar takes the
        # height of the tallest (the Details button), so nothing moves when it fills.
        self.hit_label = QLabel()
        self.hit_label.setAccessibleName("Search hits in this story")
        self.hit_label.hide()
        self.statusBar().addPermanentWidget(self.hit_label)
        self.statusBar().addPermanentWidget(self.imports.details_button)

    def _connect_session(self) -> None:
        """Each view reacts to what the list session reports."""
        session = self.session
        session.refresh_started.connect(self._on_refresh_started)
        session.rows_arriving.connect(self.finish_building)
        session.counts_changed.connect(self._on_counts_changed)
        session.current_changed.connect(self._show)
        session.current_kept.connect(self._on_current_kept)
        session.emptied.connect(lambda: self._show(None))
        session.facets_counted.connect(self._on_facets)
        session.failed.connect(self._on_list_failed)
        session.listed.connect(self.list_refreshed)
        session.ranked.connect(self.list_ranked)
        session.completed.connect(self.list_completed)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)
        state = self.settings.splitter("mainSplitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([360, 840])
        state = self.settings.splitter("readerSplitter")
        if state is None or not self.reader_splitter.restoreState(state):
            self.reader_splitter.setSizes([620, 240])
        self.window_actions.quotes.setChecked(self.settings.quotes_visible())
        self.set_quotes_visible(self.settings.quotes_visible())

    # -- the list ---------------------------------------------------------------------
    def refresh_list(
        self, select: ArticleId | None = None, then: Callable[[], object] | None = None
    ) -> None:
        """Reload the ids (or re-run the search) off the GUI thread, then show them.

        ``then`` runs once the list shows a load started at or after this call.
        """
        self.session.refresh(select, then)

    def _on_refresh_started(self, query: str) -> None:
        if query:
            self.facet_bar.show_facets(query, None)
        else:
            self.facet_bar.clear()

    def _on_counts_changed(self) -> None:
        self.count_label.setText(self.session.count_text())
        self._update_pages()

    def _on_current_kept(self) -> None:
        if self._shown_query != self.session.query:
            # Same story, new search: re-render only to update the marked terms.
            self._show(self._current, force=True)

    def _on_facets(self, query: str, facets: Facets) -> None:
        self.facet_bar.show_facets(query, facets)
        # Tab goes from the search field's buttons through the chips to the list.
        chain = [self.help_button, *self.facet_bar.chips, self.list_view]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.facets_shown.emit(facets)

    def set_query(self, text: str) -> None:
        """Search for ``text`` at once, as if typed (a filter chip was clicked)."""
        self.search_bar.set_query(text)

    def _on_sort_changed(self, _index: int) -> None:
        sort = cast("Sort", self.sort_box.currentData())
        if self.session.set_sort(sort):
            self.settings.set_search_sort(sort)

    @property
    def search_help(self) -> SearchHelpPopup:
        if self._search_help is None:
            from newsviewer.gui.search_help import SearchHelpPopup

            self._search_help = SearchHelpPopup(self)
        return self._search_help

    def show_search_help(self) -> None:
        self.search_help.show_below(self.search_bar)

    def _on_hit_changed(self, current: int, total: int) -> None:
        if total == 0:
            self.hit_label.hide()
            return
        if current:
            self.hit_label.setText(f"Hit {current} of {total}")
        else:
            self.hit_label.setText(f"{total} {'hit' if total == 1 else 'hits'} · F3 next")
        self.hit_label.show()

    def next_hit(self) -> None:
        self.reader.next_hit()

    def previous_hit(self) -> None:
        self.reader.previous_hit()

    def _on_list_failed(self, message: str) -> None:
        # The task runner words the message: a refused search is not a broken library.
        self.statusBar().showMessage(message)
        self.search_failed.emit(message)

    def _update_pages(self) -> None:
        empty_library = self.session.is_empty_library()
        self.pages.setCurrentWidget(self.empty_state if empty_library else self.splitter)
        if self.session.has_no_match():
            self.list_pane.show_message(
                f"No stories match “{self.session.query}”.\n\nCheck the spelling or try fewer "
                "words. Press Esc to see all stories."
            )
        else:
            self.list_pane.show_list()

    def _show(self, article_id: ArticleId | None, *, force: bool = False) -> None:
        if article_id == self._current and not force and article_id is not None:
            return
        query = self.session.query
        article: StoredArticle | None = None
        if article_id is not None:
            try:
                article = self.library.get(article_id)
            except NewsViewerError as exc:
                self.statusBar().showMessage(str(exc))
        self.session.current = article.id if article is not None else None
        self._shown_query = query
        terms: list[str] = []
        if article is not None and query:
            try:
                terms = self.library.hit_terms(article.id, query)
            except NewsViewerError as exc:
                self.statusBar().showMessage(str(exc))
        if article is None:
            self.reader.show_message("No story matches." if query else "Select a story to read it.")
            self.quotes_panel.set_quotes(())
        else:
            self.reader.show_article(article, terms, exact=True)
            self.quotes_panel.set_quotes(article.quotes)
            self.setWindowTitle(f"{article.title} — NewsViewer")
        if self._current is None:
            self.setWindowTitle("NewsViewer")
        if not self.session.restoring or self._current is not None:
            self.settings.set_selected_article(self._current)
        self.window_actions.set_story_open(self._current is not None)
        if self._current is not None:
            self.article_shown.emit(int(self._current))

    def current_article(self) -> StoredArticle | None:
        return self.reader.article

    def open_story(self, article_id: ArticleId) -> None:
        self._show(article_id, force=True)

    def select_article(self, article_id: ArticleId) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self.list_view.setCurrentIndex(self.model.index(row, 0))
        return True

    # -- focus ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_bar.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.selectAll()

    def _focus_list(self) -> None:
        self.list_view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        if not self.list_view.currentIndex().isValid() and self.model.rowCount():
            self.list_view.setCurrentIndex(self.model.index(0, 0))

    def _on_list_escape(self) -> None:
        if self.search_bar.text():
            self.search_bar.clear_search()

    def _focus_reader(self) -> None:
        self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def set_quotes_visible(self, visible: bool) -> None:
        """Show or hide the quotations; remembered, unless folded in a narrow window."""
        quotes = self.reader_splitter.widget(1)  # the panel, or its stand-in until built
        if quotes is not None:
            quotes.setVisible(visible)
        if not self.pane_rules.is_narrow():
            self.settings.set_quotes_visible(visible)

    def _fold_quotes(self, visible: bool) -> None:
        # The window changed size class: the panel follows, the user's wish is kept.
        action = self.window_actions.quotes
        blocked = action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(blocked)
        quotes = self.reader_splitter.widget(1)
        if quotes is not None:
            quotes.setVisible(visible)

    # -- operations: delete, undo -----------------------------------------------------
    def apply_changes(self, changes: OpChanges) -> None:
        """Let every view take in what an operation changed."""
        for article_id in changes.removed:
            row = self.session.remove(article_id)
            if article_id == self._current:
                self.session.current = None
                if self.model.rowCount():
                    next_row = min(row or 0, self.model.rowCount() - 1)
                    self.list_view.setCurrentIndex(self.model.index(next_row, 0))
                else:
                    self._show(None)
        if changes.removed:
            self._on_counts_changed()
        if changes.message:
            self.statusBar().showMessage(changes.message, changes.message_ms)
        if changes.added:
            self.refresh_list(select=changes.select)
        self.changes_applied.emit(changes)

    def delete_current(self) -> None:
        if self._current is None:
            return
        deleted = self.delete_article(self._current, record=True)
        if deleted is not None:
            self.statusBar().showMessage(f"Deleted “{deleted.title}”. Press Ctrl+Z to undo.", 8000)

    def delete_article(self, article_id: ArticleId, *, record: bool) -> DeletedArticle | None:
        from newsviewer.gui.operations import delete_story

        try:
            changes, deleted = delete_story(self.library, article_id)
        except NewsViewerError as exc:
            self._warn("Could not delete the story", exc)
            return None
        self.apply_changes(changes)
        if deleted is not None and record:
            from newsviewer.gui.undo import DeleteCommand

            command = DeleteCommand(
                deleted,
                delete=lambda article_id: self.delete_article(article_id, record=False),
                restore=self.restore_article,
            )
            self.undo_stack.push(command)
        return deleted

    def restore_article(self, deleted: DeletedArticle) -> ArticleId:
        from newsviewer.gui.operations import restore_story

        try:
            changes, new_id = restore_story(self.library, deleted)
        except NewsViewerError as exc:
            self._warn("Could not restore the story", exc)
            return deleted.article_id
        self.apply_changes(changes)
        return new_id

    def _warn(self, title: str, exc: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, str(exc))

    # -- other story actions ----------------------------------------------------------
    def open_original(self) -> None:
        article = self.current_article()
        if article is None:
            return
        if self._originals is None:
            from newsviewer.gui.story_files import OriginalFiles

            self._originals = OriginalFiles()
        # A copy, a web page sanitised: the browser must not run the page's scripts.
        copy = self._originals.copy_of(self.library, article)
        if copy is None:
            self.statusBar().showMessage("The original file of this story was not kept.")
        else:
            self.open_url(QUrl.fromLocalFile(str(copy)))

    def copy_story_text(self) -> None:
        article = self.current_article()
        if article is not None:
            from newsviewer.gui.story_files import story_plain_text

            QGuiApplication.clipboard().setText(story_plain_text(article))
            self.statusBar().showMessage("Story text copied.", 3000)

    def show_about(self) -> None:
        from newsviewer.gui.story_files import show_about

        show_about(self, self.session.library_if_open())

    # -- import -----------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        self.imports.start(paths)

    @property
    def importer(self) -> ImportController:
        return self._built(lambda: self.imports.importer)

    @property
    def progress(self) -> ImportProgress:
        return self._built(lambda: self.imports.progress)

    @property
    def details_button(self) -> QPushButton:
        return self.imports.details_button

    @property
    def last_report(self) -> ImportReport | None:
        return self.imports.last_report

    @property
    def summary_dialog(self) -> ImportSummaryDialog | None:
        return self.imports.summary_dialog

    def show_summary(self) -> ImportSummaryDialog | None:
        return self.imports.show_summary()

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from newsviewer.importing import dialog_filter

        files, _ = QFileDialog.getOpenFileNames(
            self, "Import Files", str(Path.home()), dialog_filter()
        )
        self.import_files([Path(f) for f in files])

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Import Folder", str(Path.home()))
        if folder:
            self.import_files([Path(folder)])

    # -- shutdown ---------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter("mainSplitter", self.splitter.saveState())
        self.settings.set_splitter("readerSplitter", self.reader_splitter.saveState())
        self.settings.set_selected_article(self._current)
        if self._reader is not None:
            self.settings.set_reader_font_pt(self._reader.font_pt)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.imports.shutdown()
        self.session.wait()
        if self._originals is not None:
            self._originals.cleanup()
        super().closeEvent(event)
