"""The list session, driven without a window: what is listed, counted and selected."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from newsviewer.domain import Article, ArticleId, Block
from newsviewer.gui.list_session import ListSession
from newsviewer.library import Library, StoreRequest

START = datetime(2021, 3, 1)


@pytest.fixture
def three(library: Library) -> list[ArticleId]:
    """Three stories, oldest first; only the middle one mentions a ferry."""
    words = ["harbour news", "ferry timetable and harbour", "harbour lights"]
    results = library.add_each(
        [
            StoreRequest(
                Article(
                    format="text",
                    title=f"Story {n}",
                    published=START + timedelta(days=n),
                    blocks=(Block("p", f"Body of story {n}: {words[n]}."),),
                ),
                source_path=f"/stories/{n}.txt",
                original=f"story {n}".encode(),
            )
            for n in range(3)
        ]
    )
    return [r.article_id for r in results if r.article_id is not None]


def _listed(session: ListSession) -> list[ArticleId | None]:
    return [session.model.id_at(row) for row in range(session.model.rowCount())]


def test_the_session_lists_newest_first_and_selects_the_first_story(
    qtbot: QtBot, library: Library, three: list[ArticleId]
) -> None:
    session = ListSession(library)
    chosen: list[ArticleId | None] = []
    session.current_changed.connect(chosen.append)
    with qtbot.waitSignal(session.listed, timeout=5000) as listed:
        session.refresh()
    assert listed.args == [3]
    assert _listed(session) == list(reversed(three))
    assert session.count_text() == "3 stories"
    assert chosen == [three[-1]]  # chosen for the user: the newest


def test_a_search_narrows_the_list_and_counts_matches_of_the_library(
    qtbot: QtBot, library: Library, three: list[ArticleId]
) -> None:
    session = ListSession(library)
    with qtbot.waitSignal(session.listed, timeout=5000):
        session.refresh()
    with qtbot.waitSignal(session.facets_counted, timeout=5000):
        session.set_query("ferry")
    assert _listed(session) == [three[1]]
    assert session.count_text() == "1 match in 3 stories"
    with qtbot.waitSignal(session.listed, timeout=5000):
        session.set_query("zeppelin")
    assert session.has_no_match()
    assert not session.is_empty_library()


def test_the_story_remembered_is_selected_again_and_kept_across_a_search(
    qtbot: QtBot, library: Library, three: list[ArticleId]
) -> None:
    session = ListSession(library, select=three[1])
    chosen: list[ArticleId | None] = []
    session.current_changed.connect(chosen.append)
    # The window records the story it shows; here, whatever the session chose.
    session.current_changed.connect(lambda article_id: setattr(session, "current", article_id))
    with qtbot.waitSignal(session.listed, timeout=5000):
        session.refresh()
    assert chosen == [three[1]]
    with qtbot.waitSignal(session.current_kept, timeout=5000):
        session.set_query("harbour")  # the story being read matches: it stays open
    assert chosen == [three[1]]
    assert session.selection.currentIndex().row() == _listed(session).index(three[1])


def test_results_of_a_search_typed_further_are_dropped(
    qtbot: QtBot, library: Library, three: list[ArticleId]
) -> None:
    session = ListSession(library)
    lists: list[int] = []
    session.listed.connect(lists.append)
    session.set_query("harbour")
    with qtbot.waitSignal(session.listed, timeout=5000):
        session.set_query("ferry")  # before the first search's rows arrived
    qtbot.wait(50)
    assert lists == [1]  # only the last search was listed
    assert _listed(session) == [three[1]]


def test_a_deleted_story_leaves_the_list_and_the_count(
    qtbot: QtBot, library: Library, three: list[ArticleId]
) -> None:
    session = ListSession(library)
    with qtbot.waitSignal(session.listed, timeout=5000):
        session.refresh()
    library.delete(three[0])
    assert session.remove(three[0]) == 2
    assert _listed(session) == [three[2], three[1]]
    assert session.count_text() == "2 stories"
