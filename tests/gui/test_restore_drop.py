"""A NewsViewer JSON export dropped on the window restores everything it carries."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.domain import DUPLICATE, IMPORTED
from newsviewer.export import export_stories
from newsviewer.gui.library_sidebar import Entry
from newsviewer.library import Library, marks, saved_searches
from newsviewer.library import highlights as hl
from tests.gui.conftest import MakeWindow
from tests.test_export import annotated, library_contents

from .helpers import drop_and_wait


def test_a_dropped_export_restores_tags_marks_highlights_and_notes(
    qtbot: QtBot, make_window: MakeWindow, library: Library, tmp_path: Path
) -> None:
    with Library.open(tmp_path / "first.sqlite3") as first:
        annotated(first)
        export = tmp_path / "exports" / "my stories.json"
        export.parent.mkdir()
        assert export_stories(first, first.ids(), "json", export) == 3
        expected = library_contents(first)
        counts = marks.counts(first)

    window = make_window()
    report = drop_and_wait(qtbot, window, [export.parent])  # (a folder holding it)
    assert [o.status for o in report.outcomes] == [IMPORTED] * 3
    assert library_contents(library) == expected
    assert marks.counts(library) == counts
    assert [s.name for s in saved_searches.saved_searches(library)] == ["Kerry"]

    # The window shows what came back: the sidebar's tags and marks, the highlights.
    sidebar = window.living.sidebar
    qtbot.waitUntil(lambda: sidebar.count_of(Entry("tag", "Iraq")) == 2, timeout=5000)
    assert sidebar.count_of(Entry("starred")) == 1
    noted = next(i for i in library.ids() if any(h.note for h in hl.highlights_of(library, i)))
    window.select_article(noted)
    qtbot.waitUntil(lambda: len(window.reader.extraSelections()) == 2, timeout=5000)
    notes = [h.note for h in hl.highlights_of(library, noted)]
    assert "The <key> line" in notes

    # Dropped again, it adds nothing.
    again = drop_and_wait(qtbot, window, [export])
    assert [o.status for o in again.outcomes] == [DUPLICATE] * 3
    assert library_contents(library) == expected
