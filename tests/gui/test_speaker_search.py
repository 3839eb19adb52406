"""A merge, split or correction made in the Quotes view shows at once in a search by speaker.

The list of a ``said:`` search and its speaker chips read the quote ledger's merged
speakers, on a library file and on a server library alike; the Quotes view's speaker
filter lists the speakers as corrected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import WindowSettings
from newsviewer.library import Library
from tests.test_quote_ledger import STORIES


@pytest.fixture(params=["sqlite", "postgresql"])
def shelf(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Library]:
    """The ledger's stories in a library file, or on a server."""
    if request.param == "sqlite":
        library = Library.open(tmp_path / "library.sqlite3")
    else:
        library = Library.open(request.getfixturevalue("pg_url"))
    for n, article in enumerate(STORIES, 1):
        library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
    yield library
    library.close()


@pytest.fixture
def window(qtbot: QtBot, shelf: Library, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(shelf, WindowSettings(settings))
    with qtbot.waitSignal(shown.list_refreshed, timeout=10000):
        shown.show()
    shown.finish_building()
    dock = shown.findChild(QDockWidget, "quotes_dock")
    assert dock is not None
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: shown.quotes_view.tree.topLevelItemCount() > 0, timeout=10000)
    _settle(qtbot, shown)
    yield shown
    # Gone with its timers before a server's database is dropped.
    gone: list[bool] = []
    shown.destroyed.connect(lambda: gone.append(True))
    shown.close()
    shown.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=5000)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.quotes_view.is_loading(), timeout=10000)


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=10000):
        window.set_query(text)


def _speaker_chips(window: MainWindow) -> list[str]:
    chips = window.facet_bar.chips
    return [c.text() for c in chips if c.accessibleName().startswith("Filter by speaker")]


def _titles(window: MainWindow) -> list[str]:
    model = window.model
    return sorted(
        str(model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)) for r in range(model.rowCount())
    )


def _corrected(qtbot: QtBot, window: MainWindow, act: object) -> None:
    """Run a correction of the Quotes view and wait for the search to be run again."""
    assert callable(act)
    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=10000):
        act()
    _settle(qtbot, window)


def _select(window: MainWindow, text: str) -> None:
    tree = window.quotes_view.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    found = [i for i in items if isinstance(i, QTreeWidgetItem) and i.text(0) == f"“{text}”"]
    assert found, [i.text(0) for i in items if i is not None]
    tree.setCurrentItem(found[0])


def test_chips_and_said_follow_a_merge_a_split_and_corrections(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.quotes_view
    # Every story's headline is "Story N": the chips of the whole library.
    _search(qtbot, window, "story")
    assert _speaker_chips(window) == ["Donald Trump (3)", "Bob Kerry (1)", "John Kerry (1)"]

    _corrected(qtbot, window, lambda: view.merge_speaker("Bob Kerry", "John Kerry"))
    assert _speaker_chips(window) == ["Donald Trump (3)", "John Kerry (2)"]
    speakers = [view.speaker.itemText(i) for i in range(view.speaker.count())]
    assert "John Kerry (3)" in speakers and not any("Bob" in s for s in speakers)
    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=10000):
        qtbot.mouseClick(window.facet_bar.chips[-1], Qt.MouseButton.LeftButton)
    assert window.search_bar.text() == 'story said:"John Kerry"'
    assert _titles(window) == ["Story 3", "Story 4"]

    # Story 5's "President-elect Trump" is Donald Trump by his role in story 2.
    _search(qtbot, window, 'said:"Donald Trump"')
    assert _titles(window) == ["Story 1", "Story 2", "Story 5"]
    _corrected(qtbot, window, lambda: view.split_speaker("Donald Trump", "Trump"))
    assert _titles(window) == ["Story 1", "Story 2"]
    _search(qtbot, window, "story")
    assert _speaker_chips(window) == ["Donald Trump (2)", "John Kerry (2)", "Trump (2)"]

    _select(window, "A great day.")
    _corrected(qtbot, window, lambda: view.change_speaker("Mike Pence"))
    assert _speaker_chips(window) == [
        "John Kerry (2)",
        "Trump (2)",
        "Donald Trump (1)",
        "Mike Pence (1)",
    ]
    _search(qtbot, window, "said:pence")
    assert _titles(window) == ["Story 2"]

    _search(qtbot, window, "quote:tariffs")
    assert _titles(window) == ["Story 5"]
    _select(window, "The tariffs stay.")
    _corrected(qtbot, window, view.mark_not_quote)
    assert _titles(window) == []
