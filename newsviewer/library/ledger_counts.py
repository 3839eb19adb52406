"""The speakers list's rows kept by what each write changes, not counted again.

Each speaker's row of ``speaker_list`` (quotations, stories, shown name, roles)
was counted again from all of that speaker's ``speaker_quotes`` rows whenever a
story touched them: at a million stories the most quoted person has half a
million rows, and every story naming them paid for reading them. Now a write notes
the index rows of the stories it is about to change (``Changes.note``), and at
its end adds the difference to what is kept:

- quotations and stories per speaker (``speaker_list``): a story counts for a
  speaker while any of its quotations is theirs;
- quotations per written form (``speaker_forms``): the shown name is the most
  used full form (``speaker_identity.best_form``);
- quotations per role with the first quotation said in it (``speaker_roles``):
  the roles are listed in the order first seen. When that first quotation goes,
  the next is read from an index of the rows with a role.

``count_all`` makes all three from the index at once (a whole build, a
migration) and ``recount`` the rows of a few speakers (a merge or a split moves
all of a speaker's quotations at once: rare, and read whole). Either way the
result equals counting from nothing (the tests rebuild and compare).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, distinct, func, insert, select, true

from newsviewer.library.ledger_models import (
    SpeakerFormRow,
    SpeakerListRow,
    SpeakerQuoteRow,
    SpeakerRoleRow,
)
from newsviewer.library.speaker_identity import best_form

SQ = cast(Table, SpeakerQuoteRow.__table__)
SL = cast(Table, SpeakerListRow.__table__)
FORMS = cast(Table, SpeakerFormRow.__table__)
ROLES = cast(Table, SpeakerRoleRow.__table__)

# Keys or ids per statement: well under SQLite's bound-parameter limit.
CHUNK = 500

# One index row as the counts see it: quotation, story, speaker, written form, role.
Row = tuple[int, int, str, str, str | None]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rows_of(conn: Connection, article_ids: Sequence[int]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {a: [] for a in article_ids}
    for chunk in _chunks(sorted(article_ids)):
        for qid, article_id, key, form, role in conn.execute(
            select(SQ.c.quotation_id, SQ.c.article_id, SQ.c.speaker_key, SQ.c.form, SQ.c.role)
            .where(SQ.c.article_id.in_(chunk))
            .order_by(SQ.c.quotation_id)
        ):
            found[int(article_id)].append(
                (
                    int(qid),
                    int(article_id),
                    str(key),
                    str(form),
                    None if role is None else str(role),
                )
            )
    return found


class Changes:
    """The stories one write changes the index rows of, as they were before it."""

    def __init__(self) -> None:
        self._before: dict[int, list[Row]] = {}

    def note(self, conn: Connection, article_ids: Iterable[int]) -> None:
        """Keep these stories' rows as they are now, before they change (once each)."""
        new = [int(a) for a in set(article_ids) if int(a) not in self._before]
        if new:
            self._before.update(_rows_of(conn, new))

    def apply(self, conn: Connection) -> None:
        """Add what the noted stories' rows changed to the counts, forms and roles kept."""
        if not self._before:
            return
        after = _rows_of(conn, list(self._before))
        delta = _Delta()
        for article_id, before in self._before.items():
            now = after[article_id]
            if before != now:
                delta.add(before, -1)
                delta.add(now, +1)
                delta.lost |= {
                    (r[2], r[4], r[0]) for r in set(before) - set(now) if r[4] is not None
                }
        self._before.clear()
        delta.write(conn)


class _Delta:
    """What the noted stories' rows changed, per speaker, form and role."""

    def __init__(self) -> None:
        self.quotes: Counter[str] = Counter()
        self.stories: Counter[str] = Counter()
        self.forms: Counter[tuple[str, str]] = Counter()
        self.roles: Counter[tuple[str, str]] = Counter()
        # The lowest quotation id added per speaker and role; (key, role, id) removed.
        self.firsts: dict[tuple[str, str], int] = {}
        self.lost: set[tuple[str, str, int]] = set()

    def add(self, rows: list[Row], sign: int) -> None:
        for qid, _, key, form, role in rows:
            self.quotes[key] += sign
            self.forms[(key, form)] += sign
            if role is not None:
                self.roles[(key, role)] += sign
                if sign > 0 and qid < self.firsts.get((key, role), qid + 1):
                    self.firsts[(key, role)] = qid
        for key in {r[2] for r in rows}:
            self.stories[key] += sign

    def write(self, conn: Connection) -> None:
        keys = sorted(
            {k for k, n in self.quotes.items() if n}
            | {k for k, n in self.stories.items() if n}
            | {k for (k, _), n in self.forms.items() if n}
            | {k for (k, _), n in self.roles.items() if n}
            | {k for k, _ in self.firsts}
            | {k for k, _, _ in self.lost}
        )
        for chunk in _chunks(keys):
            self._write(conn, chunk)

    def _write(self, conn: Connection, keys: Sequence[str]) -> None:
        kept = _read_kept(conn, keys)
        wanted = set(keys)
        for (k, form), n in self.forms.items():
            if k in wanted and n:
                kept.forms[k][form] += n
        lost = {(k, r, qid) for k, r, qid in self.lost if k in wanted}
        pairs = {p for p in self.roles if p[0] in wanted} | {
            p for p in self.firsts if p[0] in wanted
        }
        pairs |= {(k, r) for k, r, _ in lost}
        for k, role in pairs:
            held, first = kept.roles[k].get(role, (0, None))
            held += self.roles[(k, role)]
            if held <= 0:
                kept.roles[k].pop(role, None)
                continue
            if first is not None and (k, role, first) in lost:
                # The first quotation in this role is gone: the next, read from the index
                # (which holds every change of this write already).
                first = _first_quote(conn, k, role)
            else:
                added = self.firsts.get((k, role))
                first = min(x for x in (first, added) if x is not None)
            kept.roles[k][role] = (held, first)
        for k in keys:
            quotes, stories = kept.listed.get(k, (0, 0))
            kept.listed[k] = (quotes + self.quotes[k], stories + self.stories[k])
        kept.replace(conn, keys)


