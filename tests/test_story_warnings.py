"""What the importer warned about a story is kept with it, exported and restored."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import sqlite3
from pathlib import Path

from newsviewer.cli import main
from newsviewer.export import export_stories
from newsviewer.importers.html import BY_FALLBACK
from newsviewer.library import Library
from tests.living_helpers import story
from tests.migration_helpers import downgrade

CUT_OFF = "the page looks cut off; the article may be incomplete"


def test_warnings_are_stored_with_the_story(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.sqlite3") as library:
        _, warned = library.add(
            dataclasses.replace(story(1), warnings=(BY_FALLBACK, CUT_OFF)),
            source_path="/tmp/a.html",
            original=b"a",
        )
        _, plain = library.add(story(2), source_path="/tmp/b.html", original=b"b")
        first, second = library.get(warned), library.get(plain)
        assert first is not None and second is not None
        assert first.warnings == (BY_FALLBACK, CUT_OFF)
        assert second.warnings == ()


def test_warnings_travel_through_a_json_export_and_back(tmp_path: Path) -> None:
    out = tmp_path / "library.json"
    with Library.open(tmp_path / "library.sqlite3") as library:
        _, warned = library.add(
            dataclasses.replace(story(1), warnings=(BY_FALLBACK,)),
            source_path="/tmp/a.html",
            original=b"a",
        )
        assert export_stories(library, [warned], "json", out) == 1
    [exported] = json.loads(out.read_text(encoding="utf-8"))["stories"]
    assert exported["warnings"] == [BY_FALLBACK]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--library", str(tmp_path / "copy.sqlite3"), "import", str(out)]) == 0
    with Library.open(tmp_path / "copy.sqlite3") as copy:
        [restored] = [copy.get(i) for i in copy.ids()]
        assert restored is not None and restored.warnings == (BY_FALLBACK,)


def test_an_export_from_before_warnings_restores_without_any(tmp_path: Path) -> None:
    out = tmp_path / "library.json"
    with Library.open(tmp_path / "library.sqlite3") as library:
        _, new_id = library.add(story(1), source_path="/tmp/a.html", original=b"a")
        export_stories(library, [new_id], "json", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    del document["stories"][0]["warnings"]
    out.write_text(json.dumps(document), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--library", str(tmp_path / "copy.sqlite3"), "import", str(out)]) == 0
    with Library.open(tmp_path / "copy.sqlite3") as copy:
        [restored] = [copy.get(i) for i in copy.ids()]
        assert restored is not None and restored.warnings == ()


def test_a_library_from_before_warnings_is_upgraded_and_keeps_its_stories(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    with Library.open(path) as library:
        library.add(story(1), source_path="/tmp/a.html", original=b"a")
    downgrade(path, "0007")
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert "warnings" not in columns
    with Library.open(path) as upgraded:
        [old] = [upgraded.get(i) for i in upgraded.ids()]
        assert old is not None and old.warnings == ()
        _, new_id = upgraded.add(
            dataclasses.replace(story(2), warnings=(BY_FALLBACK,)),
            source_path="/tmp/b.html",
            original=b"b",
        )
        new = upgraded.get(new_id)
        assert new is not None and new.warnings == (BY_FALLBACK,)
