"""The import summary names the story inside a file that holds several."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from newsviewer.domain import FAILED, FileOutcome, ImportReport
from newsviewer.gui.import_summary import ImportSummaryDialog


def test_the_summary_names_the_file_and_the_story_inside_it(qtbot: QtBot) -> None:
    report = ImportReport(
        (
            FileOutcome("/news/gazette.xml", FAILED, reason="no story text", part=3, label="Ferry"),
            FileOutcome("/news/broken.html", FAILED, reason="empty file"),
        )
    )
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)

    def cell(row: int, column: int) -> QTableWidgetItem:
        item = dialog.table.item(row, column)
        assert item is not None
        return item

    names = [cell(row, 0).text() for row in range(dialog.table.rowCount())]
    assert names == ["broken.html", "gazette.xml #3: Ferry"]
    assert cell(1, 0).toolTip() == "/news/gazette.xml #3"
    assert cell(1, 2).text() == "no story text"
