"""The reader pane: a pure HTML rendering of a stored article, and the browser showing it.

The browser never reaches the network or the disk: images come from the library through
``nvimg:<figure id>`` URLs, every other resource is refused, and links are only followed
when the user clicks them (handed to the desktop by the main window).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from newsviewer.domain import (
    BLOCKQUOTE,
    HEADING,
    LIST_ITEM,
    PREFORMATTED,
    Block,
    FigureId,
    Quote,
    StoredArticle,
    StoredFigure,
    block_offsets,
)
from newsviewer.gui.reader_colours import ReaderColours, reader_colours

IMAGE_SCHEME = "nvimg"
QUOTE_ANCHOR = "q{}"


def image_url(figure_id: FigureId) -> str:
    return f"{IMAGE_SCHEME}:{int(figure_id)}"


def _term_pattern(terms: Sequence[str], *, exact: bool = False) -> re.Pattern[str] | None:
    if not terms:
        return None
    if exact:
        # Words as the story writes them (Library.hit_terms): whole words only, a phrase
        # may break across spaces or a line differently than it was typed.
        words = sorted({" ".join(t.split()) for t in terms if t.strip()}, key=len, reverse=True)
        if not words:
            return None
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in t.split(" ")) for t in words)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    # Full-text search matches word prefixes and plural/singular forms, so highlight the
    # whole word that starts with a term (or with the term less a final "s").
    stems = sorted({t[:-1] if len(t) > 3 and t.endswith("s") else t for t in terms}, key=len)
    alternatives = "|".join(re.escape(s) for s in reversed(stems))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def format_date(article: StoredArticle) -> str:
    if article.published is not None:
        text = f"{article.published.day} {article.published:%B %Y}"
        return f"about {text}" if article.published_inferred else text
    # Not a publication date: said so, so an import day never passes for one.
    return f"Saved {article.imported_at.day} {article.imported_at:%B %Y}"


def _sentence(text: str) -> str:
    """A warning as a line of its own: capital first, as importers write them lower-case."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def speaker_roles(quotes: Sequence[Quote]) -> dict[str, str]:
    """Each speaker's role, from the first quotation that gives it.

    The role is usually written once, where the person is introduced ('Anna Holm, the
    skipper'), so later quotations of the same person take it from there.
    """
    roles: dict[str, str] = {}
    for quote in quotes:
        if quote.speaker and quote.role:
            roles.setdefault(quote.speaker, quote.role)
    return roles


def speaker_label(quote: Quote, roles: Mapping[str, str] | None = None) -> str:
    """Who said it, with their role when known: "John Kerry, Secretary of State"."""
    name = quote.speaker or quote.mention or "Unattributed"
    role = quote.role or (roles or {}).get(quote.speaker or "")
    if quote.speaker and role and role.casefold() not in name.casefold():
        return f"{name}, {role}"
    return name


@dataclass(frozen=True, slots=True)
class _Span:
    """A piece of a block with the same decoration throughout."""

    start: int
    end: int
    quote: int | None
    term: bool


