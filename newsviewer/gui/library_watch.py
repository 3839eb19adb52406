"""What another window, process or user changes in the library appears in this window.

The library (``Library.watch_changes``) says when someone else has committed to it:
a file through ``PRAGMA data_version``, a server through its notices. This asks it
on a timer, on the GUI thread (either answer is read without waiting), and says so
with ``stories_changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from newsviewer.library.changes import Watcher

# Often enough that a colleague's import shows within a couple of seconds; each
# look is a non-blocking read of one socket.
INTERVAL_MS = 1500


class LibraryWatch(QObject):
    stories_changed = Signal()  # someone else changed stories, marks, tags or highlights

    def __init__(self, watcher: Watcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        if self._watcher.changed():
            self.stories_changed.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._watcher.close()
