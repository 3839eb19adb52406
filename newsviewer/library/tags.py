"""Tags: add and remove on any number of stories, rename, merge, delete, counts, completion.

A tag's name is trimmed and its inner spaces collapsed; case does not make a
different tag ("Climate" and "climate" are one, shown as first written). Renaming
a tag to the name of another merges the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection

from newsviewer.domain import ArticleId
from newsviewer.library import orders
from newsviewer.library.orders import Order
from newsviewer.library.repository import Library
from newsviewer.library.user_data import TAGS, batches, marks_sql, reading, writing
from newsviewer.library.user_rules import TagError as TagError  # (raised by the functions here)
from newsviewer.library.user_rules import clean_name, tag_key


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    name: str
    stories: int


def _tag_id(conn: Connection, name: str, *, create: bool) -> int | None:
    key = tag_key(name)
    found = conn.exec_driver_sql("SELECT id FROM tags WHERE key = ?", (key,)).scalar()
    if found is not None or not create:
        return cast(int | None, found)
    return cast(
        int,
        conn.exec_driver_sql(
            "INSERT INTO tags (name, key, stories) VALUES (?, ?, 0) RETURNING id",
            (clean_name(name), key),
        ).scalar_one(),
    )


def add_tags(library: Library, ids: Sequence[int], names: Iterable[str]) -> int:
    """Tag each story with each name (creating tags as needed); returns new (story, tag) pairs."""
    wanted = list(dict.fromkeys(clean_name(n) for n in names))
    added = 0
    with writing(library) as conn:
        for name in wanted:
            tag = _tag_id(conn, name, create=True)
            assert tag is not None
            added += TAGS.add(conn, tag, ids)
    return added


def remove_tags(library: Library, ids: Sequence[int], names: Iterable[str]) -> int:
    """Take each name off each story; a tag left on no story stays (rename, counts 0)."""
    removed = 0
    with writing(library) as conn:
        for name in dict.fromkeys(clean_name(n) for n in names):
            tag = _tag_id(conn, name, create=False)
            if tag is not None:
                removed += TAGS.remove(conn, tag, ids)
    return removed


def _merge_into(conn: Connection, source: int, target: int) -> None:
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id, sort_at) "
        "SELECT article_id, ?, sort_at FROM article_tags WHERE tag_id = ?",
        (target, source),
    )
    # The cascade takes the source's story links with it.
    conn.exec_driver_sql("DELETE FROM tags WHERE id = ?", (source,))


def rename_tag(library: Library, old: str, new: str) -> Tag:
    """Rename a tag; to the name of another tag, merge into it. Returns the resulting tag."""
    new_name = clean_name(new)
    with writing(library) as conn:
        source = _tag_id(conn, old, create=False)
        if source is None:
            raise TagError(f"no tag named “{clean_name(old)}”")
        target = _tag_id(conn, new_name, create=False)
        if target is None or target == source:
            conn.exec_driver_sql(
                "UPDATE tags SET name = ?, key = ? WHERE id = ?",
                (new_name, tag_key(new_name), source),
            )
            target = source
        else:
            _merge_into(conn, source, target)
        return _tag(conn, target)


def merge_tags(library: Library, sources: Iterable[str], target: str) -> Tag:
    """Put every story of the ``sources`` under ``target`` (created if need be); drop sources."""
    with writing(library) as conn:
        into = _tag_id(conn, target, create=True)
        assert into is not None
        for name in sources:
            source = _tag_id(conn, name, create=False)
            if source is not None and source != into:
                _merge_into(conn, source, into)
        return _tag(conn, into)


def delete_tag(library: Library, name: str) -> bool:
    """Remove a tag from every story and from the list; False when there was none."""
    with writing(library) as conn:
        tag = _tag_id(conn, name, create=False)
        if tag is None:
            return False
        conn.exec_driver_sql("DELETE FROM tags WHERE id = ?", (tag,))
    return True


def _tag(conn: Connection, tag_id: int) -> Tag:
    row = conn.exec_driver_sql("SELECT id, name, stories FROM tags WHERE id = ?", (tag_id,)).one()
    return Tag(row[0], row[1], row[2])


def all_tags(library: Library) -> list[Tag]:
    """Every tag with its kept story count, by name regardless of case."""
    with reading(library) as conn:
        rows = conn.exec_driver_sql("SELECT id, name, stories FROM tags ORDER BY key").all()
    return [Tag(r[0], r[1], r[2]) for r in rows]


def complete(library: Library, prefix: str, limit: int = 10) -> list[str]:
    """Tag names starting with ``prefix`` (any case), most used first: the completer's list."""
    key = " ".join(prefix.split()).casefold()
    # Range on the unique key's index; LIKE would need escaping and ignore the index.
    with reading(library) as conn:
        rows = conn.exec_driver_sql(
            "SELECT name FROM tags WHERE key >= ? AND key < ? ORDER BY stories DESC, key LIMIT ?",
            (key, key + "\U0010ffff", limit),
        ).all()
    return [r[0] for r in rows]


