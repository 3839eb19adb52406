"""The article library: storage round trips, atomic writes, undo, schema and file errors."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event

from newsviewer.domain import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    Article,
    ArticleId,
    Block,
    Figure,
    FigureId,
    Quote,
)
from newsviewer.errors import LibraryError
from newsviewer.library import Library, StoreRequest, db, repository
from newsviewer.library.db import BUSY_TIMEOUT_MS, create_library_engine
from newsviewer.library.models import Base, include_name

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
NEW_YORK = timezone(timedelta(hours=-5))


def make_article(title: str = "Kerry rules out troops in Iraq", **changes: object) -> Article:
    body = (
        Block("p", "Secretary of State John Kerry pledged support to the Iraqi government."),
        Block("blockquote", "We will stand with the government of Iraq."),
        Block("p", "Kerry said the U.S. will not consider sending troops."),
    )
    article = Article(
        format="text",
        title=title,
        summary="Kerry pledges support, but no troops.",
        byline="By Andrea Mitchell",
        authors=("Andrea Mitchell", "Staff"),
        published=datetime(2014, 1, 5, 9, 30, tzinfo=NEW_YORK),
        site="NBC News",
        url="https://example.invalid/kerry",
        language="en",
        blocks=body,
        figures=(
            Figure(
                caption="Gunmen patrol in Fallujah.",
                credit="Reuters",
                alt="Gunmen",
                src="images/fallujah.png",
                image=PNG,
                mime="image/png",
                position=1,
            ),
            Figure(caption="Map of Anbar province.", src="https://example.invalid/map.jpg"),
        ),
        quotes=(
            Quote(
                text="We will stand with the government of Iraq.",
                speaker="John Kerry",
                mention="Kerry",
                cue="told",
                start=73,
                end=115,
                role="official",
            ),
        ),
    )
    return replace(article, **changes)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def fts_integrity(path: Path) -> None:
    """Raises if the full-text index disagrees with the articles it indexes."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_add_then_get_gives_back_the_whole_story(library: Library) -> None:
    article = make_article()
    status, article_id = library.add(article, source_path="/saved/kerry.txt", original=b"raw")

    assert status == IMPORTED
    stored = library.get(article_id)
    assert stored is not None
    assert stored.title == article.title
    assert stored.summary == article.summary
    assert stored.byline == article.byline
    assert stored.authors == article.authors
    # The offset the story was published with survives storage.
    assert stored.published == article.published
    assert stored.published is not None and stored.published.utcoffset() == timedelta(hours=-5)
    assert stored.site == "NBC News" and stored.url == article.url and stored.language == "en"
    assert stored.blocks == article.blocks
    assert stored.text == article.text
    assert stored.word_count == article.word_count
    assert stored.quotes == article.quotes
    assert stored.source_name == "kerry.txt"
    assert stored.source_path == "/saved/kerry.txt"
    assert len(stored.content_hash) == 64

    first, second = stored.figures
    assert (first.caption, first.credit, first.alt, first.src, first.position) == (
        "Gunmen patrol in Fallujah.",
        "Reuters",
        "Gunmen",
        "images/fallujah.png",
        1,
    )
    assert first.has_image and first.mime == "image/png"
    assert library.figure_image(first.id) == (PNG, "image/png")
    # A figure known only by its address has no bytes to show.
    assert not second.has_image
    assert library.figure_image(second.id) is None

    assert library.original(article_id) == ("kerry.txt", b"raw")


def test_unknown_ids_answer_none(library: Library) -> None:
    assert library.get(ArticleId(42)) is None
    assert library.original(ArticleId(42)) is None
    assert library.delete(ArticleId(42)) is None


def test_same_file_twice_is_reported_as_duplicate(library: Library) -> None:
    _, first = library.add(make_article(), source_path="a.txt", original=b"same bytes")
    status, existing = library.add(make_article(), source_path="b.txt", original=b"same bytes")

    assert (status, existing) == (DUPLICATE, first)
    assert library.count() == 1
    # Different bytes are a different file, even with the same story in it.
    status, other = library.add(make_article(), source_path="c.txt", original=b"other bytes")
    assert status == IMPORTED and other != first
    assert library.count() == 2


