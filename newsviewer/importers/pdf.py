"""Articles printed to PDF: the text layer in reading order; no OCR.

pdfminer.six lays each page out (lines grouped into boxes; we order the boxes
column by column) and gives every character its font size, which is what finds
the headline (the document title, else the first line set larger than the body)
and tells paragraphs apart. Lines a browser prints on every page (the date and
title at the top, the address and page number at the foot) are dropped; the
address becomes the story's URL. A PDF without a text layer (a scan) is refused.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Protocol, TypeVar

from newsviewer.domain import HEADING, PARAGRAPH, Article, Block
from newsviewer.errors import ParseError
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.importers.base import SourceFile
from newsviewer.text.dates import dateline_date, find_date

MAX_PAGES = 300
_TITLE_RATIO = 1.3  # a headline is set at least this much larger than the body
_HEADING_RATIO = 1.12
_URL = re.compile(r"^(https?://\S+?)(?:\s+\d+\s*/\s*\d+)?$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+\s*(?:/|of)\s*\d+$|^\d{1,3}$", re.I)
_BYLINE = re.compile(r"^(?:by|par|von|por)\s+(\S.{1,120})$", re.I)
_SPACE = re.compile(r"\s+")
# Typographic ligatures fonts draw as one glyph ("ﬁ" in "fishermen"): the words they
# stand in must be searchable letter by letter.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_GENERIC_TITLE = re.compile(r"^(?:untitled|document|microsoft word|print)\b|\.\w{2,4}$", re.I)


@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    text: str
    size: float
    top: float
    bottom: float
    left: float
    height: float
    edge: bool  # in the page's top or bottom margin


class PdfImporter:
    name = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        return head[:1024].lstrip().startswith(b"%PDF-")

    def parse(self, source: SourceFile) -> Article:
        title_info, lines = _read(source.data)
        if not lines:
            raise ParseError("the PDF has no text layer (a scan?); NewsViewer does no OCR")
        lines, url = _without_furniture(lines)
        if not lines:
            raise ParseError("the PDF has no text besides page headers and footers")
        body_size = median(line.size for line in lines)
        title, lines = _headline(lines, title_info, body_size)
        paragraphs = _paragraphs(lines, body_size)
        byline, published = "", None
        for i, block in enumerate(paragraphs[:4]):
            match = _BYLINE.match(block.text)
            if match and not byline:
                byline = match.group(1)
                paragraphs[i] = Block(PARAGRAPH, "")
            elif published is None and (when := dateline_date(block.text)) is not None:
                published = when
                paragraphs[i] = Block(PARAGRAPH, "")
        blocks = tuple(b for b in paragraphs if b.text)
        if not blocks:
            raise ParseError("no article text found in the PDF")
        inferred = False
        if published is None:
            published = _printed_date(blocks)
            inferred = published is not None
        names = [byline] if byline else []
        return Article(
            format="pdf",
            title=title or blocks[0].text[:120],
            byline=display_byline(names),
            authors=person_names(names),
            published=published,
            published_inferred=inferred,
            url=url,
            blocks=blocks,
        )


def _read(data: bytes) -> tuple[str, list[_Line]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfminer.utils import decode_text

    lines: list[_Line] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
        raw_title = info.get("Title", b"")
        title = decode_text(raw_title) if isinstance(raw_title, bytes) else str(raw_title or "")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= MAX_PAGES:
                raise ParseError(f"the PDF has over {MAX_PAGES} pages; it is not an article")
            interpreter.process_page(page)
            layout = device.get_result()
            height = layout.height or 1
            boxes = [box for box in layout if isinstance(box, LTTextContainer)]
            for box in reading_order(boxes):
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = _SPACE.sub(" ", line.get_text().translate(_LIGATURES)).strip()
                    sizes = [c.size for c in line if isinstance(c, LTChar)]
                    if not text or not sizes:
                        continue
                    margin = height * 0.06
                    lines.append(
                        _Line(
                            page=number,
                            text=text,
                            size=round(max(sizes), 1),
                            top=height - line.y1,
                            bottom=height - line.y0,
                            left=line.x0,
                            height=line.height,
                            edge=line.y1 > height - margin or line.y0 < margin,
                        )
                    )
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise ParseError("the PDF is password-protected") from exc
    except (PDFSyntaxError, PSException, KeyError, TypeError, ValueError, AssertionError) as exc:
        raise ParseError(f"the PDF is damaged or cut off ({type(exc).__name__})") from exc
    return _SPACE.sub(" ", title).strip(), lines


_Box = TypeVar("_Box", bound="_Boxed")


class _Boxed(Protocol):
    x0: float
    x1: float
    y0: float
    y1: float


# A box wider than this share of the page's text is a band across every column
# (a headline, a full-width paragraph) that starts a new run of columns.
_FULL_WIDTH = 0.6


def reading_order(boxes: list[_Box]) -> list[_Box]:
    """Text boxes of a page in reading order: bands across the page top to bottom, and
    between them, column by column from the left, each column top to bottom.

    pdfminer orders boxes by a blend of height and left edge, which reads a two-column
    story a paragraph from each column in turn.
    """
    if len(boxes) < 2:
        return boxes
    left = min(b.x0 for b in boxes)
    width = max(b.x1 for b in boxes) - left or 1
    ordered: list[_Box] = []
    band: list[_Box] = []

    def close() -> None:
        columns: list[list[_Box]] = []
        for box in sorted(band, key=lambda b: b.x0):
            # A box starting right of where a column's boxes end opens the next column.
            if columns and box.x0 < max(b.x1 for b in columns[-1]) - 2:
                columns[-1].append(box)
            else:
                columns.append([box])
        for column in columns:
            ordered.extend(sorted(column, key=lambda b: -b.y1))
        band.clear()

    for box in sorted(boxes, key=lambda b: -b.y1):
        if box.x1 - box.x0 > _FULL_WIDTH * width:
            close()
            ordered.append(box)
        else:
            band.append(box)
    close()
    return ordered


def _without_furniture(lines: list[_Line]) -> tuple[list[_Line], str]:
    """Lines without the page headers and footers; the printed address, if any."""
    pages = len({line.page for line in lines})
    repeated = Counter(re.sub(r"\d+", "#", line.text) for line in lines if line.edge)
    url = ""
    kept = []
    for line in lines:
        if line.edge:
            found = _URL.match(line.text)
            if found:
                url = url or found.group(1)
                continue
            if _PAGE_NUMBER.match(line.text):
                continue
            if pages > 1 and repeated[re.sub(r"\d+", "#", line.text)] >= min(pages, 2):
                continue
            if line.top < line.bottom and _is_print_header(line.text):
                continue
        kept.append(line)
    return kept, url


def _is_print_header(text: str) -> bool:
    """A browser's print header: the date and time printed, then the page's title."""
    return bool(re.match(r"^\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d\d", text))


def _headline(lines: list[_Line], title_info: str, body_size: float) -> tuple[str, list[_Line]]:
    """The headline and the lines left: the first large lines of the first page, or the
    document title when the PDF names one."""
    first_page = min(line.page for line in lines)
    large = []
    for line in lines:
        if line.page != first_page:
            break
        if line.size >= body_size * _TITLE_RATIO:
            large.append(line)
        elif large:
            break
    if large:
        size = large[0].size
        run = [large[0]]
        for line in large[1:]:
            if abs(line.size - size) > 0.5:
                break
            run.append(line)
        rest = [line for line in lines if line not in run]
        return " ".join(line.text for line in run), rest
    if title_info and not _GENERIC_TITLE.search(title_info):
        rest = [line for line in lines if line.text != title_info]
        return title_info, rest
    return "", lines


def _paragraphs(lines: list[_Line], body_size: float) -> list[Block]:
    """Lines joined into paragraphs: a new one at a wider gap, a change of size, a page
    turn that starts an indented line, or a line that starts left of a short previous one."""
    blocks: list[Block] = []
    current: list[_Line] = []

    def close() -> None:
        if not current:
            return
        text = current[0].text
        for line in current[1:]:
            if text.endswith("-") and line.text[:1].islower():
                text = text[:-1] + line.text  # a word hyphenated at the line's end
            else:
                text = f"{text} {line.text}"
        kind = HEADING if current[0].size >= body_size * _HEADING_RATIO else PARAGRAPH
        blocks.append(Block(kind, text))
        current.clear()

    for line in lines:
        if current:
            last = current[-1]
            gap = line.top - last.bottom
            same_page = line.page == last.page
            # A page turn or a jump to the next column goes on with the paragraph
            # when its last sentence is unfinished.
            turned = not same_page or (gap < -last.height * 2 and line.left > last.left)
            if (
                abs(line.size - last.size) > 0.5
                or (same_page and not turned and gap > last.height * 0.8)
                or (same_page and not turned and gap < -last.height * 2)
                or (turned and last.text.endswith((".", '"', "”", "?", "!")))
            ):
                close()
        current.append(line)
    close()
    return blocks


def _printed_date(blocks: tuple[Block, ...]) -> datetime | None:
    """A date written near the top of the story ("Published 5 March 2024")."""
    for block in blocks[:3]:
        if len(block.text) < 200:
            when = find_date(block.text)
            if when is not None:
                return when
    return None
