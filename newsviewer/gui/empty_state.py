"""What the window shows when the library holds no story yet."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from newsviewer.gui.icons import app_pixmap

INTRO = (
    "NewsViewer keeps news articles on your computer, so you can read and search them "
    "offline. Add pages saved from a browser (.html with their _files folder), text copies "
    "(.txt) or Markdown (.md): each becomes a clean story with its pictures, captions "
    "and highlighted quotations."
)


class _DropBox(QWidget):
    """A dashed box saying where files go."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(120)
        self.setAccessibleName("Drop article files here")

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        mid = QColor(palette.color(QPalette.ColorRole.WindowText))
        mid.setAlpha(90)
        painter.setPen(QPen(mid, 2, Qt.PenStyle.DashLine))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        box = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.drawRoundedRect(box, 14, 14)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "Drop article files or folders here")
        painter.end()


class EmptyState(QWidget):
    import_files_requested = Signal()
    import_folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Empty library")
        icon = QLabel()
        icon.setPixmap(app_pixmap(96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Your library is empty")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro_font = self.intro.font()
        intro_font.setPointSizeF(intro_font.pointSizeF() * 1.1)
        self.intro.setFont(intro_font)
        files = QPushButton("Import Files…")
        files.setDefault(True)
        files.clicked.connect(self.import_files_requested)
        folder = QPushButton("Import Folder…")
        folder.clicked.connect(self.import_folder_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(files)
        buttons.addWidget(folder)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(icon)
        column.addSpacing(8)
        column.addWidget(title)
        column.addSpacing(6)
        column.addWidget(self.intro)
        column.addSpacing(18)
        column.addWidget(_DropBox())
        column.addSpacing(14)
        column.addLayout(buttons)
        column.addStretch(3)
        # Keep the text to a readable width in the middle of a wide window.
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)
