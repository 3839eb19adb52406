"""trafilatura's byline search in the page's markup, at a fraction of its cost.

``trafilatura.metadata.extract_author`` copies the whole page, prunes comments,
sidebars, figures and dates from the copy, then runs three XPath queries whose
regular-expression tests call back into Python for every element of the page. Most
elements carry no class or id that could name an author, so here one XPath query
without regular expressions (it runs in C) picks the few elements that might; the
exact tests, the pruning and the text rule are then applied to those alone. The
result is the one trafilatura gives: same tiers, same document order, same limits.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors

# Elements that carry an attribute any tier below tests. Literal tests in XPath run in
# C but each costs a pass over the page; the regular expressions run on these few.
# From the page's root element down, in one step: "//*[...] | //author" made libxml2
# merge a node set per element and sort the union, a third of this search's cost.
_ATTRIBUTED = etree.XPath(
    "descendant-or-self::*[@class or @id or @rel or @itemprop or @data-testid"
    " or @data-component or self::author]"
)
# Every value any tier below could accept contains one of these pieces.
_MAYBE = re.compile(
    r"uthor|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|journalist-name"
    r"|screenname|writer|yline|^(?:username|byl|BBL)$"
)

_TIER1_TAGS = {"a", "address", "div", "link", "p", "span", "strong"}
_TIER1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_TIER2_TAGS = {"a", "div", "h3", "h4", "p", "span"}
_TIER2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_TIER2_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_TIER3_ID = re.compile(r"[Aa]uthor")
_TIER3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")

# What trafilatura prunes before it searches: comment threads, sidebars, quotes,
# share and print tools, categories, figures and dates.
_DISCARD_TAGS = {"a", "div", "section", "span"}
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    r"|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_DISCARD_ALWAYS = {"time", "figure"}
# trafilatura's bounds on a byline's length: shorter is an initial, longer a sentence.
_MIN_CHARS = 2
_MAX_CHARS = 120


def _maybe(el: etree._Element) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.tag == "author" or el.get("rel") == "author":
        return True
    attrib = el.attrib
    for name in ("itemprop", "data-testid", "data-component"):
        if name in attrib:
            return True
    cls = el.get("class")
    ident = el.get("id")
    return (cls is not None and _MAYBE.search(cls) is not None) or (
        ident is not None and _MAYBE.search(ident) is not None
    )


def _tier1(el: etree._Element) -> bool:
    if el.tag == "author":
        return True
    if el.tag not in _TIER1_TAGS:
        return False
    cls = el.get("class")
    return (
        el.get("rel") == "author"
        or el.get("id") == "author"
        or cls == "author"
        or el.get("itemprop") == "author name"
        or el.get("data-testid") in ("AuthorCard", "AuthorURL")
        or (cls is not None and _TIER1_CLASS.search(cls) is not None)
    )


def _tier2(el: etree._Element) -> bool:
    if el.tag not in _TIER2_TAGS:
        return False
    cls = el.get("class")
    ident = el.get("id")
    return (
        cls in ("byline", "username", "byl", "BBL")
        or "author" in (el.get("itemprop") or "")
        or (ident is not None and _TIER2_ID.search(ident) is not None)
        or (cls is not None and _TIER2_CLASS.search(cls) is not None)
    )


def _tier3(el: etree._Element) -> bool:
    cls = el.get("class")
    ident = el.get("id")
    return (
        "Byline" in (el.get("data-component") or "")
        or "author" in (el.get("itemprop") or "")
        or (ident is not None and _TIER3_ID.search(ident) is not None)
        or (cls is not None and _TIER3_CLASS.search(cls) is not None)
    )


_TIERS: tuple[Callable[[etree._Element], bool], ...] = (_tier1, _tier2, _tier3)


def _discarded(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _DISCARD_ALWAYS:
        return True
    if tag not in _DISCARD_TAGS:
        return False
    cls = el.get("class")
    ident = el.get("id")
    return (
        ident == "comments"
        or cls in ("comments", "title", "date")
        or (ident is not None and _DISCARD_ID.search(ident) is not None)
        or (cls is not None and _DISCARD_CLASS.search(cls) is not None)
        or "Figure" in (el.get("data-component") or "")
    )


def _pruned_away(el: etree._Element) -> bool:
    """Inside (or itself) a part trafilatura prunes; the page's root never is."""
    node: etree._Element | None = el
    while node is not None and node.getparent() is not None:
        if _discarded(node):
            return True
        node = node.getparent()
    return False


def _text(el: etree._Element) -> str:
    """The element's text once pruned parts inside it are gone (their tails stay)."""
    inner = [d for d in el.iterdescendants() if isinstance(d.tag, str) and _discarded(d)]
    if inner:
        el = copy.deepcopy(el)
        for d in [d for d in el.iterdescendants() if isinstance(d.tag, str) and _discarded(d)]:
            _delete_keeping_tail(d)
    return " ".join(" ".join(el.itertext()).split())


def _delete_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def markup_author(root: HtmlElement) -> str | None:
    """The byline trafilatura's author search finds in the page, normalised."""
    candidates = [el for el in _ATTRIBUTED(root) if _maybe(el)]
    for tier in _TIERS:
        for el in candidates:
            if not tier(el) or _pruned_away(el):
                continue
            content = _text(el)
            if content and _MIN_CHARS < len(content) < _MAX_CHARS:
                return normalize_authors(None, content)
    return None
