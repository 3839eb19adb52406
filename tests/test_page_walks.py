"""Walks that replaced XPath queries in our passes select the same elements, in order;
the visible text of a long page is read only as far as it is used."""

from __future__ import annotations

import random

import lxml.html
from lxml import etree

from newsviewer.html.date_place import _SCAN_CHARS, shown_text
from newsviewer.html.datelines import _before_paragraph
from newsviewer.html.loose_text import _text_after_block
from newsviewer.importers.html import _HTML_PARSER

# The queries the walks replaced, as they were written.
_TEXT_AFTER_BLOCK = etree.XPath(
    "//*[self::div or self::figure or self::table or self::ul or self::ol or self::p"
    " or self::blockquote or self::h2 or self::h3 or self::h4]"
    "[following-sibling::node()[1][self::text()][normalize-space()]]"
)
_BEFORE_PARAGRAPH = etree.XPath(
    "//*[self::b or self::strong or self::span][following-sibling::*[1][self::p]]"
)
_TAGS = (
    "div", "figure", "table", "ul", "ol", "p", "blockquote", "h2", "h3", "h4", "h1",
    "b", "strong", "span", "a", "em", "section",
)  # fmt: skip
# Tails: none, XPath's own whitespace (normalize-space strips it), other white space
# (a no-break space, an em space: text to XPath), words.
_TAILS = (None, "", " ", "\n\t \r", "\xa0", "\u2003", " words ", "a sentence of text after it")


def _page(rng: random.Random, elements: int = 150) -> etree._Element:
    root = lxml.html.document_fromstring("<html><body></body></html>", parser=_HTML_PARSER)
    open_elements = [root.find("body")]
    for _ in range(elements):
        parent = rng.choice(open_elements)
        if rng.random() < 0.1:
            node: etree._Element = etree.Comment("a comment")
            parent.append(node)
        else:
            node = etree.SubElement(parent, rng.choice(_TAGS))
            node.text = rng.choice(("", "words"))
            if rng.random() < 0.5:
                open_elements.append(node)
        node.tail = rng.choice(_TAILS)
    return root


def test_the_walks_select_what_the_queries_select_on_random_pages() -> None:
    rng = random.Random(7)
    for _ in range(80):
        page = _page(rng)
        assert _text_after_block(page) == _TEXT_AFTER_BLOCK(page)
        assert _before_paragraph(page) == _BEFORE_PARAGRAPH(page)


def test_a_second_html_element_after_the_page_is_walked_as_well() -> None:
    # "</html><html>" leaves a second root-level element beside the one the parser
    # returns; a query from "//" reads it too.
    root = lxml.html.document_fromstring(
        "<html><body><div>a</div></body></html>"
        "<html><div>b</div>loose text after the block<b>Paris:</b><p>Story</p></html>",
        parser=_HTML_PARSER,
    )
    assert len(list(root.itersiblings())) == 1
    found = _text_after_block(root)
    assert [el.text for el in found] == ["b"] == [el.text for el in _TEXT_AFTER_BLOCK(root)]
    before = _before_paragraph(root)
    assert [el.text for el in before] == ["Paris:"] == [el.text for el in _BEFORE_PARAGRAPH(root)]


def _shown_text_whole(root: etree._Element) -> str:
    """shown_text's text as it was read before: every text node, then cut."""
    body = root.find("body")
    nodes = etree.XPath(
        "descendant::text()[not(parent::script or parent::style or parent::noscript"
        " or parent::template or parent::option)]"
    )(body)
    parts = [" ".join(str(node).split()) for node in nodes]
    return "\n".join(p for p in parts if p)[:_SCAN_CHARS]


def test_a_long_page_is_read_as_far_as_the_scan_goes_and_no_further() -> None:
    rng = random.Random(3)
    words = ("alpha", "beta", "gamma", "  ", "\n", "delta epsilon", "")
    for paragraphs in (10, 3_000, 9_000):
        html = "".join(
            f"<p>{' '.join(rng.choices(words, k=rng.randint(0, 12)))}</p><script>x = 1</script>"
            + ("<h2>A heading of the page</h2>" if i % 500 == 0 else "")
            for i in range(paragraphs)
        )
        root = lxml.html.document_fromstring(
            f"<html><body>{html}</body></html>", parser=_HTML_PARSER
        )
        shown = shown_text(root)
        assert shown.text == _shown_text_whole(root)
        assert len(shown.text) <= _SCAN_CHARS
        if paragraphs == 9_000:
            assert len(shown.text) == _SCAN_CHARS
