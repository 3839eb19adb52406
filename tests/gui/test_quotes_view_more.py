"""The Quotes view: site, tag and date filters, a speaker's page, merge and split, export."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from newsviewer.gui.main_window import MainWindow
from newsviewer.library import Library, tags
from tests.gui.conftest import MakeWindow
from tests.gui.test_quotes_view import _item, _open_quotes, _settle, _texts
from tests.test_quote_ledger import STORIES


def _window(qtbot: QtBot, library: Library, make_window: MakeWindow) -> MainWindow:
    for n, article in enumerate(STORIES, 1):
        library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
    tags.add_tags(library, [3], ["diplomacy"])
    window = make_window()
    _open_quotes(qtbot, window)
    return window


def _choose(qtbot: QtBot, window: MainWindow, combo_name: str, text: str) -> None:
    combo = getattr(window.quotes_view, combo_name)
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    _settle(qtbot, window)


def test_filters_by_site_tag_and_dates(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    window = _window(qtbot, library, make_window)
    view = window.quotes_view
    _choose(qtbot, window, "site", "Reuters")
    assert _texts(window) == ["“The tariffs stay.”", "“My state needs roads.”", "“A great day.”"]
    _choose(qtbot, window, "site", "All sites")
    _choose(qtbot, window, "tag", "diplomacy")
    assert _texts(window) == ["“Diplomacy works.”", "“No troops.”"]
    _choose(qtbot, window, "tag", "All tags")
    view.set_dates(date(2016, 11, 3), date(2016, 11, 5))
    _settle(qtbot, window)
    assert _texts(window) == ["“Diplomacy works.”", "“No troops.”", "“A great day.”"]
    view.set_dates(None, None)
    _settle(qtbot, window)
    assert len(_texts(window)) == 7


def test_a_speakers_page_lists_quotations_newest_first_with_roles_held(
    qtbot: QtBot, library: Library, make_window: MakeWindow
) -> None:
    window = _window(qtbot, library, make_window)
    view = window.quotes_view
    menu = view.menu_for(_item(window, _texts(window).index("“A great day.”")))
    assert isinstance(menu, QMenu)
    opened = next(a for a in menu.actions() if a.text() == "Open Donald Trump’s Page")
    with qtbot.waitSignal(view.speaker_opened):
        opened.trigger()
    page = view.page
    assert view.stack.currentWidget() is page and page.isVisible()
    assert page.title.text() == "Donald Trump"
    assert page.counts.text() == "4 quotations in 3 stories"
    assert page.roles.text() == "Roles held: President-elect, Nov 2016 (2 quotations)"
    rows = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    dates = [row.text(0) for row in rows if row is not None]
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    with qtbot.waitSignal(view.quotation_activated):
        page.tree.itemClicked.emit(page.tree.topLevelItem(0), 0)
    assert window.reader.article is not None and window.reader.article.title == "Story 5"
    page.back.click()
    assert view.stack.currentIndex() == 0


def test_merge_and_split_from_a_speakers_menu(
    qtbot: QtBot, library: Library, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, library, make_window)
    view = window.quotes_view
    view.grouped.setChecked(True)
    assert _texts(window) == ["Donald Trump (4)", "John Kerry (2)", "Bob Kerry (1)"]
    bob = view.menu_for(_item(window, 2))
    assert bob is not None
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("John Kerry", True))
    next(a for a in bob.actions() if a.text() == "Merge Bob Kerry Into…").trigger()
    _settle(qtbot, window)
    assert _texts(window) == ["Donald Trump (4)", "John Kerry (3)"]
    trump = view.menu_for(_item(window, 0))
    assert trump is not None
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Trump (2)", True))
    next(a for a in trump.actions() if a.text() == "Split Donald Trump…").trigger()
    _settle(qtbot, window)
    assert _texts(window) == ["John Kerry (3)", "Donald Trump (2)", "Trump (2)"]
    speakers = [view.speaker.itemText(i) for i in range(view.speaker.count())]
    assert "Trump (2)" in speakers and "Bob Kerry (1)" not in speakers


def test_the_list_on_screen_exports_as_csv_and_markdown(
    qtbot: QtBot, library: Library, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = _window(qtbot, library, make_window)
    view = window.quotes_view
    _choose(qtbot, window, "speaker", "John Kerry (2)")
    view.export_to(tmp_path / "kerry.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "kerry.csv").read_text("utf-8"))))
    assert [(r["speaker"], r["quotation"], r["role"]) for r in rows] == [
        ("John Kerry", "Diplomacy works.", "Secretary of State"),
        ("John Kerry", "No troops.", ""),
    ]
    assert rows[0]["site"] == "NBC News" and rows[0]["date"] == "2016-11-04"
    view.open_speaker("Donald Trump")
    _settle(qtbot, window)
    view.export_to(tmp_path / "trump.md")
    text = (tmp_path / "trump.md").read_text("utf-8")
    assert text.startswith("# Quotations of Donald Trump\n")
    assert (
        "> “The tariffs stay.”\n>\n> — Donald Trump (President-elect), *Story 5*, Reuters" in text
    )
    assert text.count("> “") == 4


def test_the_shown_list_follows_an_import(
    qtbot: QtBot, library: Library, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = _window(qtbot, library, make_window)
    assert "“We build.”" not in _texts(window)
    story = tmp_path / "story.txt"
    story.write_text(
        "Donald Trump speaks\n\n“We build walls and roads,” President Donald Trump said.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.import_summarized, timeout=30000):
        window.import_files([story])
    qtbot.waitUntil(lambda: any("We build walls" in text for text in _texts(window)))
    _settle(qtbot, window)
    assert len(_texts(window)) == 8
