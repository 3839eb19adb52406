"""Put back captioned figures that the extractor dropped from inside the story.

The extractor keeps a marker only when it judges the surrounding element part of
the article; figures in their own wrapper <div> between two paragraphs, and the
lead picture under the headline, are often judged boilerplate. A captioned
figure that stands in the page between the story's first and last paragraph (or
between the headline and the first paragraph) belongs to the story.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsviewer.domain import Block
from newsviewer.html.figures import marker_index
from newsviewer.html.sanitize import clean_text

TEXT_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "td")
# Blocks are matched to page elements by the start of their text: long enough to
# be unique within one page, short enough to survive the extractor's trimming.
_KEY_CHARS = 60
_PREFIX_CHARS = 4 * _KEY_CHARS


@dataclass(slots=True)
class PageOrder:
    """Document-order positions of text elements, figure markers and h1 headings.

    Positions count only those elements: they order them, nothing more.
    """

    text: dict[str, int] = field(default_factory=dict)
    markers: dict[int, int] = field(default_factory=dict)
    headings: list[int] = field(default_factory=list)


def text_key(text: str) -> str:
    """The start of an element's text, as blocks and page elements are matched by."""
    # Only the start is kept, so only a start is cleaned: a table cell holding a
    # whole page would otherwise be cleaned whole, once per enclosing element.
    # Cleaning is local to each run of space, so a prefix that cleans to more than
    # the key's length gives the same key; one that is mostly space falls back.
    cleaned = clean_text(text[:_PREFIX_CHARS])
    if len(cleaned) <= _KEY_CHARS and len(text) > _PREFIX_CHARS:
        cleaned = clean_text(text)
    return cleaned[:_KEY_CHARS].casefold()


def page_order(root: HtmlElement) -> PageOrder:
    order = PageOrder()
    # Only the elements recorded are walked: lxml picks them in C.
    for position, el in enumerate(root.iter("img", "h1", *TEXT_TAGS)):
        tag = el.tag
        if tag == "img":
            index = marker_index(el.get("src") or "")
            if index is not None:
                order.markers[index] = position
        elif tag == "h1":
            order.headings.append(position)
        else:
            key = text_key(el.text_content())
            if key:
                order.text.setdefault(key, position)
    return order


def rescue_positions(
    order: PageOrder, blocks: list[Block], placed: set[int], wanted: set[int]
) -> dict[int, int]:
    """Block positions for the ``wanted`` figure indexes that are not yet ``placed``."""
    anchors: list[tuple[int, int]] = []  # (page position, block index), both ascending
    for i, block in enumerate(blocks):
        pos = order.text.get(text_key(block.text))
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
