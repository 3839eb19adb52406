"""Read-it-later exports: Omnivore's zip, Wallabag's JSON, Pocket's CSV."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.domain import ARCHIVED, READ, STARRED, Highlight
from newsviewer.errors import ParseError
from newsviewer.importers.archive import ArchiveImporter
from newsviewer.importers.base import SourceFile
from newsviewer.importers.readlater import PocketImporter, WallabagImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import (
    CAPTION,
    IMAGE_URL,
    PARAGRAPHS,
    SITE,
    TITLE,
    URL,
    assert_story,
    body_html,
)

MARCH_5 = datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
QUOTE = "could not be expected to survive another season of heavy weather"


def readable_copy() -> str:
    """The HTML an app keeps: its reader view of the story, without the page around it."""
    return (
        f'<div class="page" id="readability-page-1"><div><article>{body_html()}</article>'
        "</div></div>"
    )


def omnivore_zip(*, with_content: bool = True) -> bytes:
    """An export as Omnivore wrote it: metadata_*.json lists, content/, highlights/."""
    first = {
        "id": "6f1c2a3e-0d4b-4c5e-9f8a-1b2c3d4e5f60",
        "slug": "harbour-wall-to-be-rebuilt-18c0a1b2c3d",
        "title": TITLE,
        "description": "Engineers say the wall cannot survive another season.",
        "author": "Maria Lopez",
        "url": URL,
        "state": "Archived",
        "readingProgress": 100,
        "thumbnail": IMAGE_URL,
        "labels": ["coast", "council"],
        "savedAt": "2024-03-06T19:12:45.000Z",
        "updatedAt": "2024-03-07T08:00:00.000Z",
        "publishedAt": "2024-03-05T08:30:00.000Z",
        "siteName": SITE,
    }
    second = {
        "id": "7a2b",
        "slug": "ferry-report-18c0a1",
        "title": "Ferry report (PDF)",
        "url": "https://gazette.example/ferry.pdf",
        "state": "Succeeded",
        "labels": [],
        "savedAt": "2024-03-06T19:13:00.000Z",
    }
    highlights = (
        f"> {QUOTE} [⤴️](https://omnivore.app/me/harbour-wall#a1b2)\n"
        "Check the survey report for the figures.\n\n"
        "> Work is due to start in April [⤴️](https://omnivore.app/me/harbour-wall#c3d4)\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata_0_to_1.json", json.dumps([first, second], indent=2))
        if with_content:
            z.writestr(f"content/{first['slug']}.html", readable_copy())
        z.writestr(f"highlights/{first['slug']}.md", highlights)
    return buffer.getvalue()


def wallabag_json() -> bytes:
    """Wallabag's JSON export of two entries, as its "Export → JSON" writes them."""
    entries = [
        {
            "is_archived": 1,
            "is_starred": 1,
            "tags": ["coast", "council"],
            "is_public": False,
            "id": 42,
            "title": TITLE,
            "url": URL,
            "given_url": URL,
            "content": readable_copy(),
            "created_at": "2024-03-06T20:12:45+0100",
            "updated_at": "2024-03-07T09:00:00+0100",
            "published_at": "2024-03-05T09:30:00+0100",
            "published_by": ["Maria Lopez"],
            "annotations": [
                {
                    "text": "Check the survey report for the figures.",
                    "quote": QUOTE,
                    "ranges": [
                        {
                            "start": "/div[1]/p[3]",
                            "startOffset": "40",
                            "end": "/div[1]/p[3]",
                            "endOffset": "105",
                        }
                    ],
                    "created_at": "2024-03-07T08:00:00+0100",
                }
            ],
            "mimetype": "text/html",
            "language": "en",
            "reading_time": 1,
            "domain_name": "gazette.example",
            "preview_picture": IMAGE_URL,
            "http_status": "200",
        },
        {
            "is_archived": 0,
            "is_starred": 0,
            "tags": [],
            "id": 43,
            "title": "An entry Wallabag could not fetch",
            "url": "https://gazette.example/x",
            "content": "",
            "created_at": "2024-03-06T20:13:00+0100",
            "annotations": [],
            "reading_time": 0,
            "domain_name": "gazette.example",
        },
    ]
    return json.dumps(entries, indent=4).encode()


def test_omnivore_export_keeps_story_labels_state_dates_and_highlights() -> None:
    data = omnivore_zip()
    importer = Registry().choose(Path("omnivore-export.zip"), data[:4096])
    parts = list(importer.parse_parts(SourceFile(path=Path("omnivore-export.zip"), data=data)))  # type: ignore[attr-defined]
    assert [p.label for p in parts] == [TITLE, "Ferry report (PDF)"]
    article = parts[0].article
    assert article.format == "omnivore"
    assert article.url == URL and article.site == SITE
    assert article.authors == ("Maria Lopez",)
    assert article.tags == ("coast", "council")
    assert set(article.marks) == {ARCHIVED, READ}
    assert article.saved == datetime(2024, 3, 6, 19, 12, 45, tzinfo=UTC)
    assert article.highlights == (
        Highlight(QUOTE, "Check the survey report for the figures."),
        Highlight("Work is due to start in April", ""),
    )
    done = assert_story(article, published=MARCH_5)
    assert done.figures[0].caption == CAPTION and done.figures[0].src == IMAGE_URL
    # An item Omnivore listed without a saved copy is reported, not invented.
    assert parts[1].article is None and "no saved copy" in parts[1].reason


def test_wallabag_export_keeps_content_tags_marks_and_annotations() -> None:
    data = wallabag_json()
    importer = Registry().choose(Path("wallabag-export.json"), data[:4096])
    assert importer.name == "wallabag"
    parts = list(WallabagImporter().parse_parts(SourceFile(path=Path("w.json"), data=data)))
    article = parts[0].article
    assert article is not None
    assert article.format == "wallabag"
    assert article.tags == ("coast", "council")
    assert set(article.marks) == {STARRED, ARCHIVED}
    assert article.highlights == (Highlight(QUOTE, "Check the survey report for the figures."),)
    offset = article.saved.utcoffset() if article.saved is not None else None
    assert offset is not None and offset.total_seconds() == 3600
    assert_story(article, published=MARCH_5.astimezone(UTC))
    assert [b.text for b in article.blocks] == list(PARAGRAPHS)
    assert parts[1].article is None and "no content" in parts[1].reason


def test_pocket_csv_is_refused_with_the_reason() -> None:
    csv = b"title,url,time_added,tags,status\nHarbour wall,https://gazette.example/x,1709627400,,unread\n"
    assert Registry().choose(Path("part_000000.csv"), csv).name == "pocket"
    with pytest.raises(ParseError, match="only links"):
        PocketImporter().parse(SourceFile(path=Path("part_000000.csv"), data=csv))
    with pytest.raises(ParseError, match="unsupported file type"):
        PocketImporter().parse(SourceFile(path=Path("prices.csv"), data=b"a,b\n1,2\n"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (wallabag_json()[:500], "broken or cut off"),
        (b"[]", "no entries"),
        (b'[1, 2, "is_archived"]', "not a Wallabag export"),
    ],
)
def test_broken_wallabag_exports_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        list(WallabagImporter().parse_parts(SourceFile(path=Path("w.json"), data=data)))


def test_broken_omnivore_export_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("metadata_0_to_49.json", '[{"slug": "x", "title": "cut')
    source = SourceFile(path=Path("o.zip"), data=buffer.getvalue())
    with pytest.raises(ParseError, match="broken"):
        list(ArchiveImporter(Registry()).parse_parts(source))
