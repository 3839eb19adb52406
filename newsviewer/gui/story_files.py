"""A story as plain text, and copies of original files for the desktop to open."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsviewer.domain import ArticleId, StoredArticle
from newsviewer.gui.reader import format_date


def story_plain_text(article: StoredArticle) -> str:
    """Headline, standfirst, byline/source/date, body and link, separated by blank lines."""
    meta = " · ".join(x for x in (article.byline, article.site, format_date(article)) if x)
    parts = [article.title, article.summary, meta, article.text, article.url]
    return "\n\n".join(p for p in parts if p)


class OriginalFiles:
    """Originals written to a private temporary folder, removed with ``cleanup``."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def write(self, article_id: ArticleId, name: str, data: bytes) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newsviewer-")
        # One folder per story keeps the original file name without clashes.
        folder = Path(self._folder.name) / str(int(article_id))
        folder.mkdir(exist_ok=True)
        target = folder / (Path(name).name or f"story-{int(article_id)}")
        target.write_bytes(data)
        return target

    def cleanup(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
