"""trafilatura's XPath expressions answered in Python: the same elements, in the same order."""

from __future__ import annotations

import random

import lxml.html
import trafilatura
from lxml import etree
from trafilatura import xpaths

from newsviewer.html import extractor_xpaths
from newsviewer.html.extractor_xpaths import faster_xpaths, stand_in

# Pieces of ids, classes and styles that the expressions test for, near misses, case
# variants and letters that only match case-insensitively.
_PIECES = (
    "comment", "Comment", "commentary", "comol", "disqus_thread", "dsq-comments",
    "article-comments", "mvp-post-add-box", "mvp-post-add-wrap", "infinite-scroll",
    "infinitescroll", "elementor-share-buttons", "cookie", "share", "social", "nav", "Nav",
    "navigation", "menu", "ad", "ad-", " ad ", "-ad-", "dfpAd", "widget", "footer",
    "byline", "hidden", "hide-", "hide", "reply-", "comments-title", "display:none",
    "display: none", "teaser", "Teaser", "TEASER", "post", "entry", "articleBody",
    "articleContent", "article-content", "entry-content", "post-body", "fulltext",
    "FullText", "FULLTEXT", "story", "story-body", "primary", "text", "cell", "content",
    "main-content", "Main-Content", "MAIN-CONTENT", "page-content", "Page-Content",
    "content-main", "content_body", "cookie-banner", "Cookie_Notice", "OneTrust",
    "COOKIEBOT", "article", "main", "x", "MostPopularStories", "postarea", "true",
    "\u0130", "\u017f", "K",
)  # fmt: skip
_ATTRIBUTES = (
    "id", "class", "style", "role", "aria-hidden", "data-component",
    "data-lp-replacement-content", "itemprop",
)  # fmt: skip
_TAGS = (
    "div", "section", "aside", "span", "p", "list", "item", "ol", "ul", "details",
    "article", "main", "footer", "script", "style", "svg", "template", "fencedframe", "h1",
)  # fmt: skip


def _value(rng: random.Random) -> str:
    parts = rng.choices(_PIECES, k=rng.randint(0, 3))
    return rng.choice(("", " ", "-", "_")).join(parts)


def _page(rng: random.Random, elements: int = 120) -> etree._Element:
    """A random page: nested elements of the tested tags, attributes in random order."""
    root = lxml.html.document_fromstring("<html><body></body></html>")
    open_elements = [root.find("body")]
    for _ in range(elements):
        parent = rng.choice(open_elements)
        el = etree.SubElement(parent, rng.choice(_TAGS))
        for name in rng.sample(_ATTRIBUTES, rng.randint(0, 4)):
            el.set(name, _value(rng))
        el.text = rng.choice(("", "words"))
        el.tail = rng.choice((None, "tail"))
        if rng.random() < 0.6:
            open_elements.append(el)
        if rng.random() < 0.1:
            parent.append(etree.Comment("a comment"))
    return root


def _expressions() -> list[etree.XPath]:
    found = [
        *xpaths.RAW_TREE_PRUNE_XPATH,
        *xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH,
        *xpaths.OVERALL_DISCARD_XPATH,
        *xpaths.TEASER_DISCARD_XPATH,
        *xpaths.BODY_XPATH,
        trafilatura.settings.BASIC_CLEAN_XPATH,
    ]
    return [x for x in found if isinstance(x, etree.XPath)]


def test_each_stand_in_selects_what_its_expression_selects() -> None:
    rng = random.Random(11)
    pages = [_page(rng) for _ in range(60)]
    tried = 0
    for expression in _expressions():
        faster = stand_in(expression)
        if faster is None:
            continue
        tried += 1
        for page in pages:
            for root in (page, page.find("body")):
                expected = expression(root)
                assert faster(root) == expected, expression.path
    # The installed trafilatura is the one the stand-ins were written for.
    assert tried >= 10


def test_id_before_class_or_class_before_id_is_read_as_the_expression_reads_it() -> None:
    # starts-with(@id|@class, 'reply-') reads whichever attribute the tag lists first.
    page = lxml.html.document_fromstring(
        '<html><body><div id="reply-1" class="x">a</div><div class="x" id="reply-2">b</div>'
        '<div class="reply-3" id="x">c</div></body></html>'
    )
    expression = xpaths.OVERALL_DISCARD_XPATH[1]
    faster = stand_in(expression)
    assert faster is not None
    assert [el.text for el in faster(page)] == [el.text for el in expression(page)] == ["a", "c"]


def test_an_expression_without_a_stand_in_is_left_alone() -> None:
    assert stand_in(etree.XPath(".//*[re:test(@id, 'x')]", namespaces={"re": "r"})) is None


def test_trafilatura_runs_its_own_expressions_outside_our_extraction() -> None:
    before = list(xpaths.OVERALL_DISCARD_XPATH)
    with faster_xpaths():
        inside = list(xpaths.OVERALL_DISCARD_XPATH)
        with faster_xpaths():
            pass
        assert list(xpaths.OVERALL_DISCARD_XPATH) == inside
    assert all(isinstance(x, extractor_xpaths.StandIn) for x in inside)
    assert list(xpaths.OVERALL_DISCARD_XPATH) == before
    assert all(isinstance(x, etree.XPath) for x in before)
