"""The h1s a page's markup marks as its article's headline.

An h1 alone says little: pages put their logo, a section name or a "Read more" box
in h1s too. One whose class or id names a headline ("headline", "article-title",
"entry-title", "hed" as newsrooms abbreviate it), that carries itemprop=headline, or
that sits in a <header>, is the headline the page shows its readers; the importer
prefers it to titles written for search engines and social cards.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsviewer.html.sanitize import clean_text

# Class or id tokens naming a headline. "hed" is newsroom shorthand (ContentHeaderHed,
# "hed"), matched as a word of its own so "pushed" or "cached" do not count.
_HEADLINE_MARK = re.compile(
    r"headline|title|heading|(?<![A-Za-z0-9])hed(?![a-z])|[a-z]Hed(?![a-z])", re.I
)
# Sections that hold a site's own headings, never the article's.
_OUTSIDE = {"nav", "footer", "aside", "form"}
# Marks of text kept for screen readers or hidden until a menu opens.
_HIDDEN = re.compile(r"hidden|sr-only|screen-reader|visually|offscreen", re.I)
# Ancestors looked at for a <header>: the h1 sits in the header or one wrapper below it.
_HEADER_DEPTH = 3
# Headings looked at; pages with more h1s than this are listings, not articles.
_MAX_HEADINGS = 8


def marked_headings(root: HtmlElement) -> list[str]:
    """Distinct texts of the h1s marked as a headline, in document order."""
    found: list[str] = []
    for count, el in enumerate(root.iter("h1")):
        if count >= _MAX_HEADINGS:
            return []
        if not _marked(el) or _hidden_or_outside(el) or _links_home(el):
            continue
        text = clean_text(el.text_content())
        if text and text not in found:
            found.append(text)
    return found


def _marks(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _marked(el: HtmlElement) -> bool:
    if "headline" in (el.get("itemprop") or "").split():
        return True
    if _HEADLINE_MARK.search(_marks(el)):
        return True
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth >= _HEADER_DEPTH:
            break
        if ancestor.tag == "header":
            return True
    return False


def _hidden_or_outside(el: HtmlElement) -> bool:
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    if _HIDDEN.search(_marks(el)):
        return True
    for ancestor in el.iterancestors():
        if ancestor.tag in _OUTSIDE:
            return True
        if ancestor.tag in ("body", "html"):
            break
    return False


def _links_home(el: HtmlElement) -> bool:
    """A logo: the h1 links to the site's front page ("/", "https://site.example/").

    Headlines link to their own story, if anywhere; a link to the front page is how
    sites wrap their name or logo.
    """
    for link in el.iter("a"):
        href = (link.get("href") or "").strip()
        if href in ("/", "./", "#", "") or href.startswith(("/?", "index.")):
            return True
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query:
            return True
    return False
