"""Undoable story deletion."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from newsviewer.domain import ArticleId
    from newsviewer.library import DeletedArticle


class DeleteCommand(QUndoCommand):
    """Undo puts the story back (it gets a new id); redo deletes it again.

    ``delete`` and ``restore`` do the work and update the views (the window's own
    ``delete_article`` and ``restore_article``): the command knows nothing of the window.
    """

    def __init__(
        self,
        deleted: DeletedArticle,
        delete: Callable[[ArticleId], DeletedArticle | None],
        restore: Callable[[DeletedArticle], ArticleId],
    ) -> None:
        super().__init__(f"Delete “{deleted.title}”")
        self._delete = delete
        self._restore = restore
        self._deleted: DeletedArticle | None = deleted
        self._first = True

    def redo(self) -> None:
        if self._first:  # the story was deleted before the command was pushed
            self._first = False
            return
        if self._deleted is not None:
            self._deleted = self._delete(self._deleted.article_id)

    def undo(self) -> None:
        if self._deleted is not None:
            new_id = self._restore(self._deleted)
            self._deleted = dataclasses.replace(self._deleted, article_id=new_id)


class ChangeCommand(QUndoCommand):
    """A change already made (tags taken off, renamed, merged, deleted), undone by
    ``undo`` and made again by ``redo``; the callbacks update the views."""

    def __init__(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        if self._first:  # done before the command was pushed
            self._first = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()
