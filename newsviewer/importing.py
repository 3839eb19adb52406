"""Import files and folders into the library: one transaction per file, a report per file."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newsviewer.domain import DUPLICATE, FAILED, IMPORTED, FileOutcome, ImportReport
from newsviewer.errors import LibraryError, ParseError
from newsviewer.importers import parse_file
from newsviewer.library import Library

log = logging.getLogger(__name__)

Progress = Callable[[int, int, Path], None]


def _is_asset_folder(path: Path) -> bool:
    # A page saved "complete" keeps its images in NAME_files/ beside NAME.html;
    # those files belong to the page, they are not articles of their own.
    name = path.name
    for suffix in ("_files", "-files", "_archivos", "-Dateien"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            parent = path.parent
            if any((parent / f"{stem}{ext}").exists() for ext in (".html", ".htm", ".xhtml")):
                return True
    return False


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: files as given, folders walked recursively in name order.

    Hidden files and folders and the asset folders of saved pages are skipped.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.absolute()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for path in paths:
        if path.is_dir():
            for child in _walk(path):
                add(child)
        else:
            add(path)
    return out


def _walk(folder: Path) -> Iterable[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name.lower())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and entry.is_dir():
            continue  # a link back up the tree would loop forever
        if entry.is_dir():
            if not _is_asset_folder(entry):
                yield from _walk(entry)
        elif entry.is_file():
            yield entry


def import_file(library: Library, path: Path) -> FileOutcome:
    """Parse and store one file; never raises for a bad file."""
    shown = str(path)
    try:
        article, original = parse_file(path)
    except ParseError as exc:
        return FileOutcome(shown, FAILED, reason=str(exc))
    except Exception as exc:  # a bug in a parser must not sink the batch
        log.exception("unexpected error parsing %s", path)
        return FileOutcome(shown, FAILED, reason=f"internal error while parsing: {exc!r}")
    try:
        status, article_id = library.add(
            article, source_path=str(path.absolute()), original=original
        )
    except LibraryError as exc:
        return FileOutcome(shown, FAILED, reason=str(exc), format=article.format)
    return FileOutcome(
        shown,
        IMPORTED if status == IMPORTED else DUPLICATE,
        article_id=article_id,
        title=article.title,
        format=article.format,
    )


def import_paths(
    library: Library,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ImportReport:
    """Import every file under ``paths``; stop between files when ``cancelled()``.

    A missing path is reported as failed. A ``LibraryError`` other than for one
    file (the disk is full, say) stops the batch: what was stored stays stored.
    """
    files: list[Path] = []
    outcomes: list[FileOutcome] = []
    for p in paths:
        if not p.exists():
            outcomes.append(FileOutcome(str(p), FAILED, reason="no such file or folder"))
        else:
            files.append(p)
    for o in outcomes:
        if on_outcome:
            on_outcome(o)
    todo = collect_files(files)
    total = len(todo)
    for index, path in enumerate(todo):
        if cancelled is not None and cancelled():
            return ImportReport(tuple(outcomes), cancelled=True)
        if progress is not None:
            progress(index, total, path)
        outcome = import_file(library, path)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    if progress is not None and total:
        progress(total, total, todo[-1])
    return ImportReport(tuple(outcomes))
