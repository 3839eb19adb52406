"""Archives of saved pages (.zip, .tar.gz) walked like a folder, and the limits that
keep a hostile archive from running an import without end."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.errors import ParseError
from newsviewer.importers import archive
from newsviewer.importers.archive import ArchiveImporter
from newsviewer.importers.base import SourceFile, is_container
from newsviewer.importers.registry import Registry
from tests.formats_story import PHOTO, TITLE, URL, assert_photo, assert_story, page_html
from tests.test_warc_importer import crawl_records

NOTE = (
    "Harbour notes\n\nThe tide tables for March are pinned at the harbour office and on "
    "the council's noticeboard by the quay.\n"
)


def saved_pages() -> dict[str, bytes]:
    """A folder of pages saved "complete" by a browser, as a person zips it."""
    return {
        "news/harbour-wall.html": page_html("harbour-wall_files/harbour.png").encode(),
        "news/harbour-wall_files/harbour.png": PHOTO,
        "news/harbour-wall_files/site.css": b"body { color: black }",
        "news/harbour-wall_files/app.js": b"window.secret = 1;",
        "notes.txt": NOTE.encode(),
        "__MACOSX/news/._harbour-wall.html": b"\0\x05\x16\x07 mac resource fork",
        ".DS_Store": b"\0\0\0\1Bud1",
    }


def make_zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def make_tar_gz(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def parts(data: bytes, name: str = "saved.zip") -> list:  # type: ignore[type-arg]
    return list(ArchiveImporter(Registry()).parse_parts(SourceFile(path=Path(name), data=data)))


@pytest.mark.parametrize(
    ("data", "name"),
    [(make_zip(saved_pages()), "saved.zip"), (make_tar_gz(saved_pages()), "saved.tar.gz")],
)
def test_an_archive_is_walked_like_a_folder(data: bytes, name: str) -> None:
    chosen = Registry().choose(Path(name), data[:4096])
    assert chosen.name == "archive" and is_container(chosen)
    found = parts(data, name)
    # The page's _files folder and the system files are not stories.
    assert [p.label for p in found] == ["news/harbour-wall.html", "notes.txt"]
    page = found[0].article
    assert page.format == "html"
    done = assert_story(page, published=datetime(2024, 3, 5, 8, 30))
    assert_photo(done)
    assert found[1].article.title == "Harbour notes"
    assert found[0].original == saved_pages()["news/harbour-wall.html"]


def test_an_archive_inside_an_archive_is_read_once_deep() -> None:
    inner = make_zip(saved_pages())
    found = parts(make_zip({"inner.zip": inner, "notes.txt": NOTE.encode()}))
    assert [p.label for p in found] == [
        "inner.zip: news/harbour-wall.html",
        "inner.zip: notes.txt",
        "notes.txt",
    ]
    assert found[0].article.title == TITLE
    deeper = parts(make_zip({"outer.zip": make_zip({"inner.zip": inner})}))
    assert deeper[0].article is None and "nested too deeply" in deeper[0].reason


def test_a_wacz_collection_reads_its_web_archives() -> None:
    files = {
        "datapackage.json": json.dumps(
            {"profile": "data-package", "wacz_version": "1.1.1"}
        ).encode(),
        # The page list names the story the person archived, not the second page.
        "pages/pages.jsonl": b'{"format": "json-pages-1.0", "id": "pages"}\n'
        + json.dumps({"url": URL, "title": TITLE, "ts": "2024-03-05T09:00:00Z"}).encode(),
        "archive/data.warc.gz": b"".join(gzip.compress(r) for r in crawl_records()),
    }
    found = parts(make_zip(files, zipfile.ZIP_STORED), "crawl.wacz")
    assert [p.label for p in found] == [URL]
    assert found[0].article.format == "wacz"
    assert_photo(assert_story(found[0].article))


def test_a_zip_bomb_is_refused() -> None:
    bomb = make_zip({"page.html": b"<p>" + b" " * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(ParseError, match="zip bomb"):
        parts(bomb)


def test_a_tar_bomb_is_refused() -> None:
    bomb = make_tar_gz({"page.html": b" " * (30 * 1024 * 1024)})
    with pytest.raises(ParseError, match="zip bomb"):
        parts(bomb, "bomb.tar.gz")


def test_too_many_members_or_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    many = make_zip({f"page{i}.txt": NOTE.encode() for i in range(6)})
    with pytest.raises(ParseError, match="too many files"):
        parts(many)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 10_000)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(ParseError, match="expands to"):
        parts(make_zip({"a.txt": NOTE.encode() * 10}))


def test_members_named_outside_the_archive_are_never_read() -> None:
    found = parts(
        make_zip(
            {
                "../../etc/evil.txt": NOTE.encode(),
                "/abs/evil.txt": NOTE.encode(),
                "ok.txt": NOTE.encode(),
            }
        )
    )
    assert [p.label for p in found] == ["ok.txt"]


def test_damaged_and_truncated_archives_give_nothing() -> None:
    good = make_zip({"notes.txt": NOTE.encode() * 20})
    damaged = bytearray(good)
    start = good.index(b"PK\x03\x04") + 30 + len("notes.txt")
    damaged[start + 5] ^= 0xFF
    with pytest.raises(ParseError, match="damaged"):
        parts(bytes(damaged))
    with pytest.raises(ParseError, match="not a readable zip"):
        parts(good[: len(good) // 2])
    tgz = make_tar_gz(saved_pages())
    with pytest.raises(ParseError, match=r"cut off|damaged"):
        parts(tgz[: len(tgz) // 2], "x.tar.gz")
