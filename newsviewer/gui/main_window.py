"""The main window: story list, reader, quotations; import, search, delete and undo."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsviewer.errors import NewsViewerError
from newsviewer.gui.actions import install_actions, install_list_menu, install_menus
from newsviewer.gui.after_paint import AfterNextPaint
from newsviewer.gui.article_list import SUMMARY_BATCH, ArticleListModel, ArticleListView
from newsviewer.gui.placeholders import QuotesPlaceholder, ReaderPlaceholder
from newsviewer.gui.search_bar import SearchBar
from newsviewer.gui.settings import WindowSettings
from newsviewer.gui.tasks import TaskRunner

if TYPE_CHECKING:
    # Events only named in annotations: each Qt class is made on first use (~0.2 ms).
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDragLeaveEvent,
        QDragMoveEvent,
        QDropEvent,
        QResizeEvent,
    )

    # The parts built after the first paint (see finish_building), and the domain records:
    # loading them before the paint made the window appear ~40 ms later.
    from newsviewer.domain import ArticleId, ArticleSummary, ImportReport, StoredArticle
    from newsviewer.gui.drop_overlay import DropOverlay
    from newsviewer.gui.empty_state import EmptyState
    from newsviewer.gui.facet_bar import FacetBar
    from newsviewer.gui.import_progress import ImportProgress
    from newsviewer.gui.import_summary import ImportSummaryDialog
    from newsviewer.gui.import_worker import ImportController
    from newsviewer.gui.quotes_panel import QuotesPanel
    from newsviewer.gui.reader import ReaderView
    from newsviewer.gui.search_help import SearchHelpPopup
    from newsviewer.gui.story_files import OriginalFiles

    # Annotations only: the window is built and painted before the library code (and
    # SQLAlchemy) is loaded, which is most of start-up.
    from newsviewer.library import Library
    from newsviewer.library.repository import DeletedArticle
    from newsviewer.library.search import Facets, SearchPage

# Qt's namespace is used as QtCore.Qt, looked up when needed: building its enums takes
# ~15 ms, and none is needed before the window's first paint.

log = logging.getLogger(__name__)

# Results listed for a search: past ten thousand hits nobody scrolls, and ranking all of
# them for a word found in every story of 100,000 takes about 0.5 s (in the background).
SEARCH_LIMIT = 10_000
# Results shown first, at once: a few screenfuls. Ids only, read in ~20 ms even for a
# word in nearly every story of 100,000; the rest of the list follows in the background.
FIRST_PAGE = 200
# Snippets read with the first page: the rows on screen, so none of them starts blank.
FIRST_SNIPPETS = 40
SORTS = (("Best match", "relevance"), ("Newest first", "date"))
# Facets and ranking start at the latest this long (ms) after the first rows arrived,
# should the list not be painted (hidden behind the empty-library page, say).
FOLLOW_UP_FALLBACK_MS = 150
# While an import runs, the list is refreshed at most this often (ms): new stories appear
# steadily without re-reading the id list after every file.
IMPORT_REFRESH_MS = 400
# The parts not in the first frame are built at the latest this long (ms) after the
# window was made, should it not be painted (never shown, or minimised).
FINISH_FALLBACK_MS = 500


class _NoLibrary:
    """Stands in for the library until it is open: there is nothing to list yet."""

    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]:
        return []

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]:
        return []


_LIST_PAGE, _MESSAGE_PAGE = 0, 1


def _open_on_desktop(url: QUrl) -> bool:
    """Open ``url`` with the desktop's application for it (browser, file viewer)."""
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


