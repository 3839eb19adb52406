"""Clearing a search, whichever way, takes its marks and its hits message out of the reader
and leaves the reader's own highlights."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.reader_colours import reader_colours
from newsviewer.gui.theme import current_palette
from newsviewer.library import Library
from newsviewer.library import highlights as hl
from tests.gui.conftest import MakeWindow
from tests.living_helpers import fill

from .helpers import fragments


def _marked(window: MainWindow) -> list[str]:
    term = reader_colours(current_palette()).term_bg
    return [f.text for f in fragments(window.reader.document()) if f.background == term]


def _clear_with_escape(window: MainWindow) -> None:
    window.search_bar.clear_search()


def _clear_with_the_field_button(window: MainWindow) -> None:
    window.search_bar.clear()  # what the field's clear button does


def _clear_by_deleting_the_words(window: MainWindow) -> None:
    window.search_bar.setText("troops")
    window.search_bar.setText("")


@pytest.mark.parametrize(
    "clear", [_clear_with_escape, _clear_with_the_field_button, _clear_by_deleting_the_words]
)
def test_clearing_a_search_leaves_no_marks_no_hits_and_keeps_highlights(
    qtbot: QtBot, library: Library, make_window: MakeWindow, clear: object
) -> None:
    [story] = fill(library, 1)
    hl.add_highlight_text(library, story, "Kerry pledged", note="mine")
    window = make_window()
    window.finish_building()
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.set_query("troops")
    qtbot.waitUntil(lambda: window.reader.hit_count() > 1, timeout=5000)
    hits = window.reader.hit_count()
    assert _marked(window) == ["troops"] * hits
    assert window.hit_label.isVisible() and window.hit_label.text() == f"{hits} hits · F3 next"
    qtbot.waitUntil(lambda: len(window.reader.extraSelections()) == 1, timeout=5000)

    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        clear(window)  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.reader.hit_count() == 0, timeout=5000)
    assert window.session.query == ""
    assert _marked(window) == []
    assert not window.hit_label.isVisible()
    assert window.reader.article is not None and window.reader.article.id == story
    # The reader's own highlight is still tinted.
    qtbot.waitUntil(lambda: len(window.reader.extraSelections()) == 1, timeout=5000)
    [tint] = window.reader.extraSelections()
    assert tint.cursor.selectedText() == "Kerry pledged"
