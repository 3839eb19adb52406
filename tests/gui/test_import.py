"""Importing through the window: folders with bad files, saved pages with images, cancel."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsviewer.domain import DUPLICATE, FAILED, IMPORTED
from tests.gui.conftest import MakeWindow

from .conftest import GUI_FIXTURES, KERRY
from .helpers import IMPORT_TIMEOUT_MS, drop_and_wait, import_and_wait, reading

GOOD_TITLES = {
    "Council approves new budget for riverside park",
    "Libraries to stay open later on weekdays",
}
BAD_FILES = {"empty.txt", "noise.bin", "truncated.html"}


def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drop" / "mixed-folder"
    shutil.copytree(GUI_FIXTURES / "mixed-folder", folder)
    return folder


def test_dropped_folder_lists_good_stories_and_explains_bad_files(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    report = drop_and_wait(qtbot, window, [_mixed_folder(tmp_path)])

    assert report.count(IMPORTED) == 2
    assert report.count(FAILED) == 3
    titles = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert titles == GOOD_TITLES
    assert window.count_label.text() == "2 stories"
    assert window.statusBar().currentMessage() == "Imported 2 stories, 3 failed."
    # The first newly imported story is open.
    assert window.current_article() is not None
    assert reading(window).title in GOOD_TITLES

    assert window.details_button.isVisible()
    assert window.details_button.text() == "Show 3 failed…"
    window.details_button.click()
    dialog = window.summary_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert {name for name, _, _ in rows} == BAD_FILES
    assert all(status == "Failed" for _, status, _ in rows)
    reasons = {name: reason for name, _, reason in rows}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["noise.bin"]
    assert reasons["truncated.html"]  # every failure says why
    dialog.close()


def test_dropping_the_same_files_again_reports_duplicates(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    folder = _mixed_folder(tmp_path)
    drop_and_wait(qtbot, window, [folder])
    report = drop_and_wait(qtbot, window, [folder / "council-budget.txt"])
    assert [o.status for o in report.outcomes] == [DUPLICATE]
    assert window.statusBar().currentMessage() == "Imported 0 stories, 1 duplicate skipped."
    assert window.model.rowCount() == 2
    dialog = window.show_summary()
    assert dialog is not None
    assert dialog.rows()[0][:2] == ("council-budget.txt", "Already in library")
    dialog.close()


def _saved_page(tmp_path: Path) -> Path:
    target = tmp_path / "saved"
    target.mkdir()
    shutil.copy(GUI_FIXTURES / "harbour-gallery.html", target)
    shutil.copytree(GUI_FIXTURES / "harbour-gallery_files", target / "harbour-gallery_files")
    return target / "harbour-gallery.html"


def test_saved_page_shows_its_images_from_the_library(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    page = _saved_page(tmp_path)
    report = import_and_wait(qtbot, window, [page])
    assert report.count(IMPORTED) == 1
    # The page's folder is gone: whatever the reader shows comes from the library.
    shutil.rmtree(page.parent)

    article = window.current_article()
    assert article is not None
    assert [f.has_image for f in article.figures] == [True, True]
    reader = window.reader
    document = reader.document()
    text = document.toPlainText()
    assert "Boats moored at Port Ellery on Saturday evening." in text
    assert "Photo: Jonas Berg / Coastal Courier" in text
    assert "Image not stored" not in text

    for figure in article.figures:
        url = QUrl(f"nvimg:{int(figure.id)}")
        image = document.resource(QTextDocument.ResourceType.ImageResource, url)
        assert isinstance(image, QImage) and not image.isNull()
        loaded = reader.loadResource(QTextDocument.ResourceType.ImageResource.value, url)
        assert isinstance(loaded, QImage) and not loaded.isNull()
    # The 960 px photo is scaled down to the text column (re-laid out once resizes settle).
    big = f'src="nvimg:{int(article.figures[0].id)}" width="{{}}"'
    qtbot.waitUntil(lambda: big.format(reader._measure()[0]) in reader.rendered_html())
    assert reader._measure()[0] < 960
    assert "harbour-gallery_files" not in reader.rendered_html()


def test_reader_refuses_network_and_disk_resources(make_window: MakeWindow, tmp_path: Path) -> None:
    window = make_window()
    local = tmp_path / "secret.png"
    QImage(4, 4, QImage.Format.Format_RGB32).save(str(local))
    kind = QTextDocument.ResourceType.ImageResource.value
    for url in (
        QUrl("https://example.com/tracker.png"),
        QUrl.fromLocalFile(str(local)),
        QUrl("secret.png"),
        QUrl("nvimg:not-a-number"),
    ):
        assert window.reader.loadResource(kind, url) is None


def test_cancel_stops_an_import_between_files(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    folder = tmp_path / "many"
    folder.mkdir()
    # Enough files that the import is still parsing when the click lands.
    for n in range(120):
        (folder / f"story-{n:03}.txt").write_text(
            f"Story number {n} about the harbour\n\nThe harbour story {n} has one line of text.\n",
            encoding="utf-8",
        )
    # Cancel as soon as the first progress report arrives.
    window.importer.progress_changed.connect(lambda *_: window.progress.cancel_button.click())
    with qtbot.waitSignal(window.import_summarized, timeout=30000) as blocker:
        window.import_files([folder])
        assert window.progress.isVisible()
    report = blocker.args[0]
    assert report.cancelled
    assert len(report.outcomes) < 120
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert not window.progress.isVisible()


def _file_manager_drag(
    kind: type[QDragEnterEvent] | type[QDropEvent], paths: list[Path], actions: Qt.DropAction
) -> tuple[QDragEnterEvent | QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # Shift held: Qt proposes Move, as a file manager does by its own default.
    if kind is QDragEnterEvent:
        event: QDragEnterEvent | QDropEvent = QDragEnterEvent(
            QPoint(80, 80),
            actions,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ShiftModifier,
        )
    else:
        event = QDropEvent(
            QPointF(80, 80),
            actions,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ShiftModifier,
        )
    return event, mime


def test_a_drop_from_a_file_manager_is_accepted_as_a_copy_never_a_move(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    offered = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
    enter, _mime = _file_manager_drag(QDragEnterEvent, [KERRY], offered)
    assert enter.proposedAction() == Qt.DropAction.MoveAction  # what the source proposes
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    assert enter.dropAction() == Qt.DropAction.CopyAction
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS):
        dropped, _mime = _file_manager_drag(QDropEvent, [KERRY], offered)
        QApplication.sendEvent(window, dropped)
        assert dropped.isAccepted()
        assert dropped.dropAction() == Qt.DropAction.CopyAction
    assert window.model.rowCount() == 1


def test_a_drag_that_can_only_move_files_is_refused(make_window: MakeWindow) -> None:
    window = make_window()
    only_move = Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
    enter, _mime = _file_manager_drag(QDragEnterEvent, [KERRY], only_move)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    dropped, _mime = _file_manager_drag(QDropEvent, [KERRY], only_move)
    QApplication.sendEvent(window, dropped)
    assert not dropped.isAccepted()
