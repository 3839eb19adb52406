"""Import files and folders into the library: each file whole or not at all, a report per file."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import cast

from newsviewer.domain import FAILED, FileOutcome, ImportReport
from newsviewer.errors import LibraryError
from newsviewer.library import Library, StoreRequest
from newsviewer.parse_worker import (
    Claims,
    ParsedFile,
    claim,
    parse_claimed,
    parse_one,
    start_process,
)

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


# Files stored under one commit, each in its own savepoint: a commit per file
# halves the import rate. 32 text stories take about 50 ms to store, so a search
# or a delete in the window never waits long for the write lock; 64 were only
# 3% faster.
GROUP_FILES = 32
# A group is also closed after this long, so stories appear and reports arrive
# promptly while a slow parse trickles in.
GROUP_SECONDS = 0.25


def store_group(library: Library, group: Sequence[ParsedFile]) -> list[FileOutcome]:
    """Store parsed files, each whole or not at all, under one commit; in order."""
    requests = [
        StoreRequest(p.article, str(p.path.absolute()), p.original)
        for p in group
        if p.article is not None
    ]
    stored = iter(library.add_each(requests) if requests else [])
    outcomes: list[FileOutcome] = []
    for parsed in group:
        shown = str(parsed.path)
        article = parsed.article
        if article is None:
            outcomes.append(FileOutcome(shown, FAILED, reason=parsed.reason))
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
            )
        )
    return outcomes


def import_file(library: Library, path: Path) -> FileOutcome:
    [outcome] = store_group(library, [parse_one(path)])
    return outcome


# Below this many files a process pool costs more to start (each worker imports
# the HTML stack, ~0.3 s) than it saves.
PARALLEL_MIN_FILES = 24
# Files handed to a worker at a time: large enough to amortise pickling, small
# enough that progress and cancel stay prompt.
CHUNK = 8


def default_workers() -> int:
    """Parse processes for an import from the command line: one per core.

    Measured on 2 cores (benchmarks/import_throughput.py): HTML pages, whose parse
    dominates, import 1.6x faster with a parser per core than with one; text files,
    where storing costs about twice the parse, are as fast either way. The window
    keeps a core free for itself instead (gui/import_worker.py).
    """
    return os.cpu_count() or 1


def _parsed_stream(todo: list[Path], workers: int) -> Iterator[ParsedFile]:
    if workers < 1 or len(todo) < PARALLEL_MIN_FILES:
        yield from map(parse_one, todo)
        return
    # spawn, not fork: the GUI process has Qt threads that must not be forked.
    ctx = multiprocessing.get_context("spawn")
    claims = cast(Claims, ctx.RawArray("b", len(todo)))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=start_process, initargs=(claims,)
    ) as pool:
        futures = deque(
            pool.submit(parse_claimed, first, todo[first : first + CHUNK])
            for first in range(0, len(todo), CHUNK)
        )
        try:
            yield from _in_order(futures, todo, claims)
        finally:
            # Every file marked taken: a process still at work (on a chunk this
            # thread parsed itself, or after a cancel) skips the rest of its chunk,
            # so waiting for it costs one file at most. Not waiting would let it
            # write its claims into memory the next import's array reuses, where
            # they would hide that import's files from both sides.
            for index in range(len(todo)):
                claims[index] = 1
            pool.shutdown(wait=True, cancel_futures=True)


def _in_order(
    futures: deque[Future[list[ParsedFile | None]]], todo: list[Path], claims: Claims
) -> Iterator[ParsedFile]:
    """The files parsed, in the order given, by the processes and by this thread.

    While the chunk holding the next files is not back, this thread parses the
    chunk's files from its end, those no process has taken yet: it would
    otherwise sit idle while the processes start (half a second), or while other
    programs hold the cores the lower-priority processes wait for. Later chunks
    are left alone, so the processes can get ahead and this thread then only stores.
    """
    first = 0
    while futures:
        future = futures.popleft()
        last = min(first + CHUNK, len(todo))
        mine: dict[int, ParsedFile] = {}
        # A process takes a chunk's files from its start, so the first one taken
        # means it has all the files before it too.
        for index in range(last - 1, first - 1, -1):
            if future.done() or not claim(claims, index):
                break
            mine[index] = parse_one(todo[index])
        theirs: list[ParsedFile | None] = []
        if len(mine) < last - first:
            theirs = future.result()
        for index in range(first, last):
            parsed = mine.get(index) or theirs[index - first]
            # A file this thread did not take was parsed by the process.
            assert parsed is not None
            yield parsed
        first = last


def import_paths(
    library: Library,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every file under ``paths``; stop between files when ``cancelled()``.

    Files are parsed by ``workers`` processes (0: in this thread; default one per
    core), which this thread helps while they lag, and stored by this thread
    alone, each whole or not at all, in the order given. A missing path
    is reported as failed. A ``LibraryError`` (the disk is full, say) stops the
    batch with that reason: what was stored stays stored.
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
    todo = collect_files(files)
    total = len(todo)
    if progress is not None and total:
        progress(0, total, todo[0])
    if workers is None:
        workers = default_workers()
    stream = _parsed_stream(todo, workers)
    group: list[ParsedFile] = []
    group_started = 0.0

    def flush() -> None:
        try:
            for outcome in store_group(library, group):
                record(outcome)
        except LibraryError as exc:
            # The disk or the file failed: nothing of this group was stored.
            for parsed in group:
                record(FileOutcome(str(parsed.path), FAILED, reason=str(exc)))
            raise
        finally:
            group.clear()

    try:
        for index, parsed in enumerate(stream):
            if cancelled is not None and cancelled():
                # Parsed but not yet stored files are dropped: Cancel means stop now.
                return ImportReport(tuple(outcomes), cancelled=True)
            if not group:
                group_started = time.monotonic()
            group.append(parsed)
            if progress is not None:
                progress(index + 1, total, parsed.path)
            if len(group) >= GROUP_FILES or time.monotonic() - group_started >= GROUP_SECONDS:
                flush()
        if cancelled is not None and cancelled():
            return ImportReport(tuple(outcomes), cancelled=True)
        flush()
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    return ImportReport(tuple(outcomes))
