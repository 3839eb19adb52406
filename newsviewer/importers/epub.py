"""EPUB books of articles (a news download, a reading app's export): a story per chapter.

The package is a zip (read within the archive bounds); ``META-INF/container.xml``
names the package document, whose spine gives the chapters in reading order and
whose navigation document (EPUB 3 ``nav``, or EPUB 2 ``toc.ncx``) their titles. A
chapter is a story when it reads as one (a few paragraphs of prose); the cover, the
title page, the table of contents and colophons are not. Images and captions come
from the package.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from urllib.parse import unquote, urldefrag

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsviewer.domain import HEADING, PARAGRAPH, Article, Figure
from newsviewer.errors import ParseError
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.importers.archive import MAX_MEMBERS, MAX_TOTAL_BYTES, Budget, Members, read_zip
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.fragment import read_body
from newsviewer.importers.packed import first_story, part_of
from newsviewer.text.dates import dateline_date, find_date

_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
_XHTML_TYPES = ("application/xhtml+xml", "text/html")
# A chapter with fewer words of prose than this is a cover, a title page or a colophon.
_MIN_STORY_WORDS = 60
_BYLINE = re.compile(r"^(?:by|par|von|por)\s+(\S.{1,120})$", re.I)
_BYLINE_CLASS = re.compile(r"byline|author|contributor", re.I)
# Navigation and source notes are short; a longer element with links is prose.
_NAV_CHARS = 300
_SOURCE_NOTE = re.compile(
    r"\b(?:downloaded|retrieved|fetched|saved)\b.{0,40}\bfrom\b"
    r"|^(?:source|original(?: article)?)\s*:",
    re.I,
)
_DATE_CLASS = re.compile(r"date|time|published|dateline", re.I)


class EpubImporter:
    name = "epub"
    extensions: tuple[str, ...] = (".epub",)
    # Larger than one page's limit: the import reads files of this kind up to here.
    max_file_bytes = 200 * 1024 * 1024

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"mimetypeapplication/epub+zip" in head[:64]

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        members = read_zip(source.data, Budget(MAX_MEMBERS, MAX_TOTAL_BYTES))
        book = _Book(members)
        stories: list[str] = []
        for href in book.spine:
            data = members.files.get(href)
            if data is None:
                raise ParseError(f"the EPUB's chapter '{href}' is missing from the package")
            if _reads_as_story(_chapter_tree(data, href)):
                stories.append(href)
        if not stories:
            raise ParseError("the EPUB holds no chapter that reads as an article")
        # The book was read and checked whole; each chapter is made a story when asked for.
        return self._parts(book, stories)

    def _parts(self, book: _Book, stories: list[str]) -> Iterator[Part]:
        for n, href in enumerate(stories, start=1):
            data = book.members.files[href]
            make = partial(book.article, _chapter_tree(data, href), href)
            yield part_of(n, book.titles.get(href, "") or href, data, make)


class _Book:
    """The package document's metadata, spine and chapter titles."""

    def __init__(self, members: Members) -> None:
        self.members = members
        container = members.files.get("META-INF/container.xml")
        if container is None:
            raise ParseError("not an EPUB: META-INF/container.xml is missing")
        rootfile = _xml(container, "META-INF/container.xml").find(".//c:rootfile", _NS)
        opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
        opf_data = members.files.get(posixpath.normpath(opf_path)) if opf_path else None
        if opf_data is None:
            raise ParseError("the EPUB's package document is missing")
        opf = _xml(opf_data, opf_path)
        base = posixpath.dirname(opf_path)
        self.site = _dc(opf, "publisher") or _dc(opf, "title")
        self.language = _dc(opf, "language")
        manifest: dict[str, tuple[str, str, str]] = {}
        for item in opf.iterfind(".//opf:manifest/opf:item", _NS):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
            manifest[item.get("id", "")] = (
                href,
                item.get("media-type", ""),
                item.get("properties", ""),
            )
        nav = next((h for h, _, props in manifest.values() if "nav" in props.split()), "")
        self.spine = [
            manifest[ref.get("idref", "")][0]
            for ref in opf.iterfind(".//opf:spine/opf:itemref", _NS)
            if ref.get("idref", "") in manifest
            and manifest[ref.get("idref", "")][1] in _XHTML_TYPES
            and manifest[ref.get("idref", "")][0] != nav
        ]
        if not self.spine:
            raise ParseError("the EPUB's spine lists no chapters")
        self.titles = _nav_titles(members, nav) if nav else {}
        ncx = next(
            (h for h, kind, _ in manifest.values() if kind == "application/x-dtbncx+xml"), ""
        )
        if not self.titles and ncx:
            self.titles = _ncx_titles(members, ncx)

    def article(self, root: HtmlElement, href: str) -> Article:
        url = _take_navigation(root)
        byline = _take_byline(root)
        published = _take_date(root)
        body = read_body(root, self.members.image(href))
        blocks = list(body.blocks)
        title = self.titles.get(href, "")
        if blocks and blocks[0].kind == HEADING:
            title = blocks.pop(0).text
            figures = _shifted(list(body.figures), 0)
        else:
            figures = list(body.figures)
        for i, block in enumerate(blocks[:3]):
            match = _BYLINE.match(block.text) if block.kind == PARAGRAPH else None
            if match and not byline:
                byline = match.group(1)
                del blocks[i]
                figures = _shifted(figures, i)
                break
        for i, block in enumerate(blocks[:3]):
            when = dateline_date(block.text)
            if when is not None and published is None:
                published = when
                del blocks[i]
                figures = _shifted(figures, i)
                break
        if not blocks:
            raise ParseError("the chapter has no text")
        names = [byline] if byline else []
        return Article(
            format="epub",
            title=title or blocks[0].text[:120],
            byline=display_byline(names),
            authors=person_names(names, self.site),
            published=published,
            site=self.site,
            url=url,
            language=self.language,
            blocks=tuple(blocks),
            figures=tuple(figures),
        )


