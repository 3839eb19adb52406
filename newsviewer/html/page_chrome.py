"""A page's interface kept above the story: menus, search tips, a video player's labels.

When the extractor finds no story container it keeps the whole page, and the story
then starts after a long run of short lines ("Type ? for help", "Up next", a list of
editions). Such a run is recognised by where the story starts, as the page itself
marks it: the element holding the most paragraph text (where a reader's eye goes,
and what Readability-style extractors choose), or else the page's own description
of the story (a video page's description block). Everything above that start is
dropped only when it is mostly short lines of interface: a story that opens with a
long paragraph outside its main container keeps it, and so does one that opens with
a table (an infobox: the page's data) or a list of plain text (the things a how-to
needs), where a menu is a list of links.
"""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

from newsviewer.domain import LIST_ITEM, Block
from newsviewer.html.placement import text_key
from newsviewer.html.text_keys import display_width, letters_key

# A line of interface text: a label, a menu entry, a tip, a view count. Width counts a
# CJK character as three (see _width), so the bound holds for Japanese menus too.
_SHORT = 80
# The run must be long enough to be a page's furniture rather than a story's kicker,
# dateline and byline (which the leading-boilerplate pass handles on its own).
_MIN_RUN = 5
# Share of interface lines the run needs: an error notice or a cookie banner may be a
# sentence long, so one in ten may be; a lead paragraph set above the story's container
# among a kicker, a byline and a date is a larger share of such a short run, and stays.
_SHORT_SHARE = 0.9
# Share of a run's list items that must be links for the list to be a menu.
_LINKED_SHARE = 0.5
# A description shorter than this ("News", "Home") could open any block by chance.
_MIN_DESCRIPTION = 12
# Only pages whose extracted text opens with this many short lines pay for the search.
_GATE = 3


def chrome_before_story(blocks: list[Block], root: HtmlElement, description: str) -> int:
    """How many of the first blocks are the page's interface above its story.

    ``root`` is the page the extractor read; ``description`` the page's own summary.
    """
    if len(blocks) <= _GATE or any(display_width(b.text) > _SHORT for b in blocks[:_GATE]):
        return 0
    start = _container_start(blocks, root)
    if start is None:
        start = _description_start(blocks, description)
    if start is None or start < _MIN_RUN:
        return 0
    prefix = blocks[:start]
    if sum(1 for b in prefix if _short_line(b)) < _SHORT_SHARE * start:
        return 0
    # A menu's items are links, with a label or two among them ("Available editions:");
    # the things a how-to needs are a list of plain text.
    items = [text_key(b.text) for b in prefix if b.kind == LIST_ITEM]
    if items:
        links = {text_key(a.text_content()) for a in root.iter("a")}
        if sum(1 for k in items if k in links) < _LINKED_SHARE * len(items):
            return 0
    return start


def _short_line(block: Block) -> bool:
    """A short line that is not a table row (an infobox's row is the page's data)."""
    return display_width(block.text) <= _SHORT and " | " not in block.text


def _container_start(blocks: list[Block], root: HtmlElement) -> int | None:
    """Index of the block that opens the element with the most paragraph text."""
    totals: defaultdict[HtmlElement, int] = defaultdict(int)
    firsts: dict[HtmlElement, str] = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        text = p.text_content()
        if not text.strip():
            continue
        totals[parent] += display_width(text)
        firsts.setdefault(parent, text)
    if not totals:
        return None
    best = max(totals, key=totals.__getitem__)
    key = text_key(firsts[best])
    return next((i for i, b in enumerate(blocks) if text_key(b.text) == key), None)


def _description_start(blocks: list[Block], description: str) -> int | None:
    """Index of the first block that opens with the page's description."""
    want = letters_key(description)
    if len(want) < _MIN_DESCRIPTION:
        return None
    return next((i for i, b in enumerate(blocks) if letters_key(b.text).startswith(want)), None)
