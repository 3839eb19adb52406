"""Saved web pages (.html, .htm, "Web page, complete" with its NAME_files/ folder)."""

from __future__ import annotations

import re
from collections.abc import Callable
from configparser import ConfigParser
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import htmldate
import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import use_config

from newsviewer.domain import PARAGRAPH, Article, Block, Figure
from newsviewer.errors import ParseError
from newsviewer.html import assets
from newsviewer.html.author_search import markup_author
from newsviewer.html.body import Body
from newsviewer.html.byline_markup import markup_bylines
from newsviewer.html.bylines import byline_label, display_byline, names_site, person_names
from newsviewer.html.caption_chrome import (
    clean_alt,
    clean_caption,
    clean_credit,
    is_ad_label,
    is_promo,
    without_trailing_chrome,
)
from newsviewer.html.credit_line import credit_line
from newsviewer.html.date_place import (
    ShownText,
    date_after_headline,
    dateline_day,
    on_written_day,
    shown_text,
)
from newsviewer.html.datelines import attach_loose_datelines
from newsviewer.html.dates import date_in_text
from newsviewer.html.editor_note import editor_note
from newsviewer.html.fallback import extractor_body, fallback_blocks
from newsviewer.html.figures import FoundFigure, mark_figures, marker_index, marker_src
from newsviewer.html.folded import FoldedPattern
from newsviewer.html.hidden import drop_hidden
from newsviewer.html.layout_tables import unwrap_layout_tables
from newsviewer.html.lead import leading_boilerplate
from newsviewer.html.loose_text import wrap_inline_runs, wrap_loose_text
from newsviewer.html.metadata import PageMetadata, read_metadata
from newsviewer.html.page_chrome import chrome_before_story
from newsviewer.html.placement import PageOrder, page_order, rescue_positions
from newsviewer.html.repair import repair_markup
from newsviewer.html.repeats import printed_repeats, with_repeats
from newsviewer.html.sanitize import strip_unsafe
from newsviewer.html.standfirst import repeats_standfirst
from newsviewer.html.tail import link_texts, story_end, story_start
from newsviewer.html.titles import choose_title
from newsviewer.html.visible_byline import visible_byline
from newsviewer.importers.base import SourceFile
from newsviewer.text.decoding import decode_text

# Bytes searched for a declared charset; the HTML spec has browsers look at 1024,
# saved pages sometimes put a long comment or <title> first.
_CHARSET_SCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Characters XML forbids. The extractor rebuilds the story as XML and gives up on the
# whole page when one of them sits in a paragraph (a stray \x10 pasted from a CMS).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters one by one: a substring test per character finds that a page
# has none (nearly all do) three times faster than the regular expression's scan.
_NOT_XML_CHARS = tuple(
    chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)
)
_SNIFF = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)


