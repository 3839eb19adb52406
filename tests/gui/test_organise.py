"""Organising in the window: sorts, undated stories, read by scrolling, the Tag dialog,
tags renamed, merged and deleted from the sidebar (with undo), saved searches, and the
sidebar's width: real widgets, offscreen."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from newsviewer.domain import ArticleId, Block
from newsviewer.gui.library_sidebar import Entry
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.tag_dialog import TagLineCompleter
from newsviewer.library import Library, marks, saved_searches, tags
from tests.gui.conftest import MakeWindow
from tests.gui.test_living import choose, listed, ready
from tests.living_helpers import fill, story

STORIES = {
    # title, site, published, saved
    "bravo": ("Bravo harbour report", "Zeta Times", datetime(2015, 3, 1, tzinfo=UTC), 1),
    "alpha": ("alpha harbour report", "Alpha Post", datetime(2010, 5, 1, tzinfo=UTC), 3),
    "charlie": ("Charlie harbour report", "Mid News", None, None),
}


@pytest.fixture
def three(library: Library) -> dict[str, ArticleId]:
    """Three stories: two published (saved 1 and 3 Dec 2026), one undated saved in 2012."""
    ids: dict[str, ArticleId] = {}
    for n, (key, (title, site, published, day)) in enumerate(STORIES.items()):
        saved = datetime(2026, 12, day, tzinfo=UTC) if day else datetime(2012, 6, 1, tzinfo=UTC)
        article = dataclasses.replace(
            story(n, site=site), title=title, published=published, saved=saved
        )
        _, ids[key] = library.add(article, source_path=f"/tmp/{key}.txt", original=key.encode())
    return ids


def _sort(qtbot: QtBot, window: MainWindow, sort: str) -> None:
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.sort_box.setCurrentIndex(window.sort_box.findData(sort))


def test_each_sort_orders_the_list_a_search_and_a_tag_and_is_remembered(
    qtbot: QtBot,
    library: Library,
    make_window: MakeWindow,
    three: dict[str, ArticleId],
    settings_file: Path,
) -> None:
    a, b, c = three["alpha"], three["bravo"], three["charlie"]
    window = make_window()
    ready(qtbot, window)
    # The undated story sorts by the day it was saved (2012), not as if new.
    assert listed(window) == [b, c, a]
    wanted = {
        "oldest": [a, c, b],
        "saved": [a, b, c],  # 3 Dec 2026, 1 Dec 2026, 2012
        "title": [a, b, c],  # case does not count
        "site": [a, c, b],  # Alpha Post, Mid News, Zeta Times
        "date": [b, c, a],
    }
    for sort, order in wanted.items():
        _sort(qtbot, window, sort)
        assert listed(window) == order, sort
    _sort(qtbot, window, "title")
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.set_query("harbour")
    assert listed(window) == [a, b, c]
    assert window.count_label.text() == "3 matches in 3 stories"
    tags.add_tags(library, [a, b, c], ["Ports"])
    window.living.reload()
    _sort(qtbot, window, "oldest")
    choose(qtbot, window, Entry("tag", "Ports"))
    assert window.search_bar.text() == ""
    assert listed(window) == [a, c, b]
    window.close()
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert store.value("search/sort") == "oldest"
    again = make_window()
    assert again.sort_box.currentData() == "oldest"
    ready(qtbot, again)
    assert listed(again) == [a, c, b]


def test_an_undated_story_shows_the_day_it_was_saved_not_a_publication_date(
    qtbot: QtBot, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    window = make_window()
    ready(qtbot, window)
    rows = {
        window.model.id_at(r): str(
            window.model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        )
        for r in range(window.model.rowCount())
    }
    assert rows[three["charlie"]].endswith("Mid News · Saved 1 Jun 2012")
    assert rows[three["bravo"]].endswith("Zeta Times · 1 Mar 2015")
    with qtbot.waitSignal(window.article_shown, timeout=5000):
        window.select_article(three["charlie"])
    assert "Mid News · Saved 1 June 2012" in window.reader.toPlainText()


def test_a_story_scrolled_through_to_its_end_becomes_read_at_once(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    paragraphs = tuple(Block("p", f"Paragraph {n} of a long story. " * 12) for n in range(60))
    _, long_story = library.add(
        dataclasses.replace(story(1), blocks=paragraphs), source_path="/tmp/l.txt", original=b"l"
    )
    window = make_window()
    ready(qtbot, window)
    # (The only story: shown at once.)
    qtbot.waitUntil(lambda: window.living._shown == long_story, timeout=5000)
    window.living.read_timer.start(60_000)  # only the scrolling can mark it now
    bar = window.reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=10000)
    bar.setValue(bar.maximum() // 2)
    assert not marks.marks_of(library, [long_story])[long_story].read
    bar.setValue(bar.maximum())
    assert marks.marks_of(library, [long_story])[long_story].read
    assert window.living.sidebar.count_of(Entry("unread")) == 0
    # M toggles it back, and scrolling again does not undo the user's choice.
    window.living.actions["read"].trigger()
    bar.setValue(0)
    bar.setValue(bar.maximum())
    assert not marks.marks_of(library, [long_story])[long_story].read


def _select(window: MainWindow, ids: list[ArticleId]) -> None:
    selection = window.list_view.selectionModel()
    selection.clearSelection()
    for article_id in ids:
        row = window.model.row_of(article_id)
        assert row is not None
        selection.select(window.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)


def test_the_tag_dialog_tags_several_stories_at_once_and_undo_restores_them(
    qtbot: QtBot, library: Library, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    a, b, c = three["alpha"], three["bravo"], three["charlie"]
    tags.add_tags(library, [a, b], ["Shipping"])
    tags.add_tags(library, [a], ["Weather"])
    tags.add_tags(library, [c], ["Wildlife"])
    window = make_window()
    ready(qtbot, window)
    _select(window, [a, b])
    dialog = window.living.tag_selected()
    assert dialog is not None and dialog.isVisible()
    shown = [dialog.current.item(r).text() for r in range(dialog.current.count())]
    assert shown == ["Shipping", "Weather (1 of 2)"]
    # Taking one off both, putting one on both, and a new tag and an existing one typed.
    dialog.current.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.current.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.new_tags, "Ports, wildlife")
    dialog.accept()
    assert tags.tags_of(library, [a, b]) == {
        a: ("Ports", "Weather", "Wildlife"),
        b: ("Ports", "Weather", "Wildlife"),
    }
    assert window.living.sidebar.count_of(Entry("tag", "Wildlife")) == 3
    assert window.living.sidebar.count_of(Entry("tag", "Shipping")) == 0
    window.undo_stack.undo()
    assert tags.tags_of(library, [a, b, c]) == {
        a: ("Shipping", "Weather"),
        b: ("Shipping",),
        c: ("Wildlife",),
    }
    assert window.living.sidebar.item_for(Entry("tag", "Ports")) is None  # made, then undone
    window.undo_stack.redo()
    assert tags.tags_of(library, [b]) == {b: ("Ports", "Weather", "Wildlife")}


def test_tag_names_complete_from_the_library_after_the_last_comma(
    qtbot: QtBot, library: Library, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    tags.add_tags(library, [three["alpha"]], ["Climate", "Coast", "Iraq"])
    window = make_window()
    ready(qtbot, window)
    _select(window, [three["bravo"]])
    dialog = window.living.tag_selected()
    assert dialog is not None
    completer = dialog.new_tags.completer()
    assert isinstance(completer, TagLineCompleter)
    dialog.new_tags.setText("Iraq, c")
    completer.setCompletionPrefix(completer.splitPath(dialog.new_tags.text())[0])
    offered = [completer.currentCompletion()]
    while completer.setCurrentRow(completer.currentRow() + 1):
        offered.append(completer.currentCompletion())
    assert offered == ["Iraq, Climate", "Iraq, Coast"]  # what the field would then say
    completer.setCurrentRow(1)
    assert completer.pathFromIndex(completer.currentIndex()) == "Iraq, Coast"
    dialog.reject()


def _answer(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` into the input dialog the window just opened and press OK."""
    qtbot.waitUntil(lambda: bool(window.findChildren(QInputDialog)), timeout=10000)
    dialog = window.findChildren(QInputDialog)[-1]
    assert dialog.isVisible()
    dialog.setTextValue(text)
    dialog.accept()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: dialog not in window.findChildren(QInputDialog), timeout=10000)


