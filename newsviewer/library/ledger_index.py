"""The speakers index, kept up to date story by story.

Triggers on ``quotations`` (migration 0008) note in ``ledger_dirty`` every story
whose quotations were added, removed or changed, by an import, a delete, an
extraction run again or anything else. ``sync`` brings those stories' rows of
``speaker_quotes`` up to date and adds what they changed to the speakers' counts
(``ledger_counts``); the
library calls it at the end of each write transaction, so the index is current
when the transaction commits. ``build`` makes the whole index from nothing (the
migration that created it).

What one story says is found by ``speaker_identity.attribute`` (rules 1 and 2,
within the story). Rule 3 links a bare surname with a role to the one person
seen elsewhere with that surname and role: a story added or removed can change
that for quotations of other stories, so the loose quotations of each surname and
role it touches are decided again. The result equals ``speaker_identity.identify``
over the whole library (a test checks it).

SQL is SQLAlchemy Core, so it runs on any backend the library gets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from newsviewer.library import ledger_counts
from newsviewer.library.ledger_models import (
    LedgerDirtyRow,
    QuoteCorrectionRow,
    SpeakerListRow,
    SpeakerMergeRow,
    SpeakerQuoteRow,
    SpeakerSplitRow,
)
from newsviewer.library.models import ArticleRow, QuotationRow
from newsviewer.library.speaker_identity import (
    Attribution,
    Found,
    attribute,
    final_key,
    loose_person,
)

SQ = cast(Table, SpeakerQuoteRow.__table__)
SL = cast(Table, SpeakerListRow.__table__)
DIRTY = cast(Table, LedgerDirtyRow.__table__)
Q = cast(Table, QuotationRow.__table__)
A = cast(Table, ArticleRow.__table__)
C = cast(Table, QuoteCorrectionRow.__table__)
MERGES = cast(Table, SpeakerMergeRow.__table__)
SPLITS = cast(Table, SpeakerSplitRow.__table__)

# Ids per statement: well under SQLite's bound-parameter limit.
CHUNK = 500
# Stories read at a time by a whole build, so memory stays flat at a million.
BUILD_CHUNK = 20_000

Pair = tuple[str, str]


def fetch(conn: Connection, statement: Any) -> list[tuple[Any, ...]]:
    """Rows of a Core statement through the driver's cursor.

    A whole build reads millions of rows: SQLAlchemy's result rows cost three times
    the query itself there. The statement is still Core, compiled for the backend.
    """
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), _params(compiled, compiled.params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``INSERT`` many rows through the driver's ``executemany`` (see ``_fetch``)."""
    if not rows:
        return
    compiled = _compiled_insert(conn, table, tuple(rows[0]))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(str(compiled), [_params(compiled, row) for row in rows])
    finally:
        cursor.close()


_INSERTS: dict[tuple[str, str, tuple[str, ...]], Any] = {}


def _compiled_insert(conn: Connection, table: Table, columns: tuple[str, ...]) -> Any:
    """The ``INSERT`` of these columns compiled once per backend (a write compiles none)."""
    key = (conn.dialect.name, table.name, columns)
    found = _INSERTS.get(key)
    if found is None:
        statement = insert(table).values({c: bindparam(c) for c in columns})
        found = _INSERTS[key] = statement.compile(dialect=conn.dialect)
    return found


def _params(compiled: Any, values: dict[str, Any]) -> Any:
    if compiled.positiontup is None:
        return values
    return tuple(values[name] for name in compiled.positiontup)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Rules:
    """The reader's merges and splits, read once per update."""

    def __init__(self, conn: Connection) -> None:
        self.aliases = {
            str(s): str(t)
            for s, t in conn.execute(select(MERGES.c.source_key, MERGES.c.target_key))
        }
        self.splits = {
            (str(k), str(f)): str(n)
            for k, f, n in conn.execute(
                select(SPLITS.c.speaker_key, SPLITS.c.form_fold, SPLITS.c.new_key)
            )
        }

    def final(self, base: str, form_fold: str) -> str:
        return final_key(base, form_fold, self.aliases, self.splits)


