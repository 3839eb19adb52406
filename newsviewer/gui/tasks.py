"""Short library reads run off the GUI thread, results delivered on it.

One worker thread runs the tasks in order (one reader at a time is plenty, and it keeps
SQLite contention predictable); each result comes back through a queued signal to the
object that owns the runner. A task superseded by a newer one of the same ``kind`` (a
search typed further) is skipped if it has not started, and its result is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from newsviewer.errors import NewsViewerError

log = logging.getLogger(__name__)


_Callbacks = tuple[str, Callable[[Any], None], Callable[[str], None] | None]


class _Bridge(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    def __init__(
        self, ticket: int, fn: Callable[[], Any], bridge: _Bridge, live: Callable[[], bool]
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket = ticket
        self._fn = fn
        self._bridge = bridge
        self._live = live

    def run(self) -> None:
        if not self._live():
            return
        try:
            result = self._fn()
        except NewsViewerError as exc:
            # An error we expect already reads as a sentence for the user (a search
            # refused, the library's disk failing): shown as it is.
            self._bridge.failed.emit(self._ticket, str(exc))
            return
        except Exception as exc:  # task boundary: report, never kill the worker thread
            log.exception("background task failed")
            reason = str(exc) or type(exc).__name__
            self._bridge.failed.emit(self._ticket, f"Could not read the library: {reason}")
            return
        self._bridge.finished.emit(self._ticket, result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)
        self._next = 0
        self._callbacks: dict[int, _Callbacks] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        kind: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        self._next += 1
        ticket = self._next
        self._latest[kind] = ticket
        self._callbacks[ticket] = (kind, on_done, on_error)
        latest = self._latest
        self._pool.start(_Task(ticket, fn, self._bridge, lambda: latest.get(kind) == ticket))
        return ticket

    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_finished(self, ticket: int, result: object) -> None:
        kind, on_done, _ = self._callbacks.pop(ticket, ("", None, None))
        self._forget_skipped(ticket)
        if on_done is not None and self._latest.get(kind) == ticket:
            on_done(result)

    @Slot(int, str)
    def _on_failed(self, ticket: int, message: str) -> None:
        kind, _, on_error = self._callbacks.pop(ticket, ("", None, None))
        self._forget_skipped(ticket)
        if on_error is not None and self._latest.get(kind) == ticket:
            on_error(message)

    def _forget_skipped(self, ticket: int) -> None:
        # Tasks skipped because they were superseded never report; drop their callbacks.
        stale = [
            t
            for t, (kind, _, _) in self._callbacks.items()
            if t < ticket and self._latest.get(kind) != t
        ]
        for older in stale:
            del self._callbacks[older]
