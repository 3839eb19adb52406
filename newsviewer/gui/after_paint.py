"""Run something once a widget has been painted: work that would slow the paint waits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterNextPaint(QObject):
    """Calls ``then`` once after ``widget``'s next paint (or after ``fallback_ms`` anyway).

    The fallback covers a widget that is not painted at all (hidden, minimised). Cancel
    with ``cancel()``; the hook removes itself once it has run.
    """

    def __init__(self, widget: QWidget, then: Callable[[], object], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            # After this paint pass (children paint next) has been drawn.
            QTimer.singleShot(0, self, self._run)
        return False

    def cancel(self) -> None:
        self._then = None
        self._done()

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._done()
            then()

    def _done(self) -> None:
        self._widget.removeEventFilter(self)
        self.deleteLater()
