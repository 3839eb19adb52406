"""JSON: the lossless export, which ``newsviewer import`` reads back into any library.

Every stored field of every story, its figures with the image bytes (base64), its
quotations as found, its tags, marks, highlights with notes, reading place and the
original file (base64), plus the saved searches. ``"format"`` is the first key so
an importer can tell the file from its first bytes. Stories are written one at a
time, so a large library is never held in memory as one document.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsviewer.domain import HIGHLIGHT_COLOURS, Article, Block, Figure, Quote
from newsviewer.errors import ParseError

if TYPE_CHECKING:
    # Parse processes read exports without loading the library.
    from newsviewer.export.bundle import Bundle
    from newsviewer.library.saved_searches import SavedSearch

FORMAT = "newsviewer-library"
VERSION = 1
# What the first bytes of an export contain, whatever the spacing json.dumps used.
SIGNATURE = b'{"format": "newsviewer-library"'


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def story_json(bundle: Bundle) -> dict[str, Any]:
    a = bundle.article
    images = bundle.images
    return {
        "id": a.id,
        "format": a.format,
        "title": a.title,
        "summary": a.summary,
        "byline": a.byline,
        "authors": list(a.authors),
        "published": _iso(a.published),
        "published_inferred": a.published_inferred,
        "site": a.site,
        "url": a.url,
        "language": a.language,
        "blocks": [[b.kind, b.text] for b in a.blocks],
        "figures": [
            {
                "caption": f.caption,
                "credit": f.credit,
                "alt": f.alt,
                "src": f.src,
                "mime": f.mime,
                "position": f.position,
                "image": _b64(images[f.id].data) if f.id in images else None,
            }
            for f in a.figures
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "mention": q.mention,
                "cue": q.cue,
                "role": q.role,
                "start": q.start,
                "end": q.end,
            }
            for q in a.quotes
        ],
        "word_count": a.word_count,
        "imported_at": _iso(a.imported_at),
        "source_name": a.source_name,
        "source_path": a.source_path,
        "content_hash": a.content_hash,
        "warnings": list(a.warnings),
        "tags": list(bundle.tags),
        "marks": {
            "read": bundle.marks.read,
            "starred": bundle.marks.starred,
            "archived": bundle.marks.archived,
        },
        "highlights": [
            {
                "text": h.text,
                "start": h.start,
                "end": h.end,
                "prefix": h.prefix,
                "suffix": h.suffix,
                "colour": h.colour,
                "note": h.note,
                "created_at": _iso(h.created_at),
                "updated_at": _iso(h.updated_at),
            }
            for h in bundle.highlights
        ],
        "position": None
        if bundle.position is None
        else {
            "offset": bundle.position.offset,
            "fraction": bundle.position.fraction,
            "updated_at": _iso(bundle.position.updated_at),
        },
        "original": None
        if bundle.original is None
        else {"name": bundle.original[0], "data": _b64(bundle.original[1])},
    }


def write_json(bundles: Iterable[Bundle], path: Path, saved: Iterable[SavedSearch] = ()) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        head = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.now(UTC).isoformat(),
            "saved_searches": [{"name": s.name, "query": s.query} for s in saved],
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "stories": [\n')
        for bundle in bundles:
            out.write((",\n" if count else "") + json.dumps(story_json(bundle), ensure_ascii=False))
            count += 1
        out.write("\n]}\n")
    return count


# -- reading it back ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportedHighlight:
    text: str
    start: int
    end: int
    prefix: str
    suffix: str
    colour: str
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ExportedStory:
    """One story of an export: the article to store and what goes with it."""

    number: int
    article: Article
    original: bytes
    imported_at: datetime
    source_name: str
    source_path: str
    tags: tuple[str, ...]
    read: bool
    starred: bool
    archived: bool
    highlights: tuple[ExportedHighlight, ...]
    position: tuple[int, float, str] | None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A story of the export that cannot be read; the others still import."""

    number: int
    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class Export:
    saved_searches: tuple[tuple[str, str], ...]
    stories: tuple[ExportedStory | Rejected, ...]


