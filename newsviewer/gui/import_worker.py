"""Imports run on their own thread; progress and results come back as signals.

The core ``import_paths`` takes plain callbacks; the worker turns them into signals,
throttled so that 2,000 small files do not flood the GUI thread with 2,000 repaints.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from newsviewer.domain import IMPORTED, ArticleId, FileOutcome, ImportReport

log = logging.getLogger(__name__)

# Parse processes leave one core to the window: with a parser on every core, a two-core
# machine stalled the GUI thread for 100-220 ms at a time (benchmarks/gui_import_stall.py);
# with one core kept free the longest stall stays under 80 ms at the same files/second.
PARSE_WORKERS = max(1, (os.cpu_count() or 1) - 1)

# At most this many progress signals per second reach the GUI: the bar and the label look
# continuous at 20 Hz, and each signal costs the GUI thread a repaint and a list refresh.
PROGRESS_INTERVAL_S = 0.05


class ImportWorker(QObject):
    """Lives on the import thread; ``run`` does the whole job."""

    progress_changed = Signal(int, int, str)  # files done, files in all, current file
    articles_imported = Signal(list)  # ids stored since the last signal
    import_finished = Signal(object)  # ImportReport
    import_failed = Signal(str)

    def __init__(
        self, library: object, paths: Sequence[Path], *, keep_duplicates: bool = False
    ) -> None:
        super().__init__()
        self._library = library
        self._paths = list(paths)
        self._keep_duplicates = keep_duplicates
        self._cancel = threading.Event()
        self._pending: list[ArticleId] = []
        self._last_emit = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from newsviewer import importing  # the import machinery is only needed here

        try:
            # import_paths walks folders itself and reports the file count through progress.
            report = importing.import_paths(
                self._library,  # type: ignore[arg-type]
                self._paths,
                progress=self._on_progress,
                cancelled=self._cancel.is_set,
                on_outcome=self._on_outcome,
                workers=PARSE_WORKERS,
                keep_duplicates=self._keep_duplicates,
            )
        except Exception as exc:  # task boundary: an import must never take the app down
            log.exception("import failed")
            self._flush()
            self.import_failed.emit(str(exc) or type(exc).__name__)
            return
        self._flush()
        if self._cancel.is_set() and not report.cancelled:
            report = ImportReport(report.outcomes, cancelled=True)
        self.import_finished.emit(report)

    def _on_outcome(self, outcome: FileOutcome) -> None:
        if outcome.status == IMPORTED and outcome.article_id is not None:
            self._pending.append(outcome.article_id)

    def _on_progress(self, done: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if now - self._last_emit < PROGRESS_INTERVAL_S and done < total:
            return
        self._last_emit = now
        self.progress_changed.emit(done, total, str(path))
        self._flush()

    def _flush(self) -> None:
        if self._pending:
            ids, self._pending = self._pending, []
            self.articles_imported.emit(ids)


class ImportController(QObject):
    """Starts one import at a time on a thread; more paths dropped meanwhile wait their turn."""

    import_started = Signal()
    progress_changed = Signal(int, int, str)
    articles_imported = Signal(list)
    import_finished = Signal(object)  # ImportReport, after the thread has ended
    import_failed = Signal(str)

    def __init__(self, library: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        # Imports asked for while one runs: (paths, keep_duplicates).
        self._queue: list[tuple[list[Path], bool]] = []

    def set_library(self, library: object) -> None:
        """The library imports go to, once it is open (the window may show before)."""
        self._library = library

    def start(self, paths: Sequence[Path], *, keep_duplicates: bool = False) -> None:
        """Import ``paths``; with ``keep_duplicates`` a story already in the library from
        another file is stored as a second copy (the user chose to keep both)."""
        if not paths:
            return
        if self._thread is not None:
            self._queue.append((list(paths), keep_duplicates))
            return
        thread = QThread(self)
        thread.setObjectName("import")
        worker = ImportWorker(self._library, paths, keep_duplicates=keep_duplicates)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress_changed.connect(self.progress_changed)
        worker.articles_imported.connect(self.articles_imported)
        worker.import_finished.connect(self._on_finished)
        worker.import_failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        self.import_started.emit()
        thread.start()

    def cancel(self) -> None:
        """Stop after the current file; files queued behind this import are dropped too."""
        self._queue.clear()
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self, timeout_ms: int = 10000) -> None:
        self.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(timeout_ms)

    @Slot(object)
    def _on_finished(self, report: ImportReport) -> None:
        self._end_thread()
        self.import_finished.emit(report)
        self._start_queued()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end_thread()
        self.import_failed.emit(message)
        self._start_queued()

    def _end_thread(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()

    def _start_queued(self) -> None:
        if self._queue and self._thread is None:
            paths, keep = self._queue.pop(0)
            self.start(paths, keep_duplicates=keep)
