"""An import seen from the window: the progress bar, the list filling in, the summary.

Owns the import controller once the window has been painted, the files given before the
library was open, and the last report with its Details button and dialog. It tells the
window what to list through ``list_requested`` and announces the end of an import with
``summarized`` once the list shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

if TYPE_CHECKING:
    from newsviewer.domain import ArticleId, FileOutcome, ImportReport
    from newsviewer.gui.import_progress import ImportProgress
    from newsviewer.gui.import_summary import ImportSummaryDialog
    from newsviewer.gui.import_worker import ImportController
    from newsviewer.library import Library

# While an import runs, the list is refreshed at most this often (ms): new stories appear
# steadily without re-reading the id list after every file.
IMPORT_REFRESH_MS = 400

# What the window lists: ``select`` (if any) once there, then ``then`` once shown.
ListRequest = Callable[["ArticleId | None", "Callable[[], object] | None"], None]


class ImportFlow(QObject):
    summarized = Signal(object)  # ImportReport, once the list shows what was imported

    def __init__(
        self,
        window: QWidget,
        status_bar: QStatusBar,
        list_requested: ListRequest,
        prepare: Callable[[], object],
        library: Library | None = None,
    ) -> None:
        """``prepare`` builds the window's later parts, this flow's among them (``build``)."""
        super().__init__(window)
        self._window = window
        self._prepare = prepare
        self._status = status_bar
        self._list = list_requested
        self._library = library
        self.importer: ImportController | None = None
        self.progress: ImportProgress | None = None
        # Files given (or dropped) before the library was open: imported once it is.
        self._queued: list[Path] = []
        self._select_new = False
        self.last_report: ImportReport | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        # The status bar's widgets, hidden, are in the first frame too: the bar takes the
        # height of the tallest (the Details button), so nothing moves when it fills.
        self.details_button = QPushButton("Details…")
        self.details_button.setAccessibleName("Show import details")
        self.details_button.clicked.connect(self.show_summary)
        self.details_button.hide()
        self._refresh = QTimer(self, singleShot=True, interval=IMPORT_REFRESH_MS)
        self._refresh.timeout.connect(lambda: self._list(None, None))

    def build(self) -> None:
        """Make the progress bar and the controller (after the window's first paint)."""
        from newsviewer.gui.import_progress import ImportProgress
        from newsviewer.gui.import_worker import ImportController

        progress = ImportProgress()
        self._status.insertPermanentWidget(1, progress)  # between hits and Details
        importer = ImportController(self._library, self)
        importer.import_started.connect(self._on_started)
        importer.progress_changed.connect(progress.update_progress)
        importer.articles_imported.connect(self._on_imported)
        importer.import_finished.connect(self._on_finished)
        importer.import_failed.connect(self._on_failed)
        progress.cancel_requested.connect(importer.cancel)
        self.progress, self.importer = progress, importer

    def attach(self, library: Library) -> None:
        """Import into ``library`` from now on, starting with the files queued meanwhile."""
        self._library = library
        if self.importer is not None:
            self.importer.set_library(library)
        queued, self._queued = self._queued, []
        self.start(queued)

    def start(self, paths: Sequence[Path], *, keep_duplicates: bool = False) -> None:
        paths = [Path(p) for p in paths]
        if paths and self._library is None:
            self._queued.extend(paths)
            self._status.showMessage("Opening the library; the import starts in a moment.")
            return
        if paths:
            self._prepare()
            if self.importer is None:
                raise RuntimeError("prepare() did not build the import flow")
            self.importer.start(paths, keep_duplicates=keep_duplicates)

    def shutdown(self) -> None:
        if self.importer is not None:
            self.importer.shutdown()

    def _on_started(self) -> None:
        self._select_new = True
        self.details_button.hide()
        if self.progress is not None:
            self.progress.begin()
        self._status.clearMessage()

    def _on_imported(self, ids: list[ArticleId]) -> None:
        if self._select_new and ids:
            # Show the first new story at once; later ones only refresh the list.
            self._select_new = False
            self._list(ids[0], None)
        elif not self._refresh.isActive():
            self._refresh.start()

    def _on_finished(self, report: ImportReport) -> None:
        if self.progress is not None:
            self.progress.finish()
        self._refresh.stop()
        self.last_report = report
        from newsviewer.domain import FAILED, IMPORTED
        from newsviewer.gui.import_summary import summary_line

        self._status.showMessage(summary_line(report))
        problems = len(report.outcomes) - report.count(IMPORTED)
        failed = report.count(FAILED)
        repeats = sum(1 for o in report.outcomes if o.repeats)
        # A story saved before from another file waits for the user: keep both or not.
        self.details_button.setText(
            f"Show {failed} failed…" if failed else ("Keep Both?…" if repeats else "Details…")
        )
        self.details_button.setVisible(problems > 0)
        # Announce the end once the list shows what was imported.
        self._list(None, lambda: self.summarized.emit(report))

    def keep_both(self, outcomes: Sequence[FileOutcome]) -> None:
        """Import again the files of stories reported as already in the library from
        another file, this time storing them as second copies."""
        paths = list(dict.fromkeys(Path(o.path) for o in outcomes if o.repeats))
        if paths:
            self.start(paths, keep_duplicates=True)

    def _on_failed(self, message: str) -> None:
        from newsviewer.domain import ImportReport

        if self.progress is not None:
            self.progress.finish()
        self._status.showMessage(f"Import stopped: {message}")
        self._list(None, lambda: self.summarized.emit(ImportReport(cancelled=True)))

    def show_summary(self) -> ImportSummaryDialog | None:
        if self.last_report is None:
            return None
        if self.summary_dialog is not None:
            self.summary_dialog.close()
            self.summary_dialog.deleteLater()
        from newsviewer.gui.import_summary import ImportSummaryDialog

        self.summary_dialog = ImportSummaryDialog(self.last_report, self._window)
        self.summary_dialog.keep_both_requested.connect(self.keep_both)
        self.summary_dialog.show()
        return self.summary_dialog