def _html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser, with its element classes chosen in C.

    lxml.html picks each element's Python class (forms, inputs, labels get their
    own) in a Python callback, run whenever an element is touched: millions of
    calls over an import, a twentieth of its time. Nothing here uses the form
    classes, so every element is a plain HtmlElement, chosen without the callback.
    """
    parser = lxml.html.HTMLParser()
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_HTML_PARSER = _html_parser()

_NOTHING = "no article text found"
# Shown on a story that the main extraction missed and a fallback read.
BY_FALLBACK = (
    "extracted by fallback: the page's layout was not recognised, some page text may be mixed in"
)
_NOTHING_CUT_OFF = "no article text found: the page is cut off before the story"


def _extractor_config() -> ConfigParser:
    config = use_config()
    # trafilatura's signal-based timeout only works in the main thread; imports run
    # in a worker.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_CONFIG = _extractor_config()


class HtmlImporter:
    """Main text through trafilatura; metadata, figures and images by our own passes."""

    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, head: bytes) -> bool:
        head = head.lstrip(b"\xef\xbb\xbf")
        return bool(_SNIFF.match(head[:2048]))

    def parse(self, source: SourceFile) -> Article:
        page = _Page(source)
        for _name, run in PASSES:
            run(page)
        return page.article()


@dataclass(slots=True)
class _Page:
    """What the passes know of one page so far; each pass reads and adds to it."""

    source: SourceFile
    text: str = ""
    root: HtmlElement | None = None
    meta: PageMetadata = field(default_factory=PageMetadata)
    authors_raw: list[str] = field(default_factory=list)
    published: datetime | None = None
    inferred: bool = False
    found: list[FoundFigure] = field(default_factory=list)
    order: PageOrder = field(default_factory=PageOrder)
    body: Body = field(default_factory=Body)
    title: str = ""
    authors: tuple[str, ...] = ()
    shift: int = 0  # extracted blocks dropped from the top as page chrome
    blocks: list[Block] = field(default_factory=list)
    opened: int = 0  # lines put back before the story's first block
    figures: list[Figure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _shown: ShownText | None = None
    _links: set[str] | None = None

    @property
    def shown(self) -> ShownText:
        """The page's visible text by lines, read once (before scripts are stripped)."""
        if self._shown is None:
            self._shown = shown_text(self.tree)
        return self._shown

    @property
    def links(self) -> set[str]:
        """The texts of the page's links, read once for both ends of the story."""
        if self._links is None:
            self._links = link_texts(self.tree)
        return self._links

    @property
    def tree(self) -> HtmlElement:
        assert self.root is not None, "the parse pass runs first"
        return self.root

    def article(self) -> Article:
        return Article(
            format="html",
            # A page without a title is named by its story's first words, not a credit.
            title=self.title or self.blocks[self.opened].text[:120],
            summary=self.meta.description,
            byline=display_byline(self.authors_raw, self.meta.language),
            authors=self.authors,
            published=self.published,
            published_inferred=self.inferred,
            site=self.meta.site,
            url=self.meta.url,
            language=self.meta.language,
            blocks=tuple(self.blocks),
            figures=tuple(self.figures),
            warnings=tuple(self.warnings),
        )


def _decode(page: _Page) -> None:
    data = page.source.data
    page.text, _ = decode_text(data, declared=_declared_charset(data))


def _parse(page: _Page) -> None:
    page.root = _parse_tree(page.text)


def _metadata(page: _Page) -> None:
    page.meta = read_metadata(page.tree)
    page.title = choose_title(page.meta)
    page.authors_raw = _choose_authors(page.meta, page.tree, lambda: page.shown, page.title)
    page.authors = person_names(page.authors_raw, page.meta.site)


def _date_in_markup(page: _Page) -> None:
    page.published = page.meta.published
    if page.published is not None and page.published.utcoffset() == timedelta(0):
        # Declared in UTC: the day printed under the headline is the local one.
        written = date_after_headline(page.shown, page.title)
        if written is not None:
            page.published = on_written_day(page.published, written)
    if page.published is None:
        # The day written under the headline, before any day htmldate finds in the
        # markup: that is often the masthead's day the page was viewed.
        page.published = date_after_headline(page.shown, page.title)
        if page.published is None:
            page.published = _date_from_page(page.tree, page.meta.url)
        page.inferred = page.published is not None


def _strip_unsafe(page: _Page) -> None:
    strip_unsafe(page.tree)


def _hidden(page: _Page) -> None:
    drop_hidden(page.tree)


def _date_in_text(page: _Page) -> None:
    # After scripts are stripped: their strings are not the page's text.
    if page.published is None:
        page.published = _date_in_page_text(page.tree)
        page.inferred = page.published is not None


def _datelines(page: _Page) -> None:
    attach_loose_datelines(page.tree)


def _mark_figures(page: _Page) -> None:
    page.found = mark_figures(page.tree)


def _layout_tables(page: _Page) -> None:
    # After the figure pass, which reads a picture's caption from the cell below it.
    unwrap_layout_tables(page.tree)


def _loose_text(page: _Page) -> None:
    # After the figure pass, which reads captions as the page laid them out.
    wrap_loose_text(page.tree)
    wrap_inline_runs(page.tree)


def _page_order(page: _Page) -> None:
    page.order = page_order(page.tree)


def _extract(page: _Page) -> None:
    # Read before the extractor runs: it takes the page's paragraphs apart.
    repeats = printed_repeats(page.tree)
    body = extractor_body(page.tree, _CONFIG, url=page.meta.url or None, include_images=True)
    page.body = with_repeats(body, repeats)