def test_failure_mid_add_leaves_nothing_behind(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.add(make_article("Earlier story"), source_path="a.txt", original=b"a")

    def disk_trouble(*_args: object) -> None:
        raise RuntimeError("simulated failure after the article row was written")

    monkeypatch.setattr(repository, "_insert_figures", disk_trouble)
    with pytest.raises(RuntimeError):
        library.add(make_article("Volcano erupts"), source_path="b.txt", original=b"b")
    monkeypatch.undo()

    assert library.count() == 1
    assert library.search("volcano") == []
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("SELECT count(*) FROM figures").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM quotations").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM originals").fetchone() == (1,)
    fts_integrity(Path(library.path))
    # The write lock was released: the same file imports fine afterwards.
    status, _ = library.add(make_article("Volcano erupts"), source_path="b.txt", original=b"b")
    assert status == IMPORTED
    assert len(library.search("volcano")) == 1


def test_delete_then_restore_puts_the_story_back_whole(library: Library) -> None:
    unrelated = make_article(
        "Budget talks resume", blocks=(Block("p", "Talks resume."),), figures=(), quotes=()
    )
    _, keep = library.add(unrelated, source_path="k", original=b"k")
    _, article_id = library.add(make_article(), source_path="/s/kerry.txt", original=b"raw")
    before = library.get(article_id)
    assert before is not None

    deleted = library.delete(article_id)

    assert deleted is not None and deleted.title == before.title
    assert library.get(article_id) is None
    assert library.original(article_id) is None
    assert library.figure_image(before.figures[0].id) is None
    assert library.count() == 1
    assert [h.id for h in library.search("Fallujah")] == []
    with sqlite3.connect(library.path) as conn:
        # Figures, quotations and the original went with the article.
        for table in ("figures", "quotations", "originals"):
            rows = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", [article_id])
            assert rows.fetchone() == (0,), table
    fts_integrity(Path(library.path))

    restored_id = library.restore(deleted)

    assert restored_id == article_id
    after = library.get(restored_id)
    assert after is not None
    assert replace(after, figures=()) == replace(before, figures=())
    no_id = FigureId(0)
    assert [replace(f, id=no_id) for f in after.figures] == [
        replace(f, id=no_id) for f in before.figures
    ]
    assert library.figure_image(after.figures[0].id) == (PNG, "image/png")
    assert library.original(restored_id) == ("kerry.txt", b"raw")
    assert [h.id for h in library.search("Fallujah")] == [restored_id]
    # Same published date as the story kept: the later import is listed first, as before.
    assert library.ids() == [restored_id, keep]
    fts_integrity(Path(library.path))


def test_restore_after_reimport_does_not_duplicate(library: Library) -> None:
    _, article_id = library.add(make_article(), source_path="a.txt", original=b"raw")
    deleted = library.delete(article_id)
    assert deleted is not None
    _, again = library.add(make_article(), source_path="a.txt", original=b"raw")

    assert library.restore(deleted) == again
    assert library.count() == 1


def test_ids_list_newest_first_by_published_else_import_date(library: Library) -> None:
    def add(title: str, published: datetime | None) -> ArticleId:
        article = make_article(title, published=published)
        return library.add(article, source_path=title, original=title.encode())[1]

    old = add("old", datetime(2001, 5, 1, tzinfo=UTC))
    # 09:00 in New York is 14:00 UTC: later than noon UTC the same day.
    ny = add("new york morning", datetime(2020, 1, 1, 9, tzinfo=NEW_YORK))
    utc_noon = add("utc noon", datetime(2020, 1, 1, 12, tzinfo=UTC))
    undated = add("undated", None)  # listed by its import date: now
    naive = add("naive", datetime(2010, 6, 1, 8, 0))

    assert library.ids() == [undated, ny, utc_noon, naive, old]
    assert library.count() == 5


def test_summaries_follow_the_order_asked_and_skip_missing(library: Library) -> None:
    ids = [
        library.add(make_article(f"Story {n}"), source_path=f"{n}", original=bytes([n]))[1]
        for n in range(3)
    ]
    wanted = [ids[2], ArticleId(999), ids[0], ids[1]]

    rows = library.summaries(wanted)

    assert [r.id for r in rows] == [ids[2], ids[0], ids[1]]
    assert [r.title for r in rows] == ["Story 2", "Story 0", "Story 1"]
    assert rows[0].site == "NBC News"
    assert rows[0].summary == "Kerry pledges support, but no troops."
    assert rows[0].published == datetime(2014, 1, 5, 9, 30, tzinfo=NEW_YORK)
    assert rows[0].imported_at.tzinfo is not None
    assert library.summaries([]) == []


