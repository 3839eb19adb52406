"""Import a JSON export into a library: the stories, then what the reader had added to them.

Stories are stored as exported (quotations as found then, not found again), and
then, for each story stored by this import, the fields the import itself would
set differently (when and from where it was first saved) are put back, with its
tags, marks, highlights and reading place. A story already in the library (the
same original file) is left as it is: importing an export twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsviewer.domain import FAILED, IMPORTED, ArticleId, FileOutcome
from newsviewer.errors import ParseError
from newsviewer.export.json_format import (
    Export,
    ExportedStory,
    Rejected,
    is_export,
    read_export,
)
from newsviewer.library import Library, StoreRequest
from newsviewer.library import marks as mk
from newsviewer.library import tags as tg
from newsviewer.library.repository import sort_key
from newsviewer.library.saved_searches import save_search, saved_searches
from newsviewer.library.user_data import writing

# Stories stored under one commit, as an ordinary import groups files.
GROUP = 32


def looks_like_export(path: Path) -> bool:
    """True for a file whose first bytes are those of a NewsViewer JSON export."""
    try:
        with path.open("rb") as handle:
            return path.is_file() and is_export(handle.read(64))
    except OSError:
        return False


def apply_extras(library: Library, article_id: ArticleId, story: ExportedStory) -> None:
    """Put back on a freshly stored story what the export says the reader had added."""
    published = story.article.published
    with writing(library) as conn:
        conn.exec_driver_sql(
            "UPDATE articles SET imported_at = ?, sort_at = ?, source_name = ?, source_path = ? "
            "WHERE id = ?",
            (
                story.imported_at.isoformat(),
                sort_key(published, story.imported_at),
                story.source_name,
                story.source_path,
                article_id,
            ),
        )
        for h in story.highlights:
            conn.exec_driver_sql(
                "INSERT INTO highlights (article_id, text, start_offset, end_offset, prefix, "
                "suffix, colour, note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    h.text,
                    h.start,
                    h.end,
                    h.prefix,
                    h.suffix,
                    h.colour,
                    h.note,
                    h.created_at,
                    h.updated_at,
                ),
            )
        if story.position is not None:
            offset, fraction, updated = story.position
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO reading_positions (article_id, offset, fraction, "
                "updated_at) VALUES (?, ?, ?, ?)",
                (article_id, offset, fraction, updated),
            )
    if story.tags:
        tg.add_tags(library, [article_id], story.tags)
    mk.set_read(library, [article_id], story.read)
    if story.starred:
        mk.set_starred(library, [article_id])
    if story.archived:
        mk.set_archived(library, [article_id])


def restore_export(
    library: Library,
    path: Path,
    export: Export,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Store every story of ``export`` (read from ``path``) with all it carried."""
    outcomes: list[FileOutcome] = []

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    items = list(export.stories)
    for start in range(0, len(items), GROUP):
        group = items[start : start + GROUP]
        good = [s for s in group if isinstance(s, ExportedStory)]
        stored = iter(
            library.add_each([StoreRequest(s.article, s.source_path, s.original) for s in good])
            if good
            else []
        )
        for story in group:
            shown = f"{path} [{story.number}]"
            if isinstance(story, Rejected):
                record(FileOutcome(shown, FAILED, reason=f"{story.label}: {story.reason}"))
                continue
            result = next(stored)
            if result.status == IMPORTED and result.article_id is not None:
                apply_extras(library, result.article_id, story)
            record(
                FileOutcome(
                    shown,
                    result.status,
                    article_id=result.article_id,
                    title=story.article.title if result.status != FAILED else "",
                    reason=result.error,
                    format="newsviewer-export",
                )
            )
    known = {s.name for s in saved_searches(library)}
    for name, query in export.saved_searches:
        if name not in known:
            save_search(library, name, query)
    return outcomes


def import_export_file(
    library: Library, path: Path, on_outcome: Callable[[FileOutcome], None] | None = None
) -> list[FileOutcome]:
    """Read and restore one export file; an unreadable file is one failed outcome."""
    try:
        export = read_export(path.read_bytes())
    except (OSError, ParseError) as exc:
        reason = str(exc) if isinstance(exc, ParseError) else f"cannot read file: {exc}"
        outcome = FileOutcome(str(path), FAILED, reason=reason)
        if on_outcome is not None:
            on_outcome(outcome)
        return [outcome]
    return restore_export(library, path, export, on_outcome)


__all__ = [
    "apply_extras",
    "import_export_file",
    "looks_like_export",
    "restore_export",
]
