"""Print the story being read, or save it as a PDF file.

The page is rendered afresh for paper rather than copied from the reader: dark text on
white whatever the window's theme, no search-hit marks, images sized to the page, and
no side margins of the reader's measure (the printer's own margins apply). The images
come from the library, like the reader's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from newsviewer.domain import FigureId, StoredArticle
from newsviewer.errors import NewsViewerError
from newsviewer.gui.reader import image_url, render_article_html
from newsviewer.gui.reader_colours import ReaderColours

if TYPE_CHECKING:
    from newsviewer.gui.story_window import StoryWindow

# Paper is white: the reader's dark palette would print light grey on white.
PRINT_COLOURS = ReaderColours(
    text="#000000",
    muted="#555555",
    base="#ffffff",
    link="#1a4f9c",
    quote_bg="#e9eef7",
    term_bg="#ffe27a",
    rule="#bbbbbb",
    placeholder_bg="#f2f2f2",
)
# Body text on paper, in points: what books and newspapers print at.
PRINT_FONT_PT = 11.0

FigureLoader = Callable[[FigureId], "tuple[bytes, str] | None"]


class PrintError(NewsViewerError):
    """The story could not be printed or written to the PDF file."""


def print_document(
    article: StoredArticle,
    load_figure: FigureLoader,
    *,
    text_width: float,
    family: str = "",
) -> QTextDocument:
    """The story laid out for a page ``text_width`` pixels (of the document) wide."""
    document = QTextDocument()
    font = QFont()
    if family:
        font.setFamily(family)
    font.setPointSizeF(PRINT_FONT_PT)
    document.setDefaultFont(font)
    sizes: dict[FigureId, tuple[int, int]] = {}
    for figure in article.figures:
        if not figure.has_image:
            continue
        loaded = load_figure(figure.id)
        image = QImage.fromData(loaded[0]) if loaded is not None else QImage()
        if image.isNull():
            continue  # drawn as the reader draws a missing image: a box with its caption
        document.addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(image_url(figure.id)), image
        )
        w, h = image.width(), image.height()
        if w > text_width:
            w, h = round(text_width), max(round(h * text_width / w), 1)
        sizes[figure.id] = (w, h)
    document.setHtml(
        render_article_html(
            article, colours=PRINT_COLOURS, font_pt=PRINT_FONT_PT, image_sizes=sizes
        )
    )
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, article.title)
    return document


# QTextDocument.print_ keeps 2 cm inside the printer's printable area on each side.
_PRINT_MARGIN_PX = 2 / 2.54 * 96


def _page_width(printer: QPrinter) -> float:
    """The width of the printed text in the document's pixels (laid out at 96 dpi)."""
    points = printer.pageLayout().paintRect(QPageLayout.Unit.Point).width()
    return max(points * 96 / 72 - 2 * _PRINT_MARGIN_PX, 100.0)


def print_story(
    article: StoredArticle, load_figure: FigureLoader, printer: QPrinter, family: str = ""
) -> None:
    """Send the story to ``printer`` (a printer, or a PDF file when its format is PDF)."""
    printer.setDocName(article.title)
    document = print_document(article, load_figure, text_width=_page_width(printer), family=family)
    document.print_(printer)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        written = Path(printer.outputFileName())
        if not written.is_file() or written.stat().st_size == 0:
            raise PrintError(f"{written}: could not write the PDF file (check the folder)")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def save_pdf(
    article: StoredArticle, load_figure: FigureLoader, path: Path, family: str = ""
) -> Path:
    """Write the story to the PDF file ``path``."""
    if path.is_dir():
        raise PrintError(f"{path}: is a folder, not a file")
    if not path.parent.is_dir():
        raise PrintError(f"{path}: the folder {path.parent} does not exist")
    print_story(article, load_figure, pdf_printer(path), family)
    return path


def choose_pdf_path(parent: QWidget, article: StoredArticle) -> Path | None:
    """Ask where to save the story as PDF; None when cancelled."""
    stem = "".join(c if c.isalnum() or c in " -_" else " " for c in article.title)
    stem = " ".join(stem.split())[:80] or "Story"
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save Story as PDF", str(Path.home() / f"{stem}.pdf"), "PDF document (*.pdf)"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The system's print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print Story")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_from(window: StoryWindow, printer: QPrinter | None = None) -> bool:
    """Print the story ``window`` is showing; the dialog asks for a printer if none given."""
    article = window.reader.article
    if article is None:
        return False
    printer = printer or choose_printer(window)
    if printer is None:
        return False
    try:
        print_story(article, window.library.figure_image, printer, window.reader.font().family())
    except NewsViewerError as exc:
        QMessageBox.warning(window, "Could not print the story", str(exc))
        return False
    window.statusBar().showMessage(f"Sent “{article.title}” to the printer.", 5000)
    return True


def save_pdf_from(window: StoryWindow, path: Path | None = None) -> Path | None:
    """Save the story ``window`` is showing as PDF (``path``, else one the user chooses)."""
    article = window.reader.article
    if article is None:
        return None
    path = path or choose_pdf_path(window, article)
    if path is None:
        return None
    try:
        save_pdf(article, window.library.figure_image, path, window.reader.font().family())
    except NewsViewerError as exc:
        QMessageBox.warning(window, "Could not save the PDF", str(exc))
        return None
    window.statusBar().showMessage(f"Saved “{article.title}” to {path}", 8000)
    return path
