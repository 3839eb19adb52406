"""Keep page markup that could run or track out of anything we store.

Blocks and captions are stored as plain text; these helpers make sure no markup,
script or control character slips into that text, and strip the active parts of a
parsed page before the extractor sees it.
"""

from __future__ import annotations

import html
import re

import nh3
from lxml import etree
from lxml.html import HtmlElement

# Elements whose content is never article text and may run code, load remote
# content or collect input. <noscript> is handled by the figure pass (it often holds
# the real <img> of a lazy-loaded picture) and dropped after it.
UNSAFE_TAGS = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "input",
    "button",
    "select",
    "textarea",
    "template",
    "link",
    "meta",
    "base",
    "canvas",
    "audio",
    "video",
    "dialog",
)

# Elements whose content is their fallback: kept in their place, themselves removed.
_PLUGIN_TAGS = frozenset({"object", "applet"})

# The HTML parser writes attribute names in lower case ("OnClick" is read as
# "onclick"), so no case folding is needed here; folding every attribute name of
# the page cost more than the rest of this pass.
_HANDLER_XPATH = etree.XPath("//@*[starts-with(name(), 'on')]/..")
# Text a form holds beyond which it is a layout wrapper: the labels and notices of a
# comment or sign-up form stay well below it, a story's column does not.
_WRAPPER_CHARS = 1000
# Control characters never belong to article text; \x02/\x03 also mark search hits.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


def strip_unsafe(root: HtmlElement) -> None:
    """Remove scripts, styles, frames, forms, comments and event handlers in place.

    ``root`` comes from lxml's HTML parser (attribute names in lower case).
    """
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(node)
    for node in list(root.iter(*UNSAFE_TAGS)):
        if node.tag == "embed" and len(node):
            # <embed> has no content, but the HTML parser (HTML 4 rules) makes it hold
            # everything after it: the story goes, the element alone is dropped.
            node.attrib.clear()
            node.drop_tag()
            continue
        if node.tag in _PLUGIN_TAGS:
            _keep_fallback(node)
            continue
        _drop(node)
    _forms(root)
    # XPath finds the few elements with handlers without a Python walk over all of them.
    for el in _HANDLER_XPATH(root):
        if not isinstance(el, etree._Element):
            continue
        for attr in [a for a in el.attrib if a.lower().startswith("on")]:
            del el.attrib[attr]


def _keep_fallback(node: HtmlElement) -> None:
    """Replace a plug-in by the content it gives readers who cannot run it.

    An <object> (or old <applet>) holds the markup a browser shows in its place when
    it cannot play what it names: a Flash player's still picture with the video's
    caption, a "watch the video" link with its description. Nothing it names is ever
    run or fetched here, and browsers no longer run those plug-ins, so that content is
    what a reader sees of it. Its <param> settings are no text and go with it.
    """
    for param in [c for c in node if c.tag == "param"]:
        _drop(param)
    node.attrib.clear()
    node.drop_tag()


def _forms(root: HtmlElement) -> None:
    """Drop forms, but keep one that wraps the page or its story as a plain container.

    Some page frameworks put the whole page inside one <form> (ASP.NET's
    "aspnetForm"), others the story's column with its "Print"/"Email" buttons;
    dropping it would leave nothing to read. A form holding more than half of the
    page's text, or a story's worth of text, is such a wrapper: a search box, a
    comment or sign-up form is a few labels. Runs after scripts, styles and option
    lists are gone, so their text does not count.
    """
    forms = list(root.iter("form"))
    if not forms:
        return
    total = len(root.text_content())
    for form in forms:
        if form.getparent() is None:
            continue
        chars = len(form.text_content())
        if (total and chars > total / 2) or chars >= _WRAPPER_CHARS:
            form.tag = "div"
            for attr in ("action", "method"):
                form.attrib.pop(attr, None)
        else:
            _drop(form)


def _drop(node: etree._Element) -> None:
    """Remove a node but keep the text that follows it (its tail)."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def plain_text(value: str) -> str:
    """Text with every tag removed, entities decoded and whitespace collapsed.

    For strings taken from metadata (JSON-LD, meta tags), which sometimes carry
    markup or entities of their own.
    """
    if "<" in value:
        value = nh3.clean(value, tags=set(), strip_comments=True)
    return clean_text(html.unescape(value))


def clean_text(value: str) -> str:
    """Collapse whitespace and drop control characters."""
    # str.split() cuts at the characters \s matches; twice as fast as a second sub().
    return " ".join(_CONTROL.sub("", value).split())


def clean_preformatted(value: str) -> str:
    """Like ``clean_text`` but keeps line breaks and indentation (code, poems)."""
    lines = [_CONTROL.sub("", line).rstrip() for line in value.replace("\r", "").split("\n")]
    return "\n".join(lines).strip("\n")