def _attributions(
    conn: Connection, where: Any, *, bulk: bool = False
) -> tuple[list[Found], dict[int, str]]:
    """Rules 1 and 2 for the stories ``where`` selects, with the reader's corrections.

    Returns what was found and each story's ``sort_at``. ``bulk`` (a whole build)
    reads through the driver; a few stories go through SQLAlchemy's statement cache.
    """
    joined = Q.join(A, A.c.id == Q.c.article_id).outerjoin(
        C, and_(C.c.content_hash == A.c.content_hash, C.c.quote_text == Q.c.text)
    )
    rows: list[Attribution] = []
    sort_at: dict[int, str] = {}
    statement = (
        select(
            Q.c.id,
            Q.c.article_id,
            Q.c.speaker,
            Q.c.mention,
            Q.c.role,
            A.c.sort_at,
            C.c.speaker,
            C.c.not_quote,
        )
        .select_from(joined)
        .where(where)
        .order_by(Q.c.id)
    )
    found = fetch(conn, statement) if bulk else conn.execute(statement).all()
    for qid, article_id, speaker, mention, role, at, fixed, not_quote in found:
        sort_at[article_id] = at
        if not_quote:
            continue
        if fixed:
            # The reader's name replaces the story's; its title, if any, is the role.
            speaker, mention, role = fixed, fixed, None
        rows.append(Attribution(qid, article_id, speaker, mention, role))
    return attribute(rows), sort_at


def _values(f: Found, sort_at: str, base: str, key: str) -> dict[str, Any]:
    return {
        "quotation_id": f.quote_id,
        "article_id": f.article_id,
        "sort_at": sort_at,
        "speaker_key": key,
        "base_key": base,
        "loose": f.person is None,
        "own_key": f.own_key if f.person is None else None,
        "surname": f.surname or None,
        "role_fold": f.role_fold or None,
        "role": f.role,
        "form": f.form,
        "form_fold": f.form_fold,
    }


# -- story by story ------------------------------------------------------------------


def sync(conn: Connection, limit: int | None = None) -> int:
    """Bring the stories noted in ``ledger_dirty`` up to date; returns how many."""
    query = select(DIRTY.c.article_id).order_by(DIRTY.c.article_id)
    if limit is not None:
        query = query.limit(limit)
    ids = [int(i) for i in conn.execute(query).scalars()]
    if ids:
        reindex(conn, ids)
    return len(ids)


def is_current(conn: Connection) -> bool:
    return conn.execute(select(DIRTY.c.article_id).limit(1)).first() is None


def reindex(conn: Connection, article_ids: Sequence[int]) -> None:
    """Index these stories' quotations again (gone stories lose their rows)."""
    rules = _Rules(conn)
    changes = ledger_counts.Changes()
    pairs: set[Pair] = set()
    for chunk in _chunks(sorted(set(article_ids))):
        changes.note(conn, chunk)
        for surname, role_fold, loose in conn.execute(
            select(SQ.c.surname, SQ.c.role_fold, SQ.c.loose).where(SQ.c.article_id.in_(chunk))
        ):
            if surname and role_fold and not loose:
                pairs.add((str(surname), str(role_fold)))
        conn.execute(delete(SQ).where(SQ.c.article_id.in_(chunk)))
        found, sort_at = _attributions(conn, Q.c.article_id.in_(chunk))
        values = []
        for f in found:
            base = f.person or f.own_key
            key = rules.final(base, f.form_fold)
            values.append(_values(f, sort_at[f.article_id], base, key))
            if f.surname and f.role_fold:
                pairs.add((f.surname, f.role_fold))
        _insert_many(conn, SQ, values)
        conn.execute(delete(DIRTY).where(DIRTY.c.article_id.in_(chunk)))
    _decide_loose(conn, pairs, rules, changes)
    # Only what these stories (and the loose quotations decided again) changed is counted.
    changes.apply(conn)


