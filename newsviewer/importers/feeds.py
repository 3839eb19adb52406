"""News feeds: RSS 0.9x-2.0 and 1.0, Atom, and JSON Feed 1.x; one story per item.

feedparser reads the XML dialects (every RSS version, Atom 0.3/1.0, their date
formats and escaped or CDATA content, relative links resolved); a JSON Feed is plain
JSON and is read here. Each item keeps its full content (``content:encoded``, Atom
``content``, ``content_html``); an item that only carries a summary keeps the summary
and its link, and says so in a warning.
"""

from __future__ import annotations

import calendar
import html
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsviewer.domain import PARAGRAPH, Article, Block, Figure
from newsviewer.errors import ParseError
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.fragment import read_body
from newsviewer.importers.packed import first_story, part_of, read_json

# A feed with more items than this is a dump, not a feed; stop reading it.
MAX_ITEMS = 5000
SUMMARY_ONLY = "the feed gives only a summary of this story; the full text is at its link"
_XML_FEED = re.compile(
    rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>)*<(?:rss|feed|rdf:RDF)\b",
    re.S,
)
_JSON_FEED = re.compile(rb'^\s*\{.*"version"\s*:\s*"https?://jsonfeed\.org/version/1', re.S)
_ROOT_CLOSE = re.compile(rb"</(?:rss|feed|rdf:RDF)>\s*$")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


class FeedImporter:
    name = "feed"
    extensions: tuple[str, ...] = (".rss", ".atom", ".xml", ".rdf", ".json")

    def sniff(self, head: bytes) -> bool:
        head = head.lstrip(b"\xef\xbb\xbf")
        return bool(_XML_FEED.match(head) or _JSON_FEED.match(head))

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        data = source.data.lstrip(b"\xef\xbb\xbf")
        items = _json_items(data) if data.lstrip()[:1] == b"{" else _xml_items(data)
        # The feed was read and checked whole; each item is made a story as it is asked
        # for, so the import stores (and times) them one by one.
        return (part_of(n, item.label, item.original, item.article) for n, item in items)


# A description of at least this many words in several paragraphs is the story itself.
_FULL_STORY_WORDS = 100


def _reads_as_story(html: str) -> bool:
    if not html.strip():
        return False
    blocks = read_body(html).blocks
    return len(blocks) >= 3 and sum(len(b.text.split()) for b in blocks) >= _FULL_STORY_WORDS


class _Item:
    """One item as read from the feed, made into an article on demand."""

    def __init__(self, site: str, fields: Mapping[str, Any]) -> None:
        self.site = site
        self.fields = fields
        self.label = str(fields.get("title") or fields.get("link") or "")
        self.original = (
            f"{fields.get('link', '')}\n{fields.get('content', '')}\n{fields.get('summary', '')}"
        ).encode()

    def article(self) -> Article:
        f = self.fields
        link = str(f.get("link") or "")
        content = str(f.get("content") or "")
        summary_html = str(f.get("summary") or "")
        warnings: tuple[str, ...] = ()
        if not content.strip():
            content = summary_html
            # RSS 0.9x and many RSS 2.0 feeds put the whole story in <description>.
            if not _reads_as_story(summary_html):
                warnings = (SUMMARY_ONLY,)
        if f.get("text_only"):
            blocks = [
                Block(PARAGRAPH, p.strip()) for p in re.split(r"\n\s*\n", content) if p.strip()
            ]
            body_blocks, figures = blocks, []
        else:
            body = read_body(content, base=link)
            body_blocks, figures = body.blocks, body.figures
        media = f.get("media")
        if not figures and isinstance(media, Figure):
            # The item's photo given beside its text (Media RSS, an enclosure, a JSON
            # Feed image): its address and caption; never fetched.
            figures = [media]
        if not body_blocks:
            raise ParseError("the item has no text")
        summary = read_body(summary_html).blocks if summary_html.strip() else []
        raw_authors = [str(a) for a in f.get("authors", ()) if str(a).strip()]
        title = str(f.get("title") or "").strip() or body_blocks[0].text[:120]
        return Article(
            format="feed",
            title=title,
            summary=summary[0].text if summary and content != summary_html else "",
            byline=display_byline(raw_authors),
            authors=person_names(raw_authors, self.site),
            published=f.get("published"),
            site=self.site,
            url=link,
            language=str(f.get("language") or ""),
            blocks=tuple(body_blocks),
            figures=tuple(figures),
            warnings=warnings,
        )