def tags_of(library: Library, ids: Sequence[int]) -> dict[ArticleId, tuple[str, ...]]:
    """The tag names of each story among ``ids`` that has any, by name."""
    found: dict[ArticleId, list[tuple[str, str]]] = {}
    with reading(library) as conn:
        for batch in batches(list(dict.fromkeys(ids))):
            for story, name, key in conn.exec_driver_sql(
                "SELECT at.article_id, t.name, t.key FROM article_tags at "
                "JOIN tags t ON t.id = at.tag_id "
                f"WHERE at.article_id IN ({marks_sql(len(batch))})",
                tuple(batch),
            ):
                found.setdefault(ArticleId(story), []).append((key, name))
    return {i: tuple(name for _, name in sorted(pairs)) for i, pairs in found.items()}


def tagged_ids(library: Library, name: str, limit: int | None = None) -> list[ArticleId]:
    """The stories with a tag, in the list's order (newest first); none for an unknown tag."""
    with reading(library) as conn:
        tag = _tag_id(conn, name, create=False)
        return [] if tag is None else TAGS.ids(conn, tag, limit)


def tagged_ids_in(
    library: Library, name: str, order: Order, limit: int | None = None
) -> list[ArticleId]:
    """The stories with a tag (the first ``limit``) in another of the list's orders."""
    with reading(library) as conn:
        tag = _tag_id(conn, name, create=False)
    return [] if tag is None else orders.part_ids(library, orders.tagged(tag), order, limit)


def members(library: Library, names: Iterable[str]) -> dict[str, list[ArticleId]]:
    """The stories of each existing tag among ``names``, by the tag's stored name.

    What ``restore_members`` needs to undo a rename, merge or deletion.
    """
    found: dict[str, list[ArticleId]] = {}
    with reading(library) as conn:
        for name in dict.fromkeys(names):
            tag = _tag_id(conn, name, create=False)
            if tag is None:
                continue
            stored = _tag(conn, tag).name
            ids = conn.exec_driver_sql(
                "SELECT article_id FROM article_tags WHERE tag_id = ?", (tag,)
            ).all()
            found[stored] = [ArticleId(r[0]) for r in ids]
    return found


def restore_members(
    library: Library, before: dict[str, list[ArticleId]], involved: Iterable[str]
) -> None:
    """Put the tags named in ``involved`` back as ``before`` had them (``members``).

    A tag of ``involved`` missing from ``before`` (made by a rename or merge) is
    deleted; each tag of ``before`` gets back its name and exactly its stories.
    """
    kept = {tag_key(name) for name in before}
    with writing(library) as conn:
        for name in involved:
            if tag_key(name) not in kept:
                tag = _tag_id(conn, name, create=False)
                if tag is not None:
                    conn.exec_driver_sql("DELETE FROM tags WHERE id = ?", (tag,))
        for name, ids in before.items():
            tag = _tag_id(conn, name, create=True)
            assert tag is not None  # (created when missing)
            conn.exec_driver_sql("UPDATE tags SET name = ? WHERE id = ?", (name, tag))
            conn.exec_driver_sql("DELETE FROM article_tags WHERE tag_id = ?", (tag,))
            TAGS.add(conn, tag, ids)
