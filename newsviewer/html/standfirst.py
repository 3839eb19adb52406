"""The standfirst printed above the byline, which the reader already shows.

Pages set their standfirst (the one- or two-sentence summary under the headline)
between the headline and the byline, and most repeat it as their description. The
reader shows the description above the story, so a first block that repeats it and
stands above the byline would be read twice. A first paragraph that merely equals
the description (sites often describe a story by its lede) is below the byline, or
has no byline after it, and is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from newsviewer.domain import Block
from newsviewer.html.placement import PageOrder, block_position

_KEY = re.compile(r"[\W_]+")
# A by-line written out as the story's next block ("By Ana Silva", "Un texte de
# Frédéric Zalac", "Von Jana Weiß"): where the page marks no byline element.
_BY_LINE = re.compile(r"^(?:by|par|von|door|un texte de|texte de|text:|texto:)\s+\w", re.I)
_BY_LINE_CHARS = 100


def repeats_standfirst(blocks: list[Block], description: str, order: PageOrder) -> bool:
    """Whether ``blocks[0]`` is the description set between headline and byline."""
    if len(blocks) < 2 or not description:
        return False
    text, summary = _key(blocks[0].text), _key(description)
    # The block says nothing the description does not: dropping it loses no text.
    if not text or not summary.startswith(text):
        return False
    first = block_position(order, blocks[0])
    second = block_position(order, blocks[1])
    if first is None or second is None or second <= first:
        return False
    if not any(h < first for h in order.headings):
        return False
    if len(blocks[1].text) <= _BY_LINE_CHARS and _BY_LINE.match(blocks[1].text):
        return True
    # A byline or date element between this block and the story's next one.
    after = bisect_right(order.bylines, first)
    return after < len(order.bylines) and order.bylines[after] < second


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())
