"""How the window shares its width between the list, the reader and the quotations.

The reader keeps a readable measure at every window size: below ``FOLD_BELOW`` pixels
the quotations panel folds away behind a toggle and the list narrows, so the reader
keeps at least ``READER_MIN`` pixels; in a wide window the list widens so headlines are
not cut after a few words. A width the user chose by dragging is kept while it obeys
these bounds. Pure arithmetic here (``list_width``); ``PaneRules`` applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QToolButton, QWidget

# Below this window width the quotations fold into a toggle.
FOLD_BELOW = 1000
# The reader never gets less than this while the list can give way (~60 characters).
READER_MIN = 480
# Splitter handles and frames between the list's share and the reader itself.
HANDLES = 12
# The list is never narrower than this (a headline's first words and the date).
LIST_MIN = 220
# The quotations fold too when the list and reader have less room than this beside
# the side docks (the sidebar and the highlights panel): the reader would be squeezed
# under READER_MIN by a panel of quotations at its narrowest readable width (a name and
# a few words a line). Counting a wider panel folded the quotations at the window's
# default size (1200 px) as soon as the library sidebar was added beside it.
QUOTES_MIN = 200
ROOM_FOR_QUOTES = LIST_MIN + READER_MIN + HANDLES + QUOTES_MIN
# In a wide window the list takes this share of the width, up to LIST_WIDE_MAX.
LIST_WIDE_SHARE = 0.26
LIST_WIDE_MAX = 560


def list_width(window_width: int, current: int) -> int:
    """The list's width for a window ``window_width`` wide, keeping ``current`` if it can."""
    most = max(window_width - READER_MIN - HANDLES, LIST_MIN)
    least = LIST_MIN
    if window_width >= FOLD_BELOW:
        least = max(LIST_MIN, min(round(window_width * LIST_WIDE_SHARE), LIST_WIDE_MAX))
        most = max(most, least)
    return min(max(current, least), most)


def _is_open(dock: QDockWidget) -> bool:
    """Shown, or to be shown with its window (not closed by the user)."""
    explicit = dock.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    return not dock.isHidden() or not explicit


def is_narrow(window_width: int) -> bool:
    return window_width < FOLD_BELOW


class PaneRules(QObject):
    """Applies the rules to the window's splitters whenever the window is resized.

    ``quotes_wanted`` says whether the user wants the quotations shown in a wide window
    (View › Show Quotations); ``show_quotes`` shows or hides the panel without changing
    that wish. In a narrow window ``toggle`` (a button for the same action) stands in.
    """

    @classmethod
    def install(
        cls,
        window: QMainWindow,
        main: QSplitter,
        quotes_action: QAction,
        quotes_wanted: Callable[[], bool],
        show_quotes: Callable[[bool], None],
    ) -> PaneRules:
        """Rules for ``window``, with a Quotations toggle in its status bar when narrow."""
        toggle = QToolButton()
        toggle.setDefaultAction(quotes_action)
        toggle.setToolTip("Show or hide the quotations (Ctrl+Shift+Q)")
        toggle.setAccessibleName("Show quotations")
        toggle.hide()
        window.statusBar().addPermanentWidget(toggle)
        return cls(window, main, toggle, quotes_wanted, show_quotes)

    def __init__(
        self,
        window: QWidget,
        main: QSplitter,
        toggle: QToolButton,
        quotes_wanted: Callable[[], bool],
        show_quotes: Callable[[bool], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._main = main
        self._toggle = toggle
        self._quotes_wanted = quotes_wanted
        self._show_quotes = show_quotes
        self._narrow: bool | None = None
        self._quotes_folded: bool | None = None
        self._pending = False
        self._whole = False
        # Side docks (the library sidebar) folded in a narrow window, and their toggles.
        self._folded_docks: list[QDockWidget] = []
        self._dock_toggles: dict[QDockWidget, QToolButton] = {}
        window.installEventFilter(self)
        # A side dock shown or hidden changes the panes' room without resizing the window.
        main.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
        if watched is self._window and resized:
            # Folding at once, so the panes are laid out for the new size class in this
            # same resize; the list's width once the splitters have their new sizes.
            self._fold(is_narrow(self._window.width()))
        if resized and watched in (self._window, self._main) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.apply)
        return False

    def is_narrow(self) -> bool:
        """True while the quotations are folded (a narrow window, or cramped panes)."""
        return bool(self._narrow or self._quotes_folded)

    @contextmanager
    def adding_docks(self) -> Iterator[None]:
        """Add side docks (the sidebar, built after the first paint) inside this block.

        In a narrow window they fold at once, and the list keeps the width it had
        before they squeezed it; from then on the list is kept within bounds (before,
        a dock about to fold would have made it narrower than the user left it).
        """
        before = self._main.sizes()
        yield
        if self._narrow:
            self._fold_docks(True)
            self._relayout()
            after = self._main.sizes()
            if len(before) == len(after) == 2 and after[0] != before[0]:
                total = sum(after)
                self._main.setSizes([before[0], total - before[0]])
        self._whole = True
        self.apply()

    def _fold(self, narrow: bool) -> None:
        if narrow != self._narrow:
            self._narrow = narrow
            self._fold_docks(narrow)
            self._relayout()
        self._fold_quotes(narrow or self._cramped())

    def _cramped(self) -> bool:
        """The panes have too little room beside the side docks for the quotations."""
        shown = self._whole and self._window.isVisible()
        return shown and 0 < self._main.width() < ROOM_FOR_QUOTES

    def _fold_quotes(self, fold: bool) -> None:
        if fold == self._quotes_folded:
            return
        self._quotes_folded = fold
        self._toggle.setVisible(fold)
        # Folded on the way down; back as the user wants it on the way up.
        self._show_quotes(False if fold else self._quotes_wanted())
        self._relayout()

    def _relayout(self) -> None:
        layout = self._window.layout()
        if layout is not None:
            layout.activate()

    def apply(self) -> None:
        self._pending = False
        self._fold(is_narrow(self._window.width()))
        sizes = self._main.sizes()
        # (Not before the window is on screen: a hidden window's panes have no real size.)
        if not (self._whole and self._window.isVisible()) or len(sizes) != 2 or sum(sizes) <= 0:
            return
        total = sum(sizes)
        wanted = list_width(total, sizes[0])
        if wanted != sizes[0]:
            self._main.setSizes([wanted, total - wanted])

    def _fold_docks(self, narrow: bool) -> None:
        """Side docks give their width to the reader in a narrow window, behind a toggle."""
        window = self._window
        if not isinstance(window, QMainWindow):
            return
        if narrow:
            sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
            docks = [
                dock
                for dock in window.findChildren(QDockWidget)
                if _is_open(dock) and not dock.isFloating() and window.dockWidgetArea(dock) in sides
            ]
            for dock in docks:
                dock.hide()
                self._folded_docks.append(dock)
                toggle = self._dock_toggles.get(dock)
                if toggle is None:
                    toggle = QToolButton()
                    toggle.setDefaultAction(dock.toggleViewAction())
                    window.statusBar().addPermanentWidget(toggle)
                    self._dock_toggles[dock] = toggle
                toggle.show()
        else:
            for toggle in self._dock_toggles.values():
                toggle.hide()
            for dock in self._folded_docks:
                dock.show()
            self._folded_docks = []
