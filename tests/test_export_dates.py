"""Exported pages state a story's date as HTML and EPUB checkers accept it."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.export import export_stories
from newsviewer.library import Library
from tests.living_helpers import story

# HTML's global date and time string (what epubcheck's schema checks a datetime against).
HTML_DATETIME = re.compile(
    r"\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?"
)


def _library_with_a_precise_date(path: Path) -> Library:
    library = Library.open(path)
    # Pages give times to the microsecond (a JSON-LD "2016-10-26T14:13:00.229Z", say).
    precise = datetime(2016, 10, 26, 14, 13, 0, 229000, tzinfo=UTC)
    library.add(
        dataclasses.replace(story(1), published=precise), source_path="/s/1.txt", original=b"1"
    )
    return library


def test_a_date_to_the_microsecond_is_written_as_a_valid_datetime(tmp_path: Path) -> None:
    with _library_with_a_precise_date(tmp_path / "l.sqlite3") as library:
        export_stories(library, library.ids(), "html", tmp_path / "s.html")
        export_stories(library, library.ids(), "epub", tmp_path / "s.epub")
    with zipfile.ZipFile(tmp_path / "s.epub") as book:
        chapter = book.read("OEBPS/story-1.xhtml").decode()
    for page in ((tmp_path / "s.html").read_text(encoding="utf-8"), chapter):
        (value,) = re.findall(r'<time datetime="([^"]*)"', page)
        assert value == "2016-10-26T14:13:00+00:00"
        assert HTML_DATETIME.fullmatch(value)


@pytest.mark.skipif(shutil.which("epubcheck") is None, reason="epubcheck is not installed")
def test_epubcheck_accepts_a_story_dated_to_the_microsecond(tmp_path: Path) -> None:
    with _library_with_a_precise_date(tmp_path / "l.sqlite3") as library:
        export_stories(library, library.ids(), "epub", tmp_path / "s.epub")
    found = Path(shutil.which("epubcheck") or "epubcheck").resolve()
    # Debian installs the jar itself as the command, runnable only through binfmt.
    command = ["java", "-jar", str(found)] if found.suffix == ".jar" else [str(found)]
    done = subprocess.run(
        [*command, str(tmp_path / "s.epub")], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
