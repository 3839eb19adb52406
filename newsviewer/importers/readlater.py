"""Read-it-later exports: Omnivore's zip, Wallabag's JSON; Pocket's CSV is refused.

Both apps saved the story's readable copy as HTML, so the body is read as it stands;
what the app knew of it (labels or tags, starred and archived, when it was saved and
published, highlights with their notes) is carried on the article's ``tags``,
``marks``, ``saved`` and ``highlights``. Pocket's export holds only links: the story
would have to be fetched, and NewsViewer never goes on the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from newsviewer.domain import ARCHIVED, READ, STARRED, Article, Highlight
from newsviewer.errors import ParseError, UnsupportedFormat
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.importers.base import Part, SourceFile
from newsviewer.importers.fragment import read_body
from newsviewer.importers.packed import first_story, part_of, read_json
from newsviewer.text.decoding import decode_text

MAX_ENTRIES = 50_000
_WALLABAG_KEYS = re.compile(rb'"(?:is_archived|is_starred|reading_time|domain_name)"\s*:')
_POCKET_HEADER = re.compile(rb"^title,url,time_added(?:,tags)?(?:,status)?\s*$", re.M)
# Omnivore ends a highlight's quote with a link back to it: "[⤴️](https://...)".
_BACKLINK = re.compile(r"\s*\[[^\]]{0,8}\]\([^)]*\)\s*$")


def _entry_article(
    entry: Mapping[str, Any], html: str, *, fmt: str, highlights: tuple[Highlight, ...]
) -> Article:
    url = str(entry.get("url") or "")
    body = read_body(html, base=url)
    if not body.blocks:
        raise ParseError("the saved copy has no text")
    site = str(entry.get("siteName") or entry.get("domain_name") or "")
    raw_authors = entry.get("published_by") or entry.get("author") or []
    if isinstance(raw_authors, str):
        raw_authors = [raw_authors]
    authors = [str(a) for a in raw_authors if str(a).strip()]
    title = str(entry.get("title") or "").strip() or body.blocks[0].text[:120]
    return Article(
        format=fmt,
        title=title,
        summary=str(entry.get("description") or "").strip(),
        byline=display_byline(authors),
        authors=person_names(authors, site),
        published=_when(entry.get("publishedAt") or entry.get("published_at")),
        site=site,
        url=url,
        language=str(entry.get("language") or ""),
        blocks=tuple(body.blocks),
        figures=tuple(body.figures),
        tags=_tags(entry.get("labels") or entry.get("tags") or []),
        marks=_marks(entry),
        saved=_when(entry.get("savedAt") or entry.get("created_at")),
        highlights=highlights,
    )


def _tags(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names = []
    for tag in raw:
        name = tag.get("label") or tag.get("name") if isinstance(tag, dict) else tag
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return tuple(names)


def _marks(entry: Mapping[str, Any]) -> tuple[str, ...]:
    marks = []
    if entry.get("is_starred") in (True, 1, "1"):
        marks.append(STARRED)
    state = str(entry.get("state") or "").lower()
    if entry.get("is_archived") in (True, 1, "1") or state == "archived":
        marks.append(ARCHIVED)
    progress = entry.get("readingProgress")
    if isinstance(progress, int | float) and progress >= 100:
        marks.append(READ)
    return tuple(marks)


def _when(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    # Wallabag writes "2024-03-05T08:30:00+0100": Python wants the colon in the offset.
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# ---- Omnivore ---------------------------------------------------------------------


def omnivore_parts(files: Mapping[str, bytes], path: Path) -> Iterator[Part]:
    """Stories of an Omnivore export, from its members (read and bounded by the archive)."""
    entries: list[dict[str, Any]] = []
    for name in sorted(files, key=_metadata_order):
        if PurePosixPath(name).name.startswith("metadata_") and name.endswith(".json"):
            try:
                listed = json.loads(decode_text(files[name])[0])
            except json.JSONDecodeError as exc:
                raise ParseError(f"'{name}' of the Omnivore export is broken ({exc.msg})") from exc
            except RecursionError as exc:
                raise ParseError(f"'{name}' of the Omnivore export is nested too deeply") from exc
            if not isinstance(listed, list):
                raise ParseError(f"'{name}' of the Omnivore export is not a list of stories")
            entries.extend(e for e in listed if isinstance(e, dict))
    if len(entries) > MAX_ENTRIES:
        raise ParseError(f"the export has too many stories (over {MAX_ENTRIES})")
    if not entries:
        raise ParseError("the Omnivore export lists no stories")
    return _omnivore_stories(entries, {PurePosixPath(n).as_posix(): d for n, d in files.items()})


def _omnivore_stories(
    entries: list[dict[str, Any]], by_name: Mapping[str, bytes]
) -> Iterator[Part]:
    """Each listed story, made when asked for (the export was read and checked whole)."""
    for n, entry in enumerate(entries, start=1):
        slug = str(entry.get("slug") or entry.get("id") or "")
        content = by_name.get(f"content/{slug}.html")
        label = str(entry.get("title") or slug)
        if content is None:
            # Omnivore lists items it could not save (a PDF, a failed fetch) without content.
            yield Part(n, label, reason="the export has no saved copy of this story")
            continue
        notes = by_name.get(f"highlights/{slug}.md", b"")
        yield part_of(n, label, content, partial(_omnivore_article, entry, content, notes))


def _metadata_order(name: str) -> tuple[int, str]:
    found = re.search(r"metadata_(\d+)", name)
    return (int(found.group(1)) if found else -1, name)


def _omnivore_article(entry: Mapping[str, Any], content: bytes, notes: bytes) -> Article:
    html, _ = decode_text(content)
    highlights = omnivore_highlights(decode_text(notes)[0]) if notes.strip() else ()
    return _entry_article(entry, html, fmt="omnivore", highlights=highlights)


def omnivore_highlights(markdown: str) -> tuple[Highlight, ...]:
    """Highlights of an Omnivore ``highlights/SLUG.md``: each a ``> quote`` (ending in a
    link back to it), followed by the reader's note, if any, up to the next quote."""
    found: list[Highlight] = []
    quote: list[str] = []
    note: list[str] = []

    def close() -> None:
        if quote:
            text = _BACKLINK.sub("", " ".join(quote)).strip()
            if text:
                found.append(Highlight(text=text, note="\n".join(note).strip()))
        quote.clear()
        note.clear()

    for line in markdown.splitlines():
        if line.startswith(">"):
            if note:
                close()
            quote.append(line.lstrip(">").strip())
        elif quote and (line.strip() or note):
            note.append(line.strip())
    close()
    return tuple(found)


