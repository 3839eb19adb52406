"""Stand-ins for the reader and the quotations in the window's first frame.

They look like the empty panes they stand for (a framed page with a muted line; the
quotations' title), so the first frame is the window as it will be, and are swapped for
the real panes right after it is painted (MainWindow.finish_building).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

# Where the reader shows a message: its page's top margin and the message's own.
_MESSAGE_TOP_PX = 28


class ReaderPlaceholder(QFrame):
    """A blank reader page, with ``message`` where the reader shows its messages."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The frame and page colour of a text browser.
        self.setFrameStyle(QFrame.Shape.StyledPanel | QFrame.Shadow.Sunken)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        label = QLabel(message)
        # The reader's muted text: its text colour 38% of the way to the page colour.
        palette = label.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        muted = QColor(
            round(text.red() * 0.62 + base.red() * 0.38),
            round(text.green() * 0.62 + base.green() * 0.38),
            round(text.blue() * 0.62 + base.blue() * 0.38),
        )
        palette.setColor(QPalette.ColorRole.Text, muted)  # (text on the page: Text role)
        palette.setColor(QPalette.ColorRole.WindowText, muted)
        label.setPalette(palette)
        # Centred at the top by stretches rather than an alignment flag: Qt's namespace
        # (~15 ms to build its enums) is not needed before the first paint.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(label)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, _MESSAGE_TOP_PX, 0, 0)
        layout.addLayout(row)
        layout.addStretch(1)


class QuotesPlaceholder(QWidget):
    """The quotations pane as it is with no story open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Quotations")
        title.setContentsMargins(6, 6, 6, 2)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        empty = QLabel("No direct quotations in this story.")
        empty.setWordWrap(True)
        empty.setEnabled(False)
        empty.setContentsMargins(6, 6, 6, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(empty)
        layout.addStretch(1)
