"""What an import did: one line for the status bar, and a dialog listing every problem file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsviewer.domain import DUPLICATE, FAILED, IMPORTED, FileOutcome, ImportReport


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_line(report: ImportReport) -> str:
    imported, duplicates, failed = (
        report.count(IMPORTED),
        report.count(DUPLICATE),
        report.count(FAILED),
    )
    if not report.outcomes:
        return (
            "Import cancelled before any file was added."
            if report.cancelled
            else "No files to import."
        )
    repeats = sum(1 for o in report.outcomes if o.repeats)
    parts = [f"Imported {_plural(imported, 'story', 'stories')}"]
    if duplicates - repeats:
        parts.append(f"{_plural(duplicates - repeats, 'duplicate')} skipped")
    if repeats:
        parts.append(
            f"{_plural(repeats, 'story', 'stories')} already in the library from another file"
        )
    if failed:
        parts.append(f"{failed} failed")
    line = ", ".join(parts) + "."
    return ("Cancelled. " + line) if report.cancelled else line


def _story_name(outcome: FileOutcome) -> str:
    """The file's name; for a story inside a file that holds several, which one."""
    name = Path(outcome.path).name
    if not outcome.part:
        return name
    label = outcome.title or outcome.label
    return f"{name} #{outcome.part}" + (f": {label}" if label else "")


def _reason(outcome: FileOutcome) -> str:
    if outcome.repeats:
        # "same text as #12 “Title”": the story saved before, and what gave it away.
        return f"Already in the library: {outcome.reason}"
    return outcome.reason or (f"Same file as “{outcome.title}”" if outcome.title else "")


class ImportSummaryDialog(QDialog):
    """Counts, then a table of the files that failed (with why) or were already stored.

    A story saved before from another file (the same address, or nearly the same
    words) is offered: Keep Both imports it again as a second copy.
    """

    # The outcomes of the stories to keep as second copies (FileOutcome list).
    keep_both_requested = Signal(list)

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import summary")
        self.setAccessibleName("Import summary")
        self.resize(760, 420)
        problems = [o for o in report.outcomes if o.status in (FAILED, DUPLICATE)]
        problems.sort(key=lambda o: (o.status != FAILED, not o.repeats, o.path, o.part))
        self._problems = problems
        heading = QLabel(summary_line(report))
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        heading.setFont(font)
        self.table = QTableWidget(len(problems), 3, self)
        self.table.setAccessibleName("Files not imported")
        self.table.setHorizontalHeaderLabels(["File", "Result", "Reason"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 240)
        for row, outcome in enumerate(problems):
            name = QTableWidgetItem(_story_name(outcome))
            name.setToolTip(outcome.shown)
            status = "Failed" if outcome.status == FAILED else "Already in library"
            reason = _reason(outcome)
            reason_item = QTableWidgetItem(reason)
            reason_item.setToolTip(reason)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(status))
            self.table.setItem(row, 2, reason_item)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.keep_both_button: QPushButton | None = None
        repeats = [o for o in problems if o.repeats]
        if repeats:
            self.keep_both_button = buttons.addButton(
                "Keep Both", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.keep_both_button.setToolTip(
                "Store the stories already in the library from another file as second "
                "copies: the ones selected, else all of them"
            )
            self.keep_both_button.clicked.connect(self.keep_both)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if problems:
            layout.addWidget(QLabel("Files that were not added:"))
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def keep_both(self) -> None:
        """Ask for the selected repeated stories (else all of them) to be kept too."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        chosen = [self._problems[r] for r in rows if self._problems[r].repeats]
        if not chosen:
            chosen = [o for o in self._problems if o.repeats]
        if chosen:
            self.keep_both_requested.emit(chosen)
            self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Row heights depend on the final column widths, known only once shown.
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as text, in display order."""

        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]
