"""Find a page's pictures with their captions and credits, and mark their places.

Before the extractor runs, every picture (a <figure>, a captioned container or a
bare <img>) is replaced by one marker <img> whose src names its index. The
extractor keeps the markers where the pictures stood in the story, and drops the
ones in navigation or teasers, so captions never leak into the body text and each
kept figure knows the block it stands before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsviewer.html.folded import FoldedPattern
from newsviewer.html.sanitize import clean_text

# The extractor only keeps images whose src looks like an http URL of an image file.
MARKER_PREFIX = "https://newsviewer.invalid/figure/"
MARKER_SUFFIX = ".png"
_MARKER = re.compile(re.escape(MARKER_PREFIX) + r"(\d+)" + re.escape(MARKER_SUFFIX))

_CAPTION_CLASS = FoldedPattern(r"caption|figcaption|wp-caption-text|legend|cutline")
_CREDIT_CLASS = FoldedPattern(r"credit|copyright|photographer|attribution|image-source|byline")
_CREDIT_PROPS = {"copyrightHolder", "creator", "author", "copyrightNotice", "creditText"}
_HIDDEN_CLASS = FoldedPattern(r"\b(off-?screen|visually-?hidden|sr-only|screen-?reader)")
_PLACEHOLDER = FoldedPattern(r"blank|spacer|placeholder|transparent|pixel|lazy|grey-?gif|1x1")
# Credit written into the caption text, as most papers do: "... Photograph: Name/Agency".
_INLINE_CREDIT = re.compile(
    r"\s*[(\[]?\b((?:Photograph|Photo|Photos|Picture|Image|Illustration|Credit|Foto)"
    r"(?:\s+by)?\s*:\s*[^()\[\]]{2,100}|(?:Photo|Picture)\s+by\s+[^()\[\]]{2,100}"
    r"|Credits?\s+(?=[A-Z])[^()\[\]]{2,100})[)\]]?\s*$"
)
# Images this small (width or height attribute, px) are icons, spacers or trackers.
_MIN_SIDE = 48
# A container is taken as the figure of a caption only this many levels up.
_CAPTION_REACH = 3
# A caption holder with more text than this besides its caption holds story text too
# (a story's container with a captioned picture inside); replacing it by a figure
# would drop the story. Captions with credit and a label stay well below it.
_MAX_HOLDER_EXTRA_CHARS = 300
# A <noscript> holds a notice or a picture; one with more words than this took in the
# page after it through an element left open inside (the parser nests the rest there).
_SWALLOWED_WORDS = 50
_LAZY_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
)


@dataclass(slots=True)
class FoundFigure:
    """A picture as the page gives it; ``sources`` are src candidates, best first."""

    sources: list[str] = field(default_factory=list)
    alt: str = ""
    caption: str = ""
    credit: str = ""


def marker_index(src: str) -> int | None:
    """Index of the figure a marker src stands for, None for any other src."""
    match = _MARKER.fullmatch(src)
    return int(match.group(1)) if match else None


def marker_src(index: int) -> str:
    return f"{MARKER_PREFIX}{index}{MARKER_SUFFIX}"


def mark_figures(root: HtmlElement) -> list[FoundFigure]:
    """Replace each picture in ``root`` by a marker; return the pictures by index."""
    found: list[FoundFigure] = []
    for container, outside_caption in _figure_containers(root):
        if container.getparent() is None:
            continue
        images = [i for i in container.iter("img") if not _tiny(i)]
        figure = _describe(container, images[0] if images else None, outside_caption)
        if not images and not figure.caption:
            continue
        if outside_caption is not None:
            _remove(outside_caption)
        _replace(container, len(found), figure.alt)
        found.append(figure)
    for img in list(root.iter("img")):
        if img.getparent() is None or marker_index(img.get("src") or "") is not None:
            continue
        if _tiny(img):
            _remove(img)
            continue
        sources = _sources(img)
        if not sources:
            _remove(img)
            continue
        figure = FoundFigure(
            sources=sources,
            alt=clean_text(img.get("alt") or ""),
            credit=clean_text(img.get("data-credit") or ""),
        )
        _replace(img, len(found), figure.alt)
        found.append(figure)
    for noscript in list(root.iter("noscript")):
        if len(noscript.text_content().split()) > _SWALLOWED_WORDS:
            # An element left open inside it took the rest of the page in: keep that.
            noscript.drop_tag()
        else:
            _remove(noscript)
    return found


def _figure_containers(
    root: HtmlElement,
) -> list[tuple[HtmlElement, HtmlElement | None]]:
    """Figure elements and captioned image holders, each with a caption set beside it."""
    containers: list[tuple[HtmlElement, HtmlElement | None]] = []
    claimed: set[int] = set()
    for fig in root.iter("figure"):
        if any(a.tag == "figure" for a in fig.iterancestors()):
            continue
        beside = None
        if not any(_is_caption(e) or e.tag == "figcaption" for e in fig.iter()):
            after = fig.getnext()
            # Some templates put the <figcaption> right after the <figure>.
            if after is not None and (after.tag == "figcaption" or _is_caption(after)):
                beside = after
                claimed.add(id(after))
        containers.append((fig, beside))
        claimed.add(id(fig))
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("figure", "figcaption", "img"):
            continue
        if not _is_caption(el) or _inside(el, claimed):
            continue
        holder = el.getparent()
        for _ in range(_CAPTION_REACH):
            if holder is None or holder.tag in ("body", "article", "main"):
                break
            if _holds_text(holder, el):
                break
            if any(True for _ in holder.iter("img")):
                nested = any(True for _ in holder.iter("figure"))
                if not nested and not _inside(holder, claimed):
                    containers.append((holder, None))
                    claimed.add(id(holder))
                break
            holder = holder.getparent()
    return containers


def _holds_text(holder: HtmlElement, caption: HtmlElement) -> bool:
    # Lengths by XPath: a Python text_content() per holder costs more than an import.
    extra = _text_length(holder) - _text_length(caption)
    return extra > _MAX_HOLDER_EXTRA_CHARS


def _text_length(el: HtmlElement) -> int:
    return int(el.xpath("string-length(normalize-space(.))"))


def _inside(el: HtmlElement, claimed: set[int]) -> bool:
    return id(el) in claimed or any(id(a) in claimed for a in el.iterancestors())


def _is_caption(el: HtmlElement) -> bool:
    # Tested on nearly every element of the page: attributes it lacks cost nothing.
    props = el.get("itemprop")
    if props is not None and "caption" in props.split():
        return True
    cls = el.get("class")
    return cls is not None and _CAPTION_CLASS.search(cls)


def _is_credit(el: HtmlElement) -> bool:
    props = el.get("itemprop")
    if props is not None and not _CREDIT_PROPS.isdisjoint(props.split()):
        return True
    cls = el.get("class")
    return cls is not None and _CREDIT_CLASS.search(cls)


def _describe(
    container: HtmlElement, img: HtmlElement | None, beside: HtmlElement | None
) -> FoundFigure:
    credits: list[str] = []
    caption_parts: list[str] = []
    parts = [container] if beside is None else [container, beside]
    for part in parts:
        for el in part.iter():
            if not isinstance(el.tag, str) or el.tag == "img":
                continue
            if _is_credit(el) and not _credit_above(el, part):
                text = _visible_text(el)
                if text and text not in credits:
                    credits.append(text)
    captions = [beside] if beside is not None else []
    captions += [el for el in container.iter("figcaption")] or [
        el for el in container.iter() if isinstance(el.tag, str) and _is_caption(el)
    ]
    for cap in captions:
        if any(c is not cap and c in captions for c in cap.iterancestors()):
            continue
        text = _visible_text(cap, skip_credit=True)
        if text and text not in caption_parts:
            caption_parts.append(text)
    caption = " ".join(caption_parts)
    if not credits and img is not None and img.get("data-credit"):
        credits.append(clean_text(img.get("data-credit") or ""))
    if not credits and not caption_parts and container.tag == "figure":
        credits = _bare_figure_credit(container)
    credit = " ".join(credits)
    if not credit:
        caption, credit = split_inline_credit(caption)
    return FoundFigure(
        sources=_sources(img) if img is not None else [],
        alt=clean_text(img.get("alt") or "") if img is not None else "",
        caption=caption,
        credit=credit,
    )


def _credit_above(el: HtmlElement, top: HtmlElement) -> bool:
    """Whether a credit element up to ``top`` holds ``el`` (only the outer one counts).

    Ancestors above the figure are not looked at: pages set flags such as
    "simpleExtendedByline-on" in the class of <html> itself.
    """
    for ancestor in el.iterancestors():
        if _is_credit(ancestor):
            return True
        if ancestor is top:
            return False
    return False


def _bare_figure_credit(figure: HtmlElement) -> list[str]:
    """A credit in a <figure> without caption markup: its <cite>, or its only text when
    that text is a credit ("Photo by Name/Agency")."""
    cites = [_visible_text(c) for c in figure.iter("cite")]
    cites = [c for c in cites if c]
    if cites:
        return cites
    text = _visible_text(figure)
    rest, credit = split_inline_credit(text)
    return [credit] if credit and not rest else []


def split_inline_credit(caption: str) -> tuple[str, str]:
    """Split "Caption text. Photograph: Name/Agency" into caption and credit."""
    match = _INLINE_CREDIT.search(caption)
    if not match:
        return caption, ""
    credit = re.sub(r"^Credits?\s*:?\s*", "", match.group(1).strip())
    return caption[: match.start()].rstrip(), credit


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.)\]])")


def _visible_text(el: HtmlElement, skip_credit: bool = False) -> str:
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                hidden = _HIDDEN_CLASS.search(child.get("class") or "")
                if not hidden and not (skip_credit and _is_credit(child)):
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    # Pieces are joined with spaces: pages put "Credit" and the name in spans with no
    # space between, relying on CSS. A space that lands before a comma, full stop or
    # closing bracket came from inline markup ("<b>Name</b>, Agency"), where the page
    # has none; French sets a space before ":;!?" on purpose, so those keep theirs.
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", clean_text(" ".join(parts)))


def _tiny(img: HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _MIN_SIDE:
            return True
    return False


def _sources(img: HtmlElement) -> list[str]:
    """Src candidates of an image: real URLs before lazy-loading placeholders."""
    good: list[str] = []
    weak: list[str] = []

    def add(value: str | None) -> None:
        value = (value or "").strip()
        if not value or value in good or value in weak:
            return
        is_stub = value.startswith("data:") and len(value) < 200
        (weak if is_stub or _PLACEHOLDER.search(value.rsplit("/", 1)[-1]) else good).append(value)

    for attr in _LAZY_ATTRS:
        add(img.get(attr))
    add(img.get("src"))
    for attr in ("srcset", "data-srcset"):
        add(_largest_in_srcset(img.get(attr) or ""))
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            add(_largest_in_srcset(source.get("srcset") or source.get("data-srcset") or ""))
    container = parent.getparent() if parent is not None else None
    if container is not None:
        for noscript in container.iter("noscript"):
            for inner in noscript.iter("img"):
                add(inner.get("src"))
    return good + weak


def _largest_in_srcset(srcset: str) -> str:
    best, best_size = "", -1.0
    for item in srcset.split(","):
        bits = item.strip().split()
        if not bits:
            continue
        size = 0.0
        if len(bits) > 1:
            try:
                size = float(bits[1].rstrip("wx"))
            except ValueError:
                size = 0.0
        if size > best_size:
            best, best_size = bits[0], size
    return best


def _replace(el: HtmlElement, index: int, alt: str) -> None:
    marker = el.makeelement("img", {"src": marker_src(index)})
    if alt:
        marker.set("alt", alt)
    marker.tail = el.tail
    parent = el.getparent()
    if parent is not None:
        parent.replace(el, marker)


def _remove(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
