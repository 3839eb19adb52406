"""The Quotes view in the window: filters, groups, opens the story, copies a citation."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from newsviewer.gui.main_window import MainWindow
from newsviewer.library import Library
from tests.gui.conftest import MakeWindow
from tests.living_helpers import fill
from tests.test_quote_ledger import STORIES


def _open_quotes(qtbot: QtBot, window: MainWindow) -> None:
    window.finish_building()
    dock = window.findChild(QDockWidget, "quotes_dock")
    assert dock is not None
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.quotes_view.tree.topLevelItemCount() > 0)
    _settle(qtbot, window)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the view's reads and corrections, done off the GUI thread."""
    qtbot.waitUntil(lambda: not window.quotes_view.is_loading())


def _texts(window: MainWindow) -> list[str]:
    tree = window.quotes_view.tree
    return [_item(window, i).text(0) for i in range(tree.topLevelItemCount())]


def _item(window: MainWindow, row: int) -> QTreeWidgetItem:
    item = window.quotes_view.tree.topLevelItem(row)
    assert item is not None
    return item


def test_quotes_view_filters_by_speaker_and_words_and_groups(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    for n, article in enumerate(STORIES, 1):
        library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
    window = make_window()
    _open_quotes(qtbot, window)
    view = window.quotes_view
    assert len(_texts(window)) == 7
    speakers = [view.speaker.itemText(i) for i in range(view.speaker.count())]
    assert speakers[:2] == ["All speakers", "Donald Trump (4)"]
    assert "Bob Kerry (1)" in speakers and "John Kerry (2)" in speakers
    view.speaker.setCurrentIndex(1)
    view.speaker.activated.emit(1)
    _settle(qtbot, window)
    assert _texts(window) == [
        "“The tariffs stay.”",
        "“A great day.”",
        "“We will win big.”",
        "“Believe me.”",
    ]
    view.words.setText("win")
    qtbot.keyClick(view.words, Qt.Key.Key_Return)
    _settle(qtbot, window)
    assert _texts(window) == ["“We will win big.”"]
    view.words.clear()
    view.speaker.setCurrentIndex(0)
    view.speaker.activated.emit(0)
    _settle(qtbot, window)
    view.grouped.setChecked(True)
    assert _texts(window) == ["Donald Trump (4)", "John Kerry (2)", "Bob Kerry (1)"]


def test_corrections_from_the_view_change_the_speaker_and_drop_non_quotes(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    for n, article in enumerate(STORIES, 1):
        library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
    window = make_window()
    _open_quotes(qtbot, window)
    view = window.quotes_view
    rows = _texts(window)
    view.tree.setCurrentItem(_item(window, rows.index("“My state needs roads.”")))
    view.change_speaker("John Kerry")
    _settle(qtbot, window)
    roads = _item(window, _texts(window).index("“My state needs roads.”"))
    assert roads.text(1) == "John Kerry"
    assert "Bob Kerry (1)" not in [view.speaker.itemText(i) for i in range(view.speaker.count())]
    view.tree.setCurrentItem(roads)
    view.mark_not_quote()
    _settle(qtbot, window)
    assert "“My state needs roads.”" not in _texts(window)
    assert len(_texts(window)) == 6


def test_a_click_opens_the_story_and_copy_citation(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    ids = fill(library, 2)
    window = make_window()
    _open_quotes(qtbot, window)
    view = window.quotes_view
    tree = view.tree
    # Newest first: story 1 of the helper stories is the later one.
    item = _item(window, 0)
    assert item.text(1) == "John Kerry" and item.text(2) == "Secretary of State"
    with qtbot.waitSignal(view.quotation_activated):
        tree.itemClicked.emit(item, 0)
    assert window.reader.article is not None and window.reader.article.id == ids[1]
    tree.setCurrentItem(_item(window, 1))
    assert view.copy_button.isEnabled()
    with qtbot.waitSignal(view.citation_copied):
        qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "“We will stand with the government of Iraq,” John Kerry (Secretary of State) said"
        " — NBC News, 5 Jan 2014, https://example.invalid/kerry-0"
    )


def test_a_citation_reads_as_a_sentence() -> None:
    from datetime import UTC, datetime

    from newsviewer.domain import ArticleId
    from newsviewer.gui.quotes_view import citation
    from newsviewer.library.ledger import LedgerQuote

    q = LedgerQuote(
        id=1,
        article_id=ArticleId(1),
        text="We will not send troops.",
        speaker="John Kerry",
        role="Secretary of State",
        mention="Kerry",
        cue="told",
        title="Kerry",
        site="NBC News",
        published=datetime(2014, 1, 5, tzinfo=UTC),
        url="https://example.invalid/k",
        start=0,
    )
    assert citation(q) == (
        "“We will not send troops,” John Kerry (Secretary of State) told reporters"
        " — NBC News, 5 Jan 2014, https://example.invalid/k"
    )
    asked = dataclasses.replace(q, text="Why now?", role=None, cue=None)
    assert citation(asked).startswith("“Why now?” John Kerry said — ")
