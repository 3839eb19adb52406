"""A large import stores every good file in folder order, whole, beside the broken ones.

Files are parsed by processes and by the storing thread together, and stored in
groups under one commit; none of that may show: the report and the ids follow
the files' order, a broken file is named with its reason, and its neighbours in
the same group are stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer import importing
from newsviewer.domain import DUPLICATE, FAILED, IMPORTED
from newsviewer.library import Library, repository

WORDS = ("harbour", "bridge", "festival", "orchard", "lantern", "glacier", "meadow", "quarry")


def _story(n: int) -> str:
    # Each story has a word of its own ("storyword12") to find it by.
    return (
        f"Council report number {n}\n\n"
        f"The council met to discuss the {WORDS[n % len(WORDS)]} and storyword{n}.\n\n"
        f"Residents asked for longer opening hours, said councillor Jo Reyes on day {n}.\n"
    )


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    for n in range(count):
        (folder / f"story-{n:03}.txt").write_text(_story(n), encoding="utf-8")
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "lib.sqlite3")
    yield lib
    lib.close()


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_broken_and_duplicate_files_in_a_large_import_leave_their_neighbours_stored(
    tmp_path: Path, library: Library, workers: int
) -> None:
    count = importing.PARALLEL_MIN_FILES + 19
    folder = _folder(tmp_path, count)
    (folder / "story-017.txt").write_bytes(b"")  # broken: nothing in it
    copy = folder / "story-021.txt"
    copy.write_bytes((folder / "story-005.txt").read_bytes())

    report = importing.import_paths(library, [folder], workers=workers)

    names = [Path(o.path).name for o in report.outcomes]
    assert names == [f"story-{n:03}.txt" for n in range(count)]
    by_name = dict(zip(names, report.outcomes, strict=True))
    broken = by_name["story-017.txt"]
    assert broken.status == FAILED and "empty" in broken.reason
    duplicate = by_name["story-021.txt"]
    assert duplicate.status == DUPLICATE
    assert duplicate.article_id == by_name["story-005.txt"].article_id
    stored = [o for o in report.outcomes if o.status == IMPORTED]
    assert len(stored) == count - 2
    # Stored in folder order, so the ids rise with the names.
    ids = [o.article_id for o in stored]
    assert ids == sorted(ids)  # type: ignore[type-var]
    assert library.count() == count - 2
    for neighbour in (16, 18, 20, 22):
        assert len(library.search(f"storyword{neighbour}")) == 1


def test_a_story_that_cannot_be_stored_is_reported_and_its_group_is_kept(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 10)
    real = repository._insert_quotations
    calls = 0

    def fail_for_story_four(writer: object, article_id: int, quotes: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:  # the fifth file stored
            raise RuntimeError("simulated failure while storing")
        real(writer, article_id, quotes)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "_insert_quotations", fail_for_story_four)

    report = importing.import_paths(library, [folder], workers=0)

    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert statuses["story-004.txt"] == FAILED
    failed = next(o for o in report.outcomes if o.status == FAILED)
    assert "simulated failure" in failed.reason
    assert [n for n, s in statuses.items() if s == IMPORTED] == [
        f"story-{n:03}.txt" for n in range(10) if n != 4
    ]
    assert library.search("storyword4") == []
    assert len(library.search("storyword3")) == 1
    assert len(library.search("storyword5")) == 1
    with sqlite3.connect(library.path) as conn:
        # Nothing of the failed story: no row, no original, no search entry.
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (9,)
        assert conn.execute("SELECT count(*) FROM originals").fetchone() == (9,)
        assert (
            conn.execute(
                "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"
            ).fetchall()
            == []
        )


def test_imports_one_after_another_each_store_every_file(tmp_path: Path) -> None:
    # A folder imported right after another: the parse processes of the first
    # import must not leave marks that make the second skip its files.
    folder = _folder(tmp_path, importing.PARALLEL_MIN_FILES + 32)
    files = sorted(folder.iterdir())
    for round_ in range(6):
        with Library.open(tmp_path / f"lib-{round_}.sqlite3") as lib:
            report = importing.import_paths(lib, [folder], workers=2)
            assert [o.status for o in report.outcomes] == [IMPORTED] * len(files)
            assert lib.count() == len(files)
