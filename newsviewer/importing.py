"""Import files and folders into the library: each file whole or not at all, a report per file."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

from newsviewer.domain import FAILED, FileOutcome, ImportReport
from newsviewer.errors import LibraryError
from newsviewer.importers.registry import ASSET_FOLDER_SUFFIXES, Registry
from newsviewer.library import Library, StoreRequest
from newsviewer.parse_pool import Executor, ProcessParser, SerialParser
from newsviewer.parse_worker import ParsedFile

log = logging.getLogger(__name__)

Progress = Callable[[int, int, Path], None]


@cache
def _registry() -> Registry:
    return Registry()


def dialog_filter() -> str:
    """The file dialog's filter: what the importers read (loads them, once)."""
    return _registry().dialog_filter()


def _is_asset_folder(path: Path) -> bool:
    # A page saved "complete" keeps its images in NAME_files/ beside NAME.html;
    # those files belong to the page, they are not articles of their own.
    if not path.name.endswith(ASSET_FOLDER_SUFFIXES):
        return False  # most folders: no need to load the importers to know
    return _registry().asset_folder_of(path) is not None


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


# Files stored under one commit, each in its own savepoint: a commit per file
# halves the import rate. 32 text stories take about 50 ms to store, so a search
# or a delete in the window never waits long for the write lock; 64 were only
# 3% faster.
GROUP_FILES = 32
# A group is also closed after this long, so stories appear and reports arrive
# promptly while a slow parse trickles in.
GROUP_SECONDS = 0.25


def _storable(path: Path) -> str:
    """The path as text the library can hold: bytes of a name that are not text
    (kept by Python as lone surrogates) become U+FFFD."""
    return str(path.absolute()).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def store_group(
    library: Library, group: Sequence[ParsedFile], *, keep_duplicates: bool = False
) -> list[FileOutcome]:
    """Store parsed stories, each whole or not at all, under one commit; in order.

    A story already in the library from another file (same address, or nearly the
    same words) is reported as a duplicate naming it, unless ``keep_duplicates``.
    """
    requests = [
        StoreRequest(p.article, _storable(p.path), p.original)
        for p in group
        if p.article is not None
    ]
    stored = iter(library.add_each(requests, keep_similar=keep_duplicates) if requests else [])
    outcomes: list[FileOutcome] = []
    for parsed in group:
        shown = str(parsed.path)
        article = parsed.article
        if article is None:
            outcomes.append(
                FileOutcome(
                    shown, FAILED, reason=parsed.reason, part=parsed.part, label=parsed.label
                )
            )
            continue
        result = next(stored)
        outcomes.append(
            FileOutcome(
                shown,
                result.status,
                article_id=result.article_id,
                title=article.title if result.status != FAILED else "",
                reason=result.error,
                format=article.format,
                part=parsed.part,
                label=parsed.label,
                repeats=result.repeats,
            )
        )
    return outcomes


def _is_export(path: Path) -> bool:
    from newsviewer.export.restore import looks_like_export

    return looks_like_export(path)


def _restore(library: Library, path: Path, record: Callable[[FileOutcome], None]) -> None:
    from newsviewer.export.restore import import_export_file

    import_export_file(library, path, record)


# Below this many files a process costs more to start (each imports the HTML
# stack, ~0.3 s) than it saves, unless a file is large.
PARALLEL_MIN_FILES = 24


def default_workers() -> int:
    """Parse processes for an import from the command line: one per core.

    Measured on 2 cores (benchmarks/import_throughput.py): HTML pages, whose parse
    dominates, import 1.6x faster with a parser per core than with one; text files,
    where storing costs about twice the parse, are as fast either way. The window
    keeps a core free for itself instead (gui/import_worker.py).
    """
    return os.cpu_count() or 1


def make_executor(files: int, workers: int) -> Executor:
    """Parse processes for ``files`` files, or this thread (``workers`` 0).

    A few files are read in this thread, and only a large one among them (where a
    parse that runs away would show) starts a process, which has a time budget.
    """
    if workers < 1:
        return SerialParser()
    return ProcessParser(min(workers, files), lazy=files < PARALLEL_MIN_FILES)


def import_paths(
    library: Library,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    keep_duplicates: bool = False,
) -> ImportReport:
    """Import every story of every file under ``paths``; stop between files when ``cancelled()``.

    Files are parsed by ``executor`` (default: ``workers`` parse processes, one per
    core, or this thread for 0 workers or a few files) and stored by this thread
    alone, each story whole or not at all, in the order given. A file that holds
    several stories gives an outcome per story. A missing path is reported as
    failed. A ``LibraryError`` (the disk is full, say) stops the batch with that
    reason: what was stored stays stored. ``progress`` counts files. A story that
    repeats one already stored from another file is stored only with
    ``keep_duplicates`` (else reported as a duplicate, see ``store_group``).
    """
    files: list[Path] = []
    outcomes: list[FileOutcome] = []

    def record(o: FileOutcome) -> None:
        outcomes.append(o)
        if on_outcome is not None:
            on_outcome(o)

    for p in paths:
        if p.exists():
            files.append(p)
        else:
            record(FileOutcome(str(p), FAILED, reason="no such file or folder"))
    every = collect_files(files)
    total = len(every)
    if progress is not None and total:
        progress(0, total, every[0])
    # A NewsViewer JSON export is restored whole: its stories with their tags, marks,
    # highlights and notes, which a parse of its stories alone would leave behind.
    exports = [p for p in every if p.suffix.lower() == ".json" and _is_export(p)]
    todo = [p for p in every if p not in exports] if exports else every
    done = 0
    for path in exports:
        if cancelled is not None and cancelled():
            return ImportReport(tuple(outcomes), cancelled=True)
        _restore(library, path, record)
        done += 1
        if progress is not None:
            progress(done, total, path)
    if executor is None:
        executor = make_executor(total, default_workers() if workers is None else workers)
    stream = executor.results(todo)
    group: list[ParsedFile] = []
    group_started = 0.0

    def flush() -> None:
        try:
            for outcome in store_group(library, group, keep_duplicates=keep_duplicates):
                record(outcome)
        except LibraryError as exc:
            # The disk or the file failed: nothing of this group was stored.
            for parsed in group:
                record(FileOutcome(str(parsed.path), FAILED, reason=str(exc), part=parsed.part))
            raise
        finally:
            group.clear()

    current = -1  # the file whose stories are coming in
    try:
        for index, parsed in stream:
            if index != current:
                if cancelled is not None and cancelled():
                    # Parsed but not yet stored files are dropped: Cancel means stop now.
                    return ImportReport(tuple(outcomes), cancelled=True)
                if progress is not None and current >= 0:
                    progress(done + current + 1, total, todo[current])
                current = index
            if not group:
                group_started = time.monotonic()
            group.append(parsed)
            if len(group) >= GROUP_FILES or time.monotonic() - group_started >= GROUP_SECONDS:
                flush()
        if cancelled is not None and cancelled():
            return ImportReport(tuple(outcomes), cancelled=True)
        flush()
        if progress is not None and current >= 0:
            progress(done + current + 1, total, todo[current])
    finally:
        stream.close()
    return ImportReport(tuple(outcomes))