def _shifted(figures: list[Figure], removed: int) -> list[Figure]:
    """Figures placed as before once the block at ``removed`` is taken out of the body."""
    return [
        dataclasses.replace(f, position=f.position - 1) if f.position > removed else f
        for f in figures
    ]


def _xml(data: bytes, name: str) -> etree._Element:
    if b"<!ENTITY" in data[:4096]:
        raise ParseError(f"'{name}' in the EPUB declares XML entities, which are refused")
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"'{name}' in the EPUB is broken ({exc})") from exc


def _dc(opf: etree._Element, name: str) -> str:
    found = opf.find(f".//dc:{name}", _NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def _chapter_tree(data: bytes, href: str) -> HtmlElement:
    if b"<!ENTITY" in data[:4096]:
        raise ParseError(f"'{href}' in the EPUB declares XML entities, which are refused")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", data.decode("utf-8", errors="replace"))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"'{href}' in the EPUB is not readable ({exc})") from exc


def _reads_as_story(root: HtmlElement) -> bool:
    """Prose, not a list of links or a picture: enough words in paragraphs outside links."""
    words = 0
    for p in root.iter("p", "blockquote"):
        text = p.text_content()
        linked = sum(len(a.text_content()) for a in p.iter("a"))
        if linked < len(text) / 2:
            words += len(text.split())
    return words >= _MIN_STORY_WORDS


def _nav_titles(members: Members, nav: str) -> dict[str, str]:
    data = members.files.get(nav)
    if data is None:
        return {}
    root = _chapter_tree(data, nav)
    titles: dict[str, str] = {}
    for a in root.iter("a"):
        href = urldefrag(a.get("href") or "")[0]
        if href:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(nav), unquote(href)))
            titles.setdefault(path, " ".join(a.text_content().split()))
    return titles


def _ncx_titles(members: Members, ncx: str) -> dict[str, str]:
    data = members.files.get(ncx)
    if data is None:
        return {}
    titles: dict[str, str] = {}
    for point in _xml(data, ncx).iterfind(".//ncx:navPoint", _NS):
        label = point.find("ncx:navLabel/ncx:text", _NS)
        content = point.find("ncx:content", _NS)
        if label is not None and content is not None:
            href = urldefrag(content.get("src", ""))[0]
            path = posixpath.normpath(posixpath.join(posixpath.dirname(ncx), unquote(href)))
            titles.setdefault(path, " ".join((label.text or "").split()))
    return titles


def _take_navigation(root: HtmlElement) -> str:
    """Drop the links a news download sets around each article ("Next | Section menu |
    Main menu") and its note of where the article came from; return that address."""
    url = ""
    for el in list(root.iter("p", "div", "table", "ul", "nav")):
        if el.getparent() is None:
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > _NAV_CHARS:
            continue
        links = [a for a in el.iter("a") if a.get("href")]
        linked = sum(len(a.text_content().strip()) for a in links)
        source = _SOURCE_NOTE.search(text)
        if source and links:
            url = url or next(
                (a.get("href", "") for a in links if a.get("href", "").startswith("http")), ""
            )
            el.drop_tree()
        elif links and linked >= 0.8 * len(text.replace(" ", "").replace("|", "")):
            el.drop_tree()
    return url


def _take_byline(root: HtmlElement) -> str:
    """A byline the chapter marks as one (class "byline", "author"); taken out of the body."""
    for el in root.iter("p", "div", "span", "address"):
        if _BYLINE_CLASS.search(el.get("class") or "") and len(el.text_content()) < 160:
            text = " ".join(el.text_content().split())
            el.drop_tree()
            match = _BYLINE.match(text)
            return match.group(1) if match else text
    return ""


def _take_date(root: HtmlElement) -> datetime | None:
    for el in root.iter("time", "p", "div", "span"):
        if el.tag != "time" and not _DATE_CLASS.search(el.get("class") or ""):
            continue
        if len(el.text_content()) > 120:
            continue
        stamp = el if el.tag == "time" else next(el.iter("time"), None)
        when = _iso(stamp.get("datetime") or "") if stamp is not None else None
        when = when or find_date(el.text_content())
        if when is not None:
            el.drop_tree()
            return when
    return None


def _iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
