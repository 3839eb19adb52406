"""Search reads through a connection of its own thread: fresh results, no leaked files."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.domain import Article, Block
from newsviewer.library import Library
from newsviewer.library.backend import SqliteBackend


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def add(library: Library, title: str, body: str) -> None:
    article = Article(format="text", title=title, blocks=(Block("p", body),))
    status, _ = library.add(article, source_path=title, original=title.encode())
    assert status == "imported"


def open_connections(library: Library) -> int:
    gc.collect()
    backend = library._backend
    assert isinstance(backend, SqliteBackend)
    return len(backend._readers._live)


def test_a_story_imported_by_another_process_is_found_by_the_next_search(
    library: Library,
) -> None:
    add(library, "Harbour opens", "The new harbour opened on Monday.")
    assert [h.id for h in library.search("lighthouse")] == []
    # The command line imports into the same file while the window is open.
    with Library.open(library.path) as other:
        add(other, "Lighthouse restored", "The lighthouse shines again after ten years.")
    hits = library.search("lighthouse")
    assert len(hits) == 1
    assert library.summaries([hits[0].id])[0].title == "Lighthouse restored"


def test_searches_from_threads_that_end_leave_no_connection_open(library: Library) -> None:
    add(library, "Harbour opens", "The new harbour opened on Monday.")
    found: list[int] = []

    def search() -> None:
        found.append(len(library.search("harbour")))

    for _ in range(30):
        worker = threading.Thread(target=search)
        worker.start()
        worker.join()
    assert found == [1] * 30
    assert open_connections(library) == 0
    # The calling thread keeps one connection between its searches, not one each.
    for _ in range(5):
        assert len(library.search("harbour")) == 1
    assert open_connections(library) == 1


def test_closing_the_library_lets_a_search_in_progress_finish(library: Library) -> None:
    add(library, "Harbour opens", "The new harbour opened on Monday.")
    inside = threading.Event()
    closed = threading.Event()
    rows: list[object] = []

    def slow_search() -> None:
        with library._raw_read() as connection:
            inside.set()
            closed.wait(5)
            rows.extend(connection.execute("SELECT headline FROM articles").fetchall())

    worker = threading.Thread(target=slow_search)
    worker.start()
    assert inside.wait(5)
    library.close()
    closed.set()
    worker.join(5)
    assert rows == [("Harbour opens",)]
    assert open_connections(library) == 0
    # A library used again after close reconnects, as the ORM side does.
    assert len(library.search("harbour")) == 1


def test_a_search_connection_cannot_change_the_library(library: Library) -> None:
    add(library, "Harbour opens", "The new harbour opened on Monday.")
    with library._raw_read() as connection, pytest.raises(Exception, match="readonly"):
        connection.execute("DELETE FROM articles")
    assert len(library.search("harbour")) == 1
