"""Link lists that extractors keep below a story's last paragraph.

"Related stories", "More from this section", a site's sections and partners: below
the story, pages set runs of links, and an extractor that takes the story's whole
container takes them too. A block made mostly of link text is such a list entry;
the run of them that ends the extracted text is dropped. A block of the story
itself is a sentence with at most a link or two in it, and stops the run.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsviewer.domain import Block

# Share of a block's characters that are link text for the block to be a link entry.
_LINK_SHARE = 0.5
# A link this short ("a", "1", "»") could sit in any sentence by chance.
_MIN_LINK_CHARS = 3


def story_end(blocks: list[Block], root: HtmlElement) -> int:
    """How many of ``blocks`` to keep: all but the run of link entries that ends them.

    ``root`` is the page the blocks were read from. Text made only of link entries
    (a login page's "Home") is no story: none is kept, and the page falls back.
    """
    links: set[str] | None = None
    end = len(blocks)
    while end > 0:
        if links is None:
            links = _link_texts(root)
        if _link_share(blocks[end - 1].text, links) < _LINK_SHARE:
            break
        end -= 1
    return end


def _link_texts(root: HtmlElement) -> set[str]:
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
