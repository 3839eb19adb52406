"""A file that holds several stories (here a news feed) imports each of them: a line
per story naming the file and the story's place in it, each stored whole or not at
all, nothing stored twice when the file comes again, and within totals per file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer import importing
from newsviewer.cli import main
from newsviewer.domain import DUPLICATE, FAILED, IMPORTED, Article, Block
from newsviewer.importers import pipeline
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.registry import Registry
from newsviewer.library import Library
from tests.formats_story import TITLE
from tests.test_feed_importer import rss

FERRY = "Ferry timetable changes for the summer"


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "gazette.xml"
    path.write_bytes(rss())
    return path


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_each_story_of_a_feed_is_imported_on_its_own_line_and_once(
    feed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "lib.sqlite3")
    assert main(["--library", library, "import", str(feed), "--json"]) == 0
    rows = _json_lines(capsys.readouterr().out)
    assert [(r["path"], r["part"], r["status"], r["title"]) for r in rows] == [
        (str(feed), 1, IMPORTED, TITLE),
        (str(feed), 2, IMPORTED, FERRY),
    ]
    assert main(["--library", library, "import", str(feed)]) == 0
    out = capsys.readouterr().out
    assert f"duplicate  #{rows[0]['id']}  {feed} #1" in out
    assert "0 imported, 2 duplicates, 0 failed" in out
    with Library.open(Path(library)) as lib:
        assert lib.count() == 2


def test_parse_prints_one_object_per_story_with_its_image_size(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(feed), "--json"]) == 0
    first, second = _json_lines(capsys.readouterr().out)
    assert (first["path"], first["part"], first["title"]) == (str(feed), 1, TITLE)
    assert (second["path"], second["part"], second["title"]) == (str(feed), 2, FERRY)
    figures = first["figures"]
    assert isinstance(figures, list)
    # The feed's photo is a data: image, stored with its bytes; the pixel is dropped.
    assert [f["image_bytes"] > 0 for f in figures] == [True]


class _Numbered:
    """A container format for the test: stories separated by lines of '==='."""

    name = "numbered"
    extensions: tuple[str, ...] = (".stories",)

    def sniff(self, head: bytes) -> bool:
        return False

    def parse(self, source: SourceFile) -> Article:
        raise NotImplementedError

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        for number, chunk in enumerate(source.data.decode().split("===\n"), 1):
            title, _, body = chunk.partition("\n")
            if not body.strip():
                yield Part(number, title, reason="no story text")
                continue
            article = Article("numbered", title, blocks=(Block("p", body.strip()),))
            yield Part(number, title, article, chunk.encode())


@pytest.fixture
def numbered(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = Registry([_Numbered(), *Registry().importers])
    monkeypatch.setattr(pipeline, "_registry", lambda: registry)


def _stories(path: Path, count: int, *, empty: int = 0) -> Path:
    chunks = [
        f"Story {n}\n" + ("" if n == empty else f"The body of story {n}.\n")
        for n in range(1, count + 1)
    ]
    path.write_text("===\n".join(chunks), encoding="utf-8")
    return path


@pytest.mark.usefixtures("numbered")
def test_a_story_that_cannot_be_read_is_reported_and_its_neighbours_are_stored(
    tmp_path: Path,
) -> None:
    path = _stories(tmp_path / "five.stories", 5, empty=3)
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = importing.import_paths(library, [path], workers=0)
        assert [(o.part, o.status) for o in report.outcomes] == [
            (1, IMPORTED),
            (2, IMPORTED),
            (3, FAILED),
            (4, IMPORTED),
            (5, IMPORTED),
        ]
        failed = report.outcomes[2]
        assert (failed.label, failed.reason, failed.path) == ("Story 3", "no story text", str(path))
        assert library.count() == 4
        again = importing.import_paths(library, [path], workers=0)
        assert [o.status for o in again.outcomes if o.part != 3] == [DUPLICATE] * 4
        assert library.count() == 4


@pytest.mark.usefixtures("numbered")
def test_a_file_with_too_many_stories_stops_at_the_limit_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MAX_STORIES_PER_FILE", 3)
    path = _stories(tmp_path / "many.stories", 50)
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = importing.import_paths(library, [path], workers=0)
        assert [o.status for o in report.outcomes] == [IMPORTED] * 3 + [FAILED]
        assert "more than 3 stories in one file" in report.outcomes[3].reason
        assert library.count() == 3


@pytest.mark.usefixtures("numbered")
def test_a_file_over_the_stored_bytes_limit_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _stories(tmp_path / "big.stories", 10)
    one = len(b"Story 1\nThe body of story 1.\n")
    monkeypatch.setattr(pipeline, "MAX_STORED_BYTES_PER_FILE", 2 * one + 5)
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = importing.import_paths(library, [path], workers=0)
        assert [o.status for o in report.outcomes] == [IMPORTED, IMPORTED, FAILED]
        assert "the rest was not read" in report.outcomes[2].reason


def test_the_registry_gives_the_dialog_its_extensions_and_the_asset_folder_rules(
    tmp_path: Path,
) -> None:
    registry = Registry()
    articles, everything = registry.dialog_filter().split(";;")
    patterns = articles.removeprefix("Articles (").removesuffix(")").split()
    for ext in (".html", ".txt", ".md", ".mhtml", ".epub", ".warc.gz", ".zip", ".eml"):
        assert f"*{ext}" in patterns
    assert everything == "All files (*)"
    page = tmp_path / "story.htm"
    page.write_text("<html></html>", encoding="utf-8")
    for name in ("story_files", "story-Dateien"):
        (tmp_path / name).mkdir()
        assert registry.asset_folder_of(tmp_path / name) == page
    (tmp_path / "notes_files").mkdir()
    assert registry.asset_folder_of(tmp_path / "notes_files") is None