def _advert_labels(page: _Page) -> None:
    """Drop lines that only mark an advert's place or promote a newsletter, and such
    labels run onto a paragraph's end; figures keep the block they precede."""
    body = page.body
    blocks = [_without_chrome(b) for b in body.blocks]
    if not any(_chrome_line(b.text) for b in blocks):
        page.body = Body(blocks=blocks, images=body.images)
        return
    kept: list[Block] = []
    # For each old position (0..len), how many kept blocks stand before it.
    before: list[int] = []
    for block in blocks:
        before.append(len(kept))
        if not _chrome_line(block.text):
            kept.append(block)
    before.append(len(kept))
    page.body = Body(blocks=kept, images=[(src, alt, before[pos]) for src, alt, pos in body.images])


def _chrome_line(text: str) -> bool:
    return is_ad_label(text) or is_promo(text)


def _without_chrome(block: Block) -> Block:
    text = without_trailing_chrome(block.text)
    return block if text == block.text else Block(kind=block.kind, text=text)


def _trim_lead(page: _Page) -> None:
    blocks, meta, root = page.body.blocks, page.meta, page.tree
    shift = chrome_before_story(blocks, root, meta.description)
    shift += leading_boilerplate(blocks[shift:], [page.title, *meta.headings], page.authors)
    if repeats_standfirst(blocks[shift:], meta.description, root):
        shift += 1
    shift += story_start(blocks[shift:], root, page.links)
    page.shift = shift
    page.blocks = blocks[shift:]


def _trim_tail(page: _Page) -> None:
    end = story_end(page.blocks, page.tree, page.links)
    if end == len(page.blocks):
        return
    # Pictures among the dropped links are their thumbnails; one right after the
    # story's last block stays.
    last = page.shift + end
    page.body = Body(
        blocks=page.body.blocks[:last],
        images=[image for image in page.body.images if image[2] <= last],
    )
    page.blocks = page.blocks[:end]


def _fallback(page: _Page) -> None:
    if not page.blocks:
        # Only a page with nothing read falls back: a story of a few words (a
        # video's description) is still the page's story, not its menus.
        rescued = fallback_blocks(page.tree, _CONFIG)
        if rescued:
            page.body, page.blocks, page.shift = Body(blocks=rescued), list(rescued), 0
            page.warnings.append(BY_FALLBACK)
    if not page.blocks:
        raise ParseError(_NOTHING_CUT_OFF if _looks_truncated(page.text) else _NOTHING)


def _opening_and_figures(page: _Page) -> None:
    images = _with_rescued(page.body.images, page.blocks, page.found, page.order, page.shift)
    first = page.blocks[0].text
    # Lines of the story that the extractor drops as page furniture.
    opening = [
        Block(kind=PARAGRAPH, text=line)
        for line in (credit_line(page.tree, first), editor_note(page.tree, first))
        if line
    ]
    page.blocks[:0] = opening
    page.opened = len(opening)
    page.figures = _figures(
        images,
        page.found,
        page.shift,
        page.source.path,
        page.meta,
        opened=page.opened,
        packed=page.source.images,
    )


def _cut_off(page: _Page) -> None:
    if _looks_truncated(page.text):
        page.warnings.append("the page looks cut off; the article may be incomplete")


# The passes in the order they run, each named (as trafilatura's core numbers its
# stages). The order matters where a pass reads what another changes: metadata and
# htmldate read the page before scripts are stripped; figures are marked before the
# extractor runs, so it keeps their places; the lead is trimmed before a fallback is
# asked for, as trimming can leave nothing.
PASSES: tuple[tuple[str, Callable[[_Page], None]], ...] = (
    ("decode", _decode),
    ("parse", _parse),
    ("metadata", _metadata),
    ("date in markup", _date_in_markup),
    ("strip unsafe", _strip_unsafe),
    ("hidden", _hidden),
    ("date in text", _date_in_text),
    ("datelines", _datelines),
    ("mark figures", _mark_figures),
    ("layout tables", _layout_tables),
    ("loose text", _loose_text),
    ("page order", _page_order),
    ("extract", _extract),
    ("advert labels", _advert_labels),
    ("trim lead", _trim_lead),
    ("trim tail", _trim_tail),
    ("fallback", _fallback),
    ("opening and figures", _opening_and_figures),
    ("cut off", _cut_off),
)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_CHARSET_SCAN])
    return match.group(1).decode("ascii") if match else None


