"""From a path to a finished article: size and content checks, importer, quotations."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.registry import SNIFF_BYTES, Registry

# The longest news features saved "complete" stay under a few MB of HTML; 50 MB
# leaves room for inline data: images while refusing dumps that would stall a parse.
MAX_FILE_BYTES = 50 * 1024 * 1024


@cache
def _registry() -> Registry:
    return Registry()


def parse_file(path: Path) -> tuple[Article, bytes]:
    """Read and parse one file; return the article and the original bytes.

    Raises ``ParseError`` (with a reason a person can read) for anything that is
    not an article we can read.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise ParseError(
            f"file too large ({size / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    return parse_bytes(path, data), data


def parse_bytes(path: Path, data: bytes) -> Article:
    if not data.strip():
        raise ParseError("empty file")
    importer = _registry().choose(path, data[:SNIFF_BYTES])
    try:
        article = importer.parse(SourceFile(path=path, data=data))
    except ParseError:
        raise
    except (ValueError, UnicodeError, LookupError, RecursionError) as exc:
        # Parser libraries raise these on malformed input; to the user it is a bad file.
        raise ParseError(f"could not parse {importer.name}: {exc}") from exc
    if not article.blocks:
        raise ParseError("no article text found")
    return finish(article)


def finish(article: Article) -> Article:
    """Analysis shared by every format: quotations and speakers."""
    from newsviewer.text.quotes import find_quotes

    # Full names given only in the headline or standfirst resolve surnames in the body.
    names = [*article.authors, article.title, article.summary]
    quotes = find_quotes(article.blocks, known_names=names, language=article.language)
    return dataclasses.replace(article, quotes=quotes)
