"""Web pages saved as one file (.mhtml, .mht): Chrome and Edge "Webpage, Single File".

An MHTML file is a MIME multipart/related message: the page is its first text/html
part (quoted-printable or base64, in the part's charset), and every image the page
showed is another part named by ``Content-Location`` (its URL) or ``Content-ID``
(``cid:`` links). The page's address is the ``Snapshot-Content-Location`` header.
The standard ``email`` package reads the MIME; the page goes through the HTML importer
with the parts as its images.
"""

from __future__ import annotations

import dataclasses
import re
from email.message import Message

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.mime import cut_off, header, header_block, payload, read_message
from newsviewer.importers.packed import PackedImages, parse_page

# Headers of a saved page (Chrome writes "From: <Saved by Blink>", IE "Saved by Windows
# Internet Explorer"), in the header block before the first blank line.
_SAVED_PAGE = re.compile(rb"^(?:Snapshot-Content-Location:|From:\s*<?Saved by )", re.I | re.M)
_MULTIPART = re.compile(rb"^Content-Type:\s*multipart/related", re.I | re.M)
# Parts a page links to; a saved page holds its frames and style sheets too.
_MAX_PARTS = 5000


class MhtmlImporter:
    name = "mhtml"
    extensions: tuple[str, ...] = (".mhtml", ".mht")

    def sniff(self, head: bytes) -> bool:
        block = header_block(head.lstrip(b"\xef\xbb\xbf"))
        return bool(_SAVED_PAGE.search(block)) and bool(_MULTIPART.search(block))

    def parse(self, source: SourceFile) -> Article:
        message = read_message(source.data)
        url = header(message, "Snapshot-Content-Location")
        if message.is_multipart():
            if cut_off(message):
                raise ParseError("the MHTML file is cut off: its closing boundary is missing")
            parts = [p for p in message.walk() if not p.is_multipart()]
        else:
            parts = [message]
        if len(parts) > _MAX_PARTS:
            raise ParseError(f"the MHTML file has too many parts (over {_MAX_PARTS})")
        page: Message | None = None
        images = PackedImages()
        for part in parts:
            kind = part.get_content_type()
            if kind in ("text/html", "application/xhtml+xml") and page is None:
                page = part
            elif kind.startswith("image/"):
                data = _payload(part)
                images.add(header(part, "Content-Location"), data, header(part, "Content-ID"))
        if page is None:
            raise ParseError("no web page inside the MHTML file")
        url = url or header(page, "Content-Location")
        article = parse_page(
            _payload(page),
            source.path,
            images.lookup(url),
            fmt=self.name,
            url=url,
            charset=page.get_content_charset(),
        )
        subject = header(message, "Subject")
        if not article.title and subject:
            article = dataclasses.replace(article, title=subject)
        return article


def _payload(part: Message) -> bytes:
    """A part's bytes with its transfer encoding undone; a damaged one is refused."""
    data = payload(part)
    if any("base64" in type(d).__name__.lower() for d in part.defects):
        raise ParseError("a part of the MHTML file is damaged (bad base64)")
    return data
