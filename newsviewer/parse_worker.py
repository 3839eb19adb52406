"""What a parse process runs: one file to an article, or the reason it failed.

Kept apart from ``importing`` so that a spawned parse process imports the parsers
alone: the library code (SQLAlchemy) it would pull in costs each process about
0.3 s before its first file.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers import parse_file

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A parse result that crosses process boundaries: the article or the reason."""

    path: Path
    article: Article | None
    original: bytes
    reason: str = ""


def parse_one(path: Path) -> ParsedFile:
    """Parse one file; never raises for a bad file."""
    try:
        article, original = parse_file(path)
    except ParseError as exc:
        return ParsedFile(path, None, b"", str(exc))
    except Exception as exc:  # a bug in a parser must not sink the batch
        log.exception("unexpected error parsing %s", path)
        return ParsedFile(path, None, b"", f"internal error while parsing: {exc!r}")
    return ParsedFile(path, article, original)


def lower_priority() -> None:
    # Parsers yield the CPU to the window: on a 2-core machine this halves the
    # longest GUI stall during a big import at the same throughput.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)


class Claims(Protocol):
    """One flag per file of an import, shared by the storing process and the parsers.

    ``multiprocessing``'s ``RawArray("b", n)`` is one. It has no lock: a lock is
    a named semaphore, which vanishes when the import ends before a slow-starting
    process has opened it.
    """

    def __getitem__(self, index: int) -> int: ...

    def __setitem__(self, index: int, value: int) -> None: ...


def claim(claims: Claims, index: int) -> bool:
    """Take file ``index`` for the caller to parse; False when another has it already.

    Without a lock two may both take a file, and both parse it (the storing
    thread keeps its own copy); a file is never left by both, since whoever
    marks it parses it.
    """
    if claims[index]:
        return False
    claims[index] = 1
    return True


# This process's claims on the files of the import it serves; set by ``start_process``.
_claims: Claims | None = None


def start_process(claims: Claims) -> None:
    """Initialiser of a parse process."""
    global _claims
    _claims = claims
    lower_priority()


def parse_claimed(first: int, paths: Sequence[Path]) -> list[ParsedFile | None]:
    """Parse the files numbered ``first`` on that nobody has claimed; None for the others.

    The storing thread parses files itself while it would otherwise wait for the
    parse processes (see ``importing``); a file it took is skipped here.
    """
    claims = _claims
    return [
        parse_one(path) if claims is None or claim(claims, first + offset) else None
        for offset, path in enumerate(paths)
    ]
