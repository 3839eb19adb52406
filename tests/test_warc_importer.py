"""A crawl's web archive: gzip-per-record WARC with warcinfo, request and response records."""

from __future__ import annotations

import gzip
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile, is_container
from newsviewer.importers.registry import Registry
from newsviewer.importers.warc import WarcImporter
from tests.formats_story import (
    IMAGE_URL,
    PHOTO,
    TITLE,
    URL,
    assert_photo,
    assert_story,
    page_html,
)


def record(kind: str, uri: str, content_type: str, block: bytes) -> bytes:
    """One record as crawlers (wget, Heritrix, browsertrix) write it."""
    target = f"WARC-Target-URI: {uri}\r\n" if uri else ""
    head = (
        "WARC/1.1\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2024-03-05T09:00:00Z\r\n"
        f"{target}"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n"
        "\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http(status: str, headers: str, body: bytes) -> bytes:
    return f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body


def chunked(body: bytes) -> bytes:
    half = len(body) // 2
    return (
        b"".join(
            f"{len(piece):x}\r\n".encode() + piece + b"\r\n" for piece in (body[:half], body[half:])
        )
        + b"0\r\n\r\n"
    )


def crawl_records() -> list[bytes]:
    page = page_html().encode()
    second = page_html().replace("Harbour wall to be rebuilt", "Harbour wall repairs begin")
    second_url = "https://gazette.example/news/repairs"
    req = "application/http; msgtype=request"
    resp = "application/http; msgtype=response"
    return [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.1\r\n",
        ),
        record(
            "request", URL, req, b"GET /news/harbour-wall HTTP/1.1\r\nHost: gazette.example\r\n\r\n"
        ),
        record(
            "response",
            URL,
            resp,
            http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
                "Transfer-Encoding: chunked\r\n",
                chunked(gzip.compress(page)),
            ),
        ),
        record(
            "metadata", URL, "application/warc-fields", b"outlink: https://gazette.example/\r\n"
        ),
        record("request", IMAGE_URL, req, b"GET /img/harbour.png HTTP/1.1\r\n\r\n"),
        record("response", IMAGE_URL, resp, http("200 OK", "Content-Type: image/png\r\n", PHOTO)),
        record(
            "request",
            "https://ads.example/frame.html",
            req,
            b"GET /frame.html HTTP/1.1\r\nHost: ads.example\r\nSec-Fetch-Dest: iframe\r\n\r\n",
        ),
        record(
            "response",
            "https://ads.example/frame.html",
            resp,
            http(
                "200 OK",
                "Content-Type: text/html\r\n",
                page_html().replace(TITLE, "An advert").encode(),
            ),
        ),
        record(
            "response",
            "https://gazette.example/site.css",
            resp,
            http("200 OK", "Content-Type: text/css\r\n", b"body { color: black }"),
        ),
        record(
            "response",
            "https://gazette.example/missing",
            resp,
            http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<html><body>Not found</body></html>",
            ),
        ),
        record(
            "response",
            second_url,
            resp,
            http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", second.encode()),
        ),
    ]


def warc_gz() -> bytes:
    return b"".join(gzip.compress(r) for r in crawl_records())


def parts(data: bytes, name: str = "crawl.warc.gz") -> list:  # type: ignore[type-arg]
    return list(WarcImporter().parse_parts(SourceFile(path=Path(name), data=data)))


@pytest.mark.parametrize("data", [warc_gz(), b"".join(crawl_records())])
def test_every_html_response_is_a_story_with_images_from_the_crawl(data: bytes) -> None:
    found = parts(data)
    assert [p.label for p in found] == [URL, "https://gazette.example/news/repairs"]
    first = found[0].article
    assert first.format == "warc"
    assert first.url == URL
    assert first.authors == ("Maria Lopez",)
    done = assert_story(first, published=datetime(2024, 3, 5, 8, 30))
    assert_photo(done)
    assert found[1].article.title == "Harbour wall repairs begin after winter storms"
    assert found[0].original != found[1].original


def test_sniffed_by_content() -> None:
    for data in (warc_gz(), b"".join(crawl_records())):
        chosen = Registry().choose(Path("crawl.dat"), data[:4096])
        assert chosen.name == "warc" and is_container(chosen)


def test_no_html_page_is_refused() -> None:
    data = b"".join(gzip.compress(r) for r in crawl_records()[:2])
    with pytest.raises(ParseError, match="no HTML page"):
        parts(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (warc_gz()[:-200], "cut off"),
        (b"".join(crawl_records())[:-300], "cut off"),
        (b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n", "Content-Length"),
        (b"".join(crawl_records()) + b"garbage after the records", "not a WARC record"),
        (gzip.compress(b"WARC/1.1\r\n" + b"\0" * 1000)[:-8] + b"\xff" * 8, r"damaged|cut off"),
    ],
)
def test_broken_and_truncated_archives_give_nothing(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parts(data)


def test_a_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsviewer.importers import warc

    monkeypatch.setattr(warc, "MAX_EXPANDED_BYTES", 1024 * 1024)
    bomb = gzip.compress(record("resource", URL, "text/html", b" " * (4 * 1024 * 1024)))
    assert len(bomb) < 10_000
    with pytest.raises(ParseError, match="expands to over"):
        parts(bomb)
