"""Newsletters kept as e-mail: one message (.eml) or a mailbox of them (.mbox).

The standard ``email`` package reads the MIME: the HTML part is the story (the plain
part when there is none), inline images come from the message's parts by ``cid:``,
the sender's name is the site, the subject the headline and the Date header the date.
Tracking pixels and the unsubscribe / "view in browser" furniture are dropped before
the HTML importer reads the page. An mbox holds one story per message, with the
``>From `` quoting of body lines undone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parseaddr, parsedate_to_datetime
from functools import partial
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsviewer.domain import PARAGRAPH, Article, Block
from newsviewer.errors import ParseError
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.fragment import read_body
from newsviewer.importers.mime import (
    body_part,
    cut_off,
    header,
    header_block,
    payload,
    read_message,
    text_of,
)
from newsviewer.importers.packed import (
    PARSE_FAILURES,
    PackedImages,
    first_story,
    parse_page,
    part_of,
)

# A mailbox with more messages than this is an archive to split first.
MAX_MESSAGES = 10_000
_HEADER = re.compile(rb"^(?:From|To|Subject|Date|Message-ID|Received|Return-Path):", re.I | re.M)
_MBOX_FROM = re.compile(rb"^From \S+ [^\r\n]*\d\d:\d\d", re.M)
_SEPARATOR = re.compile(rb"(?:^|\n)From [^\r\n]*\r?\n")
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.M)
# Links and lines of a newsletter's furniture: ways out, ways to read it elsewhere.
_FURNITURE = re.compile(
    r"unsubscribe|opt[ -]out|manage (?:your )?(?:preferences|subscription|e-?mail)"
    r"|update (?:your )?(?:preferences|profile)|view (?:this (?:e-?mail|newsletter) )?"
    r"(?:in|on) (?:your |a )?(?:browser|web)|view online|forward(?:ed)? (?:this|to a friend)"
    r"|(?:you are|you're) receiving this|you received this|sent to you because"
    r"|add us to your address book",
    re.I,
)
# A footer holding furniture is short; a longer element is the story around a link.
_FURNITURE_CHARS = 600
# A newsletter has a handful of these; past this many, the rest are left as they are
# rather than searched (each search reads the text around the link).
_MAX_FURNITURE_LINKS = 50
_CONTAINERS = ("p", "div", "td", "tr", "table", "footer", "center", "section", "span", "li")


class EmailImporter:
    name = "email"
    extensions: tuple[str, ...] = (".eml",)

    def sniff(self, head: bytes) -> bool:
        block = header_block(head.lstrip(b"\xef\xbb\xbf"))
        found = {m.group(0).lower() for m in _HEADER.finditer(block)}
        return b"from:" in found and len(found) >= 3 and not block.startswith(b"From ")

    def parse(self, source: SourceFile) -> Article:
        return message_article(source.data, source.path)


class MboxImporter:
    name = "mbox"
    extensions: tuple[str, ...] = (".mbox", ".mbx")
    # Larger than one page's limit: the import reads files of this kind up to here.
    max_file_bytes = 256 * 1024 * 1024

    def sniff(self, head: bytes) -> bool:
        first = head.split(b"\n", 2)
        return (
            len(first) > 1
            and bool(_MBOX_FROM.match(first[0]))
            and bool(re.match(rb"^[\w-]+:", first[1]))
        )

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        messages = split_mbox(source.data)
        for n, raw in enumerate(messages, start=1):
            label = _subject(raw) or f"message {n}"
            yield part_of(n, label, raw, partial(message_article, raw, source.path))


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox, ``>From `` quoting undone; raises when it is not one."""
    if not data.startswith(b"From "):
        raise ParseError("not a mailbox: it does not start with a 'From ' line")
    separators = list(_SEPARATOR.finditer(data))
    starts = [m.end() for m in separators]
    ends = [*(m.start() for m in separators[1:]), len(data)]
    if len(starts) > MAX_MESSAGES:
        raise ParseError(f"the mailbox has too many messages (over {MAX_MESSAGES})")
    messages = [_QUOTED_FROM.sub(rb"\1", data[s:e]) for s, e in zip(starts, ends, strict=True)]
    messages = [m for m in messages if m.strip()]
    if not messages:
        raise ParseError("the mailbox holds no messages")
    return messages


def _subject(raw: bytes) -> str:
    return header(read_message(header_block(raw) + b"\n\n"), "Subject")


def message_article(data: bytes, path: Path) -> Article:
    """The story of one message; a message whose parts the standard library cannot
    walk (it raises AttributeError or TypeError on some malformed multiparts) is a
    broken file, not a bug."""
    try:
        return _message_article(data, path)
    except (AttributeError, TypeError) as exc:
        raise ParseError(f"the message's MIME structure is malformed ({exc})") from exc


