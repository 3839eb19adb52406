"""Article metadata a page declares: JSON-LD, OpenGraph, meta tags, microdata.

Each field is taken from the most specific source that has it: schema.org JSON-LD
for the article, then OpenGraph/article:* properties, then plain meta tags and
microdata, then the document itself (<title>, <html lang>).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsviewer.html.dates import parse_date
from newsviewer.html.headings import PageHeading, page_headings, second_level_headline
from newsviewer.html.sanitize import clean_text, plain_text

# schema.org types that describe the article itself rather than the site or a list.
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "review",
    "creativework",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage"}

_TITLE_KEYS = (
    "dc:title",
    "dcterm:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "dc.title",
    "title",
)
_DESCRIPTION_KEYS = (
    "dc:description",
    "dcterm:description",
    "og:description",
    "twitter:description",
    "description",
    "dc.description",
)
# Article-specific keys first: many sites set a site-wide "author" (the publisher,
# "Condé Nast") beside the article's own "article:author".
_AUTHOR_KEYS = (
    "article:author",
    # The same property with OpenGraph's prefix, as some CMSs write it (the dates'
    # "og:article:published_time" likewise).
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "dc:creator",
    "dcterm:creator",
    "dc.creator",
    "citation_author",
    "author",
)
# Meta keys such as "branch:deeplink:authorName1" that apps and analytics set.
_AUTHOR_NAME_KEY = re.compile(r"(?:^|[:._-])author_?name\d*$")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "citation_publication_date",
    "article.published",
    "published-date",
    "og:published_time",
    "article:modified_time",
)
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site", "publisher")


@dataclass(slots=True)
class PageMetadata:
    """What the page says about itself, cleaned to plain text."""

    title: str = ""
    document_title: str = ""
    headings: list[str] = field(default_factory=list)
    # The h1s whose markup calls them the page's headline (see ``headline_marks``).
    marked_headings: list[str] = field(default_factory=list)
    # The h1s a reader sees (no logos, breadcrumbs or hidden ones), with their marks.
    shown_headings: list[PageHeading] = field(default_factory=list)
    # The first h2 a reader sees: the headline on pages that keep h1 for their name.
    second_level: PageHeading | None = None
    # JSON-LD headline of the article when the <title> repeats it, else "".
    confirmed_ld_title: str = ""
    description: str = ""
    authors: list[str] = field(default_factory=list)
    # Every author string list the page declares, most specific source first; the
    # importer takes the first that names a person.
    author_candidates: list[list[str]] = field(default_factory=list)
    published: datetime | None = None
    site: str = ""
    url: str = ""
    language: str = ""


def read_metadata(root: HtmlElement) -> PageMetadata:
    """Collect metadata from a parsed page (before scripts are stripped)."""
    meta, multi = _meta_tags(root)
    # One XPath query instead of a Python walk over every element per property.
    props: list[HtmlElement] = root.xpath("//*[@itemprop]")
    ld = _article_json_ld(root)
    result = PageMetadata()

    result.document_title = _document_title(root)
    result.headings = _headings(root)
    result.shown_headings = page_headings(root)
    result.marked_headings = [h.text for h in result.shown_headings if h.marked]
    result.second_level = second_level_headline(root)
    # JSON-LD headline/name win when the page shows them too (Wikipedia puts its
    # one-line description in "headline").
    shown = (result.document_title + "\n" + "\n".join(result.headings)).casefold()
    ld_titles = [plain_text(_ld_text(ld, k)) for k in ("headline", "name")]
    confirmed = [t for t in ld_titles if t and t.casefold() in shown]
    document = result.document_title.casefold()
    result.confirmed_ld_title = next((t for t in ld_titles if t and t.casefold() in document), "")
    result.title = _first(
        *confirmed,
        *(meta.get(k, "") for k in _TITLE_KEYS),
        *ld_titles,
        _itemprop(props, "headline"),
    )
    result.description = _first(
        *(meta.get(k, "") for k in _DESCRIPTION_KEYS), _ld_text(ld, "description")
    )
    ld_author = ld.get("author") if ld else None
    candidates = [
        _ld_people(ld_author, people_only=True),
        *_meta_authors(meta, multi),
        _itemprop_authors(props),
        _rel_author(root),
        _ld_people(ld_author),
    ]
    result.author_candidates = [c for c in candidates if any(c)]
    result.authors = result.author_candidates[0] if result.author_candidates else []
    result.published = _first_date(
        _ld_text(ld, "datePublished"),
        _ld_text(ld, "dateCreated"),
        *(meta.get(k, "") for k in _DATE_KEYS),
        *_itemprop_dates(root, props),
        _ld_text(ld, "dateModified"),
    )
    publisher = ld.get("publisher") if ld else None
    result.site = _first(
        meta.get("og:site_name", ""),
        _ld_people_first(publisher),
        meta.get("application-name", ""),
    )
    result.url = _first(
        _canonical(root),
        meta.get("og:url", ""),
        _ld_url(ld),
    )
    result.language = _language(root, meta, ld)
    return result


def _first(*values: str) -> str:
    for value in values:
        if value:
            text = plain_text(value)
            if text:
                return text
    return ""


def _first_date(*values: str) -> datetime | None:
    for value in values:
        if value:
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
    return None


def _meta_tags(root: HtmlElement) -> tuple[dict[str, str], dict[str, list[str]]]:
    """First content of each meta name/property (keys lower-cased), and all contents."""
    found: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        # Some tools that save pages (and the Mercury fixtures) keep it in "value".
        content = el.get("content") or el.get("value")
        if content is None or not content.strip():
            continue
        content = content.strip()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                for one in key.lower().split():
                    found.setdefault(one, content)
                    every.setdefault(one, []).append(content)
    return found, every


def _document_title(root: HtmlElement) -> str:
    for el in root.iter("title"):
        text = clean_text(el.text_content())
        if text:
            return text
        break
    return ""


def _headings(root: HtmlElement) -> list[str]:
    # A page has one h1 as a rule; a few put the site logo in another one.
    found = []
    for el in root.iter("h1"):
        text = clean_text(el.text_content())
        if text and text not in found:
            found.append(text)
    return found[:5]


def _canonical(root: HtmlElement) -> str:
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        href = (el.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            return href
    return ""


def _language(root: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> str:
    candidates = [
        root.get("lang") or "",
        root.get("xml:lang") or "",
        meta.get("content-language", ""),
        meta.get("og:locale", ""),
        meta.get("language", ""),
        _ld_text(ld, "inLanguage"),
    ]
    for value in candidates:
        value = value.strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            return value
    return ""


# ---- JSON-LD -----------------------------------------------------------------


def _json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$", "", raw).strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        yield from _walk(data, depth=0)


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    # Graphs nest articles in lists, @graph and mainEntity; a few levels suffice.
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values}


def _article_json_ld(root: HtmlElement) -> dict[str, Any] | None:
    page: dict[str, Any] | None = None
    for obj in _json_ld_objects(root):
        types = _types(obj)
        if types & _ARTICLE_TYPES and (obj.get("headline") or obj.get("name")):
            return obj
        if page is None and types & _PAGE_TYPES and obj.get("headline"):
            page = obj
    return page


def _ld_text(obj: dict[str, Any] | None, key: str) -> str:
    if not obj:
        return ""
    value = obj.get(key)
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return value.strip() if isinstance(value, str) else ""


def _ld_url(obj: dict[str, Any] | None) -> str:
    if not obj:
        return ""
    for key in ("url", "mainEntityOfPage"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return ""


def _ld_people(value: Any, people_only: bool = False) -> list[str]:
    """Names of the authors given; with ``people_only``, not organisations."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if people_only and _types(item) & {"organization", "newsmediaorganization"}:
                continue
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                names.append(plain_text(name))
        elif isinstance(item, str):
            names.append(plain_text(item))
    return [n for n in names if n]


