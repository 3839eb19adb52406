"""The story of a page the main extraction reads nothing from, so no readable page is refused.

In order: the extractor again, leaning to recall and without figures; the element
holding the most paragraph text; the page's visible text, line by line. A page with
fewer than ``MIN_VISIBLE_WORDS`` words of visible text has no story to read.
"""

from __future__ import annotations

from configparser import ConfigParser

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from newsviewer.domain import PARAGRAPH, Block
from newsviewer.html.body import Body, body_from_xml
from newsviewer.html.extractor_xpaths import faster_xpaths
from newsviewer.html.sanitize import clean_text

# A short paragraph and a headline: less than this is a notice, a menu or an error page
# ("Page not found", "Please enable JavaScript"), not a story one could read.
MIN_VISIBLE_WORDS = 50

# Elements that run inside a line of text; every other element starts a new line.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i"}
    | {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time"}
    | {"u", "var", "img", "nobr", "wbr"}
)
# Containers whose paragraphs are weighed as a possible story.
_CONTAINERS = ("div", "td", "article", "section", "main", "body", "center", "blockquote")
# A line of page text shorter than this many words is a link, a label or a button.
_MIN_LINE_WORDS = 4


def fallback_blocks(root: HtmlElement, config: ConfigParser) -> list[Block]:
    """Blocks from the first fallback that finds a story's worth of words; [] if none."""
    for find in (_extractor_recall, _largest_container, _visible_lines):
        blocks = find(root, config)
        if sum(len(b.text.split()) for b in blocks) >= MIN_VISIBLE_WORDS:
            return blocks
    return []


def extractor_body(
    root: HtmlElement,
    config: ConfigParser,
    *,
    url: str | None = None,
    include_images: bool = False,
    favor_recall: bool = False,
) -> Body:
    """The body trafilatura extracts from ``root`` (tables kept, no comments, no metadata).

    One call for the main pass and the fallback, which differ only in these options.
    """
    with faster_xpaths():
        extracted = trafilatura.bare_extraction(
            root,
            url=url,
            favor_recall=favor_recall,
            include_images=include_images,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            # Only the body tree is read: "python" would also flatten it to a text we
            # never use (no other option reads the format unless formatting is on).
            output_format="txt",
            config=config,
        )
    body_el = getattr(extracted, "body", None) if extracted is not None else None
    return body_from_xml(body_el) if body_el is not None else Body()


def _extractor_recall(root: HtmlElement, config: ConfigParser) -> list[Block]:
    return extractor_body(root, config, favor_recall=True).blocks


def _largest_container(root: HtmlElement, config: ConfigParser) -> list[Block]:
    """The lines of the container with the most text in paragraphs of its own."""
    best, best_chars = None, 0
    for el in root.iter(*_CONTAINERS):
        chars = len((el.text or "").strip())
        for child in el:
            if child.tag in ("p", "br", "font", "b", "i", "em", "strong", "a", "span"):
                chars += len(child.text_content().strip()) if child.tag == "p" else 0
                chars += len((child.tail or "").strip())
        if chars > best_chars:
            best, best_chars = el, chars
    return _lines(best) if best is not None else []


def _visible_lines(root: HtmlElement, config: ConfigParser) -> list[Block]:
    body = root.find("body")
    return _lines(body if body is not None else root)


def _lines(el: HtmlElement) -> list[Block]:
    """The element's text cut into lines where its block elements and line breaks are."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        block = node.tag not in _INLINE
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    lines = (clean_text(line) for line in "".join(parts).split("\n"))
    return [
        Block(kind=PARAGRAPH, text=line) for line in lines if len(line.split()) >= _MIN_LINE_WORDS
    ]
