"""The quote ledger: every quotation of the library with the person who said it.

Speakers are merged across stories by ``speaker_identity.identify``; the reader's
corrections (``quote_corrections``, ``speaker_merges``) are applied on top. The
result is kept in ``speaker_quotes`` and ``speaker_list`` and built again only when
the stories, their quotations or the corrections changed (a stamp of the story
count and the highest ids, cleared by every correction), so listing speakers or
filtering by one reads an index instead of walking every quotation.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import Connection, delete, func, insert, select

from newsviewer.domain import ArticleId
from newsviewer.errors import NewsViewerError
from newsviewer.library import ledger_index
from newsviewer.library.ledger_counts import FORMS
from newsviewer.library.ledger_index import DIRTY, MERGES, SL, SPLITS, SQ
from newsviewer.library.repository import Library
from newsviewer.library.speaker_identity import fold_form, speaker_key
from newsviewer.library.user_data import reading, writing
from newsviewer.library.user_rules import tag_key


class LedgerError(NewsViewerError):
    """A quotation or speaker that does not exist, or a correction that says nothing."""


@dataclass(frozen=True, slots=True)
class LedgerQuote:
    """One quotation as the ledger shows it: who said it (merged), where and when."""

    id: int
    article_id: ArticleId
    text: str
    speaker: str | None
    role: str | None
    mention: str | None
    cue: str | None
    title: str
    site: str
    published: datetime | None
    url: str
    start: int
    # The quotation's place among its story's (the reader's anchor for it).
    ordinal: int = 0


@dataclass(frozen=True, slots=True)
class RoleHeld:
    """A role a speaker was quoted in, from the first story to the last that gave it."""

    role: str
    first: date | None
    last: date | None
    quotes: int


@dataclass(frozen=True, slots=True)
class LedgerSpeaker:
    name: str
    key: str
    quotes: int
    stories: int
    roles: tuple[str, ...]


# -- the index -----------------------------------------------------------------


def refresh(library: Library) -> bool:
    """Index the stories whose quotations changed outside the library's own writes.

    The library keeps the index current in each write transaction; quotations
    rewritten by other means are noted by triggers and caught up here. True if
    anything was.
    """
    with reading(library) as conn:
        if ledger_index.is_current(conn):
            return False
    with writing(library, "update the speakers index of") as conn:
        ledger_index.sync(conn)  # the write's own sync would do it too; this says so
    return True


def rebuild(library: Library) -> None:
    """Build the whole speakers index again (long in a big library: run off the GUI thread)."""
    with writing(library, "rebuild the speakers index of") as conn:
        ledger_index.build(conn)


# -- reading -------------------------------------------------------------------


def speakers(library: Library, limit: int | None = None) -> list[LedgerSpeaker]:
    """Every speaker (or the ``limit`` most quoted), the most quoted first."""
    refresh(library)
    # Read in this order from one index that holds every column (migration 0013),
    # through the driver: tens of thousands of rows, where SQLAlchemy's result rows
    # cost more than the query.
    statement = select(SL.c.name, SL.c.key, SL.c.quotes, SL.c.stories, SL.c.roles).order_by(
        SL.c.quotes.desc(), SL.c.stories.desc(), SL.c.name
    )
    if limit is not None:
        statement = statement.limit(max(limit, 0))
    with _collector_paused(), reading(library) as conn:
        found = ledger_index.fetch(conn, statement)
        return [LedgerSpeaker(n, k, q, s, _roles(r)) for n, k, q, s, r in found]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while tens of thousands of rows and records are made.

    Each burst of allocations starts a collection that walks the objects made so far, and
    none of them can be freed (rows and frozen records hold no cycles): at 42,000 speakers
    the collections were a third of the list's time (p50 196 -> 131 ms at a million
    stories). The collector's earlier state is put back, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=4096)
def _roles(listed: str) -> tuple[str, ...]:
    """A speaker's roles from their JSON list: few lists recur across tens of thousands of
    speakers ("[]" for most), so each is decoded once."""
    return tuple(json.loads(listed))


def speaker(library: Library, name: str) -> LedgerSpeaker | None:
    """The speaker a name means (their shown name or any full form of it), if any."""
    refresh(library)
    with reading(library) as conn:
        keys = _speaker_keys(conn, name)
        if not keys:
            return None
        row = conn.execute(
            select(SL.c.name, SL.c.key, SL.c.quotes, SL.c.stories, SL.c.roles).where(
                SL.c.key == keys[0]
            )
        ).one()
    return LedgerSpeaker(row[0], row[1], row[2], row[3], _roles(row[4]))


def roles_held(library: Library, name: str) -> list[RoleHeld]:
    """The roles a speaker was quoted in, each with its first and last date, earliest first."""
    with reading(library) as conn:
        keys = _speaker_keys(conn, name)
        found = conn.execute(
            select(SQ.c.role, func.min(SQ.c.sort_at), func.max(SQ.c.sort_at), func.count())
            .where(SQ.c.speaker_key.in_(keys[:1]), SQ.c.role.is_not(None))
            .group_by(SQ.c.role)
            .order_by(func.min(SQ.c.sort_at))
        ).all()
    return [RoleHeld(str(role), _day(first), _day(last), int(n)) for role, first, last, n in found]


def _day(sort_at: object) -> date | None:
    try:
        return date.fromisoformat(str(sort_at)[:10])
    except ValueError:
        return None


def _speaker_keys(conn: Connection, name: str, *, by_surname: bool = False) -> list[str]:
    """The speakers a name given by the reader means: their shown name or any form of it.

    With ``by_surname``, a bare surname that names nobody exactly means everyone of
    that surname ("Kerry": John and Bob Kerry), as a filter should.
    """
    written = " ".join(name.split())
    key = speaker_key(name)
    # The shown name, the key of the name as written, or a key itself: read from
    # the indexes (tens of thousands of speakers); another case of the name only
    # when none of those is found.
    keys = [
        str(k)
        for (k,) in conn.exec_driver_sql(
            "SELECT key FROM speaker_list WHERE name = ? UNION "
            "SELECT key FROM speaker_list WHERE key IN (?, ?)",
            (written, key, name),
        )
    ]
    if not keys:
        keys = [
            str(k)
            for (k,) in conn.exec_driver_sql(
                "SELECT key FROM speaker_list WHERE lower(name) = ?", (written.casefold(),)
            )
        ]
    if by_surname and " " not in key and not key.startswith("?"):
        keys += [
            str(k)
            for (k,) in conn.exec_driver_sql(
                "SELECT key FROM speaker_list WHERE key LIKE ? ESCAPE '\\'", ("% " + key,)
            )
            if k not in keys
        ]
    return keys


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def quotes(
    library: Library,
    words: str = "",
    *,
    speaker: str | None = None,
    site: str | None = None,
    after: date | None = None,
    before: date | None = None,
    tag: str | None = None,
    limit: int | None = 50,
    quote_id: int | None = None,
) -> list[LedgerQuote]:
    """Quotations newest first, filtered; those marked "not a quote" are left out
    (unless asked for by ``quote_id``)."""
    refresh(library)
    where = ["coalesce(c.not_quote, FALSE) = FALSE"] if quote_id is None else ["q.id = ?"]
    params: list[object] = [] if quote_id is None else [quote_id]
    keys: list[str] = []
    with reading(library) as conn:
        if speaker is not None:
            keys = _speaker_keys(conn, speaker, by_surname=True)
            if not keys:
                return []
        for word in words.split():
            where.append("q.text LIKE ? ESCAPE '\\'")
            params.append(_like(word))
        if site:
            where.append("a.site = ? COLLATE NOCASE")
            params.append(site)
        if tag:
            where.append(
                "EXISTS (SELECT 1 FROM article_tags t JOIN tags g ON g.id = t.tag_id "
                "WHERE t.article_id = a.id AND g.key = ?)"
            )
            params.append(tag_key(tag))
        # sort_at is UTC text of the published (else imported) moment: dates compare as text.
        if after is not None:
            where.append("a.sort_at >= ?")
            params.append(after.isoformat())
        if before is not None:
            where.append("a.sort_at < ?")
            params.append(before.isoformat())
        if len(keys) > 1 and limit is not None:
            sql, values = _each_speaker(keys, where, params, max(limit, 0))
        else:
            if keys:
                where.append(f"sq.speaker_key IN ({', '.join('?' * len(keys))})")
                params.extend(keys)
            sql = _select(bool(keys), quote_id is not None, where)
            values = params
            if limit is not None:
                sql += " LIMIT ?"
                values = [*params, max(limit, 0)]
        found = conn.exec_driver_sql(sql, tuple(values)).all()
    return [_quote(row) for row in found]


_COLUMNS = (
    "q.id, q.article_id, q.text, sl.name, q.speaker, coalesce(sq.role, q.role), "
    "q.mention, q.cue, a.headline, a.site, a.published, a.url, q.start_offset, "
    "c.speaker, q.ordinal"
)


def _select(by_speaker: bool, one: bool, where: Sequence[str], extra: str = "") -> str:
    """The quotations ``where`` selects, newest first (``extra``: more columns)."""
    return (
        f"SELECT {_COLUMNS}{extra} FROM {_joins(by_speaker, one)} "
        "LEFT JOIN speaker_list sl ON sl.key = sq.speaker_key "
        "LEFT JOIN quote_corrections c "
        "ON c.content_hash = a.content_hash AND c.quote_text = q.text "
        f"WHERE {' AND '.join(where)} ORDER BY "
        # A speaker's rows carry their story's date: their index gives the order.
        + ("sq.sort_at DESC, sq.article_id DESC" if by_speaker else "a.sort_at DESC, a.id DESC")
        + ", q.ordinal"
    )


def _each_speaker(
    keys: Sequence[str], where: Sequence[str], params: Sequence[object], limit: int
) -> tuple[str, list[object]]:
    """The first ``limit`` quotations of several speakers (a surname: "Kerry" is John
    and Bob): each speaker's first ``limit`` read from their index in order, then those
    few merged. ``speaker_key IN (...)`` reads and sorts every quotation of them all:
    seconds for a surname the most quoted person of a big library bears.
    """
    one = _select(True, False, [*where, "sq.speaker_key = ?"], ", sq.sort_at, sq.article_id")
    parts = [f"SELECT * FROM ({one} LIMIT ?) AS k{n}" for n in range(len(keys))]
    values: list[object] = []
    for key in keys:
        values += [*params, key, limit]
    # Columns 16 and 17 are the story's date and id; 15 the quotation's place in it.
    return " UNION ALL ".join(parts) + " ORDER BY 16 DESC, 17 DESC, 15 LIMIT ?", [*values, limit]


def _joins(by_speaker: bool, one: bool) -> str:
    """The tables in the order SQLite is to read them (CROSS JOIN fixes the order).

    A speaker's quotations start from the speakers index; the whole list walks the
    stories newest first by their date index and stops at the page's end, instead
    of sorting every quotation of the library.
    """
    if one:
        return (
            "quotations q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN speaker_quotes sq ON sq.quotation_id = q.id"
        )
    if by_speaker:
        return (
            "speaker_quotes sq CROSS JOIN quotations q ON q.id = sq.quotation_id "
            "JOIN articles a ON a.id = q.article_id"
        )
    return (
        "articles a CROSS JOIN quotations q ON q.article_id = a.id "
        "LEFT JOIN speaker_quotes sq ON sq.quotation_id = q.id"
    )


def _quote(row: Sequence[object]) -> LedgerQuote:
    qid, article_id, text, merged, raw, role, mention, cue, title, site, published, url = row[:12]
    start, corrected, ordinal = row[12], row[13], row[14]
    return LedgerQuote(
        id=int(str(qid)),
        article_id=ArticleId(int(str(article_id))),
        text=str(text),
        speaker=_text(merged) or _text(corrected) or _text(raw),
        # A corrected speaker's role is not the story's any more.
        role=None if corrected else _text(role),
        mention=_text(mention),
        cue=_text(cue),
        title=str(title),
        site=str(site),
        published=datetime.fromisoformat(str(published)) if published else None,
        url=str(url),
        start=int(str(start)),
        ordinal=int(str(ordinal)),
    )


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


# -- corrections ---------------------------------------------------------------


def correct(
    library: Library, quote_id: int, *, speaker: str | None = None, not_quote: bool = False
) -> LedgerQuote:
    """Record the reader's correction of one quotation; returns it as the ledger now shows it."""
    if not not_quote and not (speaker and speaker.strip()):
        raise LedgerError("a correction needs a speaker's name or “not a quote”")
    with writing(library, "record a correction in") as conn:
        found = conn.exec_driver_sql(
            "SELECT a.content_hash, q.text, q.article_id FROM quotations q "
            "JOIN articles a ON a.id = q.article_id WHERE q.id = ?",
            (quote_id,),
        ).one_or_none()
        if found is None:
            raise LedgerError(f"no quotation #{quote_id} in the library")
        digest, text, article_id = found
        conn.exec_driver_sql(
            "INSERT INTO quote_corrections (content_hash, quote_text, speaker, not_quote, "
            "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (content_hash, quote_text) "
            "DO UPDATE SET speaker = excluded.speaker, not_quote = excluded.not_quote, "
            "created_at = excluded.created_at",
            (
                digest,
                text,
                None if not_quote else " ".join((speaker or "").split()),
                not_quote,
                datetime.now(UTC).isoformat(),
            ),
        )
        # Its story is indexed again when this transaction ends.
        _note_dirty(conn, [int(article_id)])
    return quotes(library, quote_id=quote_id, limit=1)[0]


