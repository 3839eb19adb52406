"""Plain records passed between the layers: no Qt, no ORM, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NewType

ArticleId = NewType("ArticleId", int)
FigureId = NewType("FigureId", int)

# Block kinds of an article body, in reading order.
PARAGRAPH = "p"
HEADING = "h"
BLOCKQUOTE = "blockquote"
LIST_ITEM = "li"
PREFORMATTED = "pre"
BLOCK_KINDS = frozenset({PARAGRAPH, HEADING, BLOCKQUOTE, LIST_ITEM, PREFORMATTED})


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level piece of body text."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """An image of the story, with or without its bytes.

    ``position`` is the index of the body block the figure stands before
    (``len(blocks)`` for after the last one).
    """

    caption: str = ""
    credit: str = ""
    alt: str = ""
    src: str = ""
    image: bytes | None = None
    mime: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation; ``start``/``end`` index ``Article.text`` (marks excluded)."""

    text: str
    speaker: str | None
    mention: str | None
    cue: str | None
    start: int
    end: int
    role: str | None = None
    # How sure the attribution is (0-1), from how the speaker was found; None for a
    # quotation read back from a library, which does not store it.
    confidence: float | None = None


# Marks a reading app gives a story (Omnivore, Wallabag exports carry them).
STARRED = "starred"
ARCHIVED = "archived"
READ = "read"


@dataclass(frozen=True, slots=True)
class Highlight:
    """A passage the reader marked in a reading app, with the note they wrote on it."""

    text: str
    note: str = ""


# Highlight colours by name, not RGB: the reader maps each to a tint that suits the light
# or dark palette. The first is the default.
HIGHLIGHT_COLOURS = ("yellow", "green", "blue", "pink", "purple")


@dataclass(frozen=True, slots=True)
class Article:
    """What an importer makes of a file: the whole story, nothing stored yet.

    ``tags``, ``marks`` (STARRED, ARCHIVED, READ), ``saved`` and ``highlights`` carry
    what a read-it-later export knew of the story; files of other kinds leave them empty.
    """

    format: str
    title: str
    summary: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    published_inferred: bool = False
    site: str = ""
    url: str = ""
    language: str = ""
    blocks: tuple[Block, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    saved: datetime | None = None
    highlights: tuple[Highlight, ...] = ()

    @property
    def text(self) -> str:
        """The body as plain text: blocks separated by a blank line."""
        return body_text(self.blocks)

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


def body_text(blocks: tuple[Block, ...] | list[Block]) -> str:
    return "\n\n".join(b.text for b in blocks)


def block_offsets(blocks: tuple[Block, ...] | list[Block]) -> list[int]:
    """Start offset of each block inside ``body_text(blocks)``."""
    offsets: list[int] = []
    pos = 0
    for b in blocks:
        offsets.append(pos)
        pos += len(b.text) + 2
    return offsets


@dataclass(frozen=True, slots=True)
class StoredFigure:
    id: FigureId
    caption: str
    credit: str
    alt: str
    src: str
    mime: str | None
    has_image: bool
    position: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the library holds it."""

    id: ArticleId
    format: str
    title: str
    summary: str
    byline: str
    authors: tuple[str, ...]
    published: datetime | None
    published_inferred: bool
    site: str
    url: str
    language: str
    blocks: tuple[Block, ...]
    figures: tuple[StoredFigure, ...]
    quotes: tuple[Quote, ...]
    word_count: int
    imported_at: datetime
    source_name: str
    source_path: str
    content_hash: str
    # What the importer warned about the story ("extracted by fallback", "cut off").
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return body_text(self.blocks)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a list row shows."""

    id: ArticleId
    title: str
    site: str
    published: datetime | None
    summary: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: ArticleId
    rank: float
    snippet: str  # plain text with hits wrapped in HIT_OPEN / HIT_CLOSE


# Markers around hits in snippets; control characters never occur in stored text.
HIT_OPEN = "\x02"
HIT_CLOSE = "\x03"


class Status(StrEnum):
    """What became of a file (or of one story of a file that holds several).

    A str: JSON output and comparisons with the plain words stay as they were.
    """

    IMPORTED = "imported"
    DUPLICATE = "duplicate"  # already in the library
    FAILED = "failed"  # refused, with a reason


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one file of an import became, or one story of a file that holds several.

    ``part`` is 0 for a file that is one story, else the story's 1-based place in
    its file; ``label`` then names the story (its title, or its member's name).
    """

    path: str
    status: Status
    article_id: ArticleId | None = None
    title: str = ""
    reason: str = ""
    format: str = ""
    part: int = 0
    label: str = ""
    # For a DUPLICATE that is the same story saved in another file (not the same file):
    # how it repeats the stored one ("same address" or "same text"); it can be kept too.
    repeats: str = ""

    @property
    def shown(self) -> str:
        """The file, and the story inside it when it holds several: ``feed.xml #3``."""
        return f"{self.path} #{self.part}" if self.part else self.path


IMPORTED = Status.IMPORTED
DUPLICATE = Status.DUPLICATE
FAILED = Status.FAILED


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[FileOutcome, ...] = field(default_factory=tuple)
    cancelled: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)
