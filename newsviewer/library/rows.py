"""The rows a story is stored as, and the one way they are inserted.

Stories are stored through the driver rather than the ORM: per story the ORM's
statement handling cost about as much as SQLite's own work (mostly the
full-text indexes), which made the storing thread the bottleneck of a text
import. ``Inserts`` builds the statements once from the table definitions, with
the column types' own bind processors, so a row written here is byte for byte
what the ORM would write; the library and the benchmark's library generator
both insert through it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Dialect, Table

from newsviewer.domain import Article, Figure, Quote
from newsviewer.library import fts
from newsviewer.library.models import ArticleRow, FigureRow, OriginalRow, QuotationRow
from newsviewer.text.unsafe_chars import SURROGATE, UNSAFE


def storable_text(text: str) -> str:
    """``text`` with each unstorable character as a space (a lone surrogate as U+FFFD).

    One character for one, so a quotation's offsets into the body stay right.
    """
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(" ", SURROGATE.sub("\ufffd", text))


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, tuple):
        return tuple(_storable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _storable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), str | tuple)
            or dataclasses.is_dataclass(getattr(value, f.name))
        }
        return dataclasses.replace(value, **changes)
    return value


def _unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return UNSAFE.search(value) is not None
    if isinstance(value, tuple):
        return any(_unstorable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_unstorable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def storable(article: Article) -> Article:
    """The article as both engines store it: every text in it through ``storable_text``.

    Importers already drop control characters from what they extract; this is the
    storing path's own guarantee, for every caller and every field (a read-it-later
    export's tags and notes, a file name), so a hostile file imports the same on
    both engines instead of failing on one.
    """
    return _storable(article) if _unstorable(article) else article


def sort_key(published: datetime | None, imported_at: datetime) -> str:
    """Fixed-width UTC text of the date a story is listed by; a naive date counts as UTC."""
    moment = published or imported_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def content_hash(original: bytes) -> str:
    return hashlib.sha256(original).hexdigest()


def article_row(
    article: Article,
    *,
    imported_at: datetime,
    source_name: str,
    source_path: str,
    digest: str,
) -> dict[str, Any]:
    """Column values of the ``articles`` row for ``article``."""
    return {
        "sort_at": sort_key(article.published, imported_at),
        fts.HEADLINE: article.title,
        "site": article.site,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "imported_at": imported_at,
        fts.STANDFIRST: article.summary,
        fts.BYLINE: article.byline,
        "authors": list(article.authors),
        "url": article.url,
        "language": article.language,
        "format": article.format,
        "word_count": article.word_count,
        "source_name": storable_text(source_name),
        "source_path": storable_text(source_path),
        "content_hash": digest,
        "blocks": [[b.kind, b.text] for b in article.blocks],
        fts.BODY: article.text,
        # The figure captions, searched with the story (``fts.CAPTIONS``).
        fts.CAPTIONS: "\n".join(f.caption for f in article.figures if f.caption),
        "warnings": list(article.warnings),
    }


def figure_rows(article_id: int, figures: Sequence[Figure]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "ordinal": ordinal,
            "position": f.position,
            "caption": f.caption,
            "credit": f.credit,
            "alt": f.alt,
            "src": f.src,
            "mime": f.mime,
            "image": f.image,
        }
        for ordinal, f in enumerate(figures)
    ]


def quotation_rows(article_id: int, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "ordinal": ordinal,
            "text": q.text,
            "speaker": q.speaker,
            "mention": q.mention,
            "cue": q.cue,
            "role": q.role,
            "start_offset": q.start,
            "end_offset": q.end,
        }
        for ordinal, q in enumerate(quotes)
    ]


@dataclass(frozen=True, slots=True)
class Insert:
    """An INSERT in the driver's own terms: its SQL and how each value is written."""

    sql: str
    names: tuple[str, ...]
    # The column types' own bind processors (ISO text, JSON, ...).
    convert: tuple[Callable[[Any], Any] | None, ...]

    @classmethod
    def of(
        cls, table: Table, names: Sequence[str], dialect: Dialect, *, returning: str = ""
    ) -> Insert:
        marks = ", ".join("?" * len(names))
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
        return cls(
            sql + (f" RETURNING {returning}" if returning else ""),
            tuple(names),
            tuple(table.c[n].type.bind_processor(dialect) for n in names),
        )

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(
            values[n] if f is None else f(values[n])
            for n, f in zip(self.names, self.convert, strict=True)
        )


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name != "id"]


class Inserts:
    """The statements that store a story, built once per library (per dialect)."""

    def __init__(self, dialect: Dialect) -> None:
        table = cast(Table, ArticleRow.__table__)
        story = _columns(table)
        self.article = Insert.of(table, story, dialect, returning="id")
        # Under a given id: a story put back by undo, or a generated library.
        self.article_with_id = Insert.of(table, ["id", *story], dialect)
        self.figure, self.quotation, self.original = (
            Insert.of(t, _columns(t), dialect)
            for t in (
                cast(Table, FigureRow.__table__),
                cast(Table, QuotationRow.__table__),
                cast(Table, OriginalRow.__table__),
            )
        )
