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
    # A byline or date element between this block and the story's next one.
    after = bisect_right(order.bylines, first)
    return after < len(order.bylines) and order.bylines[after] < second


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())
