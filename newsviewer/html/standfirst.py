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

from lxml.html import HtmlElement

from newsviewer.domain import Block
from newsviewer.html.folded import FoldedPattern
from newsviewer.html.placement import TEXT_TAGS, text_key
from newsviewer.html.text_keys import letters_key

# A by-line written out as the story's next block ("By Ana Silva", "Un texte de
# Frédéric Zalac", "Von Jana Weiß"): where the page marks no byline element.
_BY_LINE = re.compile(r"^(?:by|par|von|door|un texte de|texte de|text:|texto:)\s+\w", re.I)
_BY_LINE_CHARS = 100
# Class names of the elements that hold a story's byline or its date line.
_BYLINE_CLASS = FoldedPattern(r"byline|author|dateline|timestamp")


def repeats_standfirst(blocks: list[Block], description: str, root: HtmlElement) -> bool:
    """Whether ``blocks[0]`` is the description set between headline and byline.

    ``root`` is the page as the extractor read it.
    """
    if len(blocks) < 2 or not description:
        return False
    text, summary = letters_key(blocks[0].text), letters_key(description)
    # The block says nothing the description does not: dropping it loses no text.
    if not text or not summary.startswith(text):
        return False
    if len(blocks[1].text) <= _BY_LINE_CHARS and _BY_LINE.match(blocks[1].text):
        return _under_headline(root, text_key(blocks[0].text))
    return _byline_between(root, text_key(blocks[0].text), text_key(blocks[1].text))


def _under_headline(root: HtmlElement, first: str) -> bool:
    headline = False
    for el in root.iter("h1", *TEXT_TAGS):
        if el.tag == "h1":
            headline = True
        elif text_key(el.text_content()) == first:
            return headline
    return False


def _byline_between(root: HtmlElement, first: str, second: str) -> bool:
    """Whether, under an h1, a byline or date element stands between the page
    elements holding the two blocks. Only pages whose first block repeats their
    description get here, so the walk over the whole page is rare."""
    headline = seen_first = byline = False
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "h1":
            headline = True
        if seen_first and (
            tag == "time"
            or el.get("rel") == "author"
            or _BYLINE_CLASS.search(el.get("class") or "")
        ):
            byline = True
        if tag in TEXT_TAGS:
            key = text_key(el.text_content())
            if not seen_first:
                if key == first:
                    if not headline:
                        return False
                    seen_first = True
            elif key == second:
                return byline
    return False
