"""The story list stays instant with 100,000 stories: it only fetches what is on screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, ArticleId, ArticleSummary
from newsviewer.gui.article_list import (
    FETCH_STEP,
    SUMMARY_BATCH,
    SUMMARY_ROLE,
    ArticleListModel,
    ArticleListView,
)
from newsviewer.gui.row_painter import first_line, split_snippet

MANY = 100_000


class CountingSource:
    """Stands in for the library's ``summaries``; records how many rows were asked for."""

    def __init__(self) -> None:
        self.rows_requested = 0

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]:
        return []  # (these lists are given all their ids)

    def summaries(self, ids: Sequence[ArticleId]) -> list[ArticleSummary]:
        self.rows_requested += len(ids)
        when = datetime(2024, 1, 1)
        return [
            ArticleSummary(i, f"Story {int(i)}", "Daily Paper", when, f"Standfirst {int(i)}", when)
            for i in ids
        ]


def _view(qtbot: QtBot, source: CountingSource) -> tuple[ArticleListModel, ArticleListView]:
    model = ArticleListModel(source)
    view = ArticleListView()
    view.install_row_painter()
    view.setModel(model)
    view.resize(360, 600)
    qtbot.addWidget(view)
    model.set_ids([ArticleId(n) for n in range(MANY, 0, -1)])
    view.show()
    qtbot.waitExposed(view)
    return model, view


def test_hundred_thousand_stories_fetch_only_the_visible_rows(qtbot: QtBot) -> None:
    source = CountingSource()
    model, view = _view(qtbot, source)
    view.grab()  # paint once
    assert model.total() == MANY
    assert model.rowCount() == FETCH_STEP  # the view learns about more rows lazily
    assert source.rows_requested <= 2 * SUMMARY_BATCH
    first = view.indexAt(view.viewport().rect().topLeft())
    assert first.data() == f"Story {MANY}"

    # Jumping to the end exposes every row but fetches only the last screenful.
    view.setFocus()
    before = source.rows_requested
    qtbot.keyClick(view, Qt.Key.Key_End)
    view.grab()
    assert model.rowCount() == MANY
    assert view.currentIndex().row() == MANY - 1
    assert view.currentIndex().data() == "Story 1"
    assert source.rows_requested - before <= 2 * SUMMARY_BATCH


def test_scrolling_through_fetches_in_batches_and_reuses_the_cache(qtbot: QtBot) -> None:
    source = CountingSource()
    model, _view_widget = _view(qtbot, source)
    for row in (0, 50, 99, 10, 60):
        model.index(row, 0).data(SUMMARY_ROLE)
    assert model.summary_calls == 1  # one batch covers rows 0-99
    model.index(150, 0).data(SUMMARY_ROLE)
    assert model.summary_calls == 2
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == MANY


def test_removing_a_row_keeps_neighbours_in_place(qtbot: QtBot) -> None:
    source = CountingSource()
    model, _ = _view(qtbot, source)
    assert model.remove_id(ArticleId(MANY - 1)) == 1
    assert model.index(1, 0).data() == f"Story {MANY - 2}"
    assert model.row_of(ArticleId(MANY - 1)) is None
    far = model.row_of(ArticleId(5))
    assert far == MANY - 1 - 5
    assert model.rowCount() > far  # finding a far row lets the view reach it


def test_search_snippet_pieces_mark_hits() -> None:
    snippet = f"…putting {HIT_OPEN}boots{HIT_CLOSE} on the\nground {HIT_OPEN}boot{HIT_CLOSE}"
    assert split_snippet(snippet) == [
        ("…putting ", False),
        ("boots", True),
        (" on the ground ", False),
        ("boot", True),
    ]
    assert split_snippet("plain") == [("plain", False)]
    assert first_line("\n  First line\nsecond") == "First line"


def test_search_rows_paint_their_snippets(qtbot: QtBot) -> None:
    source = CountingSource()
    model = ArticleListModel(source)
    view = ArticleListView()
    view.install_row_painter()
    view.setModel(model)
    qtbot.addWidget(view)
    model.set_ids(
        [ArticleId(1), ArticleId(2)],
        {ArticleId(1): f"a {HIT_OPEN}hit{HIT_CLOSE} here", ArticleId(2): "x" * 500},
    )
    view.resize(300, 200)
    view.show()
    image = view.grab().toImage()
    assert not image.isNull()
    assert model.is_search()


class PagedSource(CountingSource):
    """Also reads stories by position: ids MANY..1, newest first, like Library.newest_page."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[tuple[int, int, bool]] = []

    def newest_page(
        self, offset: int, limit: int, *, from_oldest: bool = False
    ) -> list[ArticleSummary]:
        self.pages.append((offset, limit, from_oldest))
        if from_oldest:
            ids = [ArticleId(n) for n in range(offset + 1, offset + limit + 1)][::-1]
        else:
            ids = [ArticleId(n) for n in range(MANY - offset, MANY - offset - limit, -1)]
        return self.summaries(ids)


def test_a_list_shown_before_its_ids_reads_far_rows_by_position(qtbot: QtBot) -> None:
    source = PagedSource()
    model = ArticleListModel(source)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_partial(MANY, source.newest_page(0, SUMMARY_BATCH))
    source.pages.clear()
    assert model.total() == MANY and model.is_partial()
    assert model.index(0, 0).data() == f"Story {MANY}"
    assert source.pages == []  # the first page came with its summaries

    model.expose(MANY)
    last = model.index(MANY - 1, 0)
    assert last.data() == "Story 1"
    # Near the end the index is walked from the oldest story, not skipped through.
    assert source.pages == [(0, SUMMARY_BATCH, True)]
    assert model.id_at(MANY // 2 - 1) == ArticleId(MANY // 2 + 1)
    assert model.row_of(ArticleId(1)) == MANY - 1

    # All the ids arrive: they agree with what was read, so nothing is reset.
    assert model.complete([ArticleId(n) for n in range(MANY, 0, -1)])
    assert not model.is_partial() and len(resets) == 1
    assert model.index(MANY - 1, 0).data() == "Story 1"


def test_ids_that_disagree_with_a_partial_list_are_refused(qtbot: QtBot) -> None:
    source = PagedSource()
    model = ArticleListModel(source)
    model.set_partial(MANY, source.newest_page(0, SUMMARY_BATCH))
    newer = [ArticleId(MANY + 1), *(ArticleId(n) for n in range(MANY, 0, -1))]
    assert not model.complete(newer)
    assert model.is_partial() and model.total() == MANY
