"""What a parse process runs: files to stories, or the reason each failed.

Kept apart from ``importing`` so that a parse process imports the parsers alone:
the library code (SQLAlchemy) it would pull in costs each process about 0.3 s
before its first file. ``python -m newsviewer.parse_worker`` is the process
``parse_pool`` starts: it reads jobs from stdin and writes results to stdout
(pickles both ways), and ends when stdin closes or its parent is gone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsviewer.domain import Article
from newsviewer.errors import ParseError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A story read from a file, or why it could not be read; crosses process boundaries.

    ``part`` is 0 for a file that is one story, else the story's 1-based place in
    its container file, and ``label`` names it (its title or member name).
    """

    path: Path
    article: Article | None
    original: bytes
    reason: str = ""
    part: int = 0
    label: str = ""


def parse_path(path: Path) -> Iterator[ParsedFile]:
    """Every story of one file; never raises for a bad file (or a bug in a parser)."""
    from newsviewer.importers.pipeline import parse_stories

    yielded = 0
    try:
        for part in parse_stories(path):
            yielded += 1
            yield ParsedFile(
                path, part.article, part.original, part.reason, part.number, part.label
            )
    except ParseError as exc:
        yield ParsedFile(path, None, b"", str(exc), yielded + 1 if yielded else 0)
    except MemoryError:
        raise
    except Exception as exc:  # a bug in a parser must not sink the batch
        log.exception("unexpected error parsing %s", path)
        reason = f"internal error while parsing: {exc!r}"
        yield ParsedFile(path, None, b"", reason, yielded + 1 if yielded else 0)


def parse_one(path: Path) -> list[ParsedFile]:
    """The stories of one file, in a list (see ``parse_path``)."""
    return list(parse_path(path))


def lower_priority() -> None:
    # Parsers yield the CPU to the window: on a 2-core machine this halves the
    # longest GUI stall during a big import at the same throughput.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)


# -- the parse process --------------------------------------------------------

# Messages a parse process writes: READY once its parsers are loaded, then per
# job a PART for each story but the last, and DONE with the last; RETIRE when it
# ends of its own accord, before starting on the files it was given after.
READY, PART, DONE, RETIRE = "ready", "part", "done", "retire"
MEMORY_REASON = "too large to read (over the memory allowed for one file)"


def _limit_memory(budget: int) -> None:
    """Cap this process's address space at what it uses now plus ``budget`` (Linux).

    A file that needs more raises MemoryError, reported as too large, and the
    process is replaced, instead of the machine swapping for minutes.
    """
    if budget <= 0 or not sys.platform.startswith("linux"):
        return
    import resource

    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
        used = pages * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = used + budget
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError) as exc:
        log.warning("could not limit a parse process's memory: %s", exc)


def _exit_with_parent(parent: int) -> None:
    """End this process when the process that started it is gone (kill -9 included)."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _send(out: BinaryIO, message: tuple[object, ...]) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def serve(jobs: BinaryIO, out: BinaryIO, memory_budget: int) -> int:
    """Parse the files named on ``jobs`` until it closes; results on ``out``."""
    from newsviewer.importers.pipeline import _registry

    _registry()  # load the parsers before saying we are ready
    _limit_memory(memory_budget)
    # Every message but RETIRE ends with the CPU time this process has used, so
    # the pool can tell a slow file from a busy machine.
    _send(out, (READY, os.getpid(), time.process_time()))
    while True:
        try:
            job, name = pickle.load(jobs)
        except (EOFError, OSError, pickle.UnpicklingError):
            return 0
        started = time.process_time()
        # The last story of a file travels with DONE: one message for most files.
        held: tuple[ParsedFile, ...] = ()
        try:
            for parsed in parse_path(Path(name)):
                if held:
                    _send(out, (PART, job, held[0], time.process_time()))
                held = (parsed,)
        except MemoryError:
            # Whatever this file left behind may be half-built: report it, then
            # let the pool start a fresh process for the next files.
            failed = ParsedFile(Path(name), None, b"", MEMORY_REASON)
            _send(out, (DONE, job, (failed,), 0.0, time.process_time()))
            _send(out, (RETIRE,))
            return 4
        # With the CPU time the file took, for the fuzz script's slowest files.
        now = time.process_time()
        _send(out, (DONE, job, held, now - started, now))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    memory_budget = int(args[0]) if args else 0
    parent = os.getppid()
    _exit_with_parent(parent)
    with contextlib.suppress(AttributeError, ValueError):
        # Ctrl+C in a terminal reaches the whole process group; the parent decides.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    lower_priority()
    # The results travel on the real stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    jobs = os.fdopen(os.dup(0), "rb")
    # Our warnings reach the terminal; the parser libraries' chatter about the
    # pages they read ("discarding data") does not.
    logging.basicConfig(level=logging.ERROR, format="newsviewer parse: %(message)s")
    logging.getLogger("newsviewer").setLevel(logging.WARNING)
    try:
        return serve(jobs, out, memory_budget)
    except (BrokenPipeError, OSError):
        return 0  # the parent closed our output: it is gone or done


if __name__ == "__main__":
    # Run from the module under its own name: results pickled by this copy
    # (``__main__``) would name classes the parent does not know.
    from newsviewer.parse_worker import main as _main

    sys.exit(_main())