def test_connections_use_wal_and_enforce_foreign_keys(library: Library) -> None:
    engine = create_library_engine(Path(library.path))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    finally:
        engine.dispose()
    # WAL is a property of the file: any other program sees it too.
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_fresh_file_gets_the_full_schema(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "library.sqlite3"
    Library.open(path).close()

    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert {"articles", "figures", "quotations", "originals", "articles_fts"} <= names
    assert {"articles_fts_insert", "articles_fts_delete", "ix_articles_sort_at"} <= names
    migrations = Path(db.__file__).parent / "migrations" / "versions"
    newest = max(p.name.split("_", 1)[0] for p in migrations.glob("[0-9]*.py"))
    assert version == [(newest,)]


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_reopening_keeps_the_stories(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        _, article_id = lib.add(make_article(), source_path="a.txt", original=b"a")

    with Library.open(path) as lib:
        assert lib.count() == 1
        stored = lib.get(article_id)
        assert stored is not None and stored.title == make_article().title
        assert [h.id for h in lib.search("Fallujah")] == [article_id]


def test_a_file_that_is_not_a_library_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"These are my shopping notes, not a database.\n" * 50)

    with pytest.raises(LibraryError, match="not an SQLite database"):
        Library.open(path)
    assert path.read_bytes() == b"These are my shopping notes, not a database.\n" * 50


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")

    with pytest.raises(LibraryError, match="newer version of NewsViewer"):
        Library.open(path)


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="is a folder"):
        Library.open(tmp_path)


def test_a_worker_can_import_while_the_gui_thread_reads(library: Library) -> None:
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for n in range(40):
                article = make_article(f"Background story {n}")
                library.add(article, source_path=f"{n}.txt", original=f"{n}".encode())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    while thread.is_alive():
        ids = library.ids()
        library.summaries(ids[:20])
        library.search("background")
        library.count()
    thread.join()

    assert errors == []
    assert library.count() == 40
    assert len(library.search("background story")) == 40
    fts_integrity(Path(library.path))


def test_a_folder_that_cannot_be_made_gives_a_readable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "Documents"
    blocker.write_text("a file where the library folder should be")

    with pytest.raises(LibraryError, match="Could not open the library"):
        Library.open(blocker / "NewsViewer" / "library.sqlite3")


def test_a_full_disk_is_reported_and_nothing_is_half_written(library: Library) -> None:
    library.add(make_article("First"), source_path="a.txt", original=b"a")
    pages = sqlite3.connect(library.path).execute("PRAGMA page_count").fetchone()[0]

    # Simulate a full disk: SQLite may not grow the file past its current size.
    def cap_size(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    library._engine.dispose()
    event.listen(library._engine, "connect", cap_size)
    big = make_article("Second", blocks=(Block("p", "word " * 200_000),))

    with pytest.raises(LibraryError, match="disk is full"):
        library.add(big, source_path="b.txt", original=b"b" * 100_000)

    event.remove(library._engine, "connect", cap_size)
    library._engine.dispose()
    assert library.count() == 1
    assert library.search("second") == []
    fts_integrity(Path(library.path))


def test_add_each_keeps_each_story_whole_and_the_others_stored(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0

    def fail_on_second(*args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("simulated failure in the second story")
        real_insert_quotations(*args)  # type: ignore[arg-type]

    real_insert_quotations = repository._insert_quotations
    monkeypatch.setattr(repository, "_insert_quotations", fail_on_second)
    items = [
        StoreRequest(make_article("Harbour reopens"), "/s/one.txt", b"one"),
        StoreRequest(make_article("Bridge collapses"), "/s/two.txt", b"two"),
        StoreRequest(make_article("Festival returns"), "/s/three.txt", b"three"),
        StoreRequest(make_article("Harbour copy"), "/s/copy.txt", b"one"),
    ]

    results = library.add_each(items)
    monkeypatch.undo()

    assert [r.status for r in results] == [IMPORTED, FAILED, IMPORTED, DUPLICATE]
    assert "simulated failure" in results[1].error
    assert results[3].article_id == results[0].article_id
    assert library.count() == 2
    assert library.search("bridge") == []
    assert len(library.search("festival")) == 1
    with sqlite3.connect(library.path) as conn:
        # Two stories with two figures and one quotation each; nothing of the failed one.
        assert conn.execute("SELECT count(*) FROM figures").fetchone() == (4,)
        assert conn.execute("SELECT count(*) FROM quotations").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM originals").fetchone() == (2,)
    fts_integrity(Path(library.path))


def test_an_older_library_is_known_to_need_updating_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database", encoding="utf-8")
    assert not db.upgrade_needed(path)  # nothing there yet: a new library is made at once
    assert not db.upgrade_needed(notes)  # opening it explains what is wrong
    Library.open(path).close()
    assert not db.upgrade_needed(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    assert db.upgrade_needed(path)
