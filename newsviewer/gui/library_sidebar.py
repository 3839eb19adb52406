"""The sidebar: All stories, Unread, Starred, Archived, Recently imported, tags, sites, searches.

Each entry shows its count (kept by the library, so reading them costs no scan). A
click lists that part of the library (a ``Scope``) or runs a search (a site, a
saved search); the sidebar itself never reads stories.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from newsviewer.library import marks, saved_searches, tags
from newsviewer.library.repository import Library

# Item data: what a click does.
_ROLE = Qt.ItemDataRole.UserRole
# Sites listed by name: the biggest ones; the rest are a search away.
MAX_SITES = 50


@dataclass(frozen=True, slots=True)
class Entry:
    """What an entry stands for: ``kind`` all/unread/starred/archived/recent/tag/site/saved."""

    kind: str
    value: str = ""


class LibrarySidebar(QTreeWidget):
    entry_chosen = Signal(object)  # Entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("librarySidebar")
        self.setAccessibleName("Library")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        # The names take the width left beside the counts, which are never cut.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setMinimumWidth(self.minimumSizeHint().width())
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self._groups: dict[str, QTreeWidgetItem] = {}
        self._chosen = Entry("all")

    def _fixed_width(self, names: str, counts: str) -> int:
        """Room for ``names`` under a group heading and ``counts`` beside them."""
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        # (Each cell pads its text by a few pixels on both sides.)
        return (
            self.indentation()
            + metrics.horizontalAdvance(names)
            + metrics.horizontalAdvance(counts)
            + 3 * metrics.averageCharWidth()
            + frame
        )

    def minimumSizeHint(self) -> QSize:
        # The fixed entries whole ("Recently imported") beside a six-figure count: a
        # narrower sidebar would show "All stori…".
        hint = super().minimumSizeHint()
        return QSize(self._fixed_width("Recently imported", "100,000"), hint.height())

    def sizeHint(self) -> QSize:
        # A little more: the fixed entries beside a seven-figure count; longer tag and
        # site names are cut in the middle (whole in their tooltips).
        hint = super().sizeHint()
        wanted = self._fixed_width("Recently imported", "1,000,000") + 2 * self.indentation()
        return QSize(wanted, hint.height())

    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = item.data(0, _ROLE)
        if isinstance(entry, Entry):
            self._chosen = entry
            self.entry_chosen.emit(entry)

    def chosen(self) -> Entry:
        return self._chosen

    def item_for(self, entry: Entry) -> QTreeWidgetItem | None:
        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            if top is None:
                continue
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                if item is not None and item.data(0, _ROLE) == entry:
                    return item
        return None

    def choose(self, entry: Entry) -> None:
        """Select ``entry`` and act on it, as a click would."""
        item = self.item_for(entry)
        if item is not None:
            self.setCurrentItem(item)
            self._on_clicked(item)

    def count_of(self, entry: Entry) -> int | None:
        item = self.item_for(entry)
        if item is None or not item.text(1):
            return None
        return int(item.text(1).replace(",", ""))

    def reload(self, library: Library) -> None:
        """Read every count and list again (after marks, tags or an import changed them)."""
        counts = marks.counts(library)
        tag_list = tags.all_tags(library)
        sites = marks.sites(library)[:MAX_SITES]
        searches = saved_searches.saved_searches(library)
        expanded = {
            name: group.isExpanded() for name, group in self._groups.items() if group is not None
        }
        current = self._chosen
        self.clear()
        self._groups = {}

        def add(
            parent: QTreeWidgetItem | None, text: str, entry: Entry | None, count: int | None
        ) -> QTreeWidgetItem:
            item = QTreeWidgetItem([text, "" if count is None else f"{count:,}"])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            # A long tag or site name is cut in the middle: whole in the tooltip.
            item.setToolTip(0, text if count is None else f"{text} ({count:,})")
            if entry is not None:
                item.setData(0, _ROLE, entry)
            else:
                # A group heading: not a list of its own.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            return item

        add(None, "All stories", Entry("all"), counts.stories)
        add(None, "Unread", Entry("unread"), counts.unread)
        add(None, "Starred", Entry("starred"), counts.starred)
        add(None, "Archived", Entry("archived"), counts.archived)
        add(None, "Recently imported", Entry("recent"), None)
        for name, rows in (
            ("Tags", [(t.name, Entry("tag", t.name), t.stories) for t in tag_list]),
            ("Sites", [(s, Entry("site", s), n) for s, n in sites]),
            ("Saved searches", [(s.name, Entry("saved", s.query), None) for s in searches]),
        ):
            if not rows:
                continue
            group = add(None, name, None, None)
            for text, entry, count in rows:
                add(group, text, entry, count)
            group.setExpanded(expanded.get(name, True))
            self._groups[name] = group
        item = self.item_for(current)
        if item is not None:
            self.setCurrentItem(item)