def _decide_loose(
    conn: Connection,
    pairs: Iterable[Pair],
    rules: _Rules,
    changes: ledger_counts.Changes | None = None,
) -> None:
    """Rule 3 again for the loose quotations of these surnames and roles.

    The stories whose rows change are noted in ``changes`` first, if given.
    """
    updates: list[dict[str, Any]] = []
    stories: set[int] = set()
    for surname, role_fold in pairs:
        same = and_(SQ.c.surname == surname, SQ.c.role_fold == role_fold)
        candidates = {
            str(k)
            for k in conn.execute(
                select(SQ.c.base_key).where(same, SQ.c.loose.is_(False)).distinct()
            ).scalars()
        }
        for qid, article_id, own, base, key, form_fold in conn.execute(
            select(
                SQ.c.quotation_id,
                SQ.c.article_id,
                SQ.c.own_key,
                SQ.c.base_key,
                SQ.c.speaker_key,
                SQ.c.form_fold,
            ).where(same, SQ.c.loose.is_(True))
        ):
            probe = Found(qid, 0, None, str(own), surname, None, role_fold, "")
            new_base = loose_person(candidates, probe)
            new_key = rules.final(new_base, str(form_fold))
            if (new_base, new_key) != (base, key):
                updates.append({"qid": qid, "new_base": new_base, "new_key": new_key})
                stories.add(int(article_id))
    if updates:
        if changes is not None:
            changes.note(conn, stories)
        conn.execute(
            update(SQ)
            .where(SQ.c.quotation_id == bindparam("qid"))
            .values(base_key=bindparam("new_base"), speaker_key=bindparam("new_key")),
            updates,
        )


def rekey(conn: Connection, where: Any) -> set[str]:
    """Apply the merges and splits again to the rows ``where`` selects (after a correction).

    Returns the keys touched, already recounted.
    """
    rules = _Rules(conn)
    touched: set[str] = set()
    changes: list[dict[str, Any]] = []
    for qid, base, key, form_fold in conn.execute(
        select(SQ.c.quotation_id, SQ.c.base_key, SQ.c.speaker_key, SQ.c.form_fold).where(where)
    ):
        new_key = rules.final(str(base), str(form_fold))
        if new_key != key:
            changes.append({"qid": qid, "new_key": new_key})
            touched |= {str(key), new_key}
    if changes:
        conn.execute(
            update(SQ)
            .where(SQ.c.quotation_id == bindparam("qid"))
            .values(speaker_key=bindparam("new_key")),
            changes,
        )
    # A merge or split moves all of a speaker's quotations: counted again whole.
    ledger_counts.recount(conn, touched)
    return touched


# -- the whole library ---------------------------------------------------------------


def build(conn: Connection, *, count: bool = True) -> None:
    """Make the whole index from the quotations and the reader's corrections.

    Stories are read a slice at a time; the loose quotations are decided once every
    person is known, then every speaker is counted (unless ``count`` is False: the
    migration that made the index ran before the tables of the counts existed).
    """
    conn.execute(delete(SQ))
    conn.execute(delete(DIRTY))
    rules = _Rules(conn)
    last = 0
    while True:
        ids = list(
            conn.execute(
                select(A.c.id).where(A.c.id > last).order_by(A.c.id).limit(BUILD_CHUNK)
            ).scalars()
        )
        if not ids:
            break
        last = ids[-1]
        found, sort_at = _attributions(conn, Q.c.article_id.between(ids[0], ids[-1]), bulk=True)
        values = []
        for f in found:
            base = f.person or f.own_key
            values.append(_values(f, sort_at[f.article_id], base, rules.final(base, f.form_fold)))
        _insert_many(conn, SQ, values)
    # Rule 3 over the library: each surname and role's people, then its loose quotations.
    people: dict[Pair, set[str]] = defaultdict(set)
    for surname, role_fold, base in conn.execute(
        select(SQ.c.surname, SQ.c.role_fold, SQ.c.base_key)
        .where(SQ.c.loose.is_(False), SQ.c.role_fold.is_not(None), SQ.c.surname.is_not(None))
        .distinct()
    ):
        people[(str(surname), str(role_fold))].add(str(base))
    loose_pairs = [
        (str(s), str(r))
        for s, r in conn.execute(
            select(SQ.c.surname, SQ.c.role_fold)
            .where(SQ.c.loose.is_(True), SQ.c.role_fold.is_not(None), SQ.c.surname.is_not(None))
            .distinct()
        )
        if (str(s), str(r)) in people
    ]
    _decide_loose(conn, loose_pairs, rules)
    if count:
        ledger_counts.count_all(conn)
