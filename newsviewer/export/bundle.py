"""Everything an export writes about a story, read from the library in one place.

The writers (Markdown, HTML, EPUB, JSON) take these records and never touch the
library, so each can be tested on records alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsviewer.domain import ArticleId, FigureId, StoredArticle
from newsviewer.library import Library
from newsviewer.library import highlights as hl
from newsviewer.library import marks as mk
from newsviewer.library import tags as tg


@dataclass(frozen=True, slots=True)
class Image:
    data: bytes
    mime: str


@dataclass(frozen=True, slots=True)
class Bundle:
    """A story with its images, tags, marks, highlights and reading place."""

    article: StoredArticle
    images: dict[FigureId, Image]
    tags: tuple[str, ...]
    marks: mk.Marks
    highlights: tuple[hl.Highlight, ...]
    position: mk.ReadingPosition | None
    # The imported file's name and bytes; only the JSON export carries them.
    original: tuple[str, bytes] | None = None

    @property
    def saved(self) -> datetime:
        return self.article.imported_at


def bundles(
    library: Library, ids: Sequence[ArticleId], *, originals: bool = False
) -> Iterator[Bundle]:
    """The stories of ``ids`` in that order (ids no longer stored are skipped).

    Read a story at a time, so exporting a whole library never holds every image.
    """
    for start in range(0, len(ids), 100):
        batch = list(ids[start : start + 100])
        tags = tg.tags_of(library, batch)
        marks = mk.marks_of(library, batch)
        highlights = hl.highlights_by_story(library, batch)
        for article_id in batch:
            article = library.get(article_id)
            if article is None:
                continue
            images: dict[FigureId, Image] = {}
            for figure in article.figures:
                if figure.has_image:
                    found = library.figure_image(figure.id)
                    if found is not None:
                        images[figure.id] = Image(*found)
            yield Bundle(
                article=article,
                images=images,
                tags=tags.get(article_id, ()),
                marks=marks.get(article_id, mk.Marks()),
                highlights=tuple(highlights.get(article_id, ())),
                position=mk.position(library, article_id),
                original=library.original(article_id) if originals else None,
            )