def _spans(
    text: str, block_start: int, quotes: Sequence[Quote], pattern: re.Pattern[str] | None
) -> list[_Span]:
    """Cut one block into pieces at quotation and search-hit boundaries."""
    block_end = block_start + len(text)
    quote_ranges: list[tuple[int, int, int]] = []
    for index, q in enumerate(quotes):
        start, end = max(q.start, block_start), min(q.end, block_end)
        if start < end:
            quote_ranges.append((start - block_start, end - block_start, index))
    term_ranges = [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []
    cuts = {0, len(text)}
    for start, end, _ in quote_ranges:
        cuts.update((start, end))
    for start, end in term_ranges:
        cuts.update((start, end))
    points = sorted(cuts)
    spans: list[_Span] = []
    for start, end in itertools.pairwise(points):
        quote = next((i for s, e, i in quote_ranges if s <= start and end <= e), None)
        term = any(s <= start and end <= e for s, e in term_ranges)
        spans.append(_Span(start, end, quote, term))
    return spans


def _block_html(
    block: Block,
    block_start: int,
    quotes: Sequence[Quote],
    pattern: re.Pattern[str] | None,
    colours: ReaderColours,
    anchored: set[int],
    roles: Mapping[str, str] | None = None,
) -> str:
    parts: list[str] = []
    for span in _spans(block.text, block_start, quotes, pattern):
        piece = html.escape(block.text[span.start : span.end]).replace("\n", "<br/>")
        if span.quote is None and not span.term:
            parts.append(piece)
            continue
        style: list[str] = []
        title = ""
        if span.quote is not None:
            quote = quotes[span.quote]
            style.append(f"background-color:{colours.quote_bg}")
            title = speaker_label(quote, roles) + (f" ({quote.cue})" if quote.cue else "")
            if span.quote not in anchored:
                anchored.add(span.quote)
                parts.append(f'<a name="{QUOTE_ANCHOR.format(span.quote)}"></a>')
        if span.term:
            style.append(f"background-color:{colours.term_bg}")
            style.append(f"color:{colours.text}")
        title_attr = f' title="{html.escape(title)}"' if title else ""
        parts.append(f'<span style="{";".join(style)}"{title_attr}>{piece}</span>')
    return "".join(parts)


def _figure_html(
    figure: StoredFigure,
    size: tuple[int, int] | None,
    colours: ReaderColours,
    pattern: re.Pattern[str] | None = None,
) -> str:
    # Captions are searched, so a search's words are marked in them too.
    caption = _block_html(Block("p", figure.caption), -(10**9), (), pattern, colours, set())
    credit = html.escape(figure.credit)
    if size is not None:
        width, height = size
        alt = html.escape(figure.alt or figure.caption)
        picture = (
            # A div, not a p: the paragraph line-height would stretch the image's line.
            f'<div align="center" style="margin-top:6px"><img src="{image_url(figure.id)}" '
            f'width="{width}" height="{height}" alt="{alt}"/></div>'
        )
    else:
        what = (
            "Image not stored"
            if not figure.src.startswith(("http:", "https:"))
            else ("Remote image not downloaded")
        )
        detail = html.escape(figure.alt) if figure.alt and figure.alt != figure.caption else ""
        picture = (
            f'<table class="placeholder" width="100%" cellpadding="22" cellspacing="0" '
            f'border="1" style="border-style:dashed; border-color:{colours.rule}; '
            f'background-color:{colours.placeholder_bg}">'
            f'<tr><td align="center"><span class="placeholder">{what}</span>'
            + (f'<br/><span class="credit">{detail}</span>' if detail else "")
            + "</td></tr></table>"
        )
    under = ""
    if caption or credit:
        credit_html = f' <span class="credit">{credit}</span>' if credit else ""
        under = f'<p class="caption">{caption}{credit_html}</p>'
    return picture + under


def reader_css(colours: ReaderColours, font_pt: float) -> str:
    # Qt's rich text understands a CSS subset: sizes in pt, proportional line-height,
    # margins on blocks. 150 % leading is the usual comfortable value for long reading.
    return f"""
body {{ color:{colours.text}; font-size:{font_pt:.1f}pt; }}
p {{ line-height:150%; margin-top:0; margin-bottom:{font_pt * 0.9:.0f}px; }}
li {{ line-height:150%; }}
h1 {{ font-size:{font_pt * 1.9:.1f}pt; font-weight:700; margin-bottom:{font_pt:.0f}px; }}
h2 {{ font-size:{font_pt * 1.25:.1f}pt; font-weight:700; margin-top:{font_pt:.0f}px; }}
p.standfirst {{ font-size:{font_pt * 1.18:.1f}pt; line-height:135%; }}
p.meta {{ color:{colours.muted}; font-size:{font_pt * 0.9:.1f}pt;
          margin-bottom:{font_pt * 2:.0f}px; }}
p.caption {{ color:{colours.muted}; font-size:{font_pt * 0.88:.1f}pt; line-height:130%;
             margin-top:6px; margin-bottom:{font_pt * 1.4:.0f}px; }}
span.warning {{ color:{colours.muted}; font-size:{font_pt * 0.8:.1f}pt; font-style:italic; }}
span.credit {{ color:{colours.muted}; font-style:italic; }}
span.placeholder {{ color:{colours.muted}; font-size:{font_pt * 0.95:.1f}pt; }}
blockquote {{ margin-left:24px; color:{colours.muted}; }}
pre {{ font-family:monospace; font-size:{font_pt * 0.9:.1f}pt; }}
a {{ color:{colours.link}; }}
"""


def render_article_html(
    article: StoredArticle,
    *,
    colours: ReaderColours,
    font_pt: float = 12.0,
    image_sizes: Mapping[FigureId, tuple[int, int]] | None = None,
    terms: Sequence[str] = (),
    exact_terms: bool = False,
) -> str:
    """The whole reader page of an article, every piece of text escaped.

    ``image_sizes`` gives the display size of each figure whose image is available; a
    figure missing from it is drawn as a placeholder box with its caption. ``terms`` are
    marked as word prefixes, or as whole words with ``exact_terms``.
    """
    sizes = image_sizes or {}
    pattern = _term_pattern(terms, exact=exact_terms)
    quotes = article.quotes
    out: list[str] = [f"<html><head><style>{reader_css(colours, font_pt)}</style></head><body>"]

    title = _block_html(Block("h", article.title), -(10**9), (), pattern, colours, set())
    out.append(f"<h1>{title}</h1>")
    if article.summary:
        standfirst = _block_html(Block("p", article.summary), -(10**9), (), pattern, colours, set())
        out.append(f'<p class="standfirst">{standfirst}</p>')
    byline = article.byline.strip()
    if byline and not byline.lower().startswith("by "):
        byline = f"By {byline}"
    # Bylines are searched (by:), so a search's words are marked in them too.
    meta = (
        [_block_html(Block("p", byline), -(10**9), (), pattern, colours, set())] if byline else []
    )
    if article.site:
        meta.append(html.escape(article.site))
    date = format_date(article)
    meta.append(html.escape(date if meta else date[:1].upper() + date[1:]))
    if article.url.startswith(("http://", "https://")):
        meta.append(f'<a href="{html.escape(article.url)}">Original page</a>')
    # What the importer warned about the story ("extracted by fallback"): one small muted
    # line under the byline, so a reader knows why page text may be mixed in.
    warnings = "".join(
        f'<br/><span class="warning">{html.escape(_sentence(w))}</span>'
        for w in article.warnings
        if w.strip()
    )
    out.append(f'<p class="meta">{" · ".join(meta)}{warnings}</p>')

    figures_at: dict[int, list[StoredFigure]] = {}
    last = len(article.blocks)
    for figure in article.figures:
        figures_at.setdefault(min(max(figure.position, 0), last), []).append(figure)

    anchored: set[int] = set()
    roles = speaker_roles(quotes)
    offsets = block_offsets(article.blocks)
    in_list = False
    for index, block in enumerate(article.blocks):
        for figure in figures_at.get(index, ()):
            out.append(_figure_html(figure, sizes.get(figure.id), colours, pattern))
        text = _block_html(block, offsets[index], quotes, pattern, colours, anchored, roles)
        if block.kind == LIST_ITEM and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != LIST_ITEM and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == HEADING:
            out.append(f"<h2>{text}</h2>")
        elif block.kind == BLOCKQUOTE:
            out.append(f"<blockquote><p>{text}</p></blockquote>")
        elif block.kind == LIST_ITEM:
            out.append(f"<li>{text}</li>")
        elif block.kind == PREFORMATTED:
            out.append(f"<pre>{html.escape(block.text)}</pre>")
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    for figure in figures_at.get(last, ()):
        out.append(_figure_html(figure, sizes.get(figure.id), colours, pattern))
    out.append("</body></html>")
    return "\n".join(out)


FigureLoader = Callable[[FigureId], "tuple[bytes, str] | None"]

# Reader text size bounds and step, in points: below 8 pt body text is unreadable, above
# 32 pt a line holds too few words to read comfortably.
MIN_FONT_PT = 8.0
MAX_FONT_PT = 32.0
ZOOM_STEP_PT = 1.0
# A measure of about 70 characters per line is the classic comfortable reading width.
MEASURE_CHARS = 70
# Smallest side margin around the text, in pixels, when the pane is narrower than a measure.
MIN_SIDE_MARGIN = 24


class ReaderView(QTextBrowser):
    """Shows one article; serves images only from the library."""

    external_link_clicked = Signal(QUrl)
    font_size_changed = Signal(float)
    # (current hit, 1-based, or 0 before the first move; number of hits) of the search.
    hit_changed = Signal(int, int)

    def __init__(self, figure_loader: FigureLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Characters per line of the text column (the settings dialog changes it).
        self.measure_chars = MEASURE_CHARS
        self._figure_loader = figure_loader
        self._article: StoredArticle | None = None
        self._terms: tuple[str, ...] = ()
        self._exact_terms = False
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._images: dict[FigureId, QImage] = {}
        self._shown_sizes: dict[FigureId, tuple[int, int]] = {}
        self._html = ""
        self._font_pt = max(self.font().pointSizeF(), 11.0) + 1.0
        self._default_font_pt = self._font_pt
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setAccessibleName("Story reader")
        self.setAccessibleDescription("The selected story")
        self.anchorClicked.connect(self._on_anchor_clicked)
        # Re-layout of images after a resize waits for the resize to settle.
        self._relayout = QTimer(self, singleShot=True, interval=80)
        self._relayout.timeout.connect(self._relayout_images)
        self.show_message("")

    # -- public API -------------------------------------------------------------------
    @property
    def article(self) -> StoredArticle | None:
        return self._article

    @property
    def font_pt(self) -> float:
        return self._font_pt

    def set_font_pt(self, pt: float) -> None:
        pt = min(max(pt, MIN_FONT_PT), MAX_FONT_PT)
        if pt == self._font_pt:
            return
        self._font_pt = pt
        self._rerender(keep_position=True)
        self.font_size_changed.emit(pt)

    def zoom_in(self) -> None:
        self.set_font_pt(self._font_pt + ZOOM_STEP_PT)

    def zoom_out(self) -> None:
        self.set_font_pt(self._font_pt - ZOOM_STEP_PT)

    def zoom_reset(self) -> None:
        self.set_font_pt(self._default_font_pt)

    def show_article(
        self, article: StoredArticle | None, terms: Sequence[str] = (), *, exact: bool = False
    ) -> None:
        """Show ``article`` with ``terms`` marked (whole words as written with ``exact``)."""
        self._article = article
        self._terms = tuple(terms)
        self._exact_terms = exact
        self._hit = -1
        self._images = {}
        if article is not None:
            for figure in article.figures:
                if not figure.has_image:
                    continue
                loaded = self._figure_loader(figure.id)
                if loaded is None:
                    continue
                image = QImage.fromData(loaded[0])
                if not image.isNull():
                    self._images[figure.id] = image
        self._rerender(keep_position=False)
        if self._hits:
            self._scroll_to(self._hits[0])

    # -- search hits ------------------------------------------------------------------
    def hit_count(self) -> int:
        return len(self._hits)

    def next_hit(self) -> None:
        self._go_to_hit(self._hit + 1)

    def previous_hit(self) -> None:
        self._go_to_hit(self._hit - 1 if self._hit >= 0 else len(self._hits) - 1)

    def _go_to_hit(self, index: int) -> None:
        if not self._hits:
            return
        self._hit = index % len(self._hits)
        start, end = self._hits[self._hit]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._scroll_to(self._hits[self._hit])
        self.hit_changed.emit(self._hit + 1, len(self._hits))

    def _find_hits(self) -> None:
        """Where the marked terms are in the rendered document, in reading order.

        Read from the marks themselves rather than searched again, so F3 visits exactly
        what is marked (not the site name in the meta line, say).
        """
        self._hits = []
        marker = QColor(reader_colours(self.palette()).term_bg)
        block = self.document().begin()
        while block.isValid() and self._terms:
            pieces = block.begin()
            while not pieces.atEnd():
                fragment = pieces.fragment()
                brush = fragment.charFormat().background()
                if brush.style() != Qt.BrushStyle.NoBrush and brush.color() == marker:
                    start = fragment.position()
                    end = start + fragment.length()
                    if self._hits and self._hits[-1][1] == start:
                        # One hit cut in two by a quotation's edge.
                        self._hits[-1] = (self._hits[-1][0], end)
                    else:
                        self._hits.append((start, end))
                pieces += 1
            block = block.next()
        if self._hit >= len(self._hits):
            self._hit = -1
        self.hit_changed.emit(self._hit + 1, len(self._hits))

    def _scroll_to(self, hit: tuple[int, int]) -> None:
        """Bring a hit into view, a third of the way down the pane if it was out of sight."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(hit[0])
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if rect.top() < 0 or rect.bottom() > height * 2 // 3:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)

    def show_message(self, text: str) -> None:
        self._article = None
        self._images = {}
        self._terms = ()
        self._hit = -1
        self._hits = []
        self.hit_changed.emit(0, 0)
        colours = reader_colours(self.palette())
        self.setHtml(
            f'<html><body><p align="center" style="color:{colours.muted}; margin-top:48px">'
            f"{html.escape(text)}</p></body></html>"
        )

    def scroll_to_quote(self, index: int) -> None:
        self.scrollToAnchor(QUOTE_ANCHOR.format(index))

    def set_measure(self, chars: int) -> None:
        """Characters per line of the text column."""
        self.measure_chars = max(30, min(chars, 200))
        if self._article is not None:
            self._rerender(keep_position=True)
        else:
            self._apply_margins()

    def set_family(self, family: str) -> None:
        """The reader's font family ("" for the system's)."""
        font = QFont(self.font())
        font.setFamily(family or QFont().family())
        self.setFont(font)
        self.document().setDefaultFont(font)
        if self._article is not None:
            self._rerender(keep_position=True)

    def rendered_html(self) -> str:
        return self._html

    # -- rendering --------------------------------------------------------------------
    def _measure(self) -> tuple[int, int]:
        """(text width, side margin) for the current pane width and text size."""
        font = QFont(self.font())
        font.setPointSizeF(self._font_pt)
        ideal = round(QFontMetricsF(font).averageCharWidth() * self.measure_chars)
        available = self.viewport().width() - 2 * MIN_SIDE_MARGIN
        width = max(min(ideal, available), 120)
        return width, max((self.viewport().width() - width) // 2, MIN_SIDE_MARGIN)

    def _image_sizes(self, width: int) -> dict[FigureId, tuple[int, int]]:
        sizes: dict[FigureId, tuple[int, int]] = {}
        for figure_id, image in self._images.items():
            w, h = image.width(), image.height()
            if w > width:
                h, w = max(round(h * width / w), 1), width
            sizes[figure_id] = (w, h)
        return sizes

    def _rerender(self, *, keep_position: bool) -> None:
        if self._article is None:
            return
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        width, _ = self._measure()
        self._shown_sizes = self._image_sizes(width)
        self._html = render_article_html(
            self._article,
            colours=reader_colours(self.palette()),
            font_pt=self._font_pt,
            image_sizes=self._shown_sizes,
            terms=self._terms,
            exact_terms=self._exact_terms,
        )
        self.setHtml(self._html)
        self._apply_margins()
        self._find_hits()
        if keep_position:
            bar.setValue(round(fraction * bar.maximum()))

    def _apply_margins(self) -> None:
        _, margin = self._measure()
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() == margin and fmt.rightMargin() == margin:
            return
        fmt.setLeftMargin(margin)
        fmt.setRightMargin(margin)
        fmt.setTopMargin(28)
        fmt.setBottomMargin(48)
        root.setFrameFormat(fmt)

    def _relayout_images(self) -> None:
        width, _ = self._measure()
        if self._image_sizes(width) != self._shown_sizes:
            self._rerender(keep_position=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()
        if self._images:
            self._relayout.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._article is not None:
            self._rerender(keep_position=True)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Images from the library only; nothing from the network or the disk."""
        url = QUrl(url)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.scheme() == IMAGE_SCHEME:
            try:
                figure_id = FigureId(int(url.path()))
            except ValueError:
                return None
            return self._images.get(figure_id)
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        # Speakers of quotations are shown on hover from the character format's tooltip.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self.external_link_clicked.emit(url)
        elif url.hasFragment() and not url.scheme():
            self.scrollToAnchor(url.fragment())

    def sizeHint(self) -> QSize:
        return QSize(720, 600)
