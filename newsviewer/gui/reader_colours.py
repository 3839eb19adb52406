"""The reader page's colours, derived from the current palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from newsviewer.gui.theme import is_dark


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
