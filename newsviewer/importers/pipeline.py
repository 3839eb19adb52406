"""From a path to finished stories: file checks, importer, quotations.

A file is one story, or, for a container importer (a feed, a WARC, an mbox, a
zip), several; ``parse_stories`` yields them one by one, each with its own
reason when it cannot be read, within totals that keep one file from making an
import unbounded.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from newsviewer.domain import Article, Block, Figure
from newsviewer.errors import ParseError
from newsviewer.importers.base import (
    ContainerImporter,
    Importer,
    Part,
    SourceFile,
    is_container,
)
from newsviewer.importers.image_check import is_whole_image
from newsviewer.importers.registry import SNIFF_BYTES, Registry
from newsviewer.text.unsafe_chars import CONTROL_RUN, SURROGATE, UNSAFE

# The longest news features saved "complete" stay under a few MB of HTML; 50 MB
# leaves room for inline data: images while refusing dumps that would stall a parse.
# An importer may declare its own ``max_file_bytes`` (an archive of many pages).
MAX_FILE_BYTES = 50 * 1024 * 1024
# Totals of one container file: a feed of a year of posts or a crawl of a site
# stays well under these; past them the rest of the file is not read (and the
# report says so), so a hostile file cannot fill the library or the disk.
MAX_STORIES_PER_FILE = 20_000
MAX_STORED_BYTES_PER_FILE = 1024 * 1024 * 1024

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@cache
def _registry() -> Registry:
    return Registry()


def _cannot_read(exc: OSError) -> ParseError:
    return ParseError(f"cannot read file: {exc.strerror or exc}")


def read_file(path: Path) -> tuple[Importer, bytes]:
    """The importer for a file and its bytes; only regular files, and a bounded read.

    Opening without blocking and checking what was opened (not what the name
    pointed to a moment before) keeps a FIFO from stalling the import and a link
    to ``/dev/zero`` from reading without end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as exc:
        raise _cannot_read(exc) from exc
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ParseError("not a regular file (a device, a pipe or a socket)")
            head = fh.read(SNIFF_BYTES)
            if not head.strip() and info.st_size <= len(head):
                raise ParseError("empty file")
            importer = _registry().choose(path, head)
            limit = int(getattr(importer, "max_file_bytes", MAX_FILE_BYTES))
            if info.st_size > limit:
                raise ParseError(_too_large(info.st_size, limit))
            data = head + fh.read(limit + 1 - len(head))
        except OSError as exc:
            raise _cannot_read(exc) from exc
    if len(data) > limit:  # the file grew while we read it
        raise ParseError(_too_large(len(data), limit))
    return importer, data


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 1024 / 1024:.0f} MB; the limit is {limit // 1024 // 1024} MB)"


def parse_file(path: Path) -> tuple[Article, bytes]:
    """Read and parse one file; return the article and the original bytes.

    Raises ``ParseError`` (with a reason a person can read) for anything that is
    not an article we can read. A container file gives its first story.
    """
    for part in parse_stories(path):
        if part.article is None:
            raise ParseError(part.reason)
        return part.article, part.original
    raise ParseError("no article text found")


def parse_stories(path: Path) -> Iterator[Part]:
    """Every story of a file, in order; ``Part.number`` is 0 for a one-story file.

    Raises ``ParseError`` when the file as a whole cannot be read; a container's
    story that cannot be read is a ``Part`` with its reason, and the others follow.
    """
    importer, data = read_file(path)
    if not data.strip():
        raise ParseError("empty file")
    if is_container(importer):
        yield from _parts(importer, SourceFile(path=path, data=data))
        return
    article = _parse_whole(importer, SourceFile(path=path, data=data))
    yield Part(0, article.title, article, data)


def _parts(importer: ContainerImporter, source: SourceFile) -> Iterator[Part]:
    stored = 0
    count = 0
    parts = _guarded(importer, lambda: importer.parse_parts(source))
    for part in parts:
        count += 1
        if count > MAX_STORIES_PER_FILE:
            yield Part(
                count,
                "",
                reason=f"more than {MAX_STORIES_PER_FILE:,} stories in one file; "
                "the rest was not read",
            )
            return
        if part.article is None:
            yield dataclasses.replace(part, number=count, reason=part.reason or "unreadable")
            continue
        stored += len(part.original) + sum(len(f.image or b"") for f in part.article.figures)
        if stored > MAX_STORED_BYTES_PER_FILE:
            limit = MAX_STORED_BYTES_PER_FILE // 1024 // 1024
            yield Part(
                count, part.label, reason=f"over {limit} MB in one file; the rest was not read"
            )
            return
        try:
            article = _finished(importer, part.article)
        except ParseError as exc:
            yield Part(count, part.label, reason=str(exc))
            continue
        # A part without bytes of its own is known by its text, so a re-import
        # finds it again and two different stories never share a hash.
        original = part.original or article.text.encode("utf-8", "surrogatepass")
        yield Part(count, part.label or article.title, article, original)


def _guarded(importer: Importer, make: Callable[[], Iterable[Part]]) -> Iterator[Part]:
    """The container's parts, with its library errors turned into a ParseError."""
    try:
        yield from make()
    except ParseError:
        raise
    except (ValueError, UnicodeError, LookupError, RecursionError, EOFError) as exc:
        raise ParseError(f"could not parse {importer.name}: {exc}") from exc


def parse_bytes(path: Path, data: bytes) -> Article:
    if not data.strip():
        raise ParseError("empty file")
    importer = _registry().choose(path, data[:SNIFF_BYTES])
    return _parse_whole(importer, SourceFile(path=path, data=data))


def _parse_whole(importer: Importer, source: SourceFile) -> Article:
    try:
        article = importer.parse(source)
    except ParseError:
        raise
    except (ValueError, UnicodeError, LookupError, RecursionError) as exc:
        # Parser libraries raise these on malformed input; to the user it is a bad file.
        raise ParseError(f"could not parse {importer.name}: {exc}") from exc
    return _finished(importer, article)


def _finished(importer: Importer, article: Article) -> Article:
    if not article.blocks:
        raise ParseError("no article text found")
    try:
        return finish(article)
    except RecursionError as exc:
        raise ParseError(f"could not parse {importer.name}: {exc}") from exc


def finish(article: Article) -> Article:
    """What every format gets: text and links made safe, then quotations and speakers."""
    from newsviewer.text.quotes import find_quotes

    article = made_safe(article)
    # Full names given only in the headline or standfirst resolve surnames in the body.
    names = [*article.authors, article.title, article.summary]
    quotes = find_quotes(article.blocks, known_names=names, language=article.language)
    return dataclasses.replace(article, quotes=quotes)


# A story's link opens in a browser: only web addresses. A figure's src may also be
# an inline image or a path relative to the saved page; never script.
_WEB_URL = re.compile(r"https?://", re.I)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
_FIGURE_SCHEMES = frozenset({"http", "https", "data"})


def _between_words(found: re.Match[str]) -> str:
    text, start, end = found.string, found.start(), found.end()
    inside = start > 0 and end < len(text) and not text[start - 1].isspace()
    return " " if inside and not text[end].isspace() else ""


def _clean(text: str) -> str:
    """``text`` without unsafe characters (``unsafe_chars``): a run of control characters
    between two words separates them ("harbour\x00wall" is two), beside a space or at an
    end it is dropped; a lone surrogate becomes U+FFFD."""
    if not UNSAFE.search(text):
        return text
    return CONTROL_RUN.sub(_between_words, SURROGATE.sub("\ufffd", text))


def _figure_src(src: str) -> str:
    src = _clean(src)
    scheme = _SCHEME.match(src.strip())
    if scheme is not None and scheme.group(1).lower() not in _FIGURE_SCHEMES:
        return ""
    return src


def made_safe(article: Article) -> Article:
    """The article without control characters, lone surrogates, script links or
    image bytes that are not a whole image; everything else as it was."""
    url = _clean(article.url).strip()
    figures = tuple(_safe_figure(f) if _figure_needs_care(f) else f for f in article.figures)
    return dataclasses.replace(
        article,
        title=_clean(article.title),
        summary=_clean(article.summary),
        byline=_clean(article.byline),
        authors=tuple(_clean(a) for a in article.authors),
        site=_clean(article.site),
        url=url if _WEB_URL.match(url) else "",
        language=_clean(article.language),
        # As many blocks as before: figures are placed by block index.
        blocks=tuple(
            b if not UNSAFE.search(b.text) else Block(b.kind, _clean(b.text))
            for b in article.blocks
        ),
        figures=figures,
        warnings=tuple(_clean(w) for w in article.warnings),
    )


def _safe_figure(figure: Figure) -> Figure:
    whole = figure.image is not None and is_whole_image(figure.image, figure.mime)
    return dataclasses.replace(
        figure,
        caption=_clean(figure.caption),
        credit=_clean(figure.credit),
        alt=_clean(figure.alt),
        src=_figure_src(figure.src),
        image=figure.image if whole else None,
        mime=figure.mime if whole else None,
    )


def _figure_needs_care(figure: Figure) -> bool:
    return figure.image is not None or any(
        UNSAFE.search(t) or _SCHEME.match(t.strip())
        for t in (figure.caption, figure.credit, figure.alt, figure.src)
    )
