"""What a read-it-later export knew of a story, stored with the story itself.

Omnivore and Wallabag exports (and NewsViewer's own) give an ``Article`` its
tags, marks, the date it was first saved and highlights with notes. The
repository calls ``store_extras`` inside the transaction that stores the story,
so a story never lands without them. Plain driver statements on that transaction's
cursor, like the rest of the storing path.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

from newsviewer.domain import ARCHIVED, READ, STARRED, Article
from newsviewer.library.user_models import ARCHIVED as ARCHIVED_MARK
from newsviewer.library.user_models import STARRED as STARRED_MARK
from newsviewer.library.user_models import UNREAD
from newsviewer.library.user_rules import CONTEXT, DEFAULT_COLOUR, TagError, clean_name


def has_extras(article: Article) -> bool:
    return bool(article.tags or article.marks or article.saved or article.highlights)


def _sort_key(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def store_extras(cursor: sqlite3.Cursor, article_id: int, article: Article) -> None:
    """Store the article's tags, marks, saved date and highlights for the new story."""
    if not has_extras(article):
        return
    if article.saved is not None:
        # The story was saved long before this import: list it by that date
        # when it has no published date, as it was listed in the other app.
        sort_at = _sort_key(article.published or article.saved)
        cursor.execute(
            "UPDATE articles SET imported_at = ?, sort_at = ? WHERE id = ?",
            (article.saved.isoformat(), sort_at, article_id),
        )
    for raw in dict.fromkeys(article.tags):
        try:
            name = clean_name(raw)
        except TagError:
            continue
        attach_tag(cursor, article_id, name, name.casefold())
    if READ in article.marks:
        cursor.execute("DELETE FROM marks WHERE article_id = ? AND mark = ?", (article_id, UNREAD))
    for name, mark in ((STARRED, STARRED_MARK), (ARCHIVED, ARCHIVED_MARK)):
        if name in article.marks:
            cursor.execute(
                "INSERT OR IGNORE INTO marks (article_id, mark, sort_at) "
                "SELECT id, ?, sort_at FROM articles WHERE id = ?",
                (mark, article_id),
            )
    body = article.text
    now = (article.saved or datetime.now(UTC)).isoformat()
    stamps = (now, now)
    for highlight in article.highlights:
        words = highlight.text.split()
        if not words:
            continue
        found = re.search(r"\s+".join(re.escape(w) for w in words), body)
        # Words not found in the extracted text are kept, unplaced: the note matters.
        start, end = (found.start(), found.end()) if found else (-1, -1)
        text = body[start:end] if found else " ".join(words)
        prefix = body[max(0, start - CONTEXT) : start] if found else ""
        suffix = body[end : end + CONTEXT] if found else ""
        cursor.execute(
            "INSERT INTO highlights (article_id, text, start_offset, end_offset, prefix, suffix, "
            "colour, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, text, start, end, prefix, suffix, DEFAULT_COLOUR, highlight.note, *stamps),
        )


def attach_tag(cursor: sqlite3.Cursor, article_id: int, name: str, key: str) -> None:
    """Tag a story inside the caller's transaction, making the tag if it is new."""
    cursor.execute(
        "INSERT INTO tags (name, key, stories) VALUES (?, ?, 0) ON CONFLICT (key) DO NOTHING",
        (name, key),
    )
    cursor.execute(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id, sort_at) "
        "SELECT a.id, t.id, a.sort_at FROM articles a, tags t WHERE a.id = ? AND t.key = ?",
        (article_id, key),
    )
