"""The application icon, drawn in code so it needs no packaged image file."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def _page(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    s = size / 64.0
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2f5d9e"))
    painter.drawRoundedRect(QRectF(4 * s, 4 * s, 56 * s, 56 * s), 10 * s, 10 * s)
    painter.setBrush(QColor("#fbfaf6"))
    painter.drawRoundedRect(QRectF(13 * s, 11 * s, 38 * s, 42 * s), 3 * s, 3 * s)
    painter.setBrush(QColor("#2f5d9e"))
    painter.drawRect(QRectF(18 * s, 16 * s, 28 * s, 6 * s))  # masthead
    pen = QPen(QColor("#9aa7b8"), max(1.0, 2.4 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for row in range(5):
        y = (28 + row * 5) * s
        length = 28 if row < 4 else 18  # the last line of a paragraph is shorter
        painter.drawLine(QPointF(18 * s, y), QPointF((18 + length) * s, y))
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_page(size))
    return icon


def app_pixmap(size: int) -> QPixmap:
    return _page(size)
