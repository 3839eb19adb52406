"""What a row of the story list holds (its data roles), shared by the list and its painter."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Annotations only: the domain records load after the window's first paint.
    from newsviewer.domain import ArticleSummary

# Roles past Qt.ItemDataRole.UserRole (256, fixed by Qt).
_USER_ROLE = 256
ID_ROLE = _USER_ROLE + 1
SUMMARY_ROLE = _USER_ROLE + 2
SNIPPET_ROLE = _USER_ROLE + 3


def meta_line(summary: ArticleSummary) -> str:
    """The source and date line of a row: "Site · 3 Dec 2026", or for a story without a
    publication date the day it was saved: "Site · Saved 3 Dec 2026" (400 stories of
    one import must not look as if all were published that day)."""
    if summary.published is not None:
        date = f"{summary.published.day} {summary.published:%b %Y}"
    else:
        date = f"Saved {summary.imported_at.day} {summary.imported_at:%b %Y}"
    return f"{summary.site} · {date}" if summary.site else date
