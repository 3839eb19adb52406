"""Print and Save as PDF from the reader: a real PDF file holding the story."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTFigure, LTImage, LTLayoutContainer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from newsviewer.gui.printing import pdf_printer
from tests.gui.conftest import GUI_FIXTURES, KERRY, MakeWindow

from .helpers import import_and_wait, reading

HEADLINE = "John Kerry: No troops on the ground in US aid to Iraq"


def _words(text: str) -> str:
    # (NFKC undoes the ligatures a PDF font sets: "ﬁ" is read back as one character.)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _images(pdf: Path) -> int:
    def count(item: object) -> int:
        if isinstance(item, LTImage):
            return 1
        if isinstance(item, LTFigure | LTLayoutContainer):
            return sum(count(child) for child in item)
        return 0

    return sum(count(page) for page in extract_pages(str(pdf)))


def test_save_as_pdf_writes_the_story_with_its_headline(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    article = reading(window)
    assert window.window_actions.save_pdf.isEnabled()
    # A search's marks belong to the screen, not to the paper.
    window.search_bar.set_query("troops")
    qtbot.waitUntil(lambda: window.reader.hit_count() > 0, timeout=5000)

    target = tmp_path / "kerry.pdf"
    assert window.save_story_pdf(target) == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    text = _words(extract_text(str(target)))
    assert HEADLINE in text
    # The whole story is there, to its last paragraph, over as many pages as it needs.
    assert _words(article.text)[-60:] in text
    assert "Saved" in window.statusBar().currentMessage()


def test_print_goes_to_the_printer_given_and_pictures_come_along(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [GUI_FIXTURES / "harbour-gallery.html"])
    assert any(f.has_image for f in reading(window).figures)
    target = tmp_path / "printed.pdf"
    # A printer that writes a PDF file stands in for a real one (the dialog is the system's).
    printer = pdf_printer(target)
    assert window.print_story(printer)
    assert printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    text = _words(extract_text(str(target)))
    assert "Fishing fleet returns to Port Ellery after record season" in text
    assert _images(target) >= 1


def test_a_pdf_that_cannot_be_written_is_explained(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [KERRY])
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert window.save_story_pdf(tmp_path / "missing" / "kerry.pdf") is None
    assert warned and "missing" in warned[0] and "does not exist" in warned[0]


def test_print_and_pdf_are_offered_only_with_a_story_open(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.window_actions.print_story.isEnabled()
    assert not window.window_actions.save_pdf.isEnabled()
    assert window.save_story_pdf(Path("/nonexistent/x.pdf")) is None
