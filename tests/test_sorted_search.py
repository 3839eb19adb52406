"""A search listed in another order than newest first sorts every match, not only the newest."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsviewer.gui import list_session
from newsviewer.library import Library
from tests.living_helpers import story


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_oldest_first_of_a_big_search_starts_at_its_oldest_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, engine: str
) -> None:
    where = tmp_path / "l.sqlite3" if engine == "sqlite" else str(request.getfixturevalue("pg_url"))
    library = Library.open(where)
    # story(n) is published n days after the first; all of them name Kerry.
    ids = [library.add(story(n), source_path=f"/x/{n}", original=b"%d" % n)[1] for n in range(6)]
    # More matches than the newest-first page holds.
    monkeypatch.setattr(list_session, "SEARCH_LIMIT", 2)

    found = list_session._sorted_search(library, "kerry", "oldest")

    assert [hit.id for hit in found.hits] == ids
    titles = list_session._sorted_search(library, "kerry", "title")
    assert len(titles.hits) == 6
    # Newest first needs no more than the page: nothing else changes for a small search.
    monkeypatch.setattr(list_session, "SEARCH_LIMIT", 100)
    assert [hit.id for hit in list_session._sorted_search(library, "kerry", "oldest").hits] == ids
