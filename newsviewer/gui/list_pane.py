"""The left pane: the search field with its sort and help, the filter chips, the count,
and the story list (or a message in its place when nothing matches)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsviewer.gui.article_list import ArticleListView
from newsviewer.gui.search_bar import SearchBar

if TYPE_CHECKING:
    from newsviewer.gui.list_session import ListSession, Sort

SORTS: tuple[tuple[str, Sort], ...] = (
    ("Best match", "relevance"),
    ("Newest first", "date"),
    ("Oldest first", "oldest"),
    ("Saved, newest first", "saved"),
    ("Title", "title"),
    ("Site", "site"),
)

LIST_PAGE, MESSAGE_PAGE = 0, 1


class ListPane(QWidget):
    def __init__(self, session: ListSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_bar = SearchBar()
        self.search_bar.setAcceptDrops(False)  # a dropped file imports; it is not a query
        self.sort_box = QComboBox()
        for label, sort in SORTS:
            self.sort_box.addItem(label, sort)
        self.sort_box.setCurrentIndex(max(self.sort_box.findData(session.sort), 0))
        # As wide as "Best match": the search field keeps the room (the popup shows
        # the longer names whole).
        self.sort_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sort_box.setMinimumContentsLength(len("Best match"))
        # Best match ranks a search; without one the list is newest first.
        self.sort_box.setAccessibleName("Order of the list")
        self.sort_box.setToolTip(
            "Order of the list. Dates are publication dates; a story without one is "
            "placed by the day it was saved."
        )
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setAccessibleName("Search syntax")
        self.help_button.setToolTip("Search syntax (F1)")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of stories shown")
        self.count_label.setContentsMargins(4, 0, 4, 0)
        self.count_label.setEnabled(False)  # drawn muted: it is a caption, not content

        self.list_view = ArticleListView()
        self.list_view.setModel(session.model)
        # The session's selection, so what it selects is what the view shows selected.
        own_selection = self.list_view.selectionModel()
        self.list_view.setSelectionModel(session.selection)
        own_selection.deleteLater()
        session.viewport = self.list_view
        self.message_label = QLabel()
        self.message_label.setAccessibleName("Search message")
        self.message_label.setWordWrap(True)
        self.message_label.setContentsMargins(16, 32, 16, 16)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list_view)
        self.list_stack.addWidget(self.message_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.setSpacing(4)
        search_row.addWidget(self.search_bar, 1)
        search_row.addWidget(self.sort_box)
        search_row.addWidget(self.help_button)
        layout.addLayout(search_row)
        # (The filter chips go here, above the count: add_above_count.)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list_stack, 1)
        self._layout = layout

    def add_above_count(self, widget: QWidget) -> None:
        """Put ``widget`` (the filter chips) between the search field and the count."""
        self._layout.insertWidget(self._layout.indexOf(self.count_label), widget)

    def show_message(self, text: str) -> None:
        """Show ``text`` in place of the list (nothing matches; the library is updating)."""
        self.message_label.setText(text)
        self.list_stack.setCurrentIndex(MESSAGE_PAGE)

    def show_list(self) -> None:
        self.list_stack.setCurrentIndex(LIST_PAGE)
