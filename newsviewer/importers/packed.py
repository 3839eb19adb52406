"""Pages whose images travel inside the file that holds them (MHTML, WARC, zip, EPUB).

The HTML importer asks ``SourceFile.images`` for a picture's bytes by the src the page
gives it; ``PackedImages`` answers from the parts, records or members collected here,
by absolute URL (the src resolved against the page's own address) or by ``cid:``.
Nothing is fetched; only raster images that ``sniff_image`` knows are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.html.assets import MAX_IMAGE_BYTES, sniff_image
from newsviewer.importers.base import Part, SourceFile
from newsviewer.text.decoding import decode_text

ImageLookup = Callable[[str], tuple[bytes, str] | None]

# Errors parser libraries raise on malformed input: to a person, the part is unreadable.
PARSE_FAILURES = (ParseError, ValueError, UnicodeError, LookupError, RecursionError)


class PackedImages:
    """Images of a container by location; a page's src is resolved against its base URL."""

    def __init__(self) -> None:
        self._by_url: dict[str, tuple[bytes, str]] = {}
        self._by_cid: dict[str, tuple[bytes, str]] = {}

    def __len__(self) -> int:
        return len(self._by_url) + len(self._by_cid)

    def add(self, location: str, data: bytes, cid: str = "") -> bool:
        """Keep ``data`` under its location and Content-ID when it is an image we show."""
        if not data or len(data) > MAX_IMAGE_BYTES:
            return False
        mime = sniff_image(data)
        if mime is None:
            return False
        if location:
            self._by_url[_key(location)] = (data, mime)
        if cid:
            self._by_cid[cid.strip().strip("<>").lower()] = (data, mime)
        return True

    def lookup(self, base: str) -> ImageLookup:
        """A resolver for the page at ``base`` (its URL, or a member path as file:///)."""

        def find(src: str) -> tuple[bytes, str] | None:
            src = src.strip()
            if not src or src[:5].lower() == "data:":
                return None
            if src[:4].lower() == "cid:":
                return self._by_cid.get(unquote(src[4:]).strip("<>").lower())
            absolute = urljoin(base, src) if base else src
            return self._by_url.get(_key(absolute)) or self._by_url.get(_key(unquote(absolute)))

        return find


def _key(url: str) -> str:
    return urldefrag(url.strip())[0]


def as_utf8(data: bytes, charset: str | None) -> bytes:
    """Page bytes re-encoded as UTF-8 with a byte-order mark when the container names
    their charset (MIME, HTTP): the mark makes it win over a missing or wrong <meta>."""
    if not charset or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        return data
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def parse_page(
    data: bytes,
    path: Path,
    images: ImageLookup | None = None,
    *,
    fmt: str,
    url: str = "",
    charset: str | None = None,
) -> Article:
    """A full web page held inside another file, read by the HTML importer."""
    import dataclasses

    from newsviewer.importers.html import HtmlImporter

    if not data.strip():
        raise ParseError("empty page")
    article = HtmlImporter().parse(
        SourceFile(path=path, data=as_utf8(data, charset), images=images)
    )
    if not article.blocks:
        raise ParseError("no article text found")
    return dataclasses.replace(article, format=fmt, url=article.url or url)


def read_json(data: bytes, what: str) -> object:
    """The JSON value of a file of stories; a ``ParseError`` naming ``what`` ("the JSON
    Feed") when it is broken, cut off or nested too deeply to read."""
    text, _ = decode_text(data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{what} is broken or cut off ({exc.msg}, line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ParseError(f"{what} is nested too deeply to read") from exc


def part_of(number: int, label: str, original: bytes, make: Callable[[], Article]) -> Part:
    """A part whose failure is its own: the reason is kept and the other parts go on."""
    try:
        article = make()
    except PARSE_FAILURES as exc:
        return Part(number=number, label=label, original=original, reason=str(exc) or "unreadable")
    if not article.blocks:
        return Part(number=number, label=label, original=original, reason="no article text found")
    return Part(number=number, label=label or article.title, article=article, original=original)


def first_story(parts: Iterator[Part]) -> Article:
    """What ``parse`` gives for a file of several stories: its first readable one."""
    reasons: list[str] = []
    for part in parts:
        if part.article is not None:
            return part.article
        reasons.append(part.reason)
    raise ParseError(reasons[0] if reasons else "no story inside the file")
