"""Filter chips under the search field: the sites and speakers of the current matches.

A chip narrows the query by adding ``site:"…"`` or ``said:"…"`` to it; filters already in
the query show as active chips whose × takes them out again. The query text is the only
state, so what the chips show can never disagree with what was searched; reading and
writing filters in it is the query language's job (library/query.py), not this bar's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QToolButton, QWidget

if TYPE_CHECKING:
    # Only for annotations: the window paints before the library code is loaded.
    from newsviewer.library.query import Filter
    from newsviewer.library.search import FacetCount, Facets

SITE = "site"
SPEAKER = "said"
# Chips of each kind: a list pane ~360 px wide holds two or three rows of them; the
# long tail of one-story sites or speakers is better reached by typing.
MAX_CHIPS = 5


class FlowLayout(QLayout):
    """Lays its items out left to right, wrapping onto new lines like words."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        # Items of one line are centred on it, so a caption sits level with its chips.
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = rect.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and lines[-1]:
                lines.append([])
                x = rect.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = rect.y()
        for line in lines:
            if not line:
                continue
            height = max(hint.height() for _, hint in line)
            x = rect.x()
            for item, hint in line:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(y - self._spacing - rect.y(), 0)


class FacetBar(QWidget):
    """Chips for the sites and speakers of a search; emits the narrowed or widened query."""

    query_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Search filters")
        self._layout = FlowLayout(self)
        self._query = ""
        self.chips: list[QToolButton] = []
        self._style_chips()

    def _style_chips(self) -> None:
        """Rounded chips in the palette's colours; an active filter in the accent colour."""
        p = self.palette()
        mid = p.color(QPalette.ColorRole.Mid).name()
        accent = p.color(QPalette.ColorRole.Highlight).name()
        on_accent = p.color(QPalette.ColorRole.HighlightedText).name()
        self.setStyleSheet(
            f"QToolButton {{ border:1px solid {mid}; border-radius:10px; padding:1px 8px; }}"
            f"QToolButton:hover, QToolButton:focus {{ border-color:{accent}; }}"
            f"QToolButton:checked {{ background:{accent}; color:{on_accent};"
            f" border-color:{accent}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_chips()

    def clear(self) -> None:
        self.show_facets("", None)

    def show_facets(self, query: str, facets: Facets | None) -> None:
        """Active filters of ``query``, then the top sites and speakers of ``facets``."""
        self._query = query
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.chips = []
        active: list[Filter] = []
        if query:
            from newsviewer.library.query import active_filters

            active = active_filters(query)
        for chosen in active:
            kind = "site" if chosen.field == SITE else "said"
            chip = self._chip(f"{kind}: {chosen.value} ✕", checked=True)
            chip.setToolTip("Remove this filter")
            chip.setAccessibleName(f"Remove filter {kind} {chosen.value}")
            chip.clicked.connect(lambda _=False, f=chosen: self._remove(f))
        if facets is not None:
            taken = {(f.field, f.value.casefold()) for f in active}
            self._group("Sites", SITE, facets.sites, taken, facets.matches)
            self._group("Speakers", SPEAKER, facets.speakers, taken, facets.matches)
        self.setVisible(bool(self.chips))
        self.updateGeometry()

    def _group(
        self,
        title: str,
        field: str,
        counts: Sequence[FacetCount],
        taken: set[tuple[str, str]],
        matches: int,
    ) -> None:
        # A value shared by every match narrows nothing, so it is no chip.
        shown = [
            c for c in counts if (field, c.value.casefold()) not in taken and c.count < matches
        ][:MAX_CHIPS]
        if not shown:
            return
        label = QLabel(title)
        label.setEnabled(False)  # a caption, drawn muted
        label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self._layout.addWidget(label)
        for count in shown:
            chip = self._chip(f"{count.value} ({count.count:,})", checked=False)
            chip.setToolTip(f"Only stories {'from' if field == SITE else 'quoting'} {count.value}")
            chip.setAccessibleName(f"Filter by {title.lower()[:-1]} {count.value}")
            chip.clicked.connect(lambda _=False, f=field, v=count.value: self._add(f, v))

    def _chip(self, text: str, *, checked: bool) -> QToolButton:
        chip = QToolButton(self)
        chip.setText(text)
        chip.setCheckable(True)
        chip.setChecked(checked)
        chip.setAutoRaise(False)
        chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._layout.addWidget(chip)
        self.chips.append(chip)
        return chip

    def _add(self, field: str, value: str) -> None:
        from newsviewer.library.query import add_filter

        self.query_requested.emit(add_filter(self._query, field, value))

    def _remove(self, chosen: Filter) -> None:
        from newsviewer.library.query import remove_filter

        self.query_requested.emit(remove_filter(self._query, chosen))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.heightForWidth(width)
