"""Exports of stories with what the reader added: Markdown, HTML, EPUB and lossless JSON.

No Qt here: the command line and the window call ``export_stories`` alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsviewer.domain import ArticleId
from newsviewer.errors import NewsViewerError

if TYPE_CHECKING:
    # The JSON reader is used by parse processes, which never load the library.
    from newsviewer.library import Library

FORMATS = ("md", "html", "epub", "json")


class ExportError(NewsViewerError):
    """An export that cannot be written; the message names the file and the reason."""


def export_stories(
    library: Library,
    ids: Sequence[ArticleId],
    fmt: str,
    path: Path,
    *,
    title: str = "NewsViewer export",
) -> int:
    """Write the stories ``ids`` (in that order) to ``path``; returns how many were written."""
    from newsviewer.export.bundle import bundles
    from newsviewer.library.saved_searches import saved_searches

    stories = bundles(library, ids, originals=fmt == "json")
    try:
        if fmt == "md":
            from newsviewer.export.markdown import write_markdown

            return write_markdown(stories, path)
        if fmt == "html":
            from newsviewer.export.html import write_html

            return write_html(stories, path, title)
        if fmt == "epub":
            from newsviewer.export.epub import write_epub

            return write_epub(stories, path, title)
        if fmt == "json":
            from newsviewer.export.json_format import write_json

            return write_json(stories, path, saved_searches(library))
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    raise ExportError(f"unknown export format “{fmt}”; use one of {', '.join(FORMATS)}")
