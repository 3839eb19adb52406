"""Search fields over what the reader added: tag:, is:, has:, note:, saved:, published:."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.domain import ArticleId
from newsviewer.library import Library, marks, tags
from newsviewer.library import highlights as hl
from newsviewer.library.query import Dates, Own, Term, parse
from tests.living_helpers import fill


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


@pytest.fixture
def stories(library: Library) -> list[ArticleId]:
    a, b, c = fill(library, 3)  # published 5, 6 and 7 January 2014
    marks.set_read(library, [a])
    marks.set_starred(library, [b])
    marks.set_archived(library, [c])
    tags.add_tags(library, [a, c], ["Foreign Policy"])
    hl.add_highlight_text(library, b, "troops", note="The Pentagon angle")
    hl.add_highlight_text(library, c, "Kerry")
    return [a, b, c]


def found(library: Library, query: str) -> list[ArticleId]:
    return [h.id for h in library.search(query, sort="date")]


def test_marks_tags_and_highlights_are_search_fields(
    library: Library, stories: list[ArticleId]
) -> None:
    a, b, c = stories
    assert found(library, "is:unread") == [c, b]
    assert found(library, "is:read") == [a]
    assert found(library, "is:starred") == [b]
    assert found(library, "is:archived") == [c]
    assert found(library, 'tag:"foreign policy"') == [c, a]
    assert found(library, "TAG:(Foreign Policy)") == [c, a]
    assert found(library, "has:highlight") == [c, b]
    assert found(library, "has:note") == [b]
    assert found(library, "note:pentagon") == [b]
    # With words and against each other.
    assert found(library, "troops is:unread") == [c, b]
    assert found(library, "troops -is:archived") == [b, a]
    assert found(library, "part is:unread -is:starred") == [c]


def test_saved_and_published_take_periods_and_ranges(
    library: Library, stories: list[ArticleId]
) -> None:
    a, b, c = stories
    assert found(library, "published:2014-01") == [c, b, a]
    assert found(library, "published:2014-01-06..2014-01-07") == [c, b]
    assert found(library, "published:..2014-01-05") == [a]
    assert found(library, "saved:2014") == []
    saved_year = library.get(a).imported_at.year  # type: ignore[union-attr]
    assert found(library, f"saved:{saved_year}") == [c, b, a]
    assert found(library, f"saved:{saved_year - 1}..") == [c, b, a]


def test_field_values_that_mean_nothing_are_searched_as_words() -> None:
    assert parse("is:unread") == Own("unread")
    assert parse("has:notes") == Own("note")
    assert parse("saved:2024-03") == Dates("2024-03-01", "2024-04-01", "imported_at")
    assert parse("published:2014..2015") == Dates("2014-01-01", "2016-01-01", "published")
    is_bogus = parse("is:bogus")
    assert is_bogus is not None and Term("bogus") in is_bogus.parts  # type: ignore[union-attr]
    assert parse("saved:soon") is not None and "soon" in repr(parse("saved:soon"))
