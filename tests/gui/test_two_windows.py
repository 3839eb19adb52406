"""Two windows on one library, each with its own connections as two processes would have:
what one changes shows in the other, which keeps the story it is showing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.domain import Article, ArticleId, Block
from newsviewer.gui.library_sidebar import Entry
from newsviewer.gui.library_watch import LibraryWatch
from newsviewer.gui.main_window import MainWindow
from newsviewer.library import Library, marks, tags
from newsviewer.library import highlights as hl
from newsviewer.library.change_watch import SqliteChangeWatcher
from tests.gui.conftest import MakeWindow
from tests.living_helpers import fill, story


def _listed(window: MainWindow) -> list[ArticleId]:
    model = window.model
    return [i for i in (model.id_at(r) for r in range(model.rowCount())) if i is not None]


def _ready(qtbot: QtBot, window: MainWindow) -> LibraryWatch:
    window.finish_building()
    qtbot.waitUntil(lambda: window.living.sidebar.count_of(Entry("all")) is not None)
    watch = window.session._watch
    assert watch is not None, "a library file is watched for other processes' changes"
    watch._timer.setInterval(50)  # (1.5 s in use; quicker for the test)
    return watch


def test_a_second_window_sees_the_first_ones_changes_and_keeps_its_selection(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    ids = fill(library, 3)
    with Library.open(Path(library.path)) as other_library:
        first = make_window(library)
        second = make_window(other_library)
        _ready(qtbot, first)
        watch = _ready(qtbot, second)
        assert second.select_article(ids[1])
        qtbot.waitUntil(lambda: second.session.current == ids[1])
        scrolled = second.list_view.verticalScrollBar().value()

        # Marked and tagged in the first window: the second's sidebar counts follow.
        first.select_article(ids[1])
        qtbot.waitUntil(lambda: first.session.current == ids[1])
        first.living.toggle_star()
        first.living.tag_selected("Iraq")
        sidebar = second.living.sidebar
        qtbot.waitUntil(lambda: sidebar.count_of(Entry("tag", "Iraq")) == 1, timeout=5000)
        qtbot.waitUntil(lambda: sidebar.count_of(Entry("starred")) == 1, timeout=5000)

        # A story stored by the first: listed in the second, whose story stays open.
        with qtbot.waitSignal(watch.stories_changed, timeout=5000):
            _, new_id = library.add(story(9), source_path="/s/9.txt", original=b"nine")
        qtbot.waitUntil(lambda: new_id in _listed(second), timeout=5000)
        assert second.session.current == ids[1]
        assert second.current_article() is not None
        assert second.current_article().id == ids[1]  # type: ignore[union-attr]
        assert second.list_view.verticalScrollBar().value() == scrolled

        # A story deleted in the first leaves the second's list.
        first.delete_article(ids[2], record=False)
        qtbot.waitUntil(lambda: ids[2] not in _listed(second), timeout=5000)
        assert second.session.current == ids[1]


def test_a_windows_own_changes_are_not_taken_for_anothers(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    ids = fill(library, 2)
    window = make_window(library)
    watch = _ready(qtbot, window)
    reloads: list[None] = []
    watch.stories_changed.connect(lambda: reloads.append(None))
    marks.set_starred(library, [ids[0]])
    tags.add_tags(library, ids, ["Iraq"])
    library.add(story(7), source_path="/s/7.txt", original=b"seven")
    qtbot.wait(300)
    assert reloads == []
    with Library.open(Path(library.path)) as elsewhere:
        marks.set_archived(elsewhere, [ids[1]])
    qtbot.waitUntil(lambda: len(reloads) == 1, timeout=5000)


def test_the_watch_tells_others_commits_from_its_own(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    with Library.open(path) as mine, Library.open(path) as theirs:
        watcher = mine.watch_changes()
        assert watcher is not None and not watcher.changed()
        fill(mine, 2)
        assert not watcher.changed()
        marks.set_read(theirs, mine.ids()[:1])
        assert watcher.changed()
        assert not watcher.changed()  # seen once
        # Theirs, then ours, before a look: theirs is still seen.
        marks.set_starred(theirs, mine.ids()[:1])
        marks.set_archived(mine, mine.ids()[:1])
        assert watcher.changed()
        watcher.close()
        # Closed (the window closed), the library can still be written; a new watch starts.
        marks.set_read(mine, mine.ids()[:1])
        again = mine.watch_changes()
        assert again is not None and again is not watcher and not again.changed()
    lone = SqliteChangeWatcher(path)
    assert not lone.changed()
    lone.close()


def _long_story() -> Article:
    first = story(1)
    more = tuple(
        Block("p", f"Paragraph {n} of the long account, with words enough to wrap a line.")
        for n in range(80)
    )
    return replace(first, blocks=first.blocks + more)


def test_highlights_made_elsewhere_show_in_the_story_open_here_where_it_is_read(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    _, story_id = library.add(_long_story(), source_path="/s/long.txt", original=b"long")
    with Library.open(Path(library.path)) as other:
        window = make_window(library)
        _ready(qtbot, window)
        assert window.select_article(story_id)
        qtbot.waitUntil(lambda: window.session.current == story_id)
        reader = window.reader
        bar = reader.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        bar.setValue(bar.maximum() // 2)
        # The reader's place and the words the user has selected in it.
        reader.setTextCursor(reader.document().find("Paragraph 40 of the long"))
        place = bar.value()
        shown: list[int] = []
        window.living.highlights_shown.connect(shown.append)
        panel = window.living.highlights_panel

        later = hl.add_highlight_text(other, story_id, "Paragraph 41 of the long", note="Check")
        qtbot.waitUntil(lambda: shown[-1:] == [1], timeout=5000)
        tints = reader.extraSelections()
        assert [t.cursor.selectedText() for t in tints] == ["Paragraph 41 of the long"]
        assert [panel.item(r).text() for r in range(panel.count())] == [
            "“Paragraph 41 of the long”\n✎ Check"
        ]
        assert bar.value() == place
        assert reader.textCursor().selectedText() == "Paragraph 40 of the long"

        # The one chosen in the panel stays chosen as another, earlier, arrives; a note
        # edited elsewhere shows, and so does a highlight taken off.
        panel.setCurrentRow(0)
        hl.add_highlight_text(other, story_id, "Paragraph 3 of the long")
        qtbot.waitUntil(lambda: shown[-1:] == [2] and panel.count() == 2, timeout=5000)
        assert panel.highlight_at(0).text == "Paragraph 3 of the long"  # type: ignore[union-attr]
        assert panel.currentRow() == 1
        hl.update_highlight(other, later.id, note="Checked", colour="green")
        qtbot.waitUntil(lambda: panel.item(1).text().endswith("✎ Checked"), timeout=5000)
        assert panel.currentRow() == 1
        hl.delete_highlight(other, later.id)
        qtbot.waitUntil(lambda: shown[-1:] == [1] and panel.count() == 1, timeout=5000)
        assert [t.cursor.selectedText() for t in reader.extraSelections()] == [
            "Paragraph 3 of the long"
        ]
        assert bar.value() == place
        assert reader.textCursor().selectedText() == "Paragraph 40 of the long"
        assert window.session.current == story_id
