"""The headings a page sets as its article's headline.

An h1 alone says little: pages put their logo, a section name or a "Read more" box
in h1s too. One whose class or id names a headline ("headline", "article-title",
"entry-title", "hed" as newsrooms abbreviate it), that carries itemprop=headline, or
that sits in a <header>, is the headline the page shows its readers; the importer
prefers it to titles written for search engines and social cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
# The line set above a headline naming its topic ("Genetik", "Exclusive"): newsrooms
# call it the kicker, designers the eyebrow or overline.
_KICKER = re.compile(r"kicker|eyebrow|overline", re.I)
_LOGO = re.compile(r"logo", re.I)
# Ancestors looked at for a <header>: the h1 sits in the header or one wrapper below it.
_HEADER_DEPTH = 3
# Headings looked at; pages with more h1s than this are listings, not articles.
_MAX_HEADINGS = 8


@dataclass(frozen=True, slots=True)
class PageHeading:
    """A heading a reader sees, and where the page puts it."""

    text: str
    # Its markup calls it the headline (class, id, itemprop or a <header> around it).
    marked: bool
    # Characters of paragraph text before it in the page: a heading after the story
    # has begun is a box in or below the story, not its title.
    text_before: int


def page_headings(root: HtmlElement) -> list[PageHeading]:
    """The distinct h1s a reader sees on the page, in document order.

    Logos (an h1 linking to the front page), breadcrumbs, hidden text, the site's own
    navigation and an h1 the markup calls an alternative headline are left out.
    Empty h1s (placeholders that scripts fill) do not count towards the limit.
    """
    found: list[PageHeading] = []
    seen: set[str] = set()
    before = 0
    count = 0
    for el in root.iter("h1", "p"):
        if el.tag == "p":
            # Raw length: the bound is loose enough for the page's own spacing.
            before += len(el.text_content())
            continue
        text = heading_text(el)
        if not text:
            continue
        count += 1
        if count > _MAX_HEADINGS:
            return []
        if not _shown_as_heading(el):
            continue
        if text in seen:
            # A copy the markup marks (a sticky bar's title repeated in the header)
            # marks the first.
            if _marked(el):
                found = [replace(h, marked=True) if h.text == text else h for h in found]
            continue
        seen.add(text)
        found.append(PageHeading(text, _marked(el), before))
    return found


def second_level_headline(root: HtmlElement) -> PageHeading | None:
    """The first h2 a reader sees in the page's content, for pages whose h1 is no headline.

    Some pages keep their h1 for the site's name or a breadcrumb and set the story's
    headline in an h2 (often with itemprop=headline or in the article's <header>).
    Listings (more h1s than an article has) have none.
    """
    if sum(1 for el in root.iter("h1") if heading_text(el)) > _MAX_HEADINGS:
        return None
    for el in root.iter("h2"):
        text = heading_text(el)
        if text and _shown_as_heading(el):
            return PageHeading(text, _marked(el), 0)
    return None


def heading_text(el: HtmlElement) -> str:
    """A heading's words without the kicker set above it ("Genetik", "Exclusive")."""
    kickers = [
        k
        for k in el.iterdescendants()
        if isinstance(k.tag, str) and _KICKER.search(_marks(k)) and not _HIDDEN.search(_marks(k))
    ]
    if not kickers:
        return clean_text(el.text_content())
    parts: list[str] = []
    skip: set[HtmlElement] = set()
    for k in kickers:
        skip.update(k.iter())
    _collect(el, skip, parts, top=True)
    text = clean_text("".join(parts)).strip(" :|-–—·")
    return text or clean_text(el.text_content())


def _collect(el: HtmlElement, skip: set[HtmlElement], parts: list[str], top: bool) -> None:
    # The kicker's screen-reader separator (": " in a hidden span) goes with it.
    hidden = not top and _HIDDEN.search(_marks(el)) is not None
    if el not in skip and not hidden and el.text:
        parts.append(el.text)
    if el not in skip and not hidden:
        for child in el:
            if isinstance(child.tag, str):
                _collect(child, skip, parts, top=False)
    if not top and el.tail:
        parts.append(el.tail)


def _shown_as_heading(el: HtmlElement) -> bool:
    if _hidden_or_outside(el) or _links_home(el) or _in_list(el):
        return False
    # itemprop=alternativeHeadline: the page says this is not its headline.
    return "alternativeheadline" not in (el.get("itemprop") or "").casefold().split()


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


def _in_list(el: HtmlElement) -> bool:
    """A list item: the last step of a breadcrumb trail, or an entry in a list of links."""
    return any(a.tag == "li" for a in el.iterancestors())


def _links_home(el: HtmlElement) -> bool:
    """A logo: the h1 links to the site's front page ("/", "https://site.example/").

    Headlines link to their own story, if anywhere; a link to the front page is how
    sites wrap their name or logo.
    """
    for link in el.iter("a", "img"):
        # A link or picture the page itself calls its logo.
        if _LOGO.search(_marks(link)):
            return True
        if link.tag == "img":
            continue
        href = (link.get("href") or "").strip()
        if href in ("/", "./", "#", "") or href.startswith(("/?", "index.")):
            return True
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query:
            return True
    return False
