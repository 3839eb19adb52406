"""The reference story, end to end: drop it, read it, search it, delete it, undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip, QWidget
from pytestqt.qtbot import QtBot

from newsviewer.domain import HIT_OPEN, IMPORTED
from newsviewer.gui.article_list import SNIPPET_ROLE
from newsviewer.gui.reader_colours import reader_colours
from newsviewer.gui.theme import current_palette
from newsviewer.library import Library
from tests.gui.conftest import MakeWindow

from .conftest import KERRY
from .helpers import covering, drop_and_wait, fragments, reading, top_item

HEADLINE = "John Kerry: No troops on the ground in US aid to Iraq"
CAPTION = "Gunmen patrol during clashes with Iraqi security forces in Fallujah"


def test_dropped_story_is_listed_read_searched_deleted_and_restored(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.empty_state
    names = [w.accessibleName() for w in window.empty_state.findChildren(QWidget)]
    assert "Drop article files here" in names
    assert "offline" in window.empty_state.intro.text()

    report = drop_and_wait(qtbot, window, [KERRY])
    assert [o.status for o in report.outcomes] == [IMPORTED]

    # The list shows the headline, and the new story is selected and open in the reader.
    assert window.pages.currentWidget() is window.splitter
    assert window.model.rowCount() == 1
    assert window.model.index(0, 0).data() == HEADLINE
    assert window.count_label.text() == "1 story"
    assert window.list_view.currentIndex().row() == 0
    article = window.current_article()
    assert article is not None and article.title == HEADLINE

    document = window.reader.document()
    text = document.toPlainText()
    assert HEADLINE in text
    # The figure has no stored image: a placeholder box, with the caption under it.
    assert text.index("Image not stored") < text.index(CAPTION)

    colours = reader_colours(current_palette())
    kerry_quotes = [q for q in article.quotes if q.speaker and "Kerry" in q.speaker]
    assert len(kerry_quotes) == 4
    for quote in kerry_quotes:
        pieces = covering(document, quote.text)
        assert pieces
        assert all(p.background == colours.quote_bg for p in pieces), quote.text
        assert all("Kerry" in p.tooltip for p in pieces)
    # Narration around a quotation is not highlighted.
    assert all(p.background is None for p in covering(document, "Kerry told reporters Sunday"))

    # Hovering a quotation names its speaker.
    cursor = document.find("wreak havoc")
    rect = window.reader.cursorRect(cursor)
    window.reader.viewportEvent(
        QHelpEvent(
            QHelpEvent.Type.ToolTip,
            rect.center(),
            window.reader.viewport().mapToGlobal(rect.center()),
        )
    )
    assert "John Kerry" in QToolTip.text()
    QToolTip.hideText()

    # The quotations panel groups them by speaker; a click jumps to the quotation.
    tree = window.quotes_panel.tree
    kerry_group = next(
        top_item(tree, i)
        for i in range(tree.topLevelItemCount())
        if top_item(tree, i).text(0).startswith("John Kerry")
    )
    assert kerry_group.childCount() == 4
    bar = window.reader.verticalScrollBar()
    window.resize(900, 420)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)
    tree.itemClicked.emit(kerry_group.child(3), 0)
    assert bar.value() > 0

    # Searching filters the list as you type, with the hit in bold in the snippet.
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClicks(window.search_bar, "boots")
    assert window.model.rowCount() == 1
    snippet = window.model.index(0, 0).data(SNIPPET_ROLE)
    assert HIT_OPEN + "boots" in snippet.lower()
    assert window.count_label.text() == "1 match in 1 story"
    # ... and the search term is marked in the reader, scrolled into view.
    hit = window.reader.cursorRect(window.reader.document().find("boots"))
    assert 0 <= hit.top() < window.reader.viewport().height()
    assert window.reader.verticalScrollBar().value() > 0  # it was below the fold
    assert any(
        p.background == colours.term_bg and "boots" in p.text
        for p in fragments(window.reader.document())
    )

    # A word the story does not have empties the list and says so.
    with qtbot.waitSignal(window.list_refreshed):
        window.search_bar.clear()
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClicks(window.search_bar, "zeppelin")
    assert window.model.rowCount() == 0
    assert window.list_stack.currentWidget() is window.message_label
    assert "No stories match “zeppelin”" in window.message_label.text()

    # Esc clears the search and brings the full list back.
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClick(window.search_bar, Qt.Key.Key_Escape)
    assert window.search_bar.text() == ""
    assert window.model.rowCount() == 1
    assert window.list_stack.currentWidget() is window.list_view

    # Del deletes the selected story; Ctrl+Z puts it back.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert library.count() == 0
    assert window.model.rowCount() == 0
    assert window.pages.currentWidget() is window.empty_state
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.list_refreshed):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.count() == 1
    assert window.model.index(0, 0).data() == HEADLINE
    assert window.current_article() is not None
    assert reading(window).title == HEADLINE
    assert window.pages.currentWidget() is window.splitter


def test_hover_point_outside_text_shows_no_tooltip(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.reader.viewportEvent(QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(1, 1), QPoint(1, 1)))
    assert QToolTip.text() == ""