def is_export(head: bytes) -> bool:
    return head.lstrip().startswith(SIGNATURE)


def _date(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def _story(number: int, d: dict[str, Any]) -> ExportedStory:
    blocks = tuple(Block(str(kind), str(text)) for kind, text in d["blocks"])
    figures = tuple(
        Figure(
            caption=f["caption"],
            credit=f["credit"],
            alt=f["alt"],
            src=f["src"],
            image=None if f.get("image") is None else base64.b64decode(f["image"]),
            mime=f.get("mime"),
            position=int(f["position"]),
        )
        for f in d["figures"]
    )
    quotes = tuple(
        Quote(
            text=q["text"],
            speaker=q.get("speaker"),
            mention=q.get("mention"),
            cue=q.get("cue"),
            start=int(q["start"]),
            end=int(q["end"]),
            role=q.get("role"),
        )
        for q in d["quotes"]
    )
    article = Article(
        format=str(d["format"]),
        title=str(d["title"]),
        summary=str(d["summary"]),
        byline=str(d["byline"]),
        authors=tuple(str(a) for a in d["authors"]),
        published=_date(d.get("published")),
        published_inferred=bool(d["published_inferred"]),
        site=str(d["site"]),
        url=str(d["url"]),
        language=str(d["language"]),
        blocks=blocks,
        figures=figures,
        quotes=quotes,
        # Exports written before warnings were kept have none.
        warnings=tuple(str(w) for w in d.get("warnings") or ()),
    )
    original = d.get("original")
    data = (
        base64.b64decode(original["data"])
        if original
        # Without the file, the story's own record stands in for it: its hash
        # still tells a second import of this export from a new story.
        else json.dumps({k: v for k, v in d.items() if k != "id"}, sort_keys=True).encode()
    )
    marks = d.get("marks") or {}
    position = d.get("position")
    imported_at = _date(d["imported_at"])
    assert imported_at is not None
    return ExportedStory(
        number=number,
        article=article,
        original=data,
        imported_at=imported_at,
        source_name=str(d["source_name"]),
        source_path=str(d["source_path"]),
        tags=tuple(str(t) for t in d.get("tags", ())),
        read=bool(marks.get("read")),
        starred=bool(marks.get("starred")),
        archived=bool(marks.get("archived")),
        highlights=tuple(
            ExportedHighlight(
                text=str(h["text"]),
                start=int(h["start"]),
                end=int(h["end"]),
                prefix=str(h["prefix"]),
                suffix=str(h["suffix"]),
                # A colour this version does not know becomes the first.
                colour=h["colour"] if h["colour"] in HIGHLIGHT_COLOURS else HIGHLIGHT_COLOURS[0],
                note=str(h.get("note", "")),
                created_at=str(h["created_at"]),
                updated_at=str(h["updated_at"]),
            )
            for h in d.get("highlights", ())
        ),
        position=None
        if not position
        else (int(position["offset"]), float(position["fraction"]), str(position["updated_at"])),
    )


def read_export(data: bytes) -> Export:
    """Parse an export; raises ``ParseError`` saying what is wrong with the file."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeError) as exc:
        raise ParseError(f"not a readable NewsViewer export: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ParseError("not a NewsViewer library export")
    if document.get("version") != VERSION:
        raise ParseError(
            f"export version {document.get('version')} is not one this NewsViewer reads"
        )
    return Export(
        saved_searches=tuple(
            (str(s["name"]), str(s["query"])) for s in document.get("saved_searches", ())
        ),
        stories=tuple(_stories(list(document.get("stories") or []))),
    )


def _stories(items: list[Any]) -> Iterator[ExportedStory | Rejected]:
    for number, item in enumerate(items, 1):
        label = str(item.get("title") or f"story {number}") if isinstance(item, dict) else ""
        try:
            yield _story(number, item)
        except KeyError as exc:
            yield Rejected(number, label or f"story {number}", f"missing field {exc}")
        except (TypeError, ValueError, AttributeError, AssertionError) as exc:
            yield Rejected(number, label or f"story {number}", f"unreadable field: {exc}")
