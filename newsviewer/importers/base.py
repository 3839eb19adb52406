"""The protocol every format importer follows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeGuard

from newsviewer.domain import Article

# Bytes read to sniff a format; a saved page declares its doctype or <html> early.
SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to import: its path (for neighbours such as ``NAME_files/``) and its bytes.

    ``images`` finds an image's bytes and type by the src a page gives it, for pages
    that carry their images inside the file that holds them (an MHTML part, a WARC
    record, a zip member); it is tried before ``NAME_files/`` and ``data:`` sources.
    """

    path: Path
    data: bytes
    images: Callable[[str], tuple[bytes, str] | None] | None = None


class Importer(Protocol):
    """Turns the bytes of one file into an article record.

    ``parse`` raises ``ParseError`` with a reason a person can read when the file
    is not an article it can read. It must not touch Qt, the database or the network.
    Quotations are found afterwards by the shared pipeline, so ``quotes`` stays empty.
    """

    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format."""
        ...

    def parse(self, source: SourceFile) -> Article: ...


class Chooser(Protocol):
    """Picks the importer of a file by its name and first ``SNIFF_BYTES`` (the registry).

    Given to the importers of files that hold files of any format (an archive), so that
    they read their members as the registry they belong to would.
    """

    def choose(self, path: Path, head: bytes) -> Importer: ...


@dataclass(frozen=True, slots=True)
class Part:
    """One story read from a file that holds several (a feed, a WARC, an mbox, a zip).

    ``article`` is as ``Importer.parse`` returns it (quotations not yet found);
    when it is ``None``, ``reason`` says why this part could not be read, and the
    other parts of the file still import. ``original`` is the part's own bytes
    (the item's HTML, the record's payload): it is stored as the story's source,
    and its hash keeps a re-import of the same container from storing anything twice.
    """

    number: int  # 1-based position of the story inside its file
    label: str  # what a person sees in a report: the item's title or member name
    article: Article | None = None
    original: bytes = b""
    reason: str = ""


class ContainerImporter(Importer, Protocol):
    """An importer for files holding several stories.

    ``parse_parts`` yields the parts in order. It raises ``ParseError`` only when
    the file as a whole cannot be read (not a zip, a truncated feed); one bad item
    is a ``Part`` with a reason. It must bound its own work (members, sizes,
    nesting), and, like ``parse``, never touch Qt, the database or the network.
    ``parse`` may then simply raise ``ParseError`` or return the first story.
    """

    def parse_parts(self, source: SourceFile) -> Iterator[Part]: ...


def is_container(importer: Importer) -> TypeGuard[ContainerImporter]:
    """True when the importer reads several stories from one file."""
    return callable(getattr(importer, "parse_parts", None))
