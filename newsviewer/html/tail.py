"""Link lists that extractors keep around a story: above its first paragraph, below its last.

"Related stories", "More from this section", a site's sections and partners: below
the story, pages set runs of links, and an extractor that takes the story's whole
container takes them too; above it, a section menu ("Home | UK | Business") and the
date line of the page ("Posted : Wed, 02 Jan 2008 11:54:05 GMT"). A block made
mostly of link text is such a list entry; the run of them that ends (or opens) the
extracted text is dropped. A block of the story itself is a sentence with at most a
link or two in it, and stops the run.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsviewer.domain import Block
from newsviewer.html.dates import date_in_text
from newsviewer.html.trailer import trailer_start

# Share of a block's characters that are link text for the block to be a link entry.
_LINK_SHARE = 0.5
# A link this short ("a", "1", "»") could sit in any sentence by chance.
_MIN_LINK_CHARS = 3
# A date line above a story: a date with a label, a time, a zone, a wire's name
# ("Associated Press - January 10, 2008 3:23 PM ET"); longer is a sentence.
_DATE_LINE_CHARS = 120
# A menu line above a story is short; a longer block made of links is text whose
# words link somewhere (annotated lyrics, a wiki's opening), and it is kept.
_MENU_LINE_CHARS = 200
_SENTENCE_END = re.compile(r"[.!?。！？…:]\W*$")


def story_start(blocks: list[Block], root: HtmlElement, links: set[str] | None = None) -> int:
    """How many of the first ``blocks`` are link entries and date lines above the story.

    The last block is always kept. ``links`` are the page's ``link_texts`` if known.
    """
    start = 0
    while start < len(blocks) - 1:
        text = blocks[start].text
        if not _date_line(text):
            if links is None:
                links = link_texts(root)
            if len(text) > _MENU_LINE_CHARS or _link_share(text, links) < _LINK_SHARE:
                break
        start += 1
    return start


def _date_line(text: str) -> bool:
    return (
        len(text) <= _DATE_LINE_CHARS
        and not _SENTENCE_END.search(text)
        and date_in_text(text) is not None
    )


def story_end(blocks: list[Block], root: HtmlElement, links: set[str] | None = None) -> int:
    """How many of ``blocks`` to keep: all but the run of link entries that ends them,
    and the trailer above it (see ``trailer.trailer_start``).

    ``root`` is the page the blocks were read from (``links`` its ``link_texts`` if
    known). Text made only of link entries (a login page's "Home") is no story: none is
    kept, and the page falls back.
    """
    if links is None:
        links = link_texts(root)
    end = len(blocks)
    while end > 0:
        if _link_share(blocks[end - 1].text, links) < _LINK_SHARE:
            break
        end -= 1
    if end == 0:
        return 0
    # Above the links, the rest of what pages set below a story: its rights notice,
    # the article's tools, comment prompts, the headings of other lists.
    return trailer_start(blocks[:end], lambda text: _link_share(text, links) >= _LINK_SHARE)


def link_texts(root: HtmlElement) -> set[str]:
    """The texts of the page's links to somewhere: an anchor without an address or
    one that runs a script ("javascript:") is the page's text in a clickable box."""
    texts = (
        _squeezed(a.text_content())
        for a in root.iter("a")
        if not (a.get("href") or "javascript:").strip().lower().startswith("javascript:")
    )
    return {t for t in texts if len(t) >= _MIN_LINK_CHARS}


def _squeezed(text: str) -> str:
    """The text without its spaces: a link's parts ("Title", "Source", "3/9 18:01") in
    elements of their own run together in its text but are spaced in the block's."""
    return "".join(text.split())


def _link_share(block_text: str, links: set[str]) -> float:
    """Share of ``block_text`` made of the page's link texts (each counted once)."""
    text = _squeezed(block_text)
    if not text:
        return 0.0
    if text in links:
        return 1.0
    covered = sum(len(link) for link in links if len(link) <= len(text) and link in text)
    return min(1.0, covered / len(text))