def _first_quote(conn: Connection, key: str, role: str) -> int:
    found = conn.execute(
        select(func.min(SQ.c.quotation_id)).where(SQ.c.speaker_key == key, SQ.c.role == role)
    ).scalar_one()
    return int(found)  # the pair still holds quotations: there is a lowest


class _Kept:
    """Some speakers' rows of ``speaker_list``, ``speaker_forms`` and ``speaker_roles``."""

    def __init__(self) -> None:
        self.listed: dict[str, tuple[int, int]] = {}
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        # Role -> (quotations, first quotation's id), per speaker.
        self.roles: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)

    def replace(self, conn: Connection, keys: Sequence[str] | None) -> None:
        """Write these speakers' rows in place of what the tables hold (None: every speaker)."""
        for table, column in (
            (SL, SL.c.key),
            (FORMS, FORMS.c.speaker_key),
            (ROLES, ROLES.c.speaker_key),
        ):
            conn.execute(delete(table) if keys is None else delete(table).where(column.in_(keys)))
        listed, forms, roles = [], [], []
        for key in self.listed if keys is None else keys:
            quotes, stories = self.listed.get(key, (0, 0))
            if quotes <= 0:
                continue
            held = {role: f for role, f in self.roles[key].items() if f[0] > 0}
            listed.append(
                {
                    "key": key,
                    "name": best_form(+self.forms[key]),
                    "quotes": quotes,
                    "stories": stories,
                    "roles": json.dumps(
                        [r for r, _ in sorted(held.items(), key=lambda i: (i[1][1], i[0]))]
                    ),
                }
            )
            forms += [
                {"speaker_key": key, "form": form, "quotes": n}
                for form, n in self.forms[key].items()
                if n > 0
            ]
            roles += [
                {"speaker_key": key, "role": role, "quotes": n, "first_quote": first}
                for role, (n, first) in held.items()
            ]
        for table, rows in ((SL, listed), (FORMS, forms), (ROLES, roles)):
            if rows:
                conn.execute(insert(table), rows)


def _read_kept(conn: Connection, keys: Sequence[str]) -> _Kept:
    kept = _Kept()
    for k, q, s in conn.execute(
        select(SL.c.key, SL.c.quotes, SL.c.stories).where(SL.c.key.in_(keys))
    ):
        kept.listed[str(k)] = (int(q), int(s))
    for k, form, n in conn.execute(
        select(FORMS.c.speaker_key, FORMS.c.form, FORMS.c.quotes).where(
            FORMS.c.speaker_key.in_(keys)
        )
    ):
        kept.forms[str(k)][str(form)] = int(n)
    for k, role, n, first in conn.execute(
        select(ROLES.c.speaker_key, ROLES.c.role, ROLES.c.quotes, ROLES.c.first_quote).where(
            ROLES.c.speaker_key.in_(keys)
        )
    ):
        kept.roles[str(k)][str(role)] = (int(n), int(first))
    return kept


def _counted(conn: Connection, where: Any) -> _Kept:
    """The rows of the speakers ``where`` selects, counted from the index."""
    kept = _Kept()
    for k, q, s in conn.execute(
        select(SQ.c.speaker_key, func.count(), func.count(distinct(SQ.c.article_id)))
        .where(where)
        .group_by(SQ.c.speaker_key)
    ):
        kept.listed[str(k)] = (int(q), int(s))
    for k, form, n in conn.execute(
        select(SQ.c.speaker_key, SQ.c.form, func.count())
        .where(where)
        .group_by(SQ.c.speaker_key, SQ.c.form)
    ):
        kept.forms[str(k)][str(form)] = int(n)
    for k, role, n, first in conn.execute(
        select(SQ.c.speaker_key, SQ.c.role, func.count(), func.min(SQ.c.quotation_id))
        .where(where, SQ.c.role.is_not(None))
        .group_by(SQ.c.speaker_key, SQ.c.role)
    ):
        kept.roles[str(k)][str(role)] = (int(n), int(first))
    return kept


def recount(conn: Connection, keys: Iterable[str]) -> None:
    """Count these speakers again from all their rows (after a merge or a split)."""
    for chunk in _chunks(sorted(set(keys))):
        _counted(conn, SQ.c.speaker_key.in_(chunk)).replace(conn, chunk)


def count_all(conn: Connection) -> None:
    """Every speaker's rows, counted from the whole index (a build, a migration)."""
    _counted(conn, true()).replace(conn, None)
