"""Text neither engine can keep is stored as a space, the same on SQLite and PostgreSQL.

PostgreSQL refuses a NUL in text outright and SQLite keeps it; no UTF-8 holds a
lone surrogate (a file name's undecodable byte). A hostile file must import on
either engine, and the same story must come back from both.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.domain import Article, Block, Figure, Highlight, Quote
from newsviewer.library import Library, highlights, tags
from newsviewer.library.rows import storable_text


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "library.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create()
    yield url
    server.drop(url)


BODY = "The harbour\x00wall will be rebuilt\x0bby May. “We start\x01now,” the mayor said."


def hostile_article() -> Article:
    start = BODY.index("We")
    said = BODY[start : BODY.index("”")]
    return Article(
        format="text",
        title="Harbour\x00wall to be rebuilt",
        summary="Engineers\x1fsay so",
        byline="By Ann\x00Lee",
        authors=("Ann\x00Lee",),
        site="Gazette\x7f",
        url="https://example.invalid/harbour\x00",
        blocks=(Block("p", BODY),),
        figures=(Figure(caption="The\x00quay", credit="Photo:\x00Staff"),),
        quotes=(Quote(said, "Mayor\x00Brown", "mayor", "said", start, start + len(said)),),
        tags=("sea\x00wall",),
        highlights=(Highlight("will be rebuilt", note="check\x00this"),),
    )


def test_unstorable_characters_become_spaces_one_for_one() -> None:
    assert storable_text("a\x00b\x02c\x7fd\ud800e\tf\ng\r") == "a b c d\ufffde\tf\ng\r"
    assert storable_text("plain text") == "plain text"


def test_a_story_with_nul_and_control_characters_is_stored_with_spaces(where: str) -> None:
    with Library.open(where) as library:
        status, story = library.add(hostile_article(), source_path="/in/a\x01b.txt", original=b"x")
        assert status == "imported"
        stored = library.get(story)
        assert stored is not None
        assert stored.title == "Harbour wall to be rebuilt"
        assert stored.summary == "Engineers say so"
        assert (stored.byline, stored.authors, stored.site) == (
            "By Ann Lee",
            ("Ann Lee",),
            "Gazette ",
        )
        assert stored.text == BODY.replace("\x00", " ").replace("\x0b", " ").replace("\x01", " ")
        assert stored.figures[0].caption == "The quay"
        # Offsets still point at the quotation: one character for one.
        [quote] = stored.quotes
        assert stored.text[quote.start : quote.end] == quote.text == "We start now,"
        assert quote.speaker == "Mayor Brown"
        assert library.original(story) == ("a b.txt", b"x")
        assert tags.tags_of(library, [story]) == {story: ("sea wall",)}
        assert [h.note for h in highlights.highlights_of(library, story)] == ["check this"]
        for query in ("wall", '"harbour wall"', "title:rebuilt", "said:brown", "caption:quay"):
            assert [h.id for h in library.search(query)] == [story], query


def test_a_hostile_export_and_file_name_import_on_either_engine(where: str, tmp_path: Path) -> None:
    entry = {
        "title": "Harbour\u0000wall to be rebuilt",
        "url": "https://gazette.example/harbour",
        "content": "<p>" + "The harbour wall will be rebuilt by May. " * 20 + "\u0000</p>",
        "tags": ["sea\u0000wall"],
        "is_archived": 0,
        "is_starred": 1,
        "created_at": "2024-03-06T20:12:45+0100",
        "annotations": [{"text": "check\u0000this", "quote": "rebuilt by May", "ranges": []}],
    }
    export = tmp_path / "wallabag-export.json"
    export.write_text(json.dumps([entry]), encoding="utf-8")
    # A name with a byte that is not UTF-8: Python reads it as a lone surrogate.
    named = tmp_path / os.fsdecode(b"story-\xff.txt")
    named.write_text("Ferry back in service\n\n" + "The ferry runs again. " * 20, encoding="utf-8")
    assert main(["--library", where, "import", str(export), str(named)]) == 0
    with Library.open(where) as library:
        assert library.count() == 2
        found = {library.get(h.id).title for h in library.search("harbour OR ferry")}  # type: ignore[union-attr]
        assert found == {"Harbour wall to be rebuilt", "Ferry back in service"}
        ferry = library.search("ferry")[0].id
        assert library.original(ferry)[0] == "story-\ufffd.txt"  # type: ignore[index]
