"""A story the importer warned about says so in the reader, in one small muted line."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from newsviewer.gui.reader_colours import reader_colours
from newsviewer.gui.theme import current_palette
from newsviewer.importers.html import BY_FALLBACK
from newsviewer.library import Library
from tests.gui.conftest import MakeWindow
from tests.living_helpers import story

from .helpers import covering


def test_a_story_read_by_a_fallback_says_so_discreetly_under_its_byline(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    _, warned = library.add(
        dataclasses.replace(story(1), warnings=(BY_FALLBACK,)),
        source_path="/tmp/fallback.html",
        original=b"fallback page",
    )
    _, plain = library.add(story(2), source_path="/tmp/plain.html", original=b"plain page")
    window = make_window()
    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(warned)
    document = window.reader.document()
    text = document.toPlainText()
    assert "Extracted by fallback" in text
    # Under the byline and the date, above the story.
    assert text.index("Andrea Mitchell") < text.index("Extracted by fallback")
    assert text.index("Extracted by fallback") < text.index("Story 1: Secretary of State")

    # Muted and smaller than the story's text.
    colours = reader_colours(current_palette())
    cursor = document.find("Extracted by fallback")
    warning_format = cursor.charFormat()
    body = QTextCursor(document.find("Secretary of State"))
    assert warning_format.foreground().color().name() == colours.muted
    assert warning_format.fontPointSize() < body.charFormat().fontPointSize()
    assert all(f.background is None for f in covering(document, "Extracted by fallback"))

    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(plain)
    assert "fallback" not in window.reader.document().toPlainText()
