"""An article printed to PDF, made by Qt's QPdfWriter as a print dialog would make it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageSize, QPainter, QPdfWriter

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.pdf import PdfImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import PARAGRAPHS, SITE, TITLE, URL, assert_story

WRAP = int(Qt.TextFlag.TextWordWrap)


def printed_pdf(path: Path, *, title: str = TITLE, text: bool = True) -> bytes:
    """Two A4 pages: a print header and footer on each, the headline large, a byline
    and a dateline, then the story's paragraphs running over the page turn."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("NewsViewer tests")
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    width, left = 480.0, 56.0
    small, body, big = QFont("DejaVu Sans", 8), QFont("DejaVu Serif", 11), QFont("DejaVu Sans", 22)
    big.setBold(True)

    def furniture(page: int) -> None:
        painter.setFont(small)
        painter.drawText(QRectF(left, 14, width, 12), 0, f"3/5/24, 9:02 AM    {TITLE} | {SITE}")
        painter.drawText(QRectF(left, 812, width, 12), 0, f"{URL}    {page}/2")

    def block(font: QFont, value: str, y: float) -> float:
        painter.setFont(font)
        rect = QFontMetricsF(font).boundingRect(QRectF(left, y, width, 2000), WRAP, value)
        painter.drawText(QRectF(left, y, width, rect.height() + 2), WRAP, value)
        return y + rect.height() + font.pointSizeF() * 0.9

    if text:
        furniture(1)
        y = block(big, TITLE, 60)
        y = block(body, "By Maria Lopez", y)
        y = block(body, "Published 5 March 2024, 08:30", y)
        for paragraph in PARAGRAPHS[:3]:
            y = block(body, paragraph, y)
        writer.newPage()
        furniture(2)
        y = 60
        for paragraph in PARAGRAPHS[3:]:
            y = block(body, paragraph, y)
    else:
        painter.fillRect(QRectF(50, 50, 300, 200), Qt.GlobalColor.darkGray)  # a "scan"
    painter.end()
    return path.read_bytes()


def parse(data: bytes) -> Article:
    return PdfImporter().parse(SourceFile(path=Path("story.pdf"), data=data))


def test_printed_article_reads_in_order_with_headline_byline_date_and_url(
    qapp: object, tmp_path: Path
) -> None:
    article = parse(printed_pdf(tmp_path / "story.pdf"))
    assert article.format == "pdf"
    assert article.url == URL
    assert article.byline == "Maria Lopez" and article.authors == ("Maria Lopez",)
    done = assert_story(article, published=datetime(2024, 3, 5, 8, 30))
    assert [b.text for b in done.blocks] == list(PARAGRAPHS)


def test_headline_from_the_first_large_line_when_the_title_is_generic(
    qapp: object, tmp_path: Path
) -> None:
    article = parse(printed_pdf(tmp_path / "x.pdf", title="Untitled document"))
    assert article.title == TITLE


def test_sniffed_by_content(qapp: object, tmp_path: Path) -> None:
    data = printed_pdf(tmp_path / "x.pdf")
    assert Registry().choose(Path("story.dat"), data[:4096]).name == "pdf"


def test_broken_truncated_and_textless_pdfs_are_refused(qapp: object, tmp_path: Path) -> None:
    data = printed_pdf(tmp_path / "x.pdf")
    with pytest.raises(ParseError, match="no text layer"):
        parse(printed_pdf(tmp_path / "scan.pdf", text=False))
    with pytest.raises(ParseError, match="damaged or cut off"):
        parse(data[: len(data) // 3])
    with pytest.raises(ParseError, match="damaged or cut off"):
        parse(b"%PDF-1.4\n" + b"\x00garbage" * 100)


def two_column_pdf(path: Path) -> bytes:
    """A magazine-style page: the headline across the page, then two columns, the third
    paragraph running from the foot of the first column to the head of the second."""
    writer = QPdfWriter(str(path))
    writer.setTitle(TITLE)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    big, body = QFont("DejaVu Sans", 22), QFont("DejaVu Serif", 10)
    big.setBold(True)
    painter.setFont(big)
    painter.drawText(QRectF(40, 50, 515, 60), WRAP, TITLE)
    painter.setFont(body)
    words = PARAGRAPHS[2].split()
    half = len(words) // 2
    columns = (
        (40, [*PARAGRAPHS[:2], " ".join(words[:half])]),
        (310, [" ".join(words[half:]), *PARAGRAPHS[3:]]),
    )
    for x, paragraphs in columns:
        y = 130.0
        for paragraph in paragraphs:
            rect = QFontMetricsF(body).boundingRect(QRectF(x, y, 240, 2000), WRAP, paragraph)
            painter.drawText(QRectF(x, y, 240, rect.height() + 2), WRAP, paragraph)
            y += rect.height() + 9
    painter.end()
    return path.read_bytes()


def test_two_columns_read_column_by_column(qapp: object, tmp_path: Path) -> None:
    article = parse(two_column_pdf(tmp_path / "magazine.pdf"))
    assert article.title == TITLE
    assert [b.text for b in article.blocks] == list(PARAGRAPHS)
