"""Article blocks from the extractor's XML body, with the places of figure markers."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from newsviewer.domain import BLOCKQUOTE, HEADING, LIST_ITEM, PARAGRAPH, PREFORMATTED, Block
from newsviewer.html.sanitize import clean_preformatted, clean_text


@dataclass(slots=True)
class Body:
    """Blocks in reading order and, for each image src met, the block it stands before."""

    blocks: list[Block] = field(default_factory=list)
    images: list[tuple[str, str, int]] = field(default_factory=list)  # (src, alt, position)


def body_from_xml(root: etree._Element) -> Body:
    body = Body()
    _walk_children(root, body)
    return body


def _walk_children(el: etree._Element, body: Body) -> None:
    # Text set straight in a container, outside its paragraphs (before the first child
    # or after one), is shown by a browser as a block of its own: the extractor's
    # fallbacks return a page with no markup around its text as a bare body's text.
    _add_loose(body, el.text)
    for child in el:
        if isinstance(child.tag, str):
            _visit(child, body)
        _add_loose(body, child.tail)


def _add_loose(body: Body, text: str | None) -> None:
    """A paragraph of text outside any element, unless it is only space or separators."""
    cleaned = clean_text(text or "")
    if any(c.isalnum() for c in cleaned):
        _add(body, PARAGRAPH, cleaned)


def _visit(el: etree._Element, body: Body) -> None:
    tag = el.tag
    if tag == "graphic":
        _image(el, body)
    elif tag == "p":
        _images_within(el, body)
        _add(body, PARAGRAPH, _text(el))
    elif tag == "head":
        _add(body, HEADING, _text(el))
    elif tag == "list":
        for item in el:
            if item.tag == "item":
                _images_within(item, body, skip=("list",))
                _add(body, LIST_ITEM, _text(item, skip=("list",)))
                for nested in item.iter("list"):
                    if nested is not item:
                        _visit(nested, body)
                        break
    elif tag == "quote":
        paragraphs = [c for c in el if c.tag == "p"]
        if paragraphs:
            for p in paragraphs:
                _add(body, BLOCKQUOTE, _text(p))
        else:
            _add(body, BLOCKQUOTE, _text(el))
    elif tag == "code":
        _add(body, PREFORMATTED, clean_preformatted(_code_text(el)))
    elif tag == "table":
        for row in el.iter("row"):
            cells = [_text(cell) for cell in row if cell.tag == "cell"]
            _add(body, PARAGRAPH, " | ".join(c for c in cells if c))
    else:
        _images_within(el, body)
        text = _text(el)
        if len(el) == 0 or not any(c.tag in ("p", "list", "quote", "head") for c in el):
            _add(body, PARAGRAPH, text)
        else:
            _walk_children(el, body)


def _image(el: etree._Element, body: Body) -> None:
    src = el.get("src") or ""
    if src:
        body.images.append((src, el.get("alt") or "", len(body.blocks)))


def _images_within(el: etree._Element, body: Body, skip: tuple[str, ...] = ()) -> None:
    for g in el.iter("graphic"):
        if not any(a.tag in skip for a in g.iterancestors() if a is not el):
            _image(g, body)


def _code_text(el: etree._Element) -> str:
    """A code block's text, its line breaks (<br> in the page) kept as new lines."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return "".join(parts)


# The extractor's block elements; the others (hi, ref, del) run inside a line.
_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div"})


def _text(el: etree._Element, skip: tuple[str, ...] = ()) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "lb":
                parts.append(" ")
            elif child.tag not in skip and child.tag != "graphic":
                # A block inside the block ("<item><head>Name</head><p>What it
                # does</p>") is set apart on the page: its words do not run on.
                apart = child.tag in _BLOCK_TAGS
                if apart:
                    parts.append(" ")
                walk(child)
                if apart:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean_text("".join(parts))


def _add(body: Body, kind: str, text: str) -> None:
    if text:
        body.blocks.append(Block(kind=kind, text=text))
