"""A NewsViewer JSON export read as a file of several stories (``export/json_format.py``).

Each story becomes a ``Part`` carrying the article as exported, quotations
included, and its original file. What the reader had added (tags, marks,
highlights, reading place, when it was first saved) is not part of an
``Article``; ``newsviewer.export.restore`` puts it back after the stories are
stored, matching them by their original's hash.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.export.json_format import ExportedStory, is_export, read_export
from newsviewer.importers.base import Part, SourceFile


class LibraryExportImporter:
    name = "NewsViewer export"
    # None of its own: ".json" is shared with other programs' exports, so this
    # importer is chosen by its signature alone.
    extensions: tuple[str, ...] = ()

    def sniff(self, head: bytes) -> bool:
        return is_export(head)

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        export = read_export(source.data)
        for story in export.stories:
            if isinstance(story, ExportedStory):
                yield Part(story.number, story.article.title, story.article, story.original)
            else:
                yield Part(story.number, story.label, reason=story.reason)

    def parse(self, source: SourceFile) -> Article:
        raise ParseError("a NewsViewer export holds several stories; import it with its parts")