def _message_article(data: bytes, path: Path) -> Article:
    """One newsletter message as a story."""
    message = read_message(data)
    if not (message.get("From") or message.get("Subject")):
        raise ParseError("not an e-mail message (no From or Subject)")
    if cut_off(message):
        raise ParseError("the message is cut off: its closing MIME boundary is missing")
    subject = header(message, "Subject")
    name, address = parseaddr(header(message, "From"))
    site = name.strip() or address.partition("@")[2]
    published = _date(header(message, "Date"))
    body = body_part(message)
    if body is None:
        raise ParseError("the message has no text or HTML part")
    images = PackedImages()
    for part in message.walk():
        if part.get_content_maintype() == "image":
            images.add(header(part, "Content-Location"), payload(part), header(part, "Content-ID"))
    text = text_of(body)
    if body.get_content_type() == "text/html":
        article = _html_article(text, path, images)
    else:
        article = _plain_article(text)
    return dataclasses.replace(
        article,
        format="email",
        title=subject or article.title,
        site=site or article.site,
        published=published or article.published,
        published_inferred=article.published_inferred if published is None else False,
    )


def _date(value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _html_article(html: str, path: Path, images: PackedImages) -> Article:
    root = _without_furniture(html)
    cleaned = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    try:
        # The text was decoded by the part's charset; a <meta> naming another is stale.
        article = parse_page(
            cleaned.encode("utf-8"), path, images.lookup(""), fmt="email", charset="utf-8"
        )
    except PARSE_FAILURES:
        # A short or table-laid newsletter the extractor finds no story in: every
        # block of it, in order, is the story.
        body = read_body(cleaned, images.lookup(""))
        if not body.blocks:
            raise ParseError("no article text found in the message") from None
        article = Article(
            format="email", title="", blocks=tuple(body.blocks), figures=tuple(body.figures)
        )
    blocks = tuple(
        b for b in article.blocks if not (_FURNITURE.search(b.text) and len(b.text) < 300)
    )
    if not blocks:
        raise ParseError("no article text found in the message")
    return dataclasses.replace(article, blocks=blocks)


def _without_furniture(html: str) -> HtmlElement:
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"the message's HTML is not readable ({exc})") from exc
    for img in list(root.iter("img")):
        if _pixel(img) and img.getparent() is not None:
            img.drop_tree()
    furniture = 0
    for link in list(root.iter("a")):
        if link.getparent() is None:
            continue
        if not _FURNITURE.search(f"{link.text_content()} {link.get('href') or ''}"):
            continue
        furniture += 1
        if furniture > _MAX_FURNITURE_LINKS:
            break
        doomed: HtmlElement = link
        for ancestor in link.iterancestors(*_CONTAINERS):
            if len(ancestor.text_content()) > _FURNITURE_CHARS:
                break
            doomed = ancestor
        if doomed.getparent() is not None:
            doomed.drop_tree()
    _unwrap_layout_tables(root)
    return root


_LAYOUT_CELLS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_STORY_BLOCKS = ("p", "h1", "h2", "h3", "h4", "figure", "blockquote", "ul", "ol", "table")


def _unwrap_layout_tables(root: HtmlElement) -> None:
    """Newsletters lay the page out with tables; a table holding paragraphs is layout,
    and becomes plain divisions so the story's paragraphs are read as paragraphs and
    not as the cells of one data table."""
    for table in list(root.iter("table")):
        if next(table.iterdescendants(*_STORY_BLOCKS), None) is None:
            continue
        for el in [table, *table.iterdescendants(*_LAYOUT_CELLS)]:
            if (
                el.tag in _LAYOUT_CELLS
                and next(el.iterdescendants(*_STORY_BLOCKS), None) is not None
            ):
                el.tag = "div"


def _pixel(img: HtmlElement) -> bool:
    """A tracking pixel: a tiny or hidden image (read receipts, open counters)."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 3:
            return True
    style = (img.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or bool(re.search(r"(?:width|height):[0-3]px", style))


def _plain_article(text: str) -> Article:
    paragraphs = [
        " ".join(line.strip() for line in chunk.splitlines())
        for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    ]
    blocks = tuple(
        Block(PARAGRAPH, p)
        for p in paragraphs
        if p and not (_FURNITURE.search(p) and len(p) < 300) and not p.startswith("-- ")
    )
    if not blocks:
        raise ParseError("the message has no text")
    return Article(format="email", title="", blocks=blocks)
