"""Files dragged onto the window: which paths, and accepting them as a copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    # Annotations only: each Qt event class is made on first use (~0.2 ms), and this
    # module is loaded for the window's first frame.
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from newsviewer.gui.drop_overlay import DropOverlay

    DragEvent = QDropEvent | QDragEnterEvent | QDragMoveEvent


def dropped_paths(event: DragEvent) -> list[Path]:
    """The local files and folders a drag carries (none for text or web links)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def accept_as_copy(event: DragEvent) -> bool:
    """Accept a drag of files as a copy, never the move the source may propose.

    A file manager offering Copy|Move proposes Move when Shift is held (or by its own
    default); accepting that would let it delete the user's file after the import.
    A drag that cannot be a copy is refused.
    """
    copy = QtCore.Qt.DropAction.CopyAction
    if not event.possibleActions() & copy:
        return False
    event.setDropAction(copy)
    event.accept()
    return True


class FileDropTarget(QObject):
    """Takes files dropped anywhere on ``window`` (as copies), veiling it while dragged.

    An event filter on the window, so the window itself has no drag handlers; emits
    ``files_dropped`` with the paths.
    """

    files_dropped = Signal(list)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._overlay: DropOverlay | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @property
    def overlay(self) -> DropOverlay:
        """The veil shown while files are dragged over the window, made when first needed."""
        if self._overlay is None:
            from newsviewer.gui.drop_overlay import DropOverlay

            self._overlay = DropOverlay(self._window)
        return self._overlay

    def _hide_overlay(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter:
            enter = cast("QDragEnterEvent", event)
            paths = dropped_paths(enter)
            if not paths or not accept_as_copy(enter):
                event.ignore()
                return True
            what = "this file" if len(paths) == 1 and paths[0].is_file() else "these files"
            self.overlay.cover(f"Drop to import {what}")
            return True
        if kind == QEvent.Type.DragMove:
            move = cast("QDragMoveEvent", event)
            if not dropped_paths(move) or not accept_as_copy(move):
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self._hide_overlay()
            event.accept()
            return True
        if kind == QEvent.Type.Drop:
            self._hide_overlay()
            drop = cast("QDropEvent", event)
            paths = dropped_paths(drop)
            if not paths or not accept_as_copy(drop):
                event.ignore()
                return True
            self.files_dropped.emit(paths)
            return True
        overlay = self._overlay
        if kind == QEvent.Type.Resize and overlay is not None and overlay.isVisible():
            overlay.setGeometry(self._window.rect())
        return False
