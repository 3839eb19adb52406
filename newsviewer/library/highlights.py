"""Highlights: passages of a story marked in a colour, with an optional note.

A highlight is anchored by its words, the offsets where they were, and a few
words either side (the W3C annotation model's TextQuoteSelector plus a
TextPositionSelector). When a story is extracted again its text can move, so
``locate`` looks for the words themselves; of several occurrences the one whose
surroundings match best wins, then the one nearest the old place. Words that
are gone leave the highlight listed but unplaced, never deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsviewer.domain import HIGHLIGHT_COLOURS, ArticleId
from newsviewer.errors import NewsViewerError
from newsviewer.library.repository import Library
from newsviewer.library.user_data import batches, marks_sql, reading, writing
from newsviewer.library.user_rules import CONTEXT as CONTEXT
from newsviewer.library.user_rules import DEFAULT_COLOUR as DEFAULT_COLOUR

COLOURS = HIGHLIGHT_COLOURS


class HighlightError(NewsViewerError):
    """A highlight that cannot be made: no such story, words not in it, unknown colour."""


@dataclass(frozen=True, slots=True)
class Highlight:
    id: int
    article_id: ArticleId
    text: str
    # Where the words are in the story's current text; -1 when they are gone.
    start: int
    end: int
    prefix: str
    suffix: str
    colour: str
    note: str
    created_at: datetime
    updated_at: datetime

    @property
    def placed(self) -> bool:
        return self.start >= 0


def check_colour(colour: str) -> str:
    name = colour.strip().lower()
    if name not in COLOURS:
        raise HighlightError(f"unknown colour “{colour}”; use one of {', '.join(COLOURS)}")
    return name


def _overlap_suffix(a: str, b: str) -> int:
    """Characters at the end of ``a`` and ``b`` that agree (read backwards)."""
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _overlap_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def locate(body: str, text: str, start: int, prefix: str, suffix: str) -> tuple[int, int] | None:
    """Where ``text`` is in ``body`` now, or None when its words are gone."""
    if not text:
        return None
    if body[start : start + len(text)] == text:
        return start, start + len(text)
    candidates = [m.start() for m in re.finditer(re.escape(text), body)]
    length = len(text)
    if not candidates:
        # Re-extraction may change spacing (a line break inside a paragraph).
        pattern = r"\s+".join(re.escape(w) for w in text.split())
        found = [(m.start(), m.end()) for m in re.finditer(pattern, body)]
        if not found:
            return None
        candidates = [s for s, _ in found]
        ends = dict(found)
    else:
        ends = {s: s + length for s in candidates}

    def score(at: int) -> tuple[int, int]:
        context = _overlap_suffix(body[max(0, at - CONTEXT) : at], prefix) + _overlap_prefix(
            body[ends[at] : ends[at] + CONTEXT], suffix
        )
        return context, -abs(at - start)

    best = max(candidates, key=score)
    return best, ends[best]


def _highlight(row: Sequence[Any], body: str | None) -> Highlight:
    (hid, article_id, text, start, end, prefix, suffix, colour, note, created, updated) = row
    if body is not None:
        where = locate(body, text, start, prefix, suffix)
        start, end = where if where is not None else (-1, -1)
    return Highlight(
        id=hid,
        article_id=ArticleId(article_id),
        text=text,
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
        colour=colour,
        note=note,
        created_at=datetime.fromisoformat(created),
        updated_at=datetime.fromisoformat(updated),
    )


_COLUMNS = (
    "id, article_id, text, start_offset, end_offset, prefix, suffix, colour, note, "
    "created_at, updated_at"
)


def _body(library: Library, article_id: int) -> str:
    with reading(library) as conn:
        body = conn.exec_driver_sql(
            "SELECT body_text FROM articles WHERE id = ?", (article_id,)
        ).scalar()
    if body is None:
        raise HighlightError(f"no story #{article_id} in the library")
    return str(body)


def add_highlight(
    library: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    colour: str = DEFAULT_COLOUR,
    note: str = "",
) -> Highlight:
    """Highlight ``body[start:end]`` of a story (offsets into ``StoredArticle.text``)."""
    colour = check_colour(colour)
    body = _body(library, article_id)
    # Spaces at either end are not part of what the reader meant to mark.
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if not 0 <= start < end <= len(body):
        raise HighlightError(f"nothing to highlight at {start}-{end} in story #{article_id}")
    now = datetime.now(UTC).isoformat()
    values = (
        article_id,
        body[start:end],
        start,
        end,
        body[max(0, start - CONTEXT) : start],
        body[end : end + CONTEXT],
        colour,
        note.strip(),
        now,
        now,
    )
    with writing(library) as conn:
        row = conn.exec_driver_sql(
            "INSERT INTO highlights (article_id, text, start_offset, end_offset, prefix, "
            "suffix, colour, note, created_at, updated_at) "
            f"VALUES ({marks_sql(10)}) RETURNING {_COLUMNS}",
            values,
        ).one()
    return _highlight(row, None)


def add_highlight_text(
    library: Library,
    article_id: int,
    text: str,
    *,
    colour: str = DEFAULT_COLOUR,
    note: str = "",
) -> Highlight:
    """Highlight the first place where the story says ``text`` (spacing may differ)."""
    body = _body(library, article_id)
    words = text.split()
    if not words:
        raise HighlightError("give the words to highlight")
    found = re.search(r"\s+".join(re.escape(w) for w in words), body)
    if found is None:
        raise HighlightError(f"story #{article_id} does not contain “{' '.join(words)}”")
    return add_highlight(library, article_id, found.start(), found.end(), colour=colour, note=note)


def highlights_of(library: Library, article_id: int) -> list[Highlight]:
    """A story's highlights in reading order, placed on its current text."""
    with reading(library) as conn:
        body = conn.exec_driver_sql(
            "SELECT body_text FROM articles WHERE id = ?", (article_id,)
        ).scalar()
        rows = conn.exec_driver_sql(
            f"SELECT {_COLUMNS} FROM highlights WHERE article_id = ? ORDER BY start_offset, id",
            (article_id,),
        ).all()
    if body is None:
        return []
    found = [_highlight(r, str(body)) for r in rows]
    # Unplaced ones last, keeping their old order.
    return sorted(found, key=lambda h: (not h.placed, h.start if h.placed else 0))