def _ld_people_first(value: Any) -> str:
    people = _ld_people(value)
    return people[0] if people else ""


# ---- meta tags and microdata -------------------------------------------------


def _meta_authors(meta: dict[str, str], every: dict[str, list[str]]) -> list[list[str]]:
    """Author lists from meta tags, one per key; a key given twice names two authors."""
    keys = [*_AUTHOR_KEYS, *(k for k in meta if _AUTHOR_NAME_KEY.search(k))]
    found: list[list[str]] = []
    for key in keys:
        values = [
            plain_text(v)
            for v in every.get(key, [])
            if not v.startswith(("http://", "https://", "@"))
        ]
        values = list(dict.fromkeys(v for v in values if v))
        if values:
            found.append(values)
    return found


def _itemprop(props: list[HtmlElement], prop: str) -> str:
    for el in props:
        if el.tag in ("meta", "link"):
            continue
        if prop in (el.get("itemprop") or "").split():
            return clean_text(el.text_content())
    return ""


def _itemprop_authors(props: list[HtmlElement]) -> list[str]:
    names: list[str] = []
    for el in props:
        if "author" not in (el.get("itemprop") or "").split():
            continue
        if el.tag == "meta":
            value = el.get("content") or el.get("value") or ""
        else:
            inner = [
                e
                for e in el.iter()
                if isinstance(e.tag, str) and "name" in (e.get("itemprop") or "").split()
            ]
            if inner:
                value = inner[0].get("content") or inner[0].text_content()
            else:
                value = el.text_content()
        value = clean_text(value)
        # Long text under itemprop=author is a bio box, not a name.
        if value and len(value) < 80 and value not in names:
            names.append(value)
    return names


_HATOM_PUBLISHED = etree.XPath(
    "//abbr[@title][contains(concat(' ', normalize-space(@class), ' '), ' published ')]"
)


def _itemprop_dates(root: HtmlElement, elements: list[HtmlElement]) -> list[str]:
    values: list[str] = []
    for el in [*elements, *root.xpath("//time[@pubdate]")]:
        props = (el.get("itemprop") or "").split()
        is_pub = "datePublished" in props or (el.tag == "time" and el.get("pubdate") is not None)
        if is_pub:
            values.append(el.get("content") or el.get("datetime") or el.text_content())
    # The hAtom microformat of blogs: <abbr class="published" title="2009-03-01T23:30:00-05:00">,
    # the moment with its zone in the title and a friendly "Sunday night" as the text.
    values.extend(el.get("title") or "" for el in _HATOM_PUBLISHED(root))
    return values


def _rel_author(root: HtmlElement) -> list[str]:
    for el in root.iter("a"):
        if "author" in (el.get("rel") or "").lower().split():
            text = clean_text(el.text_content())
            if text and len(text) < 80:
                return [text]
    return []
