"""Put back captioned figures that the extractor dropped from inside the story.

The extractor keeps a marker only when it judges the surrounding element part of
the article; figures in their own wrapper <div> between two paragraphs, and the
lead picture under the headline, are often judged boilerplate. A captioned
figure that stands in the page between the story's first and last paragraph (or
between the headline and the first paragraph) belongs to the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsviewer.domain import Block
from newsviewer.html.figures import marker_index
from newsviewer.html.sanitize import clean_text

_TEXT_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "td")
# Blocks are matched to page elements by the start of their text: long enough to
# be unique within one page, short enough to survive the extractor's trimming.
_KEY_CHARS = 60
# Class names of the elements that hold a story's byline or its date line.
_BYLINE_CLASS = re.compile(r"byline|author|dateline|timestamp", re.I)


@dataclass(slots=True)
class PageOrder:
    """Document-order positions of text elements, figure markers, h1 headings and
    byline or date elements."""

    text: dict[str, int] = field(default_factory=dict)
    markers: dict[int, int] = field(default_factory=dict)
    headings: list[int] = field(default_factory=list)
    bylines: list[int] = field(default_factory=list)


def _key(text: str) -> str:
    return clean_text(text)[:_KEY_CHARS].casefold()


def page_order(root: HtmlElement) -> PageOrder:
    order = PageOrder()
    for position, el in enumerate(root.iter()):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "img":
            index = marker_index(el.get("src") or "")
            if index is not None:
                order.markers[index] = position
        elif tag == "h1":
            order.headings.append(position)
        elif tag == "time" or el.get("rel") == "author":
            order.bylines.append(position)
        elif tag in _TEXT_TAGS:
            key = _key(el.text_content())
            if key:
                order.text.setdefault(key, position)
        if (cls := el.get("class")) and _BYLINE_CLASS.search(cls):
            order.bylines.append(position)
    return order


def block_position(order: PageOrder, block: Block) -> int | None:
    """Where the page element holding ``block`` stands in the page, if it is found."""
    return order.text.get(_key(block.text))


def rescue_positions(
    order: PageOrder, blocks: list[Block], placed: set[int], wanted: set[int]
) -> dict[int, int]:
    """Block positions for the ``wanted`` figure indexes that are not yet ``placed``."""
    anchors: list[tuple[int, int]] = []  # (page position, block index), both ascending
    for i, block in enumerate(blocks):
        pos = order.text.get(_key(block.text))
        if pos is not None and (not anchors or pos > anchors[-1][0]):
            anchors.append((pos, i))
    if not anchors:
        return {}
    first, last = anchors[0][0], anchors[-1][0]
    lead_floor = max((h for h in order.headings if h < first), default=None)
    page_positions = [a[0] for a in anchors]
    result: dict[int, int] = {}
    for index in sorted(wanted - placed):
        pos = order.markers.get(index)
        if pos is None:
            continue
        if first < pos < last:
            result[index] = anchors[bisect_left(page_positions, pos)][1]
        elif pos < first and lead_floor is not None and pos > lead_floor:
            result[index] = 0
    return result
