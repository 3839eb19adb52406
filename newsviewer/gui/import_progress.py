"""The status-bar strip shown while an import runs: bar, current file, Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

# The file name shown beside the bar is cut to this many pixels so the strip keeps its size.
_NAME_WIDTH = 260


class ImportProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Import progress")
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.bar.setFormat("%v / %m")
        self.label = QLabel(self)
        self.label.setFixedWidth(_NAME_WIDTH)
        self.label.setAccessibleName("File being imported")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.clicked.connect(self._on_cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self) -> None:
        self.bar.setRange(0, 0)  # busy until the number of files is known
        self.label.setText("Looking for files…")
        self.cancel_button.setEnabled(True)
        self.show()

    def update_progress(self, done: int, total: int, path: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        name = Path(path).name
        metrics = self.label.fontMetrics()
        self.label.setText(
            metrics.elidedText(f"Importing {name}", Qt.TextElideMode.ElideMiddle, _NAME_WIDTH)
        )
        self.label.setToolTip(path)

    def finish(self) -> None:
        self.hide()

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")
        self.cancel_requested.emit()
