"""Operations on the library that the window offers, each returning what it changed.

Modelled on Anki's ``CollectionOp``: an operation changes the library and returns an
``OpChanges`` record; the window hands that to every view, and each view updates what
concerns it (the list drops a removed story, the reader leaves it, the status bar says
so), instead of each operation updating every pane by hand. New operations (tags, marks,
highlights) add their own fields here and the views that care react to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsviewer.domain import ArticleId
    from newsviewer.library import DeletedArticle, Library


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What an operation changed in the library."""

    removed: tuple[ArticleId, ...] = ()  # stories no longer in the library
    added: tuple[ArticleId, ...] = ()  # stories (back) in the library
    select: ArticleId | None = None  # the story to show once the list has it
    message: str = ""  # said in the status bar
    message_ms: int = 0  # for how long (0: until replaced)


def delete_story(
    library: Library, article_id: ArticleId
) -> tuple[OpChanges, DeletedArticle | None]:
    """Delete a story; what changed, and what undo needs (None: it was already gone).

    Raises NewsViewerError when the library cannot be written.
    """
    deleted = library.delete(article_id)
    if deleted is None:
        return OpChanges(), None
    return OpChanges(removed=(article_id,)), deleted


def restore_story(library: Library, deleted: DeletedArticle) -> tuple[OpChanges, ArticleId]:
    """Put a deleted story back (undo); it gets a new id, which is selected."""
    new_id = library.restore(deleted)
    message = f"Restored “{deleted.title}”."
    return OpChanges(added=(new_id,), select=new_id, message=message, message_ms=5000), new_id
