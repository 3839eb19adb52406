"""Sharing from the window: copy a story's link or citation, export stories to a file.

The citation follows the usual news form (headline, site, date, address), and
the export writes the selected stories (or the whole current list) through the
same writers as ``newsviewer export``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from newsviewer.domain import ArticleId, StoredArticle
from newsviewer.library import Library

# File-dialog filter -> export format.
EXPORT_FILTERS = {
    "EPUB book (*.epub)": "epub",
    "Web page, self-contained (*.html)": "html",
    "Markdown (*.md)": "md",
    "NewsViewer JSON, everything (*.json)": "json",
}


def citation(article: StoredArticle) -> str:
    """``Headline. Site, 5 Jan 2014. URL`` (parts the story lacks are left out)."""
    parts = [article.title.rstrip(".") + "."]
    when = article.published or None
    details = ", ".join(x for x in (article.site, f"{when.day} {when:%b %Y}" if when else "") if x)
    if details:
        parts.append(details + ".")
    if article.url:
        parts.append(article.url)
    return " ".join(parts)


def copy_link(article: StoredArticle | None) -> bool:
    """Put the story's original address on the clipboard; False when it has none."""
    if article is None or not article.url:
        return False
    QApplication.clipboard().setText(article.url)
    return True


def copy_citation(article: StoredArticle | None) -> bool:
    if article is None:
        return False
    QApplication.clipboard().setText(citation(article))
    return True


def choose_export_path(parent: QWidget, count: int) -> tuple[Path, str] | None:
    """Ask where to export ``count`` stories and in which format; None when cancelled."""
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        f"Export {count} {'story' if count == 1 else 'stories'}",
        str(Path.home() / "NewsViewer export.epub"),
        ";;".join(EXPORT_FILTERS),
    )
    if not name:
        return None
    fmt = EXPORT_FILTERS.get(chosen) or Path(name).suffix.lstrip(".").lower()
    if fmt not in EXPORT_FILTERS.values():
        fmt = "epub"
    path = Path(name)
    if fmt != "md" and path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    return path, fmt


def export_to(library: Library, ids: list[ArticleId], path: Path, fmt: str) -> int:
    from newsviewer.export import export_stories

    return export_stories(library, ids, fmt, path, title=path.stem)
