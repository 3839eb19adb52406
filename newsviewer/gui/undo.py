"""Undoable story deletion."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from newsviewer.gui.main_window import MainWindow
    from newsviewer.library.repository import DeletedArticle


class DeleteCommand(QUndoCommand):
    """Undo puts the story back (it gets a new id); redo deletes it again."""

    def __init__(self, window: MainWindow, deleted: DeletedArticle) -> None:
        super().__init__(f"Delete “{deleted.title}”")
        self._window = window
        self._deleted: DeletedArticle | None = deleted
        self._first = True

    def redo(self) -> None:
        if self._first:  # the story was deleted before the command was pushed
            self._first = False
            return
        if self._deleted is not None:
            self._deleted = self._window.delete_article(self._deleted.article_id, record=False)

    def undo(self) -> None:
        if self._deleted is not None:
            new_id = self._window.restore_article(self._deleted)
            self._deleted = dataclasses.replace(self._deleted, article_id=new_id)
