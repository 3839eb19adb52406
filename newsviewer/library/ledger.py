"""The quote ledger: every quotation of the library with the person who said it.

Speakers are merged across stories by ``speaker_identity.identify``; the reader's
corrections (``quote_corrections``, ``speaker_merges``) are applied on top. The
result is kept in ``speaker_quotes`` and ``speaker_list`` and built again only when
the stories, their quotations or the corrections changed (a stamp of the story
count and the highest ids, cleared by every correction), so listing speakers or
filtering by one reads an index instead of walking every quotation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection

from newsviewer.domain import ArticleId
from newsviewer.errors import NewsViewerError
from newsviewer.library.repository import Library
from newsviewer.library.speaker_identity import Attribution, identify, speaker_key
from newsviewer.library.user_data import reading, writing


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
class LedgerSpeaker:
    name: str
    key: str
    quotes: int
    stories: int
    roles: tuple[str, ...]


# -- the index -----------------------------------------------------------------


def _stamp(conn: Connection) -> str:
    row = conn.exec_driver_sql(
        "SELECT (SELECT stories FROM story_count WHERE id = 1), "
        "(SELECT max(id) FROM articles), (SELECT max(id) FROM quotations), "
        "(SELECT count(*) FROM quote_corrections), (SELECT count(*) FROM speaker_merges)"
    ).one()
    return ":".join(str(v) for v in row)


def _rebuild(conn: Connection) -> None:
    corrections = {
        (h, t): (speaker, bool(not_quote))
        for h, t, speaker, not_quote in conn.exec_driver_sql(
            "SELECT content_hash, quote_text, speaker, not_quote FROM quote_corrections"
        )
    }
    aliases = {
        str(source): str(target)
        for source, target in conn.exec_driver_sql(
            "SELECT source_key, target_key FROM speaker_merges"
        )
    }
    rows: list[Attribution] = []
    rows_sql = (
        "SELECT q.id, q.article_id, q.text, q.speaker, q.mention, q.role, a.content_hash "
        "FROM quotations q JOIN articles a ON a.id = q.article_id"
    )
    for qid, article_id, text, speaker, mention, role, digest in conn.exec_driver_sql(rows_sql):
        fixed = corrections.get((digest, text))
        if fixed is not None:
            new_speaker, not_quote = fixed
            if not_quote:
                continue
            if new_speaker:
                # The reader's name replaces the story's; its title, if any, is the role.
                speaker, mention, role = new_speaker, new_speaker, None
        rows.append(Attribution(qid, article_id, speaker, mention, role))
    ledger = identify(rows, aliases)
    conn.exec_driver_sql("DELETE FROM speaker_quotes")
    conn.exec_driver_sql("DELETE FROM speaker_list")
    names = {key: s.name for key, s in ledger.speakers.items()}
    conn.exec_driver_sql(
        "INSERT INTO speaker_quotes (quotation_id, speaker_key, speaker) VALUES (?, ?, ?)",
        [(qid, key, names[key]) for qid, key in ledger.speaker_of.items()],
    )
    conn.exec_driver_sql(
        "INSERT INTO speaker_list (key, name, quotes, stories, roles) VALUES (?, ?, ?, ?, ?)",
        [
            (s.key, s.name, len(s.quote_ids), len(s.article_ids), json.dumps(list(s.roles)))
            for s in ledger.speakers.values()
        ],
    )
    conn.exec_driver_sql("DELETE FROM ledger_state")
    conn.exec_driver_sql("INSERT INTO ledger_state (id, stamp) VALUES (1, ?)", (_stamp(conn),))


def refresh(library: Library) -> bool:
    """Build the speakers index again if what it was built from changed; True if it was."""
    with reading(library) as conn:
        current = conn.exec_driver_sql("SELECT stamp FROM ledger_state WHERE id = 1").scalar()
        if current == _stamp(conn):
            return False
    with writing(library, "update the speakers index of") as conn:
        _rebuild(conn)
    return True


# -- reading -------------------------------------------------------------------


def speakers(library: Library) -> list[LedgerSpeaker]:
    """Every speaker, the most quoted first."""
    refresh(library)
    with reading(library) as conn:
        found = conn.exec_driver_sql(
            "SELECT name, key, quotes, stories, roles FROM speaker_list "
            "ORDER BY quotes DESC, stories DESC, name"
        ).all()
    return [LedgerSpeaker(n, k, q, s, tuple(json.loads(r))) for n, k, q, s, r in found]


def _speaker_keys(conn: Connection, name: str, *, by_surname: bool = False) -> list[str]:
    """The speakers a name given by the reader means: their shown name or any form of it.

    With ``by_surname``, a bare surname that names nobody exactly means everyone of
    that surname ("Kerry": John and Bob Kerry), as a filter should.
    """
    folded = " ".join(name.split()).casefold()
    key = speaker_key(name)
    keys = [
        str(k)
        for (k,) in conn.exec_driver_sql(
            "SELECT key FROM speaker_list WHERE lower(name) = ? OR key = ?", (folded, key)
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
    limit: int | None = 50,
    quote_id: int | None = None,
) -> list[LedgerQuote]:
    """Quotations newest first, filtered; those marked "not a quote" are left out
    (unless asked for by ``quote_id``)."""
    refresh(library)
    where = ["coalesce(c.not_quote, FALSE) = FALSE"] if quote_id is None else ["q.id = ?"]
    params: list[object] = [] if quote_id is None else [quote_id]
    with reading(library) as conn:
        if speaker is not None:
            keys = _speaker_keys(conn, speaker, by_surname=True)
            if not keys:
                return []
            where.append(f"sq.speaker_key IN ({', '.join('?' * len(keys))})")
            params.extend(keys)
        for word in words.split():
            where.append("q.text LIKE ? ESCAPE '\\'")
            params.append(_like(word))
        if site:
            where.append("a.site = ? COLLATE NOCASE")
            params.append(site)
        # sort_at is UTC text of the published (else imported) moment: dates compare as text.
        if after is not None:
            where.append("a.sort_at >= ?")
            params.append(after.isoformat())
        if before is not None:
            where.append("a.sort_at < ?")
            params.append(before.isoformat())
        sql = (
            "SELECT q.id, q.article_id, q.text, sq.speaker, q.speaker, q.role, q.mention, q.cue, "
            "a.headline, a.site, a.published, a.url, q.start_offset, c.speaker, q.ordinal "
            f"FROM {_joins(speaker is not None, quote_id is not None)} "
            "LEFT JOIN quote_corrections c "
            "ON c.content_hash = a.content_hash AND c.quote_text = q.text "
            f"WHERE {' AND '.join(where)} ORDER BY a.sort_at DESC, a.id DESC, q.ordinal"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        found = conn.exec_driver_sql(sql, tuple(params)).all()
    return [_quote(row) for row in found]


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
            "SELECT a.content_hash, q.text FROM quotations q "
            "JOIN articles a ON a.id = q.article_id WHERE q.id = ?",
            (quote_id,),
        ).one_or_none()
        if found is None:
            raise LedgerError(f"no quotation #{quote_id} in the library")
        digest, text = found
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
        # A correction may leave the counts as they were: the stamp would not see it.
        conn.exec_driver_sql("DELETE FROM ledger_state")
    return quotes(library, quote_id=quote_id, limit=1)[0]


def merge_speakers(library: Library, source: str, target: str) -> None:
    """Make ``source`` and ``target`` one speaker, shown under ``target``'s name."""
    refresh(library)
    with writing(library, "merge speakers in") as conn:
        sources = _speaker_keys(conn, source)
        targets = _speaker_keys(conn, target)
        if not sources:
            raise LedgerError(f"no speaker named “{source}”")
        if not targets:
            raise LedgerError(f"no speaker named “{target}”")
        now = datetime.now(UTC).isoformat()
        for key in sources:
            if key != targets[0]:
                conn.exec_driver_sql(
                    "INSERT OR REPLACE INTO speaker_merges (source_key, target_key, created_at) "
                    "VALUES (?, ?, ?)",
                    (key, targets[0], now),
                )
        conn.exec_driver_sql("DELETE FROM ledger_state")
