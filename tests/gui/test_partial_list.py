"""A big list shows at once from its count and first page; all its ids arrive later.

The background read of all the ids is held back here (as on a library of a million
stories, where it takes a fifth of a second) to see what the user can do meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsviewer.domain import Article, ArticleId, Block
from newsviewer.gui.article_list import SUMMARY_BATCH
from newsviewer.library import Library
from newsviewer.library.repository import StoreRequest
from tests.gui.conftest import MakeWindow

from .helpers import reading

STORIES = 3 * SUMMARY_BATCH + 50
START = datetime(2020, 1, 1)


def _headline(n: int) -> str:
    return f"Story number {n} about the harbour"


@pytest.fixture
def big_library(library: Library) -> Library:
    """STORIES stories; story n is published n days after the first, so the newest is last."""
    library.add_each(
        [
            StoreRequest(
                Article(
                    format="text",
                    title=_headline(n),
                    published=START + timedelta(days=n),
                    blocks=(Block("p", f"Body of story {n}, harbour news."),),
                ),
                source_path=f"/stories/{n}.txt",
                original=f"story {n}".encode(),
            )
            for n in range(STORIES)
        ]
    )
    return library


class HeldIds:
    """Library.ids read at once but handed over only when ``release`` is called."""

    def __init__(self, library: Library) -> None:
        self._real = library.ids
        self._gate = threading.Event()
        self.calls = 0

    def __call__(self) -> list[ArticleId]:
        self.calls += 1
        ids = self._real()
        self._gate.wait(10)
        return ids

    def release(self) -> None:
        self._gate.set()


@pytest.fixture
def held(big_library: Library) -> Iterator[HeldIds]:
    hold = HeldIds(big_library)
    big_library.ids = hold  # type: ignore[method-assign]
    yield hold
    hold.release()


def _title(window, row: int) -> str:  # type: ignore[no-untyped-def]
    return str(window.model.index(row, 0).data())


def test_list_shows_whole_before_its_ids_and_keeps_the_story_when_they_arrive(
    qtbot: QtBot, make_window: MakeWindow, big_library: Library, held: HeldIds
) -> None:
    window = make_window(big_library)
    model, view = window.model, window.list_view
    assert model.is_partial()
    assert model.total() == STORIES
    assert window.count_label.text() == f"{STORIES} stories"
    assert _title(window, 0) == _headline(STORIES - 1)  # newest first
    assert reading(window).title == _headline(STORIES - 1)

    # End reaches the oldest story, read by its position; k and j move from there.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == STORIES - 1
    assert reading(window).title == _headline(0)
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert reading(window).title == _headline(1)
    scroll = view.verticalScrollBar().value()

    with qtbot.waitSignal(window.list_completed, timeout=5000):
        held.release()
    assert not model.is_partial()
    assert model.total() == STORIES
    assert view.currentIndex().row() == STORIES - 2
    assert reading(window).title == _headline(1)
    assert view.verticalScrollBar().value() == scroll
    assert _title(window, STORIES // 2) == _headline(STORIES - 1 - STORIES // 2)


def test_delete_and_undo_while_the_ids_are_loading(
    qtbot: QtBot, make_window: MakeWindow, big_library: Library, held: HeldIds
) -> None:
    window = make_window(big_library)
    view = window.list_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert reading(window).title == _headline(0)

    window.delete_current()
    assert window.model.total() == STORIES - 1
    assert window.count_label.text() == f"{STORIES - 1} stories"
    # The story above takes the deleted one's place as the last.
    assert reading(window).title == _headline(1)
    assert _title(window, STORIES - 2) == _headline(1)

    # The id list was read before the delete; the deleted story must not come back.
    with qtbot.waitSignal(window.list_completed, timeout=5000):
        held.release()
    assert window.model.total() == STORIES - 1
    assert _headline(0) not in {_title(window, r) for r in range(STORIES - 3, STORIES - 1)}

    # Undo lists the story again, and selects it once the ids show where it is.
    with qtbot.waitSignal(window.list_completed, timeout=5000):
        window.undo_stack.undo()
    assert window.model.total() == STORIES
    assert view.currentIndex().row() == STORIES - 1
    assert reading(window).title == _headline(0)


def test_search_then_clearing_it_lists_every_story_again(
    qtbot: QtBot, make_window: MakeWindow, big_library: Library, held: HeldIds
) -> None:
    held.release()
    window = make_window(big_library)
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.set_query('"number 7"')
    assert window.model.total() == 1
    assert reading(window).title == _headline(7)

    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.search_bar.clear_search()
    assert window.model.total() == STORIES
    assert _title(window, 0) == _headline(STORIES - 1)
    # The story read during the search stays open, selected where the whole list has it.
    qtbot.waitUntil(lambda: window.list_view.currentIndex().row() == STORIES - 1 - 7)
    assert reading(window).title == _headline(7)
    assert not window.model.is_partial()


def test_a_small_list_is_whole_from_the_first_page(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window(library)
    assert not window.model.is_partial()
    assert window.model.total() == 0


def test_a_part_sorted_by_title_shows_its_first_page_while_the_rest_is_read(
    qtbot: QtBot,
    make_window: MakeWindow,
    big_library: Library,
    held: HeldIds,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Unread in title order, as on a library of a million stories where reading the
    # whole part takes seconds: the reads after the first page are held back, and the
    # window works meanwhile.
    from newsviewer.gui import list_session
    from newsviewer.gui.library_sidebar import Entry
    from newsviewer.gui.list_session import FIRST_PAGE
    from newsviewer.library import marks

    held.release()
    newest_first = big_library.ids()
    marks.set_read(big_library, newest_first[-10:])  # stories 0 to 9
    unread = sorted((_headline(n) for n in range(10, STORIES)), key=str.lower)
    monkeypatch.setattr(list_session, "NEXT_PAGE", 300)
    gates: list[tuple[int | None, threading.Event]] = []
    real = marks.marked_ids_in

    def held_part(library: Library, mark: int, order: str, limit: int | None) -> list[ArticleId]:
        found = real(library, mark, order, limit)  # type: ignore[arg-type]
        if limit != FIRST_PAGE:
            gate = threading.Event()
            gates.append((limit, gate))
            gate.wait(10)
        return found

    def rows() -> list[str]:
        return [_title(window, r) for r in range(window.model.rowCount())]

    monkeypatch.setattr(marks, "marked_ids_in", held_part)
    window = make_window(big_library)
    window.finish_building()
    qtbot.waitUntil(lambda: window.living.sidebar.count_of(Entry("unread")) == STORIES - 10)
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.sort_box.setCurrentIndex(window.sort_box.findData("title"))
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.living.sidebar.choose(Entry("unread"))
    try:
        assert rows() == unread[:FIRST_PAGE]
        assert window.count_label.text() == f"{FIRST_PAGE}+ stories"  # more coming
        qtbot.waitUntil(lambda: len(gates) == 1)  # the next page is being read
        assert gates[0][0] == 300
        # Meanwhile the list moves and the reader follows.
        view = window.list_view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert reading(window).title == unread[1]
        gates[0][1].set()
        qtbot.waitUntil(lambda: window.model.rowCount() == 300)
        assert rows() == unread[:300]
        assert window.count_label.text() == "300+ stories"
        qtbot.waitUntil(lambda: len(gates) == 2)  # then all the others
        assert gates[1][0] is None
    finally:
        for _, gate in gates:
            gate.set()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(unread), timeout=10000)
    assert rows() == unread
    assert window.count_label.text() == f"{len(unread)} stories"
    assert view.currentIndex().row() == 1
    assert reading(window).title == unread[1]
