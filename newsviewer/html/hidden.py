"""Elements the page hides from its reader, dropped before the story is extracted.

A saved page carries what its scripts would show on demand, or never: a share dialog's
text, a newsletter box, another language's copy, a menu for small screens, a printed
version's notes. A browser shows none of it: the ``hidden`` attribute, an inline style
of ``display: none`` or ``visibility: hidden``, or ``aria-hidden="true"`` (hidden from
screen readers, which read the story). The extractor only knows some of these forms,
and only inside the part of the page it settles on.

Some pages hide the story itself until a script reveals it (a paywall, a fade-in): an
element holding most of the page's text is the story, and stays. A page that hides
dozens of elements is a web application's saved state, and is left as it is.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# The attributes that can hide an element, found by the XPath engine without a Python
# walk over every element (a test of their values in the expression costs three times
# as much as reading the few there are).
_HIDING_ATTRIBUTES = etree.XPath("//body//@style|//body//@hidden|//body//@aria-hidden")
_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Elements whose hiding a page does not mean for its text: an <img> or <svg> set
# aria-hidden is a decoration beside the words that describe it.
_KEPT_TAGS = frozenset({"img", "svg", "picture", "source", "br", "hr", "html", "body"})
# More hidden elements than this and the page is a web application's saved state
# (a video or code-hosting page): its script decides which of its panels shows, what
# the markup hides says little of what the reader saw, and the extractor is left to
# judge the page whole.
_APPLICATION_STATE = 50
# Past this share of the page's text a hidden element is the story a script reveals.
_MOST_OF_PAGE = 0.5


def is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    return bool(_HIDING_STYLE.search(el.get("style") or ""))


def drop_hidden(root: HtmlElement) -> None:
    """Remove, in place, the hidden elements that hold text (their tails stay)."""
    # In document order, once each (an element can carry two of the attributes).
    hidden: dict[HtmlElement, None] = {}
    for value in _HIDING_ATTRIBUTES(root):
        el = getattr(value, "getparent", lambda: None)()
        if el is not None and el.tag not in _KEPT_TAGS and is_hidden(el):
            hidden[el] = None
    if len(hidden) > _APPLICATION_STATE:
        return
    total = -1
    for el in hidden:
        # An element inside one already removed is gone with it.
        if el.getparent() is None or _removed(el, root):
            continue
        chars = len(el.text_content().strip())
        if chars == 0:
            continue
        if total < 0:
            total = len(root.text_content())
        if chars > total * _MOST_OF_PAGE:
            continue
        el.drop_tree()  # its tail stays in the page


def _removed(el: HtmlElement, root: HtmlElement) -> bool:
    return el.getroottree().getroot() is not root
