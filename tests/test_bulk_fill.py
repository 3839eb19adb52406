"""A library filled in bulk (``bulk.fill``) is the library the storing path makes.

The benchmarks fill 100,000 stories a table at a time; what they time must be
a library an import would have made. The same stories are stored both ways on
each engine and the two libraries are compared table by table (every row of
every table, search columns, counts and the quote ledger included) and search
by search.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsviewer.domain import Article, Block, Figure, Highlight, Quote
from newsviewer.library import Library, StoreRequest, bulk, repository
from tests.test_postgresql_search import QUERIES, STORIES

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


class _Frozen(datetime):
    """The storing path's clock, stopped at NOW: both libraries import at one moment."""

    @classmethod
    def now(cls, tz: Any = None) -> _Frozen:
        return cls.fromtimestamp(NOW.timestamp(), tz)


def requests() -> list[StoreRequest]:
    made: list[StoreRequest] = []
    for n, (title, body, summary, byline, caption, site, published, quotes) in enumerate(STORIES):
        article = Article(
            format="text",
            title=title,
            summary=summary,
            byline=byline,
            authors=(byline.removeprefix("By "),) if byline else (),
            site=site,
            url=f"https://example.invalid/{n}?utm_source=x",
            published=published,
            # Forty words and more: a sketch to tell the story saved again (dedupe.py).
            blocks=(Block("p", body), Block("p", " ".join(f"{w}{n}" for w in body.split() * 4))),
            figures=(
                (Figure(caption=caption, credit="Photo: Staff", image=PNG, mime="image/png"),)
                if caption
                else ()
            ),
            quotes=tuple(
                Quote(text=t, speaker=who, mention=None, cue="said", start=0, end=len(t))
                for t, who in quotes
            ),
        )
        if n % 5 == 1:
            # What a read-it-later export carries with a story.
            article = replace(
                article,
                tags=("Weather", "Tides"),
                marks=("starred", "read"),
                saved=datetime(2019, 1, 2, tzinfo=UTC),
                highlights=(Highlight(text=body.split(".")[0], note="check"),),
            )
        made.append(StoreRequest(article, f"/s/{n}.txt", f"original {n}".encode()))
    return made


def _sqlite_tables(library: Library) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(library.path) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            # FTS5's own storage: how its segments fall depends on when it flushes;
            # what they hold is compared by the searches and the integrity check.
            if not r[0].startswith(("articles_fts", "articles_stem", "quotations_fts"))
        ]
        return {
            name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in names
        }


def _postgres_tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(url) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        # The tsvector columns as text: the search index of each story and quotation.
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for name in names:
            rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            tables[name] = sorted(
                (tuple(None if v is None else str(v) for v in row) for row in rows), key=repr
            )
        return tables


@pytest.fixture(params=["sqlite", "postgresql"])
def pair(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Library, Library, str, str]]:
    """A library filled by the storing path and one filled in bulk, on one engine."""
    monkeypatch.setattr(repository, "datetime", _Frozen)
    import newsviewer.library.article_extras as extras

    monkeypatch.setattr(extras, "datetime", _Frozen)
    if request.param == "sqlite":
        where = [str(tmp_path / "stored.sqlite3"), str(tmp_path / "bulk.sqlite3")]
        cleanup = None
    else:
        server = request.getfixturevalue("pg_server")
        where = [server.create(), server.create()]
        cleanup = server
    stored, filled = (Library.open(w) for w in where)
    made = requests()
    results = stored.add_each(made)
    assert [r.status for r in results] == ["imported"] * len(made)
    # In two groups, as a benchmark fills group after group.
    half = len(made) // 2
    bulk.fill(filled, made[:half], first_id=1, imported_at=NOW)
    bulk.fill(filled, made[half:], first_id=1 + half, imported_at=NOW)
    yield stored, filled, where[0], where[1]
    stored.close()
    filled.close()
    if cleanup is not None:
        for url in where:
            cleanup.drop(url)


def test_a_bulk_filled_library_holds_the_rows_the_storing_path_writes(
    pair: tuple[Library, Library, str, str],
) -> None:
    stored, filled, stored_at, filled_at = pair
    if stored.dialect == "sqlite":
        before, after = _sqlite_tables(stored), _sqlite_tables(filled)
    else:
        before, after = _postgres_tables(stored_at), _postgres_tables(filled_at)
    assert before.keys() == after.keys()
    for table in before:
        assert after[table] == before[table], table
    for table in ("articles", "simhash_bands", "speaker_quotes", "article_tags", "highlights"):
        assert before[table], table
    assert filled.damaged_indexes() == []


def test_a_bulk_filled_library_searches_as_the_stored_one(
    pair: tuple[Library, Library, str, str],
) -> None:
    stored, filled, _, _ = pair
    for query in QUERIES:
        pages = [
            lib.search_page(query, limit=None, exact=True, snippets=True)
            for lib in (stored, filled)
        ]
        assert pages[1] == pages[0], query
    assert filled.count() == stored.count() == len(STORIES)


def test_a_story_imported_after_a_bulk_fill_takes_the_next_id(
    pair: tuple[Library, Library, str, str],
) -> None:
    _, filled, _, _ = pair
    article = Article(format="text", title="Later", blocks=(Block("p", "A later story."),))
    status, new_id = filled.add(article, source_path="/later.txt", original=b"later")
    assert (status, new_id) == ("imported", len(STORIES) + 1)
    assert [h.id for h in filled.search_page("later", limit=None).hits] == [new_id]
