"""Text set straight after a block element, outside any paragraph.

"<div><img></div>The story's first sentence.<br><br>Next paragraph" is common
where a picture floats beside the opening. A browser shows that text as a block
of its own; the extractor, once it has kept the picture, loses it. The text is
put in a paragraph of its own, as it is shown.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newsviewer.html.walk import iter_document

# Block elements that may be followed by loose text.
_BLOCKS_BEFORE_TEXT = ("div", "figure", "table", "ul", "ol", "p", "blockquote", "h2", "h3", "h4")
# XPath's whitespace, which normalize-space() strips (not a no-break space).
_XML_SPACE = " \t\r\n"
# Elements that end the loose text's line, so the text is a paragraph by itself;
# text run on into a link or an emphasis is left to the extractor.
_LINE_ENDS = {"br", "div", "p", "figure", "table", "ul", "ol", "h2", "h3", "h4", "section"}
# A sentence or more: shorter loose text is a label or a separator.
_MIN_CHARS = 40


def _text_after_block(root: HtmlElement) -> list[HtmlElement]:
    """Block elements followed by text (not only space) before their next sibling, in
    document order: the tail is that text. A walk over these tags in C and a test of
    each tail cost a tenth of the XPath query it replaces (one predicate per element)."""
    return [
        el
        for el in iter_document(root, *_BLOCKS_BEFORE_TEXT)
        if el.tail and el.tail.strip(_XML_SPACE)
    ]


def wrap_loose_text(root: HtmlElement) -> None:
    for el in _text_after_block(root):
        if el.getparent() is None:
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


# Elements that run inside a line of text. <small> is left out: small print set above a
# story is a disclosure or a notice, not its first line.
_INLINE = frozenset(
    {"a", "b", "strong", "i", "em", "span", "font", "u", "big", "abbr", "cite", "q"}
    | {"sup", "sub", "time", "mark", "nobr"}
)
# Elements a run of inline text stands between, as a paragraph would.
_BLOCKS = frozenset(
    {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"figure", "section", "hr", "br", "center", "dl"}
)
# Containers whose paragraphs a loose run of inline text may open or continue.
_CONTAINERS = ("div", "td", "article", "section", "main", "body", "center")
# A menu is a run of links; a sentence set in bold has little or no link text.
_MAX_LINK_SHARE = 0.5


def wrap_inline_runs(root: HtmlElement) -> None:
    """Put in a paragraph a line of text set in inline elements beside paragraphs.

    "<b>The story's first sentence.</b><p>Second paragraph" is common in older
    layouts, where a lede is set in bold straight in the story's cell: a browser
    shows it as a line of its own, the extractor drops it as it is in no paragraph.
    Only containers that hold paragraphs are looked at.
    """
    for container in root.iter(*_CONTAINERS):
        if container.find("p") is None:
            continue
        run: list[HtmlElement] = []
        for child in list(container):
            tag = child.tag
            if isinstance(tag, str) and tag in _INLINE:
                # Its tail is part of the line: the run goes on to the next block.
                if run or _starts_line(child):
                    run.append(child)
            elif run:
                if isinstance(tag, str) and tag in _BLOCKS:
                    _wrap(run)
                run = []
        if run:
            _wrap(run)


def _starts_line(el: HtmlElement) -> bool:
    previous = el.getprevious()
    if previous is None:
        parent = el.getparent()
        return parent is not None and not (parent.text or "").strip()
    return (
        isinstance(previous.tag, str)
        and previous.tag in _BLOCKS
        and not (previous.tail or "").strip()
    )


def _wrap(run: list[HtmlElement]) -> None:
    text = "".join(el.text_content() + (el.tail or "") for el in run)
    if len(text.strip()) < _MIN_CHARS:
        return
    links = sum(len(a.text_content()) for el in run for a in el.iter("a"))
    if links > _MAX_LINK_SHARE * len(text.strip()):
        return
    paragraph = etree.Element("p")
    run[0].addprevious(paragraph)
    for el in run:
        paragraph.append(el)
