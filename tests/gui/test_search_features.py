"""Searching in the real window: fields, sort, filter chips, hits in the reader, help, roles."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from newsviewer.domain import HIT_OPEN, Article, ArticleId, Block, Quote, body_text
from newsviewer.gui.article_list import SNIPPET_ROLE
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.reader_colours import reader_colours
from newsviewer.gui.theme import current_palette
from newsviewer.library import Library
from tests.gui.conftest import MakeWindow

from .helpers import covering, fragments, reading, top_item

KERRY_QUOTE = "We are not going to put boots on the ground"
KERRY_LATER = "We will help them help themselves"


def _story(
    title: str,
    paragraphs: list[str],
    *,
    site: str,
    year: int,
    quotes: list[tuple[str, str, str | None]] = (),  # type: ignore[assignment]
) -> Article:
    blocks = tuple(Block("p", p) for p in paragraphs)
    text = body_text(blocks)
    found = []
    for said, speaker, role in quotes:
        start = text.index(said)
        found.append(Quote(said, speaker, speaker, "said", start, start + len(said), role))
    return Article(
        format="txt",
        title=title,
        site=site,
        published=datetime(year, 6, 1, 12, 0),
        blocks=blocks,
        quotes=tuple(found),
    )


def _add(library: Library, article: Article, name: str) -> ArticleId:
    _, article_id = library.add(article, source_path=f"/stories/{name}.txt", original=name.encode())
    return article_id


@pytest.fixture
def stories(library: Library) -> dict[str, ArticleId]:
    """Five small stories from two sites, with quotations from two speakers."""
    ids = {
        "harbour": _add(
            library,
            _story(
                "Harbour council votes on the fishing fleet",
                [
                    "The harbour council met on Monday to discuss the fishing fleet.",
                    "“We will decide next week,” said Jo Reyes, the harbour master.",
                ],
                site="BBC News",
                year=2014,
                quotes=[("We will decide next week,", "Jo Reyes", "harbour master")],
            ),
            "harbour",
        ),
        "fight": _add(
            library,
            _story(
                "Residents fight the harbour tower plan",
                [
                    "Residents said they would fight the plan for a tower by the harbour.",
                    "The fighting over the tower has gone on for years, and every fight "
                    "ends in the council chamber.",
                    "Nobody fights harder than the fishermen of the old harbour.",
                ],
                site="Harbour Gazette",
                year=2016,
            ),
            "fight",
        ),
        "kerry": _add(
            library,
            _story(
                "Kerry rules out troops in Iraq",
                [
                    f"“{KERRY_QUOTE},” John Kerry told reporters about the harbour city.",
                    "The council of ministers met later.",
                    f"“{KERRY_LATER},” Kerry added.",
                ],
                site="NBC News",
                year=2015,
                quotes=[
                    (KERRY_QUOTE, "John Kerry", "Secretary of State"),
                    (KERRY_LATER, "John Kerry", None),  # the role is written once
                ],
            ),
            "kerry",
        ),
        "market": _add(
            library,
            _story(
                "Fish market opens longer by the harbour",
                ["The fish market by the harbour opens longer, the council said."],
                site="BBC News",
                year=2012,
            ),
            "market",
        ),
        "weather": _add(
            library,
            _story(
                "Storm warning for the coast",
                ["A storm is expected on the coast; the harbour is closed."],
                site="Harbour Gazette",
                year=2013,
            ),
            "weather",
        ),
    }
    return ids


def _titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(window.model.index(r, 0).data()) for r in range(window.model.rowCount())]


def _search(qtbot: QtBot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    if window.search_bar.text():
        with qtbot.waitSignal(window.list_refreshed, timeout=5000):
            window.search_bar.clear()
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        qtbot.keyClicks(window.search_bar, text)


def test_typing_a_field_query_filters_the_list(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    assert window.model.rowCount() == 5
    _search(qtbot, window, "title:harbour")
    assert sorted(_titles(window)) == [
        "Fish market opens longer by the harbour",
        "Harbour council votes on the fishing fleet",
        "Residents fight the harbour tower plan",
    ]
    assert window.count_label.text() == "3 matches in 5 stories"
    _search(qtbot, window, "said:kerry")
    assert _titles(window) == ["Kerry rules out troops in Iraq"]
    _search(qtbot, window, "harbour year:2014")
    assert _titles(window) == ["Harbour council votes on the fishing fleet"]
    _search(qtbot, window, "harbour -site:bbc")
    assert sorted(_titles(window)) == [
        "Kerry rules out troops in Iraq",
        "Residents fight the harbour tower plan",
        "Storm warning for the coast",
    ]


def test_sort_by_date_lists_newest_first_and_is_remembered(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId], settings_file: Path
) -> None:
    window = make_window()
    _search(qtbot, window, "council")
    by_relevance = _titles(window)
    assert by_relevance[0] == "Harbour council votes on the fishing fleet"  # in its headline
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        window.sort_box.setCurrentIndex(window.sort_box.findData("date"))
    assert _titles(window) == [
        "Residents fight the harbour tower plan",  # 2016
        "Kerry rules out troops in Iraq",  # 2015
        "Harbour council votes on the fishing fleet",  # 2014
        "Fish market opens longer by the harbour",  # 2012
    ]
    window.close()
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value("search/sort") == "date"
    again = make_window()
    assert again.sort_box.currentData() == "date"


def _chip(window: MainWindow, text: str) -> QToolButton:
    found = [c for c in window.facet_bar.chips if c.text().startswith(text)]
    assert found, [c.text() for c in window.facet_bar.chips]
    return found[0]


def test_clicking_a_site_chip_narrows_and_removing_it_restores(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.facets_shown, timeout=5000):
        _search(qtbot, window, "harbour")
    assert window.model.rowCount() == 5
    assert window.facet_bar.isVisible()
    chips = [c.text() for c in window.facet_bar.chips]
    assert "BBC News (2)" in chips and "Harbour Gazette (2)" in chips and "NBC News (1)" in chips
    assert "John Kerry (1)" in chips and "Jo Reyes (1)" in chips

    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=5000):
        qtbot.mouseClick(_chip(window, "BBC News"), Qt.MouseButton.LeftButton)
    assert window.search_bar.text() == 'harbour site:"BBC News"'
    assert sorted(_titles(window)) == [
        "Fish market opens longer by the harbour",
        "Harbour council votes on the fishing fleet",
    ]
    active = _chip(window, "site: BBC News")
    assert active.isChecked()

    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=5000):
        qtbot.mouseClick(_chip(window, "Jo Reyes"), Qt.MouseButton.LeftButton)
    assert window.search_bar.text() == 'harbour site:"BBC News" said:"Jo Reyes"'
    assert _titles(window) == ["Harbour council votes on the fishing fleet"]

    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=5000):
        qtbot.mouseClick(_chip(window, "site: BBC News"), Qt.MouseButton.LeftButton)
    assert window.search_bar.text() == 'harbour said:"Jo Reyes"'
    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=5000):
        qtbot.mouseClick(_chip(window, "said: Jo Reyes"), Qt.MouseButton.LeftButton)
    assert window.search_bar.text() == "harbour"
    assert window.model.rowCount() == 5

    # Clearing the search hides the chips.
    with qtbot.waitSignal(window.list_refreshed, timeout=5000):
        qtbot.keyClick(window.search_bar, Qt.Key.Key_Escape)
    assert not window.facet_bar.isVisible()


def test_f3_and_shift_f3_move_between_the_marked_hits(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    window.resize(700, 420)
    _search(qtbot, window, "fight")
    assert _titles(window)[0] == "Residents fight the harbour tower plan"
    window.list_view.setCurrentIndex(window.model.index(0, 0))
    reader = window.reader
    document = reader.document()
    colours = reader_colours(current_palette())
    marked = [f.text for f in fragments(document) if f.background == colours.term_bg]
    # Stems are marked as the story writes them: fight, fighting, fights.
    assert marked == ["fight", "fight", "fighting", "fight", "fights"]
    assert reader.hit_count() == 5
    assert window.hit_label.text() == "5 hits · F3 next"

    window.activateWindow()
    window.search_bar.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window.search_bar, Qt.Key.Key_F3)
        cursor = reader.textCursor()
        seen.append((cursor.selectionStart(), cursor.selectedText()))
        # The selection sits on a marked hit: the hit's own format carries the marker.
        assert cursor.charFormat().background().color().name() == colours.term_bg
    assert [text for _, text in seen] == ["fight", "fight", "fighting"]
    assert seen[0][0] < seen[1][0] < seen[2][0]
    assert window.hit_label.text() == "Hit 3 of 5"

    qtbot.keyClick(window.search_bar, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().selectionStart() == seen[1][0]
    assert window.hit_label.text() == "Hit 2 of 5"
    # Past the last hit F3 comes back to the first.
    for _ in range(4):
        qtbot.keyClick(window.search_bar, Qt.Key.Key_F3)
    assert reader.textCursor().selectionStart() == seen[0][0]
    assert window.hit_label.text() == "Hit 1 of 5"


def test_search_help_opens_from_f1_and_the_button_and_names_the_syntax(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    window.search_bar.setFocus()
    qtbot.keyClick(window.search_bar, Qt.Key.Key_F1)
    popup = window.search_help
    assert popup.isVisible()
    text = popup.label.text()
    for syntax in ('"boots on the ground"', "OR", "title:", "site:", "said:", "year:2014"):
        assert syntax.replace('"', "&quot;") in text or syntax in text, syntax
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)
    assert popup.isVisible()
    popup.close()


def test_quote_tooltip_and_panel_name_the_speakers_role(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    assert window.select_article(stories["kerry"])
    for said in (KERRY_QUOTE, KERRY_LATER):
        tips = {f.tooltip for f in covering(window.reader.document(), said)}
        assert tips == {"John Kerry, Secretary of State (said)"}
    tree = window.quotes_panel.tree
    assert tree.topLevelItemCount() == 1
    assert top_item(tree, 0).text(0) == "John Kerry, Secretary of State (2)"


def test_snippets_of_rows_scrolled_to_are_read_in_the_background(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    for n in range(120):
        _add(
            library,
            _story(
                f"Council minutes {n}",
                [f"Item {n}: the council discussed the ferry timetable at length."],
                site="Town Hall",
                year=2000 + n % 20,
            ),
            f"minutes-{n}",
        )
    window = make_window()
    _search(qtbot, window, "ferry")
    assert window.model.rowCount() == 120
    assert HIT_OPEN + "ferry" in window.model.index(0, 0).data(SNIPPET_ROLE)
    far = window.model.index(100, 0)
    assert far.data(SNIPPET_ROLE) is None  # not read with the first screenful
    window.list_view.scrollTo(far)
    qtbot.waitUntil(lambda: far.data(SNIPPET_ROLE) is not None, timeout=5000)
    assert HIT_OPEN + "ferry" in far.data(SNIPPET_ROLE)


def test_a_word_in_very_many_stories_lists_newest_first_then_the_ranked_order(
    qtbot: QtBot,
    make_window: MakeWindow,
    stories: dict[str, ArticleId],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsviewer.gui.list_session as list_session
    import newsviewer.library.search as plans

    # As if "harbour" were in more stories than are ranked at once, and a screenful
    # were two rows: the first rows come newest first, the ranked whole list follows.
    monkeypatch.setattr(plans, "RANK_LIMIT", 2)
    monkeypatch.setattr(list_session, "FIRST_PAGE", 2)
    window = make_window()
    _search(qtbot, window, "zeppelin")  # no story open: the search will pick one
    assert window.current_article() is None
    with qtbot.waitSignal(window.list_ranked, timeout=5000):
        _search(qtbot, window, "harbour")
        assert _titles(window) == [
            "Residents fight the harbour tower plan",  # 2016
            "Kerry rules out troops in Iraq",  # 2015
        ]
        assert window.count_label.text() == "2+ matches in 5 stories"
    ranked = _titles(window)
    assert len(ranked) == 5
    # The story shown was picked for the user, so the best match replaces it.
    assert window.list_view.currentIndex().row() == 0
    assert reading(window).title == ranked[0]

    # A story the user was reading stays open when the order changes.
    window.select_article(stories["weather"])
    with qtbot.waitSignal(window.list_ranked, timeout=5000):
        _search(qtbot, window, "harbour")
    assert reading(window).title == "Storm warning for the coast"
    # Headlines with the word rank above stories that only mention it.
    assert set(ranked[:3]) == {
        "Residents fight the harbour tower plan",
        "Harbour council votes on the fishing fleet",
        "Fish market opens longer by the harbour",
    }
    assert window.count_label.text() == "5 matches in 5 stories"


def test_f3_visits_only_the_marked_words(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    _search(qtbot, window, "harbour")
    assert window.select_article(stories["fight"])
    document = window.reader.document()
    colours = reader_colours(current_palette())
    marked = [f for f in fragments(document) if f.background == colours.term_bg]
    # Headline and two paragraphs; the site name in the meta line is not a match.
    assert [f.text.lower() for f in marked] == ["harbour"] * 3
    assert "Harbour Gazette" in document.toPlainText()
    assert window.reader.hit_count() == 3
    for fragment in marked:
        window.next_hit()
        assert window.reader.textCursor().selectionStart() == fragment.start


def test_chips_are_reached_with_tab_after_the_search_field(
    qtbot: QtBot, make_window: MakeWindow, stories: dict[str, ArticleId]
) -> None:
    window = make_window()
    with qtbot.waitSignals([window.facets_shown, window.list_refreshed], timeout=5000):
        _search(qtbot, window, "harbour")
    chips = window.facet_bar.chips
    assert chips
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.help_button.setFocus()
    qtbot.keyClick(window.help_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chips[0]
    chips[-1].setFocus()
    qtbot.keyClick(chips[-1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.list_view


def test_a_search_the_library_refuses_is_explained_not_called_a_broken_library(
    qtbot: QtBot,
    make_window: MakeWindow,
    stories: dict[str, ArticleId],
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsviewer.errors import QueryError

    window = make_window()

    def refuse(*args: object, **kwargs: object) -> None:
        raise QueryError("This search could not be run (too deep); try fewer words.")

    monkeypatch.setattr(library, "search_page", refuse)
    with qtbot.waitSignal(window.search_failed, timeout=5000):
        qtbot.keyClicks(window.search_bar, "harbour")
    shown = window.statusBar().currentMessage()
    assert shown.startswith("This search could not be run")
    assert "Could not read the library" not in shown
