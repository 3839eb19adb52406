"""A story body given as clean HTML (a feed item, an EPUB chapter, a read-it-later copy).

These bodies are already the story, with no page around it, so they are read as they
stand: block elements become paragraphs, headings, quotes and list items in order,
pictures become figures with their captions. Only text is kept, so nothing in the
markup can run; images come from ``data:`` URIs or from the file that holds the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsviewer.domain import (
    BLOCKQUOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    PREFORMATTED,
    Block,
    Figure,
)
from newsviewer.errors import ParseError
from newsviewer.html.assets import decode_data_uri
from newsviewer.importers.packed import ImageLookup
from newsviewer.text.captions import split_credit

_DROP = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "template",
    "svg",
    "math",
    "nav",
    "head",
)
_KIND = {
    "p": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "blockquote": BLOCKQUOTE,
    "li": LIST_ITEM,
    "pre": PREFORMATTED,
    "dd": PARAGRAPH,
    "dt": PARAGRAPH,
}
_CONTAINERS = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "body",
        "html",
        "header",
        "footer",
        "aside",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "center",
        "hgroup",
        "details",
        "summary",
        "picture",
    }
)
_BLOCKISH = frozenset(_KIND) | _CONTAINERS | {"figure", "img", "hr", "br"}
_SPACE = re.compile(r"\s+")
# Pixels at or under this size are spacers or trackers, not pictures.
_TINY_PX = 3
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source", re.I)


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def parse_fragment(html: str | bytes) -> HtmlElement:
    """The markup as a tree with a <body>, whether it is a fragment or a document."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if not html.strip():
        raise ParseError("the story is empty")
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"the story is not readable HTML ({exc})") from exc
    return root


def read_body(
    html: str | bytes | HtmlElement, images: ImageLookup | None = None, base: str = ""
) -> Body:
    """Blocks and figures of a clean story body, in reading order."""
    root = html if isinstance(html, HtmlElement) else parse_fragment(html)
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    out = Body()
    _walk(body if body is not None else root, out, images, base)
    return out


def _text(el: HtmlElement, pre: bool = False) -> str:
    text = el.text_content()
    return text.strip("\n") if pre else _SPACE.sub(" ", text).strip()


def _has_block(el: HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCKISH for d in el.iterdescendants())


def _walk(el: HtmlElement, out: Body, images: ImageLookup | None, base: str) -> None:
    pending: list[str] = [el.text or ""]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(pending)).strip()
        pending.clear()
        if text:
            out.blocks.append(Block(kind=PARAGRAPH, text=text))

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            # Two breaks in a row separate paragraphs in mail and feed bodies.
            if pending and pending[-1] == "\n":
                flush()
            else:
                pending.append("\n")
        elif tag == "figure" or tag == "img":
            flush()
            _figure(child, out, images, base)
        elif tag in _KIND and not _has_block(child):
            flush()
            text = _text(child, pre=tag == "pre")
            if text:
                out.blocks.append(Block(kind=_KIND[tag], text=text))
        elif tag in _KIND or tag in _CONTAINERS or (tag and _has_block(child)):
            flush()
            _walk(child, out, images, base)
        elif tag == "hr":
            flush()
        elif tag:
            pending.append(child.text_content())
        pending.append(child.tail or "")
    flush()


def _figure(el: HtmlElement, out: Body, images: ImageLookup | None, base: str) -> None:
    img = el if el.tag == "img" else next(el.iter("img"), None)
    caption_el = el.find(".//figcaption") if el.tag == "figure" else None
    caption, credit = "", ""
    if caption_el is not None:
        for part in caption_el.iter():
            if part is not caption_el and _CREDIT_CLASS.search(part.get("class") or ""):
                credit = _text(part)
                part.drop_tree()
                break
        caption = _text(caption_el)
        if not credit:
            caption, credit = split_credit(caption)
    if img is None or _tiny(img):
        if caption:
            out.figures.append(Figure(caption=caption, credit=credit, position=len(out.blocks)))
        return
    src = _source(img)
    found = None
    if src:
        found = images(src) if images is not None else None
        found = found or decode_data_uri(src)
    if found is None and not src and not caption:
        return
    kept = "" if src.startswith("data:") else (urljoin(base, src) if base else src)
    out.figures.append(
        Figure(
            caption=caption,
            credit=credit,
            alt=_SPACE.sub(" ", img.get("alt") or "").strip(),
            src=kept,
            image=found[0] if found else None,
            mime=found[1] if found else None,
            position=len(out.blocks),
        )
    )


def _source(img: HtmlElement) -> str:
    for attr in ("src", "data-src", "data-original"):
        value = (img.get(attr) or "").strip()
        if value:
            return value
    srcset = (img.get("srcset") or "").strip()
    return srcset.split(",")[0].split()[0] if srcset else ""


def _tiny(img: HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= _TINY_PX:
            return True
    style = (img.get("style") or "").replace(" ", "").lower()
    return "display:none" in style
