"""Driving the real window: drops, imports, and reading what the reader rendered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QBrush, QDragEnterEvent, QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from newsviewer.domain import ImportReport, StoredArticle
from newsviewer.gui.main_window import MainWindow

IMPORT_TIMEOUT_MS = 30000


def _mime(paths: Sequence[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(Path(p).resolve())) for p in paths])
    return mime


def drag_enter(window: MainWindow, paths: Sequence[Path]) -> QDragEnterEvent:
    mime = _mime(paths)  # the event does not own its data: keep it alive while sent
    event = QDragEnterEvent(
        QPoint(80, 80),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def drop(window: MainWindow, paths: Sequence[Path]) -> QDropEvent:
    mime = _mime(paths)
    event = QDropEvent(
        QPointF(80, 80),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def drop_and_wait(qtbot, window: MainWindow, paths: Sequence[Path]) -> ImportReport:  # type: ignore[no-untyped-def]
    """Drag files over the window, drop them, wait until the list shows the result."""
    enter = drag_enter(window, paths)
    assert enter.isAccepted()
    assert window.drop_overlay.isVisible(), "dragging files shows the drop indicator"
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS) as blocker:
        dropped = drop(window, paths)
        assert dropped.isAccepted()
        assert not window.drop_overlay.isVisible()
    report = blocker.args[0]
    assert isinstance(report, ImportReport)
    return report


def import_and_wait(qtbot, window: MainWindow, paths: Sequence[Path]) -> ImportReport:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.import_files(list(paths))
    return blocker.args[0]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Fragment:
    start: int
    end: int
    text: str
    background: str | None  # "#rrggbb" or None when the text has no background
    tooltip: str


def fragments(document: QTextDocument) -> list[Fragment]:
    """Every text fragment of the rendered document with its background and tooltip."""
    out: list[Fragment] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid():
                fmt = frag.charFormat()
                brush: QBrush = fmt.background()
                colour = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None
                out.append(
                    Fragment(
                        frag.position(),
                        frag.position() + frag.length(),
                        frag.text(),
                        colour,
                        fmt.toolTip(),
                    )
                )
            it += 1
        block = block.next()
    return out


def covering(document: QTextDocument, text: str) -> list[Fragment]:
    """The fragments that hold the first occurrence of ``text`` in the document."""
    cursor = document.find(text)
    assert not cursor.isNull(), f"not rendered: {text!r}"
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    return [f for f in fragments(document) if f.start < end and f.end > start]


def reading(window: MainWindow) -> StoredArticle:
    """The story in the reader; there must be one."""
    article = window.current_article()
    assert article is not None, "no story is being read"
    return article


def opened_urls(window: MainWindow) -> list[QUrl]:
    """What the window handed to the desktop to open (recorded by the make_window fixture)."""
    return cast("list[QUrl]", window.opened_urls)  # type: ignore[attr-defined]


def top_item(tree: QTreeWidget, row: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(row)
    assert item is not None
    return item