def highlights_by_story(library: Library, ids: Sequence[int]) -> dict[ArticleId, list[Highlight]]:
    """Highlights of several stories (for export), as stored: offsets not re-checked."""
    found: dict[ArticleId, list[Highlight]] = {}
    with reading(library) as conn:
        for batch in batches(list(dict.fromkeys(ids))):
            for row in conn.exec_driver_sql(
                f"SELECT {_COLUMNS} FROM highlights WHERE article_id IN "
                f"({marks_sql(len(batch))}) ORDER BY article_id, start_offset, id",
                tuple(batch),
            ):
                h = _highlight(row, None)
                found.setdefault(h.article_id, []).append(h)
    return found


def update_highlight(
    library: Library, highlight_id: int, *, colour: str | None = None, note: str | None = None
) -> Highlight:
    """Change a highlight's colour or note."""
    colour = None if colour is None else check_colour(colour)
    with writing(library) as conn:
        row = conn.exec_driver_sql(
            "UPDATE highlights SET colour = coalesce(?, colour), note = coalesce(?, note), "
            f"updated_at = ? WHERE id = ? RETURNING {_COLUMNS}",
            (
                colour,
                None if note is None else note.strip(),
                datetime.now(UTC).isoformat(),
                highlight_id,
            ),
        ).first()
    if row is None:
        raise HighlightError(f"no highlight #{highlight_id}")
    return _highlight(row, None)


def delete_highlight(library: Library, highlight_id: int) -> bool:
    with writing(library) as conn:
        result = conn.exec_driver_sql("DELETE FROM highlights WHERE id = ?", (highlight_id,))
    return result.rowcount > 0