# ---- Wallabag ---------------------------------------------------------------------


class WallabagImporter:
    name = "wallabag"
    extensions: tuple[str, ...] = (".json",)

    def sniff(self, head: bytes) -> bool:
        head = head.lstrip(b"\xef\xbb\xbf").lstrip()
        return head[:1] == b"[" and bool(_WALLABAG_KEYS.search(head))

    def parse(self, source: SourceFile) -> Article:
        return first_story(self.parse_parts(source))

    def parse_parts(self, source: SourceFile) -> Iterator[Part]:
        entries = read_json(source.data, "the Wallabag export")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ParseError("not a Wallabag export (a list of entries)")
        if not entries:
            raise ParseError("the Wallabag export has no entries")
        if len(entries) > MAX_ENTRIES:
            raise ParseError(f"the export has too many stories (over {MAX_ENTRIES})")
        return _wallabag_stories(entries)


def _wallabag_stories(entries: list[dict[str, Any]]) -> Iterator[Part]:
    """Each entry, made when asked for (the export was read and checked whole)."""
    for n, entry in enumerate(entries, start=1):
        content = str(entry.get("content") or "")
        label = str(entry.get("title") or entry.get("url") or f"entry {n}")
        make = partial(_wallabag_article, entry, content)
        yield part_of(n, label, f"{entry.get('url', '')}\n{content}".encode(), make)


def _wallabag_article(entry: Mapping[str, Any], content: str) -> Article:
    if not content.strip():
        raise ParseError("Wallabag saved no content for this entry")
    highlights = tuple(
        Highlight(text=str(a.get("quote") or "").strip(), note=str(a.get("text") or "").strip())
        for a in entry.get("annotations") or []
        if isinstance(a, dict) and str(a.get("quote") or "").strip()
    )
    return _entry_article(entry, content, fmt="wallabag", highlights=highlights)


# ---- Pocket -----------------------------------------------------------------------


class PocketImporter:
    """Recognises Pocket's CSV export to say why it cannot be imported."""

    name = "pocket"
    extensions: tuple[str, ...] = (".csv",)

    def sniff(self, head: bytes) -> bool:
        return bool(_POCKET_HEADER.match(head.lstrip(b"\xef\xbb\xbf")))

    def parse(self, source: SourceFile) -> Article:
        if not self.sniff(source.data[:4096]):
            raise UnsupportedFormat("unsupported file type '.csv'")
        raise ParseError(
            "a Pocket export holds only links, not the stories; NewsViewer never fetches "
            "pages, so save the pages you want to keep (or export them from another app)"
        )
