"""A team library on PostgreSQL: the same commands and library calls as on SQLite.

Each test gets a new database on a throwaway server (``pg_server.py``, the
``pg_url`` fixture); the tests are skipped, saying why, only where no server
can be started.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.domain import Article, ArticleId, Block, Figure, Quote
from newsviewer.errors import LibraryError
from newsviewer.library import Library, highlights, marks, saved_searches, tags
from newsviewer.library.dedupe import find_similar
from newsviewer.paths import library_path
from tests.conftest import FIXTURES, SAMPLE

TITLE = "John Kerry: No troops on the ground in US aid to Iraq"


@pytest.fixture
def library(pg_url: str) -> Iterator[Library]:
    lib = Library.open(pg_url)
    yield lib
    lib.close()


def story(title: str, body: str, **fields: object) -> Article:
    return Article(
        format="text",
        title=title,
        blocks=tuple(Block("p", p) for p in body.split("\n\n")),
        **fields,  # type: ignore[arg-type]
    )


def test_the_command_line_imports_shows_and_searches_a_server_library(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", pg_url, "import", str(SAMPLE)]) == 0
    assert "imported   #1" in capsys.readouterr().out
    assert main(["--library", pg_url, "import", str(SAMPLE)]) == 0
    assert "duplicate  #1" in capsys.readouterr().out

    assert main(["--library", pg_url, "show", "1"]) == 0
    shown = capsys.readouterr().out
    assert TITLE in shown
    assert "We will stand with the government of Iraq" in shown

    assert main(["--library", pg_url, "search", "fallujah"]) == 0
    found = capsys.readouterr().out
    assert TITLE in found


def test_the_environment_variable_names_a_server_library(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSVIEWER_LIBRARY", pg_url)
    assert library_path() == pg_url
    assert main(["import", str(SAMPLE)]) == 0
    capsys.readouterr()
    with Library.open(pg_url) as lib:
        assert lib.dialect == "postgresql"
        assert lib.count() == 1


def test_a_server_library_keeps_stories_whole_and_lists_them_newest_first(
    library: Library,
) -> None:
    old = story(
        "Harbour reopens",
        "The ferry runs again.\n\nTraders welcomed it.",
        published=datetime(2020, 5, 1, 9, 0, tzinfo=UTC),
        figures=(Figure(caption="The quay at dawn", credit="A. Photographer", image=b"\x89PNG"),),
        quotes=(Quote("It is a good day", "Ann Lee", None, None, 0, 16),),
        authors=("Ann Writer",),
    )
    status, first = library.add(old, source_path="/news/harbour.txt", original=b"one")
    assert status == "imported"
    new = story("Bridge closes", "Repairs start.", published=datetime(2024, 1, 2, tzinfo=UTC))
    _, second = library.add(new, source_path="/news/bridge.txt", original=b"two")

    assert library.count() == 2
    assert library.ids() == [second, first]
    assert [s.title for s in library.newest_page(0, 10)] == ["Bridge closes", "Harbour reopens"]
    kept = library.get(first)
    assert kept is not None
    assert kept.published == datetime(2020, 5, 1, 9, 0, tzinfo=UTC)
    assert kept.authors == ("Ann Writer",)
    assert [b.text for b in kept.blocks] == ["The ferry runs again.", "Traders welcomed it."]
    assert kept.quotes[0].speaker == "Ann Lee"
    assert kept.figures[0].has_image
    assert library.figure_image(kept.figures[0].id) == (b"\x89PNG", "application/octet-stream")
    assert library.original(first) == ("harbour.txt", b"one")

    deleted = library.delete(first)
    assert deleted is not None
    assert library.count() == 1
    assert library.search("ferry") == []
    assert library.restore(deleted) == first
    assert library.count() == 2
    assert [h.id for h in library.search("ferry")] == [first]


def test_a_batch_stores_each_story_once_and_a_failure_sinks_only_itself(
    library: Library,
) -> None:
    from newsviewer.library.repository import StoreRequest

    good = story("Good", "Fine text.")
    huge = Quote(text="x", speaker=None, mention=None, cue=None, start=2**40, end=2**40 + 1)
    results = library.add_each(
        [
            StoreRequest(good, "/a.txt", b"a"),
            StoreRequest(good, "/a-again.txt", b"a"),
            # An offset past PostgreSQL's integer: the server refuses the quotation.
            StoreRequest(story("Bad", "x y", quotes=(huge,)), "/b.txt", b"b"),
            StoreRequest(story("Other", "More text."), "/c.txt", b"c"),
        ]
    )
    assert [r.status for r in results] == ["imported", "duplicate", "failed", "imported"]
    assert results[2].error
    assert library.count() == 2


def test_marks_tags_highlights_and_saved_searches_work_on_a_server(library: Library) -> None:
    _, first = library.add(
        story("Volcano erupts", "Ash fell on the villages near the volcano."),
        source_path="v.txt",
        original=b"v",
    )
    _, second = library.add(story("Rain", "It rained."), source_path="r.txt", original=b"r")

    assert marks.counts(library).unread == 2
    marks.set_read(library, [first])
    marks.set_starred(library, [second])
    assert marks.counts(library).unread == 1
    assert [h.id for h in library.search("is:starred")] == [second]
    assert [h.id for h in library.search("is:read")] == [first]
    # The sidebar's Starred and Unread parts list every story, with no limit.
    assert marks.marked_ids(library, marks.STARRED) == [second]
    assert marks.marked_ids(library, marks.UNREAD) == [second]
    assert marks.recent_ids(library, None) == [second, first]

    tags.add_tags(library, [first, second], ["Nature"])
    tags.rename_tag(library, "Nature", "Weather")
    assert [(t.name, t.stories) for t in tags.all_tags(library)] == [("Weather", 2)]
    assert sorted(h.id for h in library.search("tag:weather")) == sorted([first, second])
    assert sorted(tags.tagged_ids(library, "Weather")) == sorted([first, second])

    mark = highlights.add_highlight_text(library, first, "Ash fell", note="look again")
    assert mark is not None
    assert [h.text for h in highlights.highlights_of(library, first)] == ["Ash fell"]
    assert [h.id for h in library.search("note:again")] == [first]

    saved = saved_searches.save_search(library, "Fire", "volcano")
    saved_searches.save_search(library, "Fire", "volcano OR ash")
    assert [(s.name, s.query) for s in saved_searches.saved_searches(library)] == [
        ("Fire", "volcano OR ash")
    ]
    assert saved.id > 0
    marks.save_position(library, first, 10, 0.5)
    marks.save_position(library, first, 20, 0.75)
    place = marks.position(library, first)
    assert place is not None and place.offset == 20


def test_a_story_saved_twice_under_different_files_is_found_similar(library: Library) -> None:
    body = " ".join(f"word{i} and more words about the harbour" for i in range(40))
    _, first = library.add(story("Harbour", body), source_path="a.txt", original=b"a")
    _, second = library.add(story("Harbour", body), source_path="b.txt", original=b"b")
    assert [s.article_id for s in find_similar(library, second)] == [first]


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/nothing?host={tmp_path}"
    with pytest.raises(LibraryError, match=r"Could not open the library postgresql://nobody@"):
        Library.open(url)


def test_a_server_library_is_opened_again_without_migrating(pg_url: str) -> None:
    with Library.open(pg_url) as lib:
        lib.add(story("One", "Text."), source_path="one.txt", original=b"1")
    with Library.open(pg_url) as lib:
        assert lib.count() == 1
        assert [s.title for s in lib.newest_page(0, 5)] == ["One"]


def test_the_sample_folder_imports_the_same_on_both_engines(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [p for p in sorted(FIXTURES.glob("*.txt"))[:6]]
    sqlite = tmp_path / "lib.sqlite3"
    for where in (str(sqlite), pg_url):
        main(["--library", where, "import", *map(str, files)])
    capsys.readouterr()
    with Library.open(sqlite) as a, Library.open(pg_url) as b:
        assert a.count() == b.count() > 0
        assert [s.title for s in a.newest_page(0, 50)] == [s.title for s in b.newest_page(0, 50)]
        for left, right in zip(a.ids(), b.ids(), strict=True):
            x, y = a.get(ArticleId(left)), b.get(ArticleId(right))
            assert x is not None and y is not None
            assert (x.title, x.blocks, x.quotes) == (y.title, y.blocks, y.quotes)


def test_the_quote_ledger_and_exports_work_on_a_server(
    pg_url: str, pg_server: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.pg_server import Server

    assert isinstance(pg_server, Server)
    assert main(["--library", pg_url, "import", str(SAMPLE)]) == 0
    assert main(["--library", pg_url, "quotes", "iraq", "--speaker", "Kerry"]) == 0
    assert main(["--library", pg_url, "quotes", "--site", "nbc", "--after", "2010-01-01"]) == 0
    capsys.readouterr()
    assert main(["--library", pg_url, "speakers"]) == 0
    assert "John Kerry" in capsys.readouterr().out
    with Library.open(pg_url) as library:
        from newsviewer.library.ledger import quotes

        first = quotes(library, speaker="Kerry")[0]
    assert main(["--library", pg_url, "quote", str(first.id), "--speaker", "Ann Lee"]) == 0
    capsys.readouterr()
    assert main(["--library", pg_url, "speakers"]) == 0
    assert "Ann Lee" in capsys.readouterr().out

    exported = tmp_path / "export.json"
    assert main(["--library", pg_url, "tag", "1", "Iraq"]) == 0
    assert main(["--library", pg_url, "export", "--format", "json", "-o", str(exported)]) == 0
    other = pg_server.create()
    try:
        assert main(["--library", other, "import", str(exported)]) == 0
        with Library.open(other) as copy:
            assert [s.title for s in copy.newest_page(0, 5)] == [TITLE]
            assert [t.name for t in tags.all_tags(copy)] == ["Iraq"]
    finally:
        pg_server.drop(other)
