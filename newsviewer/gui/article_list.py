"""The story list: a model holding only ids, and the view (rows painted by row_painter).

With 100,000 stories the model must not build 100,000 rows of anything: it keeps the id
list (and, while searching, the snippets), asks the library for the summaries of the
rows being painted in small batches, and keeps a bounded cache of those batches.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from newsviewer.gui.after_paint import AfterNextPaint
from newsviewer.gui.list_roles import ID_ROLE, SNIPPET_ROLE, SUMMARY_ROLE, meta_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QKeyEvent

    # Annotations only: the domain records load after the window's first paint.
    from newsviewer.domain import ArticleId, ArticleSummary

# Qt's namespace is used as QtCore.Qt, looked up when needed: building its enums takes
# ~15 ms, and none is needed before the window's first paint.

# Rows whose summaries are fetched in one library call: a screenful is 10-40 rows, so one
# call covers the screen and a little scrolling without loading rows nobody will see.
SUMMARY_BATCH = 100
# Batches kept in memory (6,400 rows); older ones are dropped, least recently used first.
MAX_CACHED_BATCHES = 64
# Rows whose search snippets are asked for in one background call: a screenful, since
# a snippet of a common word costs about 0.25 ms a row on a 100,000-story library.
SNIPPET_BATCH = 40
# Rows the view is told about at a time (lazy fetchMore); ids are already in memory, so
# this only keeps the view's own bookkeeping small until the user scrolls far.
FETCH_STEP = 5000
# Facets, the full ranking and all the ids start at the latest this long (ms) after the
# first rows arrived, should the list not be painted (hidden behind the empty-library page).
FOLLOW_UP_FALLBACK_MS = 150

__all__ = ["ID_ROLE", "SNIPPET_ROLE", "SUMMARY_ROLE", "ArticleListModel", "ArticleListView"]


class SummarySource(Protocol):
    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]: ...

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]: ...


class NoLibrary:
    """Stands in for the library until it is open: there is nothing to list yet."""

    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]:
        return []

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]:
        return []


class ArticleListModel(QAbstractListModel):
    """Ids of the listed stories; summaries read in batches, snippets asked for lazily.

    While searching, a row painted without its snippet makes the model emit
    ``snippets_needed`` with the ids of its batch (once per batch); the owner reads them
    off the GUI thread and hands them back through ``add_snippets``.

    The whole list can also be shown before its ids are read (``set_partial``: the count
    and the first page): rows further down are then read by position, a batch at a time,
    until ``complete`` hands over all the ids.
    """

    snippets_needed = Signal(list)

    def __init__(self, source: SummarySource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        # All the listed ids; while partial, only those of the first rows.
        self._ids: list[ArticleId] = []
        self._total = 0
        self._partial = False
        # While partial: ids of batches past the first rows, read by position.
        self._far: dict[int, list[ArticleId]] = {}
        # While partial: ids deleted since, which the full id list may still hold.
        self._removed: set[ArticleId] = set()
        self._snippets: dict[ArticleId, str] = {}
        self._search = False
        self._asked: set[ArticleId] = set()
        self._exposed = 0
        self._cache: OrderedDict[int, dict[ArticleId, ArticleSummary]] = OrderedDict()
        self.summary_calls = 0

    # -- contents ---------------------------------------------------------------------
    def set_source(self, source: SummarySource) -> None:
        """Read summaries from ``source`` from now on (the library, once it is open)."""
        self._source = source
        self._cache.clear()

    def set_ids(
        self,
        ids: Sequence[ArticleId],
        snippets: Mapping[ArticleId, str] | None = None,
        *,
        search: bool | None = None,
        keep_snippets: bool = False,
    ) -> None:
        """Show ``ids``; ``search`` rows show snippets (default: when some are given).

        ``keep_snippets`` keeps those already read (the same search, re-ordered).
        """
        self.beginResetModel()
        self._ids = list(ids)
        self._total = len(self._ids)
        self._partial = False
        self._far.clear()
        self._removed.clear()
        if not keep_snippets:
            self._snippets = {}
            self._asked = set()
        self._snippets.update(snippets or {})
        self._search = bool(snippets) if search is None else search
        self._exposed = min(self._total, FETCH_STEP)
        self._cache.clear()
        self.endResetModel()

    def set_partial(self, total: int, first: Sequence[ArticleSummary]) -> None:
        """Show all ``total`` stories (newest first) knowing only the ``first`` rows.

        The rest are read by position from the source when reached; ``complete`` hands
        over the whole id list once it has been read.
        """
        self.beginResetModel()
        self._ids = [s.id for s in first][:total]
        self._total = max(total, len(self._ids))
        self._partial = len(self._ids) < self._total
        self._far.clear()
        self._removed.clear()
        self._snippets = {}
        self._asked = set()
        self._search = False
        self._exposed = min(self._total, FETCH_STEP)
        self._cache.clear()
        # The first rows' summaries came with them: painting them reads nothing.
        for start in range(0, len(self._ids), SUMMARY_BATCH):
            rows = first[start : start + SUMMARY_BATCH]
            if len(rows) == SUMMARY_BATCH or not self._partial:
                self._cache[start // SUMMARY_BATCH] = {s.id: s for s in rows}
        self.endResetModel()

    def is_partial(self) -> bool:
        return self._partial

    def complete(self, ids: Sequence[ArticleId]) -> bool:
        """Hand over the whole id list of a partial list, unseen when it matches.

        Returns False (and changes nothing) when ``ids`` disagree with the rows read so
        far (stories were added meanwhile): the caller lists them anew with ``set_ids``.
        """
        if not self._partial:
            return False
        if self._removed:
            ids = [i for i in ids if i not in self._removed]
        known = len(self._ids)
        if len(ids) != self._total or list(ids[:known]) != self._ids:
            return False
        for batch, far_ids in self._far.items():
            start = batch * SUMMARY_BATCH
            if list(ids[start : start + len(far_ids)]) != far_ids:
                return False
        self._ids = list(ids)
        self._partial = False
        self._far.clear()
        self._removed.clear()
        return True

    def total(self) -> int:
        return self._total

    def is_search(self) -> bool:
        return self._search

    def add_snippets(self, snippets: Mapping[ArticleId, str]) -> None:
        """Snippets read in the background; rows showing them are repainted."""
        self._snippets.update(snippets)
        rows = [r for r in (self._row_if_exposed(i) for i in snippets) if r is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0))

    def _row_if_exposed(self, article_id: ArticleId) -> int | None:
        try:
            row = self._ids.index(article_id, 0, self._exposed)
        except ValueError:
            return None
        return row

    def _snippet(self, row: int) -> str | None:
        article_id = self.id_at(row)
        if article_id is None or not self._search:
            return None
        snippet = self._snippets.get(article_id)
        if snippet is None and article_id not in self._asked:
            start = row - row % SNIPPET_BATCH
            wanted = [
                i
                for i in self._ids[start : min(start + SNIPPET_BATCH, self._exposed)]
                if i not in self._snippets and i not in self._asked
            ]
            self._asked.update(wanted)
            self.snippets_needed.emit(wanted)
        return snippet

    def id_at(self, row: int) -> ArticleId | None:
        if not 0 <= row < self._exposed:
            return None
        if row < len(self._ids):
            return self._ids[row]
        far_ids = self._far_batch(row // SUMMARY_BATCH)
        offset = row % SUMMARY_BATCH
        return far_ids[offset] if offset < len(far_ids) else None

    def _far_batch(self, batch: int) -> list[ArticleId]:
        """Ids of a batch past the known rows of a partial list, read by position."""
        far_ids = self._far.get(batch)
        if far_ids is None:
            self._read_far(batch)
            far_ids = self._far.get(batch, [])
        return far_ids

    def _read_far(self, batch: int) -> dict[ArticleId, ArticleSummary]:
        start = batch * SUMMARY_BATCH
        end = min(start + SUMMARY_BATCH, self._total)
        self.summary_calls += 1
        if start > self._total // 2:
            # Counted from the oldest story: the index is walked from the near end.
            page = self._source.newest_page(self._total - end, end - start, from_oldest=True)
        else:
            page = self._source.newest_page(start, end - start)
        self._far[batch] = [s.id for s in page]
        rows = {s.id: s for s in page}
        self._remember(batch, rows)
        return rows

    def _remember(self, batch: int, rows: dict[ArticleId, ArticleSummary]) -> None:
        self._cache[batch] = rows
        if len(self._cache) > MAX_CACHED_BATCHES:
            self._cache.popitem(last=False)

    def row_of(self, article_id: ArticleId) -> int | None:
        row: int | None
        try:
            row = self._ids.index(article_id)
        except ValueError:
            row = self._far_row(article_id)
            if row is None:
                return None
        if row >= self._exposed:
            self.expose(row + 1)
        return row

    def _far_row(self, article_id: ArticleId) -> int | None:
        for batch, far_ids in self._far.items():
            if article_id in far_ids:
                return batch * SUMMARY_BATCH + far_ids.index(article_id)
        return None

    def expose(self, rows: int) -> None:
        rows = min(rows, self._total)
        if rows > self._exposed:
            self.beginInsertRows(QModelIndex(), self._exposed, rows - 1)
            self._exposed = rows
            self.endInsertRows()

    def remove_id(self, article_id: ArticleId) -> int | None:
        try:
            row: int | None = self._ids.index(article_id)
        except ValueError:
            row = self._far_row(article_id)
        if row is None:
            return None
        exposed = row < self._exposed
        if exposed:
            self.beginRemoveRows(QModelIndex(), row, row)
        if row < len(self._ids):
            del self._ids[row]
        self._total -= 1
        if self._partial:
            # Rows below moved up one: batches read by position are read again.
            self._removed.add(article_id)
            self._far.clear()
        if exposed:
            self._exposed -= 1
        self._cache.clear()
        if exposed:
            self.endRemoveRows()
        return row

    def summary_at(self, row: int) -> ArticleSummary | None:
        article_id = self.id_at(row)
        if article_id is None:
            return None
        batch = row // SUMMARY_BATCH
        rows = self._cache.get(batch)
        if rows is None:
            start = batch * SUMMARY_BATCH
            if self._partial and start + SUMMARY_BATCH > len(self._ids):
                rows = self._read_far(batch)
            else:
                ids = self._ids[start : start + SUMMARY_BATCH]
                self.summary_calls += 1
                rows = {s.id: s for s in self._source.summaries(ids)}
                self._remember(batch, rows)
        else:
            self._cache.move_to_end(batch)
        return rows.get(article_id)

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._exposed

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._exposed < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not parent.isValid():
            self.expose(self._exposed + FETCH_STEP)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role == ID_ROLE:
            return self.id_at(row)
        if role == SNIPPET_ROLE:
            return self._snippet(row)
        if role in (
            SUMMARY_ROLE,
            QtCore.Qt.ItemDataRole.DisplayRole,
            QtCore.Qt.ItemDataRole.AccessibleTextRole,
        ):
            summary = self.summary_at(row)
            if role == SUMMARY_ROLE:
                return summary
            if summary is None:
                return "…"
            if role == QtCore.Qt.ItemDataRole.AccessibleTextRole:
                return f"{summary.title}, {meta_line(summary)}"
            return summary.title
        return None


class ArticleListView(QTableView):
    """One column of fixed-height rows. Keyboard: arrows, Home/End, j/k; Enter opens.

    A table rather than a QListView: with fixed row heights its header computes row
    positions arithmetically, so telling it about 100,000 rows takes ~8 ms, where a
    QListView lays out every item (~160 ms even with uniform item sizes).
    """

    open_requested = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painter_installed = False
        self._follow_up: AfterNextPaint | None = None
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Stories")
        self.setAccessibleDescription("Saved stories, newest first")

    def install_row_painter(self) -> None:
        """Paint rows as stories (headline, source and date, standfirst or snippet).

        Done once the window has first been painted: the list is empty in that frame,
        and the row painter's fonts, palette and style code cost about 10 ms to load.
        """
        if self._painter_installed:
            return
        from newsviewer.gui.row_painter import ArticleDelegate

        self._painter_installed = True
        self.setItemDelegate(ArticleDelegate(self))
        self._update_row_height()
        # Rows are cut to the width; the list never scrolls sideways.
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _update_row_height(self) -> None:
        from PySide6.QtWidgets import QStyleOptionViewItem

        # A row as its delegate paints it, in the view's current font.
        option = QStyleOptionViewItem()
        option.initFrom(self)
        option.font = self.font()
        height = self.itemDelegate().sizeHint(option, QModelIndex()).height()
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(min(height, 16))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._painter_installed:
            self._update_row_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (
            event.modifiers()
            & ~(
                QtCore.Qt.KeyboardModifier.KeypadModifier | QtCore.Qt.KeyboardModifier.ShiftModifier
            )
        )
        if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and plain:
            self.open_requested.emit()
            return
        if key == QtCore.Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        if key in (QtCore.Qt.Key.Key_J, QtCore.Qt.Key.Key_K) and not event.modifiers():
            self.move_selection(1 if key == QtCore.Qt.Key.Key_J else -1)
            return
        model = self.model()
        if key == QtCore.Qt.Key.Key_Home and model is not None and model.rowCount():
            self._go_to(model.index(0, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            return
        if key == QtCore.Qt.Key.Key_End and isinstance(model, ArticleListModel) and model.total():
            # The view only knows the rows fetched so far; End means the last story.
            model.expose(model.total())
            last = model.index(model.rowCount() - 1, 0)
            self._go_to(last, QAbstractItemView.ScrollHint.PositionAtBottom)
            return
        super().keyPressEvent(event)

    def _go_to(self, index: QModelIndex, hint: QAbstractItemView.ScrollHint) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index, hint)

    def move_selection(self, step: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if step > 0 and current + 1 >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        row = min(max(current + step, 0), model.rowCount() - 1)
        self.setCurrentIndex(model.index(row, 0))

    # -- what the list session asks of its view (ListViewport) ---------------------------
    def scroll_value(self) -> int:
        return self.verticalScrollBar().value()

    def set_scroll_value(self, value: int) -> None:
        self.verticalScrollBar().setValue(value)

    def scroll_to_row(self, row: int) -> None:
        model = self.model()
        if model is not None:
            self.scrollTo(model.index(row, 0))

    def after_rows_painted(self, then: Callable[[], object]) -> None:
        # Facets, the full ranking and the whole id list wait until the first rows are
        # painted: run beside that paint, their threads took the GIL from it (60 ms ->
        # 200 ms).
        import shiboken6

        if self._follow_up is not None and shiboken6.isValid(self._follow_up):
            self._follow_up.cancel()  # (a hook that has run has deleted itself)
        self._follow_up = AfterNextPaint(self.viewport(), then, FOLLOW_UP_FALLBACK_MS)
