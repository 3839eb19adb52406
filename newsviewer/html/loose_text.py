"""Text set straight after a block element, outside any paragraph.

"<div><img></div>The story's first sentence.<br><br>Next paragraph" is common
where a picture floats beside the opening. A browser shows that text as a block
of its own; the extractor, once it has kept the picture, loses it. The text is
put in a paragraph of its own, as it is shown.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

# Block elements followed by text (not only space) before their next sibling.
_TEXT_AFTER_BLOCK = etree.XPath(
    "//*[self::div or self::figure or self::table or self::ul or self::ol or self::p"
    " or self::blockquote or self::h2 or self::h3 or self::h4]"
    "[following-sibling::node()[1][self::text()][normalize-space()]]"
)
# Elements that end the loose text's line, so the text is a paragraph by itself;
# text run on into a link or an emphasis is left to the extractor.
_LINE_ENDS = {"br", "div", "p", "figure", "table", "ul", "ol", "h2", "h3", "h4", "section"}
# A sentence or more: shorter loose text is a label or a separator.
_MIN_CHARS = 40


def wrap_loose_text(root: HtmlElement) -> None:
    for el in _TEXT_AFTER_BLOCK(root):
        if not isinstance(el, etree._Element) or el.getparent() is None:
            continue
        text = el.tail or ""
        if len(text.strip()) < _MIN_CHARS:
            continue
        following = el.getnext()
        if following is not None and following.tag not in _LINE_ENDS:
            continue
        paragraph = etree.SubElement(el.getparent(), "p")
        el.addnext(paragraph)
        paragraph.text = text.strip()
        el.tail = "\n"