def _menu_action(window: MainWindow, entry: Entry, name: str, text: str) -> None:
    menu = window.living.organiser.menu_for(entry, name)
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    found[0].trigger()


def test_renaming_and_merging_tags_from_the_sidebar_menu_can_be_undone(
    qtbot: QtBot, library: Library, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    a, b, c = three["alpha"], three["bravo"], three["charlie"]
    tags.add_tags(library, [a, b], ["harbor"])
    tags.add_tags(library, [c], ["Ports"])
    window = make_window()
    ready(qtbot, window)
    sidebar = window.living.sidebar
    choose(qtbot, window, Entry("tag", "harbor"))
    _menu_action(window, Entry("tag", "harbor"), "harbor", "Rename Tag…")
    _answer(qtbot, window, "Harbour")
    assert sidebar.count_of(Entry("tag", "Harbour")) == 2
    assert sidebar.item_for(Entry("tag", "harbor")) is None
    assert sidebar.chosen() == Entry("tag", "Harbour")  # still listing the same stories
    _menu_action(window, Entry("tag", "Harbour"), "Harbour", "Merge Into Another Tag…")
    _answer(qtbot, window, "ports")
    assert [t.name for t in tags.all_tags(library)] == ["Ports"]
    assert sidebar.count_of(Entry("tag", "Ports")) == 3
    window.undo_stack.undo()  # the merge
    assert {t.name: t.stories for t in tags.all_tags(library)} == {"Harbour": 2, "Ports": 1}
    window.undo_stack.undo()  # the rename
    assert {t.name: t.stories for t in tags.all_tags(library)} == {"harbor": 2, "Ports": 1}
    assert tags.tags_of(library, [a, b, c]) == {a: ("harbor",), b: ("harbor",), c: ("Ports",)}
    assert sidebar.count_of(Entry("tag", "harbor")) == 2


def test_deleting_a_tag_asks_first_and_can_be_undone(
    qtbot: QtBot, library: Library, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    a, b = three["alpha"], three["bravo"]
    tags.add_tags(library, [a, b], ["Drafts"])
    window = make_window()
    ready(qtbot, window)
    _menu_action(window, Entry("tag", "Drafts"), "Drafts", "Delete Tag")
    box = window.findChildren(QMessageBox)[-1]
    assert "2 stories" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert tags.tags_of(library, [a]) == {a: ("Drafts",)}
    _menu_action(window, Entry("tag", "Drafts"), "Drafts", "Delete Tag")
    window.findChildren(QMessageBox)[-1].button(QMessageBox.StandardButton.Yes).click()
    assert tags.all_tags(library) == []
    assert window.living.sidebar.item_for(Entry("tag", "Drafts")) is None
    window.undo_stack.undo()
    assert tags.tags_of(library, [a, b]) == {a: ("Drafts",), b: ("Drafts",)}


def test_a_search_is_saved_from_the_window_then_renamed_and_deleted(
    qtbot: QtBot, library: Library, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    window = make_window()
    ready(qtbot, window)
    window.living.actions["save_search"].trigger()  # nothing searched: nothing to save
    assert not window.findChildren(QInputDialog)
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.set_query("harbour site:Zeta")
    window.living.actions["save_search"].trigger()
    _answer(qtbot, window, "Zeta harbour")
    sidebar = window.living.sidebar
    assert sidebar.item_for(Entry("saved", "harbour site:Zeta")) is not None
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.clear_search()
    choose(qtbot, window, Entry("saved", "harbour site:Zeta"))
    assert listed(window) == [three["bravo"]]
    _menu_action(
        window, Entry("saved", "harbour site:Zeta"), "Zeta harbour", "Rename Saved Search…"
    )
    _answer(qtbot, window, "Zeta ports")
    item = sidebar.item_for(Entry("saved", "harbour site:Zeta"))
    assert item is not None and item.text(0) == "Zeta ports"
    _menu_action(window, Entry("saved", "harbour site:Zeta"), "Zeta ports", "Delete Saved Search")
    assert saved_searches.saved_searches(library) == []
    assert sidebar.item_for(Entry("saved", "harbour site:Zeta")) is None
    window.undo_stack.undo()
    assert [(s.name, s.query) for s in saved_searches.saved_searches(library)] == [
        ("Zeta ports", "harbour site:Zeta")
    ]


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_the_sidebar_shows_its_entries_whole(
    qtbot: QtBot, make_window: MakeWindow, three: dict[str, ArticleId], size: tuple[int, int]
) -> None:
    window = make_window()
    ready(qtbot, window)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=10000)
    dock = window.living.dock
    if not dock.isVisible():  # folded in a small window: opened from its toggle
        dock.toggleViewAction().trigger()
    qtbot.waitUntil(dock.isVisible, timeout=10000)
    qtbot.wait(50)
    sidebar = window.living.sidebar
    metrics = sidebar.fontMetrics()
    for name in ("All stories", "Recently imported", "Unread"):
        item = sidebar.item_for(Entry("recent" if name.startswith("Rec") else "all"))
        assert item is not None
        room = sidebar.columnWidth(0) - sidebar.indentation()
        assert room >= metrics.horizontalAdvance(name), name
    assert sidebar.columnWidth(1) >= metrics.horizontalAdvance("3")
    if size[0] < 1000:
        assert window.reader.width() >= 300  # the list and reader still share the rest


def test_a_long_library_in_another_order_shows_its_first_page_then_the_rest(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    from newsviewer.gui.list_session import FIRST_PAGE

    ids = fill(library, FIRST_PAGE + 5)
    window = make_window()
    ready(qtbot, window)
    with qtbot.waitSignal(window.session.listed, timeout=10000) as first:
        window.sort_box.setCurrentIndex(window.sort_box.findData("oldest"))
    assert first.args == [FIRST_PAGE]  # the first page at once
    assert window.count_label.text() == f"{FIRST_PAGE + 5} stories"  # counted, not listed
    with qtbot.waitSignal(window.session.completed, timeout=10000) as done:
        pass
    assert done.args == [FIRST_PAGE + 5]
    assert listed(window) == ids
    assert window.count_label.text() == f"{FIRST_PAGE + 5} stories"


def test_side_docks_that_leave_the_reader_too_little_room_fold_the_quotations(
    qtbot: QtBot, make_window: MakeWindow, three: dict[str, ArticleId]
) -> None:
    from newsviewer.gui.layout_rules import READER_MIN

    window = make_window()
    ready(qtbot, window)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280, timeout=10000)
    qtbot.waitUntil(window.quotes_panel.isVisible, timeout=10000)
    window.living.highlights_dock.show()  # as a story with highlights shows it
    qtbot.waitUntil(lambda: not window.quotes_panel.isVisible(), timeout=10000)
    assert window.reader.width() >= READER_MIN
    assert window.pane_rules._toggle.isVisible()  # the quotations a click away
    window.living.highlights_dock.hide()
    qtbot.waitUntil(window.quotes_panel.isVisible, timeout=10000)
