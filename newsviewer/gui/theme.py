"""Palettes and the colours derived from them.

Every colour the window and the reader use comes from the current ``QPalette`` so that a
light or dark system theme (or a forced one) is followed without a second code path
(the reader's own colours: reader_colours.py).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM = "system"
LIGHT = "light"
DARK = "dark"
THEMES = (SYSTEM, LIGHT, DARK)


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style, used when dark is forced."""
    p = QPalette()
    window = QColor("#202124")
    base = QColor("#17181a")
    text = QColor("#e4e4e4")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#26282b"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2d2f33"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a8d91"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2b2d30"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff6b6b"))
    p.setColor(QPalette.ColorRole.Light, QColor("#3a3c40"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#303236"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#44474c"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#111214"))
    p.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fb6"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor("#c58af9"))
    roles = (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText)
    for role in roles:
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7276"))
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """Follow the system unless ``theme`` forces light or dark."""
    if theme == SYSTEM:
        return
    if theme == DARK:
        # Loaded only here: a style class pulls in QStyle's many enums (~10 ms).
        from newsviewer.gui.dark_style import dark_style

        app.setStyle(dark_style())
    else:
        app.setStyle("Fusion")
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        scheme = QtCore.Qt.ColorScheme.Dark if theme == DARK else QtCore.Qt.ColorScheme.Light
        hints.setColorScheme(scheme)
    app.setPalette(dark_palette() if theme == DARK else app.style().standardPalette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def current_palette() -> QPalette:
    return QGuiApplication.palette()