def _note_dirty(conn: Connection, article_ids: Sequence[int]) -> None:
    known = set(
        conn.execute(
            select(DIRTY.c.article_id).where(DIRTY.c.article_id.in_(article_ids))
        ).scalars()
    )
    new = [{"article_id": i} for i in set(article_ids) - known]
    if new:
        conn.execute(insert(DIRTY), new)


def merge_speakers(library: Library, source: str, target: str) -> LedgerSpeaker:
    """Make ``source`` and ``target`` one speaker, shown under ``target``'s name.

    Kept by the speakers' keys, so it holds for stories imported or extracted later.
    """
    refresh(library)
    with writing(library, "merge speakers in") as conn:
        sources = _speaker_keys(conn, source)
        targets = _speaker_keys(conn, target)
        if not sources:
            raise LedgerError(f"no speaker named “{source}”")
        if not targets:
            raise LedgerError(f"no speaker named “{target}”")
        into = targets[0]
        moved = [key for key in sources if key != into]
        if not moved:
            raise LedgerError(f"“{source}” and “{target}” are one speaker already")
        now = datetime.now(UTC)
        # The target is merged into nobody now: no loop of merges.
        conn.execute(delete(MERGES).where(MERGES.c.source_key.in_([into, *moved])))
        conn.execute(
            insert(MERGES),
            [{"source_key": key, "target_key": into, "created_at": now} for key in moved],
        )
        ledger_index.rekey(conn, SQ.c.speaker_key.in_(moved))
    found = speaker(library, target)
    assert found is not None
    return found


