"""The SQL of ``quote:`` and ``said:`` on both engines: quotations as the quote ledger has them.

A ``said:`` means a person, not the words written before "said" in one story:
the speakers index (``speaker_quotes``, kept by ``ledger_index``) gives each
quotation its speaker after the merging rules and the reader's merges, splits
and corrections, and a ``said:`` matches every quotation of the speakers it
names (``speaker_keys``). A quotation the reader marked "not a quote" matches
neither field; one whose speaker the reader corrected is no longer named by the
words its story wrote.

Written once for SQLite and PostgreSQL: they differ only in how the quotations
whose words match an expression are listed (``match``: FTS5's index, or the
``tsvector`` column) and in the parameter mark. Every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsviewer.library.speaker_identity import fold_form, speaker_key


@dataclass(frozen=True, slots=True)
class Engine:
    """What differs between the engines in these statements."""

    # The quotations whose words match an expression (one parameter).
    match: str
    # The driver's parameter mark.
    mark: str
    # A join read in the order written: SQLite's CROSS JOIN; PostgreSQL plans joins well.
    join: str

    @property
    def corrected(self) -> str:
        """The quotations the reader corrected (a speaker, or "not a quote").

        Corrections are kept by the file's content hash and the quotation's words
        (``ledger.correct``): few rows, read first and listed once per statement.
        Without the order, SQLite reads every quotation of the library to find them.
        """
        return (
            f"SELECT cq.id FROM quote_corrections AS c {self.join} articles AS ca "
            f"ON ca.content_hash = c.content_hash {self.join} quotations AS cq "
            "ON cq.article_id = ca.id AND cq.text = c.quote_text"
        )

    @property
    def not_quotes(self) -> str:
        return f"{self.corrected} WHERE c.not_quote"


@dataclass(frozen=True, slots=True)
class Said:
    """What a ``quote:``/``said:`` asks of one quotation, in an engine's own expressions."""

    words: str | None  # what was said
    said: str | None  # who said it, as their quotations write it
    name: str | None  # the ``said:`` as one name


def _name_keys(name: str) -> tuple[str, str]:
    """The keys a typed name has: as typed, and capitalised (a search is typed in lower case)."""
    written = " ".join(name.split())
    return speaker_key(written), speaker_key(written.title())


def _like(name: str) -> str:
    """A LIKE pattern finding the name's words in a folded form padded with spaces."""
    folded = fold_form(name).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {folded} %"


def speaker_keys(found: Said, engine: Engine) -> tuple[str, tuple[object, ...]]:
    """SELECT of the speakers a ``said:`` names (keys of ``speaker_quotes``).

    Those with a quotation whose speaker, as its story wrote it and the reader left
    it, matches the words; and, for one name, the speaker shown under it or keyed
    by it, the one it was merged into, and the speakers the reader corrected
    quotations to under a name with its words.
    """
    assert found.said is not None
    sql = (
        f"SELECT k.speaker_key FROM speaker_quotes AS k WHERE k.quotation_id IN ({engine.match}) "
        f"AND k.quotation_id NOT IN ({engine.corrected})"
    )
    params: list[object] = [found.said]
    if found.name is not None:
        typed, titled = _name_keys(found.name)
        two = f"{engine.mark}, {engine.mark}"
        sql += (
            f" UNION SELECT key FROM speaker_list WHERE name = {engine.mark}"
            f" UNION SELECT key FROM speaker_list WHERE key IN ({two})"
            f" UNION SELECT target_key FROM speaker_merges WHERE source_key IN ({two})"
            " UNION SELECT k.speaker_key FROM speaker_quotes AS k "
            f"WHERE k.quotation_id IN ({engine.corrected}) "
            f"AND ' ' || k.form_fold || ' ' LIKE {engine.mark} ESCAPE '\\'"
        )
        params += [" ".join(found.name.split()), typed, titled, typed, titled, _like(found.name)]
    return sql, tuple(params)


def stories(found: Said, engine: Engine) -> tuple[str, tuple[object, ...]]:
    """SELECT of the stories with a quotation matching ``found`` (``article_id``)."""
    if found.said is None:
        assert found.words is not None
        return (
            f"SELECT q.article_id FROM quotations AS q WHERE q.id IN ({engine.match}) "
            f"AND q.id NOT IN ({engine.not_quotes})",
            (found.words,),
        )
    keys, params = speaker_keys(found, engine)
    if found.words is None:
        sql = f"SELECT s.article_id FROM speaker_quotes AS s WHERE s.speaker_key IN ({keys})"
        return sql, params
    sql = (
        f"SELECT s.article_id FROM speaker_quotes AS s WHERE s.quotation_id IN ({engine.match}) "
        f"AND s.speaker_key IN ({keys})"
    )
    return sql, (found.words, *params)


def quotations(found: Said, engine: Engine) -> tuple[str, tuple[object, ...]]:
    """A condition on a quotation ``q`` whose words matched ``found``'s main expression.

    For listing quotations in the index's order (newest first) and keeping those
    that match: a ``quote:`` that is no "not a quote", a ``said:`` its story's
    words still name, or a ``quote:`` said by the speaker.
    """
    if found.said is None:
        return f"q.id NOT IN ({engine.not_quotes})", ()
    if found.words is None:
        return f"q.id NOT IN ({engine.corrected})", ()
    keys, params = speaker_keys(found, engine)
    listed = f"SELECT s.quotation_id FROM speaker_quotes AS s WHERE s.speaker_key IN ({keys})"
    sql = f"q.id IN ({listed})"
    return sql, params
