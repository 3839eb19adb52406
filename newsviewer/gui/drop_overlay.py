"""The veil shown over the window while files are dragged over it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget


class DropOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Drop files to import them")
        self.text = "Drop to import"
        self.hide()

    def cover(self, text: str) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.text = text
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Nearly opaque: the window stays recognisable underneath, but its text must not
        # compete with the message.
        veil = QColor(palette.color(QPalette.ColorRole.Window))
        veil.setAlpha(235)
        painter.fillRect(self.rect(), veil)
        tint = QColor(accent)
        tint.setAlpha(28)
        box = QRectF(self.rect()).adjusted(18, 18, -18, -18)
        painter.setPen(QPen(accent, 3, Qt.PenStyle.DashLine))
        painter.setBrush(tint)
        painter.drawRoundedRect(box, 16, 16)

        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(self.text) + 64
        height = metrics.height() + 36
        pill = QRectF(box.center().x() - width / 2, box.center().y() - height / 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
