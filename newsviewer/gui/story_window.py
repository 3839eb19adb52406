"""The main window as the parts installed on it see it: its signals and what they may use.

The sidebar (``living_controller``), the Quotes dock (``quotes_view``) and the Settings
dialog are built by the window and reach back into it. They know it through this class,
which ``MainWindow`` fills in, so none of them imports ``main_window`` (no import cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from newsviewer.domain import ArticleId
    from newsviewer.gui.actions import Actions
    from newsviewer.gui.article_list import ArticleListModel, ArticleListView
    from newsviewer.gui.import_flow import ImportFlow
    from newsviewer.gui.layout_rules import PaneRules
    from newsviewer.gui.list_session import ListSession
    from newsviewer.gui.reader import ReaderView
    from newsviewer.gui.search_bar import SearchBar
    from newsviewer.gui.settings import WindowSettings
    from newsviewer.library import Library


class StoryWindow(QMainWindow):
    list_refreshed = Signal(int)  # rows now in the list
    list_ranked = Signal(int)  # rows of a search once its whole result is listed
    list_completed = Signal(int)  # rows once all ids of a list shown partially are read
    facets_shown = Signal(object)  # Facets of the current search
    article_shown = Signal(int)  # id of the story now in the reader
    import_summarized = Signal(object)  # ImportReport of a finished import
    search_failed = Signal(str)
    ready = Signal()  # the parts not in the first frame are built: see finish_building
    upgrade_started = Signal()  # the library is being updated for this version
    changes_applied = Signal(object)  # OpChanges of an operation, once every view has them

    # Set by MainWindow as it builds itself.
    settings: WindowSettings
    session: ListSession
    imports: ImportFlow
    search_bar: SearchBar
    list_view: ArticleListView
    window_actions: Actions
    undo_stack: QUndoStack
    pane_rules: PaneRules

    @property
    def library(self) -> Library:
        raise NotImplementedError

    @property
    def model(self) -> ArticleListModel:
        raise NotImplementedError

    @property
    def reader(self) -> ReaderView:
        raise NotImplementedError

    def set_query(self, text: str) -> None:
        """Search for ``text`` at once, as if typed."""
        raise NotImplementedError

    def select_article(self, article_id: ArticleId) -> bool:
        """Select a listed story; False when it is not in the list."""
        raise NotImplementedError

    def open_story(self, article_id: ArticleId) -> None:
        """Show a story in the reader, whether or not the list holds it."""
        raise NotImplementedError
