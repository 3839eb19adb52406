"""What a parse process runs: one file to an article, or the reason it failed.

Kept apart from ``importing`` so that a spawned parse process imports the parsers
alone: the library code (SQLAlchemy) it would pull in costs each process about
0.3 s before its first file.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

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
