"""Paragraphs a page prints more than once side by side, which the extractor keeps once.

trafilatura drops an extracted block that repeats the block before it (meant for its
own overlapping candidates: a container and its paragraph both taken). A story can
repeat a paragraph on purpose (a refrain, a repeated call, a template's filler), and
the reader then saw it as often as the page prints it. The page is the judge: a text
printed by several paragraphs of the same container is kept as often as it is printed
there; text the extractor kept elsewhere counts towards that number, so a pull quote
repeating a paragraph further down is not doubled.
"""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement
from trafilatura.settings import MIN_DUPLICATE_LENGTH

from newsviewer.domain import PARAGRAPH, Block
from newsviewer.html.body import Body
from newsviewer.html.sanitize import clean_text


def printed_repeats(root: HtmlElement) -> dict[str, int]:
    """Paragraph texts that sibling paragraphs (or <div>s of text alone) print more
    than once, with how often.

    Only texts longer than the extractor's duplicate threshold: it keeps shorter repeats.
    """
    counts: dict[tuple[HtmlElement, str], int] = Counter()
    for p in root.iter("p", "div"):
        parent = p.getparent()
        # A <div> of text alone is set as a paragraph; other divs hold blocks.
        if parent is None or (p.tag == "div" and len(p)):
            continue
        text = clean_text(p.text_content())
        if len(text) > MIN_DUPLICATE_LENGTH:
            counts[parent, text] += 1
    repeats: dict[str, int] = {}
    for (_parent, text), n in counts.items():
        if n > 1:
            repeats[text] = max(n, repeats.get(text, 0))
    return repeats


def with_repeats(body: Body, repeats: dict[str, int]) -> Body:
    """The body with each repeated paragraph as often as the page prints it, the missing
    copies put right after the copy the extractor kept."""
    if not repeats:
        return body
    kept = Counter(b.text for b in body.blocks if b.text in repeats)
    missing = {text: repeats[text] - n for text, n in kept.items() if repeats[text] > n}
    if not missing:
        return body
    blocks: list[Block] = []
    # For each old position (0..len), where that block now stands.
    moved: list[int] = []
    for block in body.blocks:
        moved.append(len(blocks))
        blocks.append(block)
        extra = missing.pop(block.text, 0) if block.kind == PARAGRAPH else 0
        blocks.extend([block] * extra)
    moved.append(len(blocks))
    images = [(src, alt, moved[pos]) for src, alt, pos in body.images]
    return Body(blocks=blocks, images=images)
