"""How a story row of the list is painted: headline, source and date, then the
standfirst or the search snippet with its hits in bold.

Kept apart from the list itself: the list is empty in the window's first frame, so this
(with the style, font and palette code it needs) loads once the window is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, ArticleSummary
from newsviewer.gui.list_roles import SNIPPET_ROLE, SUMMARY_ROLE, meta_line


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """Pieces of a search snippet, each marked True when it is a hit."""
    pieces: list[tuple[str, bool]] = []
    rest = " ".join(snippet.split())
    while rest:
        start = rest.find(HIT_OPEN)
        if start < 0:
            pieces.append((rest, False))
            break
        if start:
            pieces.append((rest[:start], False))
        end = rest.find(HIT_CLOSE, start + 1)
        if end < 0:
            end = len(rest)
        if end > start + 1:
            pieces.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return [(t.replace(HIT_OPEN, "").replace(HIT_CLOSE, ""), hit) for t, hit in pieces if t]


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""


# Padding inside a row, in pixels.
_PAD_X = 12
_PAD_Y = 8
_LINE_GAP = 2


class ArticleDelegate(QStyledItemDelegate):
    """Paints headline, source and date, and the standfirst or the search snippet."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.07)
        meta = QFont(base)
        meta.setPointSizeF(base.pointSizeF() * 0.9)
        hit = QFont(base)
        hit.setBold(True)
        return title, meta, base, hit

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, meta, body, _ = self._fonts(option)
        height = (
            QFontMetrics(title).height()
            + QFontMetrics(meta).height()
            + QFontMetrics(body).height()
            + 2 * _LINE_GAP
            + 2 * _PAD_Y
        )
        return QSize(240, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(group, text_role)
        base = opt.palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        muted = QColor(
            round(text_colour.red() * 0.62 + base.red() * 0.38),
            round(text_colour.green() * 0.62 + base.green() * 0.38),
            round(text_colour.blue() * 0.62 + base.blue() * 0.38),
        )
        title_font, meta_font, body_font, hit_font = self._fonts(opt)
        rect = opt.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        summary: ArticleSummary | None = index.data(SUMMARY_ROLE)
        snippet: str | None = index.data(SNIPPET_ROLE)
        y = rect.top()

        def line(font: QFont, colour: QColor, text: str) -> None:
            nonlocal y
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                QRect(rect.left(), y, rect.width(), metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )
            y += metrics.height() + _LINE_GAP

        if summary is None:
            line(title_font, muted, "…")
            painter.restore()
            return
        line(title_font, text_colour, summary.title or "(untitled)")
        line(meta_font, muted, meta_line(summary))
        if snippet:
            self._paint_snippet(painter, rect, y, snippet, body_font, hit_font, text_colour, muted)
        else:
            line(body_font, muted, first_line(summary.summary))
        painter.restore()

    @staticmethod
    def _paint_snippet(
        painter: QPainter,
        rect: QRect,
        y: int,
        snippet: str,
        body_font: QFont,
        hit_font: QFont,
        text_colour: QColor,
        muted: QColor,
    ) -> None:
        x = rect.left()
        right = rect.right()
        height = QFontMetrics(body_font).height()
        for text, hit in split_snippet(snippet):
            font = hit_font if hit else body_font
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(text)
            if x + width > right:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, right - x)
                width = metrics.horizontalAdvance(text)
            painter.setFont(font)
            painter.setPen(text_colour if hit else muted)
            painter.drawText(
                QRect(x, y, width + 1, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += width
            if x >= right:
                break
