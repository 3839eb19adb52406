"""The sidebar, marks and tags by key, highlights by selection, reading place: real widgets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from newsviewer.domain import ArticleId, Block
from newsviewer.gui.library_sidebar import Entry
from newsviewer.gui.main_window import MainWindow
from newsviewer.library import Library, marks, saved_searches, tags
from newsviewer.library import highlights as hl
from tests.gui.conftest import MakeWindow
from tests.living_helpers import fill, story


def ready(qtbot: QtBot, window: MainWindow) -> None:
    window.finish_building()
    qtbot.waitUntil(lambda: window.living.sidebar.count_of(Entry("all")) is not None)


def listed(window: MainWindow) -> list[ArticleId]:
    model = window.model
    return [i for i in (model.id_at(r) for r in range(model.rowCount())) if i is not None]


def choose(qtbot: QtBot, window: MainWindow, entry: Entry) -> None:
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.living.sidebar.choose(entry)


def test_sidebar_counts_and_filters_the_list(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    a, b, c = fill(library, 3)
    marks.set_starred(library, [b])
    marks.set_archived(library, [c])
    marks.set_read(library, [a])
    tags.add_tags(library, [a, c], ["Iraq"])
    saved_searches.save_search(library, "Part one", "part 1")
    window = make_window()
    ready(qtbot, window)
    sidebar = window.living.sidebar
    assert sidebar.count_of(Entry("all")) == 3
    assert sidebar.count_of(Entry("unread")) == 2
    assert sidebar.count_of(Entry("starred")) == 1
    assert sidebar.count_of(Entry("tag", "Iraq")) == 2
    assert sidebar.count_of(Entry("site", "NBC News")) == 3
    choose(qtbot, window, Entry("starred"))
    assert listed(window) == [b]
    assert window.count_label.text() == "1 story"
    choose(qtbot, window, Entry("tag", "Iraq"))
    assert listed(window) == [c, a]
    choose(qtbot, window, Entry("unread"))
    assert listed(window) == [c, b]
    choose(qtbot, window, Entry("saved", "part 1"))
    assert window.search_bar.text() == "part 1" and listed(window)[0] == b
    choose(qtbot, window, Entry("all"))
    assert window.search_bar.text() == "" and listed(window) == [c, b, a]


def test_keys_star_archive_mark_read_and_tag_the_selection(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    a, b, c = fill(library, 3)
    window = make_window()
    ready(qtbot, window)
    choose(qtbot, window, Entry("unread"))
    view = window.list_view
    view.setFocus()
    view.selectionModel().select(
        window.model.index(0, 0),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    view.selectionModel().select(
        window.model.index(1, 0), view.selectionModel().SelectionFlag.Select
    )
    assert window.living.selected_ids() == [c, b]
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert marks.marks_of(library, [c, b]) == {
        c: marks.Marks(starred=True),
        b: marks.Marks(starred=True),
    }
    assert window.living.sidebar.count_of(Entry("starred")) == 2
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_M)  # read: they leave the Unread list
    assert listed(window) == [a]
    assert window.living.sidebar.count_of(Entry("unread")) == 1
    window.living.tag_selected("Climate, energy")
    assert tags.tags_of(library, [a]) == {a: ("Climate", "energy")}
    assert window.living.sidebar.count_of(Entry("tag", "Climate")) == 1
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert marks.marks_of(library, [a])[a].archived


def test_a_story_open_a_few_seconds_becomes_read_and_keeps_its_place(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    paragraphs = tuple(Block("p", f"Paragraph {n} of a long story. " * 12) for n in range(80))
    ids = []
    for n in range(2):
        _, new_id = library.add(
            dataclasses.replace(story(n), blocks=paragraphs),
            source_path=f"/tmp/long-{n}.txt",
            original=f"long {n}".encode(),
        )
        ids.append(new_id)
    older, newer = ids
    window = make_window()
    ready(qtbot, window)
    window.living.read_timer.setInterval(50)
    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(older)
    qtbot.waitUntil(lambda: marks.marks_of(library, [older])[older].read, timeout=10000)
    assert window.living.sidebar.count_of(Entry("unread")) == 1
    bar = window.reader.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(newer)
    kept = marks.position(library, older)
    assert kept is not None and 0.4 < kept.fraction < 0.6
    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(older)
    qtbot.waitUntil(lambda: abs(bar.value() - bar.maximum() // 2) <= 2, timeout=10000)


def test_highlight_by_selection_is_tinted_and_kept(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    [story] = fill(library, 1)
    window = make_window()
    ready(qtbot, window)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.article is not None)
    cursor = reader.document().find("not consider sending troops")
    assert not cursor.isNull()
    reader.setTextCursor(cursor)
    with qtbot.waitSignal(window.living.highlights_shown, timeout=3000) as shown:
        window.living.highlight_selection("green", "key line")
    assert shown.args == [1]
    [made] = hl.highlights_of(library, story)
    assert (made.text, made.colour, made.note) == (
        "not consider sending troops",
        "green",
        "key line",
    )
    [tint] = reader.extraSelections()
    assert tint.cursor.selectedText() == "not consider sending troops"
    assert tint.format.toolTip() == "key line"
    # Nothing selected: nothing highlighted, and the status bar says how.
    plain = QTextCursor(reader.document())
    reader.setTextCursor(plain)
    window.living.highlight_selection()
    assert "Select words" in window.statusBar().currentMessage()
    assert len(hl.highlights_of(library, story)) == 1


def test_a_long_part_of_the_library_shows_its_first_page_then_the_rest(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    from newsviewer.gui.list_session import FIRST_PAGE

    ids = fill(library, FIRST_PAGE + 5)
    window = make_window()
    ready(qtbot, window)
    with qtbot.waitSignal(window.session.completed, timeout=10000) as done:
        window.living.sidebar.choose(Entry("unread"))
    assert done.args == [FIRST_PAGE + 5]
    assert listed(window) == ids[::-1]
    assert window.count_label.text() == f"{FIRST_PAGE + 5} stories"


def test_copy_link_citation_and_export_from_the_window(
    qtbot: QtBot, library: Library, make_window: MakeWindow, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    a, _b, c = fill(library, 3)
    marks.set_starred(library, [a, c])
    window = make_window()
    ready(qtbot, window)
    qtbot.waitUntil(lambda: window.reader.article is not None)
    window.living.actions["copy_link"].trigger()
    assert QApplication.clipboard().text() == "https://example.invalid/kerry-2"
    window.living.actions["copy_citation"].trigger()
    assert QApplication.clipboard().text() == (
        "Kerry rules out troops, part 2. NBC News, 7 Jan 2014. https://example.invalid/kerry-2"
    )
    choose(qtbot, window, Entry("starred"))
    out = tmp_path / "starred.epub"
    assert window.living.export_selected((out, "epub")) == 2
    assert out.exists() and "2 stories exported" in window.statusBar().currentMessage()


def test_the_highlights_panel_lists_jumps_and_edits(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    [story] = fill(library, 1)
    hl.add_highlight_text(library, story, "not consider sending troops", note="key line")
    hl.add_highlight_text(library, story, "Kerry pledged", colour="blue")
    window = make_window()
    ready(qtbot, window)
    qtbot.waitUntil(lambda: window.living.highlights_panel.count() == 2)
    panel = window.living.highlights_panel
    assert window.living.highlights_dock.isVisible()
    first = panel.highlight_at(0)
    assert first is not None and first.text == "Kerry pledged"
    assert "✎ key line" in panel.item(1).text()
    # A click brings the passage into view.
    window.resize(700, 300)
    qtbot.mouseClick(
        panel.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.visualItemRect(panel.item(1)).center(),
    )
    panel.note_edited.emit(panel.highlight_at(1).id, "changed note")  # type: ignore[union-attr]
    panel.colour_chosen.emit(first.id, "pink")
    assert [(h.note, h.colour) for h in hl.highlights_of(library, story)] == [
        ("", "pink"),
        ("changed note", "yellow"),
    ]
    assert "✎ changed note" in panel.item(1).text()
    panel.removal_requested.emit(first.id)
    assert panel.count() == 1 and len(window.reader.extraSelections()) == 1


def test_settings_apply_at_once_and_hold_across_a_restart(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    from PySide6.QtWidgets import QApplication

    from newsviewer.gui.theme import apply_theme, current_palette, is_dark

    fill(library, 1)
    window = make_window()
    ready(qtbot, window)
    dialog = window.living.show_settings()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(17)
    dialog.line_width.setValue(50)
    dialog.quotes.setChecked(False)
    dialog.accept()
    assert is_dark(current_palette())
    assert window.reader.font_pt == 17 and window.reader.measure_chars == 50
    assert not window.window_actions.quotes.isChecked()
    window.close()

    again = make_window()
    ready(qtbot, again)
    assert again.reader.font_pt == 17 and again.reader.measure_chars == 50
    assert not again.window_actions.quotes.isChecked()
    assert is_dark(current_palette())
    reopened = again.living.show_settings()
    assert reopened.theme.currentData() == "dark" and reopened.line_width.value() == 50
    reopened.theme.setCurrentIndex(reopened.theme.findData("light"))
    reopened.accept()
    assert not is_dark(current_palette())
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")  # as the other tests expect it
