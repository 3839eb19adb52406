"""Palettes and the colours derived from them.

Every colour the window and the reader use comes from the current ``QPalette`` so that a
light or dark system theme (or a forced one) is followed without a second code path.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

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


class _DarkStyle(QProxyStyle):
    """Fusion without icons on dialog buttons: its icons (the Close button's cross) are
    drawn dark whatever the palette, invisible on a dark button."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def dark_style(base: QStyle | None = None) -> QStyle:
    """Fusion (or ``base``) for the dark palette."""
    return _DarkStyle(base) if base is not None else _DarkStyle("Fusion")


def apply_theme(app: QApplication, theme: str) -> None:
    """Follow the system unless ``theme`` forces light or dark."""
    if theme == SYSTEM:
        return
    if theme == DARK:
        app.setStyle(dark_style())
    else:
        app.setStyle("Fusion")
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == DARK else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if theme == DARK else app.style().standardPalette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(frozen=True, slots=True)
class ReaderColours:
    """Colours of the reader page, as ``#rrggbb`` strings for its style sheet."""

    text: str
    muted: str
    base: str
    link: str
    quote_bg: str
    term_bg: str
    rule: str
    placeholder_bg: str


def reader_colours(palette: QPalette) -> ReaderColours:
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    accent = palette.color(QPalette.ColorRole.Highlight)
    dark = is_dark(palette)
    # Quotations get a soft tint of the accent colour: visible at a glance yet light enough
    # that a whole paragraph of quotation stays comfortable to read.
    quote = _mix(base, accent, 0.28 if dark else 0.16)
    # Search hits must stand out from quotation tint, so they use a warm marker colour.
    term = QColor("#7a5d00") if dark else QColor("#ffe27a")
    return ReaderColours(
        text=text.name(),
        muted=_mix(text, base, 0.38).name(),
        base=base.name(),
        link=palette.color(QPalette.ColorRole.Link).name(),
        quote_bg=quote.name(),
        term_bg=term.name(),
        rule=_mix(text, base, 0.8).name(),
        placeholder_bg=_mix(base, text, 0.06).name(),
    )


def current_palette() -> QPalette:
    return QGuiApplication.palette()