def _xml_items(data: bytes) -> list[tuple[int, _Item]]:
    if _ENTITY_DECL.search(data[:65536]):
        # Entity declarations are how "billion laughs" and external-entity files attack.
        raise ParseError("the feed declares XML entities, which are refused")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        raise ParseError("not a feed (no RSS, Atom or RDF items)")
    if parsed.get("bozo") and not _ROOT_CLOSE.search(data.rstrip()[-64:]):
        raise ParseError("the feed is cut off before its end")
    site = str(parsed.feed.get("title") or "").strip()
    language = str(parsed.feed.get("language") or "")
    entries = list(parsed.entries)
    _check_count(entries)
    items = []
    for n, entry in enumerate(entries, start=1):
        content, plain = "", ""
        for c in entry.get("content", ()):
            if "html" in str(c.get("type", "")):
                content = content or str(c.get("value") or "")
            else:
                plain = plain or str(c.get("value") or "")
        summary = str(entry.get("summary") or "")
        # feedparser files Media RSS's <media:description> (a photo's caption) as plain
        # content: plain text is the story only when it says more than the summary.
        caption = ""
        if not content and plain:
            if len(plain) > len(summary):
                content = html.escape(plain).replace("\n\n", "<p>")
            else:
                caption = " ".join(plain.split())
        authors = [str(a.get("name") or "") for a in entry.get("authors", ()) if a.get("name")]
        if not authors and entry.get("author"):
            authors = [str(entry.get("author"))]
        fields = {
            "title": str(entry.get("title") or "").strip(),
            "link": str(entry.get("link") or ""),
            "content": content,
            "summary": summary,
            "authors": authors,
            "published": _when(entry.get("published_parsed") or entry.get("updated_parsed")),
            "language": language,
            "media": _media(entry, caption),
        }
        items.append((n, _Item(site, fields)))
    if not items:
        raise ParseError("the feed has no items")
    return items


def _json_items(data: bytes) -> list[tuple[int, _Item]]:
    feed = read_json(data, "the JSON Feed")
    if not isinstance(feed, dict) or "jsonfeed.org/version/1" not in str(feed.get("version")):
        raise ParseError("a JSON file, but not a JSON Feed (no jsonfeed.org version) nor an export")
    raw_items = feed.get("items")
    if not isinstance(raw_items, list):
        raise ParseError("the JSON Feed has no list of items")
    _check_count(raw_items)
    site = str(feed.get("title") or "").strip()
    feed_authors = _json_authors(feed)
    items = []
    for n, item in enumerate(raw_items, start=1):
        if not isinstance(item, dict):
            raise ParseError(f"item {n} of the JSON Feed is not an object")
        html = str(item.get("content_html") or "")
        text = str(item.get("content_text") or "")
        fields = {
            "title": str(item.get("title") or "").strip(),
            "link": str(item.get("url") or item.get("external_url") or ""),
            "content": html or text,
            "text_only": not html and bool(text),
            "summary": str(item.get("summary") or ""),
            "authors": _json_authors(item) or feed_authors,
            "media": Figure(src=str(item["image"])) if isinstance(item.get("image"), str) else None,
            "published": _iso(item.get("date_published") or item.get("date_modified")),
            "language": str(item.get("language") or feed.get("language") or ""),
        }
        items.append((n, _Item(site, fields)))
    if not items:
        raise ParseError("the feed has no items")
    return items


def _media(entry: Mapping[str, Any], caption: str) -> Figure | None:
    """The photo an RSS item names beside its text: Media RSS, else an image enclosure."""
    for media in [*entry.get("media_content", ()), *entry.get("media_thumbnail", ())]:
        url = str(media.get("url") or "")
        kind = str(media.get("medium") or media.get("type") or "image")
        if url and kind.startswith("image"):
            return Figure(caption=caption, credit=str(entry.get("credit") or ""), src=url)
    for link in entry.get("links", ()):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return Figure(caption=caption, src=str(link.get("href") or ""))
    return None


def _json_authors(obj: Mapping[str, Any]) -> list[str]:
    """Names from JSON Feed 1.1 ``authors`` or 1.0 ``author``."""
    found: Sequence[Any] = obj.get("authors") or ([obj["author"]] if obj.get("author") else [])
    if not isinstance(found, list | tuple):
        return []
    return [str(a.get("name")) for a in found if isinstance(a, dict) and a.get("name")]


def _check_count(items: Sequence[Any]) -> None:
    if len(items) > MAX_ITEMS:
        raise ParseError(f"the feed has too many items ({len(items)}; the limit is {MAX_ITEMS})")


def _when(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _iso(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