def forms(library: Library, name: str) -> list[tuple[str, int]]:
    """The written forms of a speaker's name with their counts, the most used first."""
    with reading(library) as conn:
        keys = _speaker_keys(conn, name)
        if not keys:
            raise LedgerError(f"no speaker named “{name}”")
        # Kept per form as the speaker's quotations change (ledger_counts).
        found = conn.execute(
            select(FORMS.c.form, FORMS.c.quotes)
            .where(FORMS.c.speaker_key == keys[0])
            .order_by(FORMS.c.quotes.desc(), FORMS.c.form)
        ).all()
    return [(str(f), int(n)) for f, n in found]


def split_speaker(library: Library, name: str, form: str) -> LedgerSpeaker:
    """Make the quotations of speaker ``name`` written ``form`` a speaker of their own.

    Kept by the speaker's key and the form, so it holds for stories imported or
    extracted later. Returns the speaker split off.
    """
    refresh(library)
    folded = fold_form(form)
    with writing(library, "split a speaker in") as conn:
        keys = _speaker_keys(conn, name)
        if not keys:
            raise LedgerError(f"no speaker named “{name}”")
        key = keys[0]
        written = conn.execute(
            select(SQ.c.form).where(SQ.c.speaker_key == key, SQ.c.form_fold == folded).limit(1)
        ).scalar()
        if written is None:
            raise LedgerError(f"“{name}” is never written “{form}”")
        total = conn.execute(select(func.count()).where(SQ.c.speaker_key == key)).scalar()
        split = conn.execute(
            select(func.count()).where(SQ.c.speaker_key == key, SQ.c.form_fold == folded)
        ).scalar()
        if split == total:
            raise LedgerError(f"every quotation of “{name}” is written “{form}”: nothing to split")
        own = speaker_key(str(written))
        new_key = own if own != key else f"{key} #{folded}"
        conn.execute(
            delete(SPLITS).where(SPLITS.c.speaker_key == key, SPLITS.c.form_fold == folded)
        )
        conn.execute(
            insert(SPLITS).values(
                speaker_key=key,
                form_fold=folded,
                new_key=new_key,
                created_at=datetime.now(UTC),
            )
        )
        # A split-off speaker is not merged back by an older merge of its key.
        conn.execute(
            delete(MERGES).where(MERGES.c.source_key == new_key, MERGES.c.target_key == key)
        )
        touched = ledger_index.rekey(conn, (SQ.c.speaker_key == key) & (SQ.c.form_fold == folded))
        row = conn.execute(select(SL.c.name).where(SL.c.key.in_(sorted(touched - {key})))).first()
    found = speaker(library, str(row[0])) if row is not None else None
    if found is None:
        raise LedgerError(f"could not split “{form}” off “{name}”")
    return found
