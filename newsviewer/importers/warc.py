"""Web archives (.warc, .warc.gz): every HTML page a crawl fetched is a story.

A WARC file is a sequence of records, each a block of ``WARC/1.x`` headers and a
payload of ``Content-Length`` bytes; ``.warc.gz`` compresses each record as its own
gzip member. The format is small enough to read here, which keeps every bound in
our hands (records, expanded size, one payload's size) instead of a library's.
Response (and resource) records of HTML with status 200 are stories; the images
come from the image responses of the same crawl, found by URL; request, metadata,
revisit, warcinfo and other records are skipped.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.packed import PackedImages, first_story, parse_page, part_of

# Bounds of one archive: a crawl of a few hundred pages with their images fits well
# inside; a larger crawl is split before import.
MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_RECORDS = 100_000
# One web page's HTML; a bigger payload is a dump, not a story.
MAX_PAGE_BYTES = 20 * 1024 * 1024
_MAX_HEADER_BYTES = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FRAME_REQUEST = re.compile(rb"^Sec-Fetch-Dest:\s*(?:iframe|frame|embed|object)\b", re.I | re.M)


@dataclass(frozen=True, slots=True)
class Record:
    kind: str  # WARC-Type
    uri: str
    headers: dict[str, str]
    block: bytes


@dataclass(frozen=True, slots=True)
class Payload:
    """What a server sent for one URL: its status, media type, charset and body."""

    status: int
    mime: str
    charset: str | None
    body: bytes


class WarcImporter:
    name = "warc"
    extensions: tuple[str, ...] = (".warc", ".warc.gz")
    # Larger than one page's limit: the import reads files of this kind up to here.
    max_file_bytes = MAX_EXPANDED_BYTES

    def sniff(self, head: bytes) -> bool:
        if head.startswith(b"\x1f\x8b"):
            try:
                head = zlib.decompressobj(31).decompress(head, 16)
            except zlib.error:
                return False
        return head.startswith(b"WARC/")

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        return warc_parts(source.data, source.path)


def warc_parts(data: bytes, path: Path, only: frozenset[str] | None = None) -> Iterator[Part]:
    """Every HTML page of the archive as a part (only those at the addresses ``only``
    names, when given). The whole archive is read and checked here, before the first
    part is given, so a cut-off archive gives nothing; each page is then read as it
    is asked for."""
    pages: list[tuple[str, Payload]] = []
    images = PackedImages()
    framed: set[str] = set()
    for record in read_records(expand(data)):
        if record.kind == "request" and _FRAME_REQUEST.search(record.block[:8192]):
            framed.add(record.uri)
        if record.kind not in ("response", "resource"):
            continue
        payload = _payload(record)
        if payload is None or payload.status != 200:
            continue
        if payload.mime in _HTML_TYPES:
            if only is None or record.uri in only:
                pages.append((record.uri, payload))
        elif payload.mime.startswith("image/") or not payload.mime:
            images.add(record.uri, payload.body)
    # A browser's crawl fetches the ads and embeds a page frames as HTML documents too;
    # its request says so (Sec-Fetch-Dest), and those are not stories.
    pages = [(uri, page) for uri, page in pages if uri not in framed] or pages
    if not pages:
        raise ParseError("the web archive holds no HTML page")
    return _page_parts(pages, images, path)


def _page_parts(
    pages: list[tuple[str, Payload]], images: PackedImages, path: Path
) -> Iterator[Part]:
    for n, (uri, page) in enumerate(pages, start=1):

        def make(uri: str = uri, page: Payload = page) -> Article:
            if len(page.body) > MAX_PAGE_BYTES:
                raise ParseError(f"the page is too large ({len(page.body) // 1024 // 1024} MB)")
            return parse_page(
                page.body, path, images.lookup(uri), fmt="warc", url=uri, charset=page.charset
            )

        yield part_of(n, uri, page.body, make)


def expand(data: bytes) -> bytes:
    """The records' bytes, gzip members undone; bounded and checked for truncation."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_EXPANDED_BYTES + 1)
    except EOFError as exc:
        raise ParseError("the web archive is cut off (a gzip record ends early)") from exc
    except (OSError, zlib.error) as exc:
        raise ParseError(f"the web archive's compression is damaged ({exc})") from exc
    if len(out) > MAX_EXPANDED_BYTES:
        raise ParseError(
            f"the web archive expands to over {MAX_EXPANDED_BYTES // 1024 // 1024} MB, the limit"
        )
    return out


def read_records(data: bytes) -> Iterator[Record]:
    """The records in order; raises ``ParseError`` at the first malformed or cut-off one."""
    pos, count, size = 0, 0, len(data)
    while True:
        while pos < size and data[pos] in b"\r\n":
            pos += 1
        if pos >= size:
            return
        if not data.startswith(b"WARC/", pos):
            raise ParseError(f"not a WARC record at byte {pos}")
        end = data.find(b"\r\n\r\n", pos, pos + _MAX_HEADER_BYTES)
        if end < 0:
            raise ParseError(f"the web archive is cut off in the headers of record {count + 1}")
        headers = _headers(data[pos:end])
        try:
            length = int(headers.get("content-length", ""))
        except ValueError:
            raise ParseError(f"record {count + 1} has no valid Content-Length") from None
        start = end + 4
        if length < 0 or start + length > size:
            raise ParseError(f"the web archive is cut off in record {count + 1}")
        count += 1
        if count > MAX_RECORDS:
            raise ParseError(f"the web archive has too many records (over {MAX_RECORDS})")
        yield Record(
            kind=headers.get("warc-type", "").lower(),
            uri=headers.get("warc-target-uri", "").strip("<> "),
            headers=headers,
            block=data[start : start + length],
        )
        pos = start + length


def _headers(raw: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def _payload(record: Record) -> Payload | None:
    """The HTTP response inside a record (or a resource record's own bytes)."""
    if record.kind == "resource":
        mime, charset = _media_type(record.headers.get("content-type", ""))
        return Payload(200, mime, charset, record.block)
    if "application/http" not in record.headers.get("content-type", "application/http"):
        return None
    block = record.block
    split = block.find(b"\r\n\r\n")
    sep = 4
    if split < 0:
        split, sep = block.find(b"\n\n"), 2
    if split < 0:
        return None
    head = block[:split].decode("latin-1").replace("\r\n", "\n").split("\n")
    parts = head[0].split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return None
    http = {}
    for line in head[1:]:
        name, colon, value = line.partition(":")
        if colon:
            http[name.strip().lower()] = value.strip()
    body = block[split + sep :]
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = http.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate"):
        body = _inflate(body)
    elif encoding not in ("", "identity"):
        return None  # brotli or zstd: no reader for it here
    mime, charset = _media_type(http.get("content-type", ""))
    return Payload(int(parts[1]), mime, charset, body)


def _media_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def _dechunk(body: bytes) -> bytes:
    """An HTTP chunked body joined; bodies that only claim to be chunked stay as they are."""
    out = bytearray()
    pos = 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            return body
        try:
            length = int(body[pos:eol].split(b";")[0].strip(), 16)
        except ValueError:
            return body
        if length == 0:
            return bytes(out)
        out += body[eol + 2 : eol + 2 + length]
        pos = eol + 2 + length + 2


def _inflate(body: bytes) -> bytes:
    try:
        inflater = zlib.decompressobj(47)  # gzip or zlib header, detected
        out = inflater.decompress(body, MAX_PAGE_BYTES + 1)
    except zlib.error:
        return b""
    return out if len(out) <= MAX_PAGE_BYTES else b""