def _parse_tree(text: str) -> HtmlElement:
    text = repair_markup(text)
    if any(c in text for c in _NOT_XML_CHARS):
        text = _NOT_XML.sub("", text)
    if not text.strip():
        raise ParseError("the file is empty")
    try:
        root = lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"the page is not readable HTML ({exc})") from exc
    if root is None:
        raise ParseError("the page is not readable HTML")
    _adopt_stray_roots(root)
    return root


def _adopt_stray_roots(root: HtmlElement) -> None:
    """Put what the parser left beside the document's root where a browser shows it.

    Markup after ``</html>`` (a second ``<html>``, a broken root tag that swallowed the
    page's opening) makes libxml2 start another top-level element, which every reader
    of ``root`` misses: a page whose story sits there was refused as empty. A browser
    puts such content in the body, so it goes at the end of the root's body (a stray
    head's elements at the end of its head, where the first title still wins).
    """
    strays = [e for e in root.itersiblings() if isinstance(e.tag, str)]
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    head = root.find("head")
    for stray in strays:
        for child in list(stray):
            if child.tag == "body" or (child.tag == "head" and head is None):
                _append_text(body, child.text)
                body.extend(list(child))
                _append_text(body, child.tail)
            elif child.tag == "head":
                assert head is not None
                head.extend(list(child))
            else:
                body.append(child)
        # The emptied stray stays beside the root (a top-level node cannot be removed
        # from lxml's document); nothing reads it.
        _append_text(body, stray.text)


def _append_text(parent: HtmlElement, text: str | None) -> None:
    """Add ``text`` after ``parent``'s last child, as the parser would have placed it."""
    if not text or not text.strip():
        return
    last = parent[-1] if len(parent) else None
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _choose_authors(
    meta: PageMetadata, root: HtmlElement, shown: Callable[[], ShownText], title: str
) -> list[str]:
    """The first declared author list that names a person, else the byline markup's,
    else the byline written under the headline.

    When nothing names a person ("BBC News", "TMZ Staff"), the first declaration is
    kept as the byline a reader sees; ``person_names`` leaves it out of the authors.
    """
    for candidate in meta.author_candidates:
        if person_names(candidate, meta.site):
            return candidate
    in_markup = markup_bylines(root)
    if person_names(in_markup, meta.site):
        return in_markup
    # A byline written only as text: "By Ann Lee", "Von ...", "Autor: ..." under the
    # headline. Read before trafilatura's markup search, which takes labels and menus.
    written = visible_byline(shown(), title, meta.site)
    if written:
        return written
    # trafilatura's byline search reads more page layouts than ours; only pages
    # without a byline elsewhere pay for it.
    found = markup_author(root)
    if found and person_names([found], meta.site):
        return [found]
    # Our markup search naming nobody found a menu or a label ("Account and Profile");
    # a declared desk ("BBC News") or the one trafilatura found ("AOL Staff") is shown.
    # A label or button ("Posted", "Follow", "Name") or the site's own name is no byline.
    declared = (
        [v for v in meta.author_candidates[0] if not byline_label(v)]
        if meta.author_candidates
        else []
    )
    if declared:
        return declared
    # Nothing declared: a desk or a user name the page prints as its byline
    # ("Smart Shopping Team", "u/someone") is what a reader of the page sees.
    return _shown_byline(in_markup, meta.site) or _shown_byline([found] if found else [], meta.site)


def _shown_byline(values: list[str], site: str) -> list[str]:
    """Byline strings found in markup that a reader takes for one: no labels, buttons or
    the site's own name (the masthead's, set in an element classed "author")."""
    return [v for v in values if not byline_label(v) and not names_site(v, site)]


def _date_from_page(root: HtmlElement, url: str) -> datetime | None:
    """Publication day that htmldate reads from the page's markup; no time of day."""
    # htmldate copies a tree it is handed before it prunes it, and only when the
    # header, JSON-LD and URL gave no date: a copy of ours here would be a second one.
    found = htmldate.find_date(root, extensive_search=False, original_date=True, url=url or None)
    if not found:
        return None
    try:
        day = datetime.strptime(found, "%Y-%m-%d")
    except ValueError:
        return None
    # htmldate falls back to today for a page that only prints a time ("10:52"): the
    # import day is the publication day only when the page writes that day out.
    if day.date() == datetime.now().date() and not _writes_day(root, day):
        return None
    return day