def _accept_as_copy(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> bool:
    """Accept a drag of files as a copy, never the move the source may propose.

    A file manager offering Copy|Move proposes Move when Shift is held (or by its own
    default); accepting that would let it delete the user's file after the import.
    A drag that cannot be a copy is refused.
    """
    copy = QtCore.Qt.DropAction.CopyAction
    if not event.possibleActions() & copy:
        return False
    event.setDropAction(copy)
    event.accept()
    return True


_Part = TypeVar("_Part")


class MainWindow(QMainWindow):
    list_refreshed = Signal(int)  # rows now in the list
    list_ranked = Signal(int)  # rows of a search once its whole result is listed
    list_completed = Signal(int)  # rows once all ids of a list shown partially are read
    facets_shown = Signal(object)  # Facets of the current search
    article_shown = Signal(int)  # id of the story now in the reader
    import_summarized = Signal(object)  # ImportReport of a finished import
    search_failed = Signal(str)
    ready = Signal()  # the parts not in the first frame are built: see finish_building
    upgrade_started = Signal()  # the library is being updated for this version: see below

    def __init__(
        self,
        library: Library | None,
        settings: WindowSettings | None = None,
        *,
        open_url: Callable[[QUrl], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # None until attach_library: the window can be shown while the library opens.
        self._library = library
        self.settings = settings or WindowSettings()
        # The desktop opener is swappable so tests can see what would be opened.
        self.open_url: Callable[[QUrl], object] = open_url or _open_on_desktop
        self._current: ArticleId | None = None
        self._pending_select: ArticleId | None = self.settings_selected()
        self._first_new: ArticleId | None = None
        self._select_new = False
        self._total = 0
        self._query = ""
        self._shown_query = ""
        self._sort = self.settings.search_sort()
        self._matches: int | None = 0
        self._list_generation = 0
        self._snippet_batches = 0
        self._picked_first: ArticleId | None = None
        self._keep_after_ranking: ArticleId | None = None
        # The story open when a selection was left for the whole list to arrive.
        self._kept_over: ArticleId | None = None
        self._follow_up: AfterNextPaint | None = None
        self._after_refresh: list[Callable[[], object]] = []
        self._restoring = True
        # Made when first needed, as are the search help and the dialogs: the modules
        # loaded before the window's first paint are only those it paints.
        self._originals: OriginalFiles | None = None
        self._search_help: SearchHelpPopup | None = None
        self.last_report: ImportReport | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        # Built after the first paint (finish_building), or when first used before that.
        self._finished = False
        self._reader: ReaderView | None = None
        self._quotes_panel: QuotesPanel | None = None
        self._facet_bar: FacetBar | None = None
        self._importer: ImportController | None = None
        self._progress: ImportProgress | None = None
        self._empty_state: EmptyState | None = None
        self._drop_overlay: DropOverlay | None = None
        # Files given (or dropped) before the library was open: imported once it is.
        self._queued_imports: list[Path] = []

        self.setWindowTitle("NewsViewer")
        self.setAcceptDrops(True)
        self.tasks = TaskRunner(self)
        # Facets, the full ranking and snippets each get a thread of their own, so none
        # of them waits behind the others (SQLite serves concurrent readers).
        self.facet_tasks = TaskRunner(self)
        self.rank_tasks = TaskRunner(self)
        self.snippet_tasks = TaskRunner(self)
        self.id_tasks = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self._build_widgets()
        install_actions(self)
        install_menus(self)
        self._restore_layout()
        self._import_refresh = QTimer(self, singleShot=True, interval=IMPORT_REFRESH_MS)
        self._import_refresh.timeout.connect(self.refresh_list)
        if library is not None:
            self.refresh_list()
        else:
            # The list and reader, empty for a moment, rather than the empty-library page.
            self.count_label.setText("Opening the library…")
        AfterNextPaint(self, self.finish_building, FINISH_FALLBACK_MS)

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is not open yet")
        return self._library

    def has_library(self) -> bool:
        """Whether the library is open in the window (attach_library was called)."""
        return self._library is not None

    def show_upgrading(self) -> None:
        """Say that the library is being updated (a migration runs off this thread)."""
        self.count_label.setText("Updating the library…")
        self.message_label.setText(
            "Updating the library for this version of NewsViewer.\n\n"
            "A large library takes a few minutes. Its stories appear here when it is done; "
            "the window stays open meanwhile, and files dropped now are imported then."
        )
        self.list_stack.setCurrentIndex(_MESSAGE_PAGE)
        self.reader.show_message("Updating the library…")
        self.statusBar().showMessage("Updating the library for this version…")
        self.upgrade_started.emit()

    def attach_library(self, library: Library) -> None:
        """Show ``library``, opened after the window was first painted."""
        self._library = library
        self.model.set_source(library)
        if self._importer is not None:
            self._importer.set_library(library)
        self.refresh_list()
        queued, self._queued_imports = self._queued_imports, []
        self.import_files(queued)

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
        from newsviewer.gui.import_progress import ImportProgress
        from newsviewer.gui.import_worker import ImportController
        from newsviewer.gui.quotes_panel import QuotesPanel
        from newsviewer.gui.reader import ReaderView

        self.list_view.install_row_painter()
        install_list_menu(self)
        # Settings that change nothing in the first frame, made here with Qt's namespace.
        self.setWindowIcon(app_icon())
        self.help_button.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.message_label.setAlignment(
            QtCore.Qt.AlignmentFlag.AlignHCenter | QtCore.Qt.AlignmentFlag.AlignTop
        )

        progress = ImportProgress()
        self.statusBar().insertPermanentWidget(1, progress)  # between hits and Details
        self._progress = progress

        reader = ReaderView(lambda figure_id: self.library.figure_image(figure_id))
        reader.setAcceptDrops(False)
        reader.external_link_clicked.connect(self._open_external)
        reader.font_size_changed.connect(self.settings.set_reader_font_pt)
        reader.hit_changed.connect(self._on_hit_changed)
        font_pt = self.settings.reader_font_pt()
        if font_pt is not None:
            reader.set_font_pt(font_pt)
        if self._library is None:
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
        self._list_layout.insertWidget(self._list_layout.indexOf(self.count_label), facet_bar)
        self._facet_bar = facet_bar

        importer = ImportController(self._library, self)
        importer.import_started.connect(self._on_import_started)
        importer.progress_changed.connect(progress.update_progress)
        importer.articles_imported.connect(self._on_articles_imported)
        importer.import_finished.connect(self._on_import_finished)
        importer.import_failed.connect(self._on_import_failed)
        progress.cancel_requested.connect(importer.cancel)
        self._importer = importer
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
    def importer(self) -> ImportController:
        return self._built(lambda: self._importer)

    @property
    def progress(self) -> ImportProgress:
        return self._built(lambda: self._progress)

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
        """The veil shown while files are dragged over the window, made when first needed."""
        if self._drop_overlay is None:
            from newsviewer.gui.drop_overlay import DropOverlay

            self._drop_overlay = DropOverlay(self)
        return self._drop_overlay

    # -- construction -----------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_bar = SearchBar()
        self.search_bar.setAcceptDrops(False)  # a dropped file imports; it is not a query
        self.search_bar.query_changed.connect(self._on_query_changed)
        self.search_bar.results_requested.connect(self._focus_list)
        self.search_bar.help_requested.connect(self.show_search_help)
        self.sort_box = QComboBox()
        for label, sort in SORTS:
            self.sort_box.addItem(label, sort)
        self.sort_box.setCurrentIndex(1 if self._sort == "date" else 0)
        self.sort_box.setAccessibleName("Order of search results")
        self.sort_box.setToolTip("Order of search results")
        self.sort_box.currentIndexChanged.connect(self._on_sort_changed)
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setAccessibleName("Search syntax")
        self.help_button.setToolTip("Search syntax (F1)")
        self.help_button.clicked.connect(self.show_search_help)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of stories shown")
        self.count_label.setContentsMargins(4, 0, 4, 0)
        self.count_label.setEnabled(False)  # drawn muted: it is a caption, not content

        self.model = ArticleListModel(self._library or _NoLibrary(), self)
        self.model.snippets_needed.connect(self._fetch_snippets)
        self.list_view = ArticleListView()
        self.list_view.setModel(self.model)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list_view.open_requested.connect(self._focus_reader)
        self.list_view.escape_pressed.connect(self._on_list_escape)
        self.message_label = QLabel()
        self.message_label.setAccessibleName("Search message")
        self.message_label.setWordWrap(True)
        self.message_label.setContentsMargins(16, 32, 16, 16)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list_view)
        self.list_stack.addWidget(self.message_label)

        list_pane = QWidget()
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(6, 6, 0, 0)
        list_layout.setSpacing(4)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.setSpacing(4)
        search_row.addWidget(self.search_bar, 1)
        search_row.addWidget(self.sort_box)
        search_row.addWidget(self.help_button)
        list_layout.addLayout(search_row)
        # (The filter chips go here, above the count: finish_building.)
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.list_stack, 1)
        self._list_layout = list_layout

        # Stand-ins for the reader and the quotations until finish_building.
        self.reader_splitter = QSplitter()  # (side by side: a splitter's default)
        self.reader_splitter.setObjectName("readerSplitter")
        self.reader_splitter.addWidget(
            ReaderPlaceholder("Opening the library…" if self._library is None else "")
        )
        self.reader_splitter.addWidget(QuotesPlaceholder())
        self.reader_splitter.setStretchFactor(0, 1)
        self.reader_splitter.setStretchFactor(1, 0)
        self.reader_splitter.setChildrenCollapsible(True)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(list_pane)
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
        self.details_button = QPushButton("Details…")
        self.details_button.setAccessibleName("Show import details")
        self.details_button.clicked.connect(self.show_summary)
        self.details_button.hide()
        self.statusBar().addPermanentWidget(self.details_button)

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
        self.quotes_action.setChecked(self.settings.quotes_visible())
        self._set_quotes_visible(self.settings.quotes_visible())

    def settings_selected(self) -> ArticleId | None:
        return cast("ArticleId | None", self.settings.selected_article())

    # -- the list ---------------------------------------------------------------------
    def refresh_list(
        self, select: ArticleId | None = None, then: Callable[[], object] | None = None
    ) -> None:
        """Reload the ids (or re-run the search) off the GUI thread, then show them.

        ``then`` runs once the list shows a load started at or after this call.
        """
        if select is not None:
            self._pending_select = select
        if then is not None:
            self._after_refresh.append(then)
        if self._library is None:
            return  # attach_library lists the stories
        query = self._query
        library = self.library
        self._list_generation += 1
        generation = self._list_generation
        sort = self._sort
        if query:

            def work() -> object:
                first = library.search_page(query, 0, FIRST_PAGE, sort=sort, snippets=False)
                ids = [hit.id for hit in first.hits]
                return first, library.snippets(query, ids[:FIRST_SNIPPETS]), library.count()

            self.facet_bar.show_facets(query, None)
        else:

            def work() -> object:
                # The count and the first screenful show the whole list at once; all the
                # ids (0.2 s at a million stories) follow in the background.
                return library.newest_page(0, SUMMARY_BATCH), None, library.count()

            self.facet_bar.clear()
        self.tasks.submit(
            "list",
            work,
            lambda result: self._on_list_loaded(generation, query, result),
            self._on_list_failed,
        )

    def _on_list_loaded(self, generation: int, query: str, result: object) -> None:
        if generation != self._list_generation:
            return
        # Rows to show need the row painter (and a story, the reader): should the list
        # arrive before the first paint (a library given when the window is made).
        self.finish_building()
        rows, snippets, count = result  # type: ignore[misc]
        bar = self.list_view.verticalScrollBar()
        scroll = bar.value()
        keep = self._pending_select or self._current
        self._pending_select = None
        self._keep_after_ranking = None
        more_coming = False
        if query:
            page: SearchPage = rows
            self.model.set_ids([hit.id for hit in page.hits], snippets, search=True)
            self._total = count
            self._matches = page.total
            more_coming = page.approximate or len(page.hits) == FIRST_PAGE
            exact = page.approximate

            def follow_up() -> None:
                self._count_facets(generation, query)
                if more_coming:
                    self._rank_all(generation, query, exact=exact)

            self._after_list_painted(follow_up)
        else:
            self.model.set_partial(count, rows)
            self._total = self._matches = self.model.total()
            more_coming = self.model.is_partial()
            if more_coming:
                self._after_list_painted(lambda: self._load_all_ids(generation))
        self._update_count()
        self._update_pages()
        row = self.model.row_of(keep) if keep is not None else None
        # (A whole list has every story: the one a search picked first is in it too.)
        wait = keep != self._picked_first or not query
        if row is None and keep is not None and more_coming and wait:
            # The story being read may be further down the whole result: keep it open
            # until that is listed rather than jump to another story and back.
            self._keep_after_ranking = keep
            self._kept_over = self._current
            self.list_view.selectionModel().clearSelection()
        elif row is None and self.model.rowCount():
            row = 0
            # Chosen for the user, not by them: the ranked list may put another first.
            self._picked_first = self.model.id_at(0)
        elif keep != self._picked_first:
            self._picked_first = None
        if row is not None:
            index = self.model.index(row, 0)
            same = self.model.id_at(row) == self._current
            self.list_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if same:
                bar.setValue(scroll)
                if self._shown_query != query:
                    # Same story, new search: re-render only to update the marked terms.
                    self._show(self._current, force=True)
            self.list_view.scrollTo(index)
        elif self.model.rowCount() == 0:
            self._show(None)
        self._restoring = False
        self.list_refreshed.emit(self.model.rowCount())
        callbacks, self._after_refresh = self._after_refresh, []
        for callback in callbacks:
            callback()

    def _after_list_painted(self, follow_up: Callable[[], object]) -> None:
        # Facets, the full ranking and the whole id list wait until the first rows are
        # painted: run beside that paint, their threads took the GIL from it (60 ms ->
        # 200 ms).
        if self._follow_up is not None and shiboken6.isValid(self._follow_up):
            self._follow_up.cancel()  # (a hook that has run has deleted itself)
        self._follow_up = AfterNextPaint(
            self.list_view.viewport(), follow_up, FOLLOW_UP_FALLBACK_MS
        )

    def _load_all_ids(self, generation: int) -> None:
        """All the ids of a list shown from its first page, read in the background."""
        library = self.library

        def work() -> list[ArticleId] | None:
            if generation != self._list_generation:
                return None
            return library.ids()

        self.id_tasks.submit(
            "ids", work, lambda ids: self._on_all_ids(generation, ids), self._on_list_failed
        )

    def _on_all_ids(self, generation: int, ids: list[ArticleId] | None) -> None:
        if ids is None or generation != self._list_generation:
            return
        current = self._current
        kept, self._keep_after_ranking = self._keep_after_ranking, None
        if not self.model.complete(ids):
            # Stories came or went between the first page and this read: list them anew,
            # on the same story.
            bar = self.list_view.verticalScrollBar()
            scroll = bar.value()
            self.model.set_ids(ids)
            self._total = self._matches = len(ids)
            self._update_count()
            self._update_pages()
            row = self.model.row_of(current) if current is not None else None
            if row is not None:
                self.list_view.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            bar.setValue(scroll)
        if kept is not None and current in (None, kept, self._kept_over):
            # The story to keep open was further down than the first page.
            row = self.model.row_of(kept)
            if row is None and current is None and self.model.rowCount():
                row = 0
                self._picked_first = self.model.id_at(0)
            if row is not None:
                index = self.model.index(row, 0)
                self.list_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.list_view.scrollTo(index)
        self.list_completed.emit(self.model.rowCount())

    def _count_facets(self, generation: int, query: str) -> None:
        library = self.library

        def work() -> Facets | None:
            if generation != self._list_generation:
                return None
            return library.facets(query)

        self.facet_tasks.submit(
            "facets", work, lambda facets: self._on_facets(generation, query, facets)
        )

    def _rank_all(self, generation: int, query: str, *, exact: bool) -> None:
        """The whole result (up to SEARCH_LIMIT) in its final order, read in the background."""
        library = self.library
        sort = self._sort

        def work() -> SearchPage | None:
            if generation != self._list_generation:
                return None  # typed further meanwhile: nobody will see this ranking
            return library.search_page(
                query, 0, SEARCH_LIMIT, sort=sort, exact=exact, snippets=False
            )

        self.rank_tasks.submit(
            "rank", work, lambda page: self._on_ranked(generation, page), self._on_list_failed
        )

    def _on_ranked(self, generation: int, page: SearchPage | None) -> None:
        if page is None or generation != self._list_generation:
            return
        ids = [hit.id for hit in page.hits]
        current = self._current
        bar = self.list_view.verticalScrollBar()
        scroll = bar.value()
        kept, self._keep_after_ranking = self._keep_after_ranking, None
        if kept is not None and kept == current:  # not left for another story meanwhile
            scroll = 0
        elif current is not None and current == self._picked_first:
            # Nobody chose that story: show the best match, from the top.
            current, scroll = None, 0
        self.model.set_ids(ids, search=True, keep_snippets=True)
        if page.total is not None:
            self._matches = page.total
        elif len(ids) < SEARCH_LIMIT:
            self._matches = len(ids)  # too many to count at once, but all of them are here
        self._update_count()
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.list_view.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list_view.scrollTo(self.model.index(row, 0))
            if self._current == current and self._shown_query != self._query:
                self._show(current, force=True)  # mark the new search's words
            scroll = bar.value()
        elif self.model.rowCount():
            self._picked_first = self.model.id_at(0)
            self.list_view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        bar.setValue(scroll)
        self.list_ranked.emit(self.model.rowCount())

    def _fetch_snippets(self, ids: list[ArticleId]) -> None:
        if not ids or not self._query:
            return
        library = self.library
        query = self._query
        generation = self._list_generation
        self._snippet_batches += 1

        def work() -> dict[ArticleId, str]:
            if generation != self._list_generation:
                return {}
            return library.snippets(query, ids)

        def done(found: dict[ArticleId, str]) -> None:
            if generation == self._list_generation and found:
                self.model.add_snippets(found)

        # Each batch its own kind: a later batch must not cancel one still on screen.
        self.snippet_tasks.submit(f"snippets{self._snippet_batches}", work, done)

    def _on_facets(self, generation: int, query: str, facets: Facets | None) -> None:
        if facets is None or generation != self._list_generation:
            return
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
        sort = str(self.sort_box.currentData())
        if sort == self._sort:
            return
        self._sort = sort
        self.settings.set_search_sort(sort)
        if self._query:
            self.refresh_list()

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
        self.statusBar().showMessage(f"Could not read the library: {message}")
        self.search_failed.emit(message)
        callbacks, self._after_refresh = self._after_refresh, []
        for callback in callbacks:
            callback()

    def _update_count(self) -> None:
        shown = self.model.total()
        if self._query:
            # A word in very many stories is not counted: "10,000+" of what is listed.
            shown = shown if self._matches is None else self._matches
            more = "+" if self._matches is None else ""
            matches = "match" if shown == 1 else "matches"
            stories = "story" if self._total == 1 else "stories"
            self.count_label.setText(f"{shown:,}{more} {matches} in {self._total:,} {stories}")
        else:
            self.count_label.setText(f"{shown:,} {'story' if shown == 1 else 'stories'}")

    def _update_pages(self) -> None:
        empty_library = not self._query and self._total == 0
        self.pages.setCurrentWidget(self.empty_state if empty_library else self.splitter)
        if self._query and self.model.total() == 0:
            self.message_label.setText(
                f"No stories match “{self._query}”.\n\nCheck the spelling or try fewer words. "
                "Press Esc to see all stories."
            )
            self.list_stack.setCurrentIndex(_MESSAGE_PAGE)
        else:
            self.list_stack.setCurrentIndex(_LIST_PAGE)

    def _on_query_changed(self, query: str) -> None:
        self._query = query
        self.refresh_list()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.id_at(current.row()) if current.isValid() else None
        if article_id != self._current:
            self._show(article_id)

    def _show(self, article_id: ArticleId | None, *, force: bool = False) -> None:
        if article_id == self._current and not force and article_id is not None:
            return
        article: StoredArticle | None = None
        if article_id is not None:
            try:
                article = self.library.get(article_id)
            except NewsViewerError as exc:
                self.statusBar().showMessage(str(exc))
        self._current = article.id if article is not None else None
        self._shown_query = self._query
        terms: list[str] = []
        if article is not None and self._query:
            try:
                terms = self.library.hit_terms(article.id, self._query)
            except NewsViewerError as exc:
                self.statusBar().showMessage(str(exc))
        if article is None:
            self.reader.show_message(
                "No story matches." if self._query else "Select a story to read it."
            )
            self.quotes_panel.set_quotes(())
        else:
            self.reader.show_article(article, terms, exact=True)
            self.quotes_panel.set_quotes(article.quotes)
            self.setWindowTitle(f"{article.title} — NewsViewer")
        if self._current is None:
            self.setWindowTitle("NewsViewer")
        if not self._restoring or self._current is not None:
            self.settings.set_selected_article(self._current)
        self._update_story_actions()
        if self._current is not None:
            self.article_shown.emit(int(self._current))

    def _update_story_actions(self) -> None:
        for action in self._story_actions:
            action.setEnabled(self._current is not None)

    def current_article(self) -> StoredArticle | None:
        return self.reader.article

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

    def _set_quotes_visible(self, visible: bool) -> None:
        quotes = self.reader_splitter.widget(1)  # the panel, or its stand-in until built
        if quotes is not None:
            quotes.setVisible(visible)
        self.settings.set_quotes_visible(visible)

    # -- delete / undo ----------------------------------------------------------------
    def delete_current(self) -> None:
        if self._current is None:
            return
        deleted = self.delete_article(self._current, record=True)
        if deleted is not None:
            self.statusBar().showMessage(f"Deleted “{deleted.title}”. Press Ctrl+Z to undo.", 8000)

    def delete_article(self, article_id: ArticleId, *, record: bool) -> DeletedArticle | None:
        try:
            deleted = self.library.delete(article_id)
        except NewsViewerError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Could not delete the story", str(exc))
            return None
        if deleted is None:
            return None
        row = self.model.remove_id(article_id)
        self._total = max(self._total - 1, 0)
        if article_id == self._current:
            self._current = None
            if self.model.rowCount():
                next_row = min(row or 0, self.model.rowCount() - 1)
                self.list_view.setCurrentIndex(self.model.index(next_row, 0))
            else:
                self._show(None)
        self._update_count()
        self._update_pages()
        if record:
            from newsviewer.gui.undo import DeleteCommand

            self.undo_stack.push(DeleteCommand(self, deleted))
        return deleted

    def restore_article(self, deleted: DeletedArticle) -> ArticleId:
        try:
            new_id = self.library.restore(deleted)
        except NewsViewerError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Could not restore the story", str(exc))
            return deleted.article_id
        self.statusBar().showMessage(f"Restored “{deleted.title}”.", 5000)
        self.refresh_list(select=new_id)
        return new_id

    # -- other story actions ----------------------------------------------------------
    def open_original(self) -> None:
        article = self.current_article()
        if article is None:
            return
        original = self.library.original(article.id)
        if original is not None:
            if self._originals is None:
                from newsviewer.gui.story_files import OriginalFiles

                self._originals = OriginalFiles()
            self.open_url(QUrl.fromLocalFile(str(self._originals.write(article.id, *original))))
        elif Path(article.source_path).exists():
            self.open_url(QUrl.fromLocalFile(article.source_path))
        else:
            self.statusBar().showMessage("The original file of this story was not kept.")

    def copy_story_text(self) -> None:
        article = self.current_article()
        if article is not None:
            from newsviewer.gui.story_files import story_plain_text

            QGuiApplication.clipboard().setText(story_plain_text(article))
            self.statusBar().showMessage("Story text copied.", 3000)

    def _open_external(self, url: QUrl) -> None:
        self.open_url(url)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About NewsViewer",
            "<b>NewsViewer</b><p>Keeps news articles offline: import saved pages, text "
            "copies and Markdown, read them in a clean reader, search them fast.</p>"
            f"<p>Library: {self._library.path if self._library else 'opening…'}</p>",
        )

    # -- import -----------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        paths = [Path(p) for p in paths]
        if paths and self._library is None:
            self._queued_imports.extend(paths)
            self.statusBar().showMessage("Opening the library; the import starts in a moment.")
            return
        if paths:
            self.importer.start(paths)

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Import Files",
            str(Path.home()),
            "Articles (*.html *.htm *.xhtml *.txt *.md *.markdown);;All files (*)",
        )
        self.import_files([Path(f) for f in files])

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Import Folder", str(Path.home()))
        if folder:
            self.import_files([Path(folder)])

    def _on_import_started(self) -> None:
        self._first_new = None
        self._select_new = True
        self.details_button.hide()
        self.progress.begin()
        self.statusBar().clearMessage()

    def _on_articles_imported(self, ids: list[ArticleId]) -> None:
        if self._select_new and ids:
            # Show the first new story at once; later ones only refresh the list.
            self._select_new = False
            self._first_new = ids[0]
            self.refresh_list(select=ids[0])
        elif not self._import_refresh.isActive():
            self._import_refresh.start()

    def _on_import_finished(self, report: ImportReport) -> None:
        self.progress.finish()
        self._import_refresh.stop()
        self.last_report = report
        from newsviewer.domain import FAILED, IMPORTED
        from newsviewer.gui.import_summary import summary_line

        self.statusBar().showMessage(summary_line(report))
        problems = len(report.outcomes) - report.count(IMPORTED)
        failed = report.count(FAILED)
        self.details_button.setText(f"Show {failed} failed…" if failed else "Details…")
        self.details_button.setVisible(problems > 0)
        # Announce the end once the list shows what was imported.
        self.refresh_list(then=lambda: self.import_summarized.emit(report))

    def _on_import_failed(self, message: str) -> None:
        from newsviewer.domain import ImportReport

        self.progress.finish()
        self.statusBar().showMessage(f"Import stopped: {message}")
        self.refresh_list(then=lambda: self.import_summarized.emit(ImportReport(cancelled=True)))

    def show_summary(self) -> ImportSummaryDialog | None:
        if self.last_report is None:
            return None
        if self.summary_dialog is not None:
            self.summary_dialog.close()
            self.summary_dialog.deleteLater()
        from newsviewer.gui.import_summary import ImportSummaryDialog

        self.summary_dialog = ImportSummaryDialog(self.last_report, self)
        self.summary_dialog.show()
        return self.summary_dialog

    # -- drag and drop ----------------------------------------------------------------
    @staticmethod
    def _dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self._dropped_paths(event)
        if not paths or not _accept_as_copy(event):
            event.ignore()
            return
        what = "this file" if len(paths) == 1 and paths[0].is_file() else "these files"
        self.drop_overlay.cover(f"Drop to import {what}")

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._dropped_paths(event) or not _accept_as_copy(event):
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self._drop_overlay is not None:
            self._drop_overlay.hide()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._drop_overlay is not None:
            self._drop_overlay.hide()
        paths = self._dropped_paths(event)
        if not paths or not _accept_as_copy(event):
            event.ignore()
            return
        self.import_files(paths)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._drop_overlay is not None and self._drop_overlay.isVisible():
            self._drop_overlay.setGeometry(self.rect())

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
        if self._importer is not None:
            self._importer.shutdown()
        runners = (self.tasks, self.facet_tasks, self.rank_tasks, self.snippet_tasks, self.id_tasks)
        for runner in runners:
            runner.wait()
        if self._originals is not None:
            self._originals.cleanup()
        super().closeEvent(event)
