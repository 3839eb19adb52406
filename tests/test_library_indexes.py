"""The search indexes as the library defines them: schema, upkeep, repair, revision."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.domain import Article, ArticleId, Block, Figure, Quote
from newsviewer.library import Library, db, fts


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def story(n: int) -> Article:
    return Article(
        format="text",
        title=f"Harbour report {n}",
        summary="Boats and ferries.",
        byline="By Anna Costa",
        blocks=(Block("p", f"The ferry number{n} sailed at dawn, fighting the storm."),),
        figures=(Figure(caption=f"Lighthouse {n}"),),
        quotes=(
            Quote(text="We sail", speaker="Kofi Annan", mention=None, cue=None, start=0, end=7),
        ),
    )


def add_stories(library: Library, count: int) -> list[ArticleId]:
    made: list[ArticleId] = []
    for n in range(count):
        _, article_id = library.add(story(n), source_path=f"/s/{n}.txt", original=b"%d" % n)
        made.append(article_id)
    return made


def searches(library: Library) -> list[list[int]]:
    queries = ("harbour", "ferries", "fight", "lighthouse", "said:annan", "number3", "number1*")
    return [sorted(h.id for h in library.search(q)) for q in queries]


def test_the_schema_revision_is_the_newest_alembic_finds() -> None:
    assert db.newest_revision() == db.SCHEMA_REVISION, (
        "a migration was added: set db.SCHEMA_REVISION to its revision, "
        "or libraries at the previous one open without migrating"
    )


def test_a_new_library_has_the_indexes_and_triggers_fts_defines(library: Library) -> None:
    with sqlite3.connect(library.path) as conn:
        for index in fts.INDEXES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({index.name})")]
            assert tuple(columns) == index.columns
            (definition,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (index.name,)
            ).fetchone()
            assert f"tokenize='{index.tokenize}'" in definition
            assert f"content='{index.content}'" in definition
            triggers = {
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                    (index.content,),
                )
            }
            assert set(index.triggers) <= triggers
    # One weight per story column, in index order.
    assert fts.RANK.count(",") == len(fts.STORY_COLUMNS) - 1


def test_optimizing_the_indexes_keeps_every_story_findable_in_fewer_segments(
    library: Library,
) -> None:
    made = add_stories(library, 40)  # one transaction each: many small segments
    library.delete(made[5])
    before = searches(library)
    with sqlite3.connect(library.path) as conn:
        blocks_before = conn.execute("SELECT count(*) FROM articles_fts_data").fetchone()[0]

    library.optimize_indexes()

    assert searches(library) == before
    assert made[5] not in {i for hits in before for i in hits}
    with sqlite3.connect(library.path) as conn:
        blocks_after = conn.execute("SELECT count(*) FROM articles_fts_data").fetchone()[0]
    assert blocks_after < blocks_before
    assert library.damaged_indexes() == []


def test_a_damaged_index_is_found_and_rebuilt_from_the_stories(library: Library) -> None:
    add_stories(library, 6)
    before = searches(library)
    with sqlite3.connect(library.path) as conn:
        # As a crash of an older version or a hand edit might leave it: rows without entries.
        conn.execute("INSERT INTO articles_stem(articles_stem) VALUES ('delete-all')")
        conn.execute("INSERT INTO quotations_fts(quotations_fts) VALUES ('delete-all')")
    assert library.search("fight") == []  # only the stemmed index has "fight" for "fighting"
    assert library.damaged_indexes() == ["articles_stem", "quotations_fts"]

    library.rebuild_indexes()

    assert library.damaged_indexes() == []
    assert searches(library) == before