def _writes_day(root: HtmlElement, day: datetime) -> bool:
    text = shown_text(root).text
    return day.strftime("%Y-%m-%d") in text or date_in_text(text) == day


# Class or id of an element that holds a dateline ("post-date", "timestamp", "meta").
_DATELINE_CLASS = FoldedPattern(r"date|time|publish|posted|dateline|meta|byline")
# A dateline element holds a date and a few words; longer text is a paragraph.
_DATELINE_CHARS = 200


def _date_in_page_text(root: HtmlElement) -> datetime | None:
    """A day written out in the page ("2019年4月4日", "April 4, 2019"), dateline first.

    For pages whose markup carries no date; read after scripts are stripped. htmldate's
    extensive text search finds these too but costs more than the rest of an import.
    """
    for el in root.iter(etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if cls is None and ident is None:  # most elements: no need to build the text
            continue
        if _DATELINE_CLASS.search(f"{cls or ''} {ident or ''}"):
            # Elements apart: "Ann Lee" then "14 March 2008" is not "Ann Lee14 March".
            text = " ".join(el.itertext())
            if len(text) <= _DATELINE_CHARS:
                found = date_in_text(text)
                if found is not None:
                    return found
    # Else a day on a line of its own anywhere; one inside a sentence is the story's
    # event ("since March 15, 2003") or the site's, not the publication's.
    return dateline_day(shown_text(root))


def _looks_truncated(text: str) -> bool:
    tail = text[-2048:].lower()
    return "</html" not in tail and "</body" not in tail


def _with_rescued(
    images: list[tuple[str, str, int]],
    blocks: list[Block],
    found: list[FoundFigure],
    order: PageOrder,
    shift: int,
) -> list[tuple[str, str, int]]:
    """The extractor's figure places plus captioned figures it dropped from the story."""
    placed = {i for src, _, _ in images if (i := marker_index(src)) is not None}
    captioned = {i for i, f in enumerate(found) if f.caption or f.credit}
    rescued = rescue_positions(order, blocks, placed, captioned)
    extra = [(marker_src(i), "", pos + shift) for i, pos in rescued.items()]
    return sorted(images + extra, key=lambda item: item[2])


def _figures(
    images: list[tuple[str, str, int]],
    found: list[FoundFigure],
    shift: int,
    page: Path,
    meta: PageMetadata,
    opened: int = 0,
    packed: Callable[[str], tuple[bytes, str] | None] | None = None,
) -> list[Figure]:
    """Figures in story order. ``opened`` lines were put before the story's first block:
    figures that stood after that block move down as many (one above it stays above)."""
    figures: list[Figure] = []
    seen: set[str] = set()
    for src, alt, position in images:
        index = marker_index(src)
        if index is None or index >= len(found):
            continue
        item = found[index]
        image = None
        for candidate in item.sources:
            image = packed(candidate) if packed is not None else None
            image = image or assets.load_image(candidate, page)
            if image is not None:
                kept_src = candidate if not candidate.startswith("data:") else ""
                break
        if image is None:
            kept_src = _display_src(item.sources, meta.url)
            if not kept_src and not item.caption:
                continue
        key = kept_src or f"#{index}"
        if key in seen:
            continue
        seen.add(key)
        caption = clean_caption(item.caption)
        figures.append(
            Figure(
                caption=caption,
                credit=clean_credit(item.credit, caption),
                alt=clean_alt(item.alt or alt, caption),
                src=kept_src,
                image=image[0] if image else None,
                mime=image[1] if image else None,
                position=_story_position(position - shift, opened),
            )
        )
    return figures


def _story_position(position: int, opened: int) -> int:
    position = max(0, position)
    return position + opened if position > 0 else position


def _display_src(sources: list[str], base: str) -> str:
    """The URL a figure keeps when we have no bytes for it (never fetched)."""
    for src in sources:
        if src.startswith("data:"):
            continue
        if src.startswith("//"):
            return "https:" + src
        if src.startswith(("http://", "https://")):
            return src
        if base:
            return urljoin(base, src)
    return ""
