"""The full-text indexes, defined once: columns, tokenizers, prefixes, weights, and their SQL.

Migrations create the indexes and the triggers that keep them in step from these
definitions, search reads their names, columns and weights from here, and the
library's maintenance (``optimize``, ``rebuild``) runs over ``INDEXES``. No
SQLAlchemy here: the query parser and the search SQL import it too.

Each index is an external-content FTS5 table whose content is the row itself
(``articles`` or ``quotations``), kept in step by triggers (the sqlite-utils
pattern): whichever code path writes a row, the index follows, and the delete
trigger's ``'delete'`` command sees exactly the values that were indexed. The
text is not stored a second time inside FTS5; ``snippet()`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Columns of a story that are searched, in index order.
HEADLINE = "headline"
STANDFIRST = "standfirst"
BYLINE = "byline"
BODY = "body_text"
CAPTIONS = "captions"
STORY_COLUMNS = (HEADLINE, STANDFIRST, BYLINE, BODY, CAPTIONS)
# bm25 weight of each story column: a word in the headline says far more about
# what a story is about than the same word somewhere in a long body; the
# standfirst is a summary, the byline names people, captions describe pictures.
WEIGHTS = {HEADLINE: 10.0, STANDFIRST: 4.0, BYLINE: 3.0, BODY: 1.0, CAPTIONS: 2.0}
RANK = "bm25(" + ", ".join(str(WEIGHTS[c]) for c in STORY_COLUMNS) + ")"

# Columns of a quotation that are searched: what was said and who said it.
QUOTE_TEXT = "text"
SPEAKER = "speaker"
QUOTATION_COLUMNS = (QUOTE_TEXT, SPEAKER)

# remove_diacritics 2 so "Sao Paulo" finds "São Paulo" (2 also folds letters with
# several marks, which 1 leaves alone).
EXACT_TOKENIZER = "unicode61 remove_diacritics 2"
# The porter stemmer in front, so "fight" finds "fighting" and "fights".
STEM_TOKENIZER = "porter unicode61 remove_diacritics 2"
# Word beginnings the two story indexes file under their own lists (migration 0004):
# a prefix this short is one lookup, a longer one merges the lists of its words.
PREFIX_LENGTHS = (2, 3, 4)

Command = Literal["rebuild", "optimize"]


@dataclass(frozen=True, slots=True)
class FullTextIndex:
    """An FTS5 table over the rows of ``content``, keyed by its ``key`` column."""

    name: str
    content: str
    key: str
    columns: tuple[str, ...]
    tokenize: str
    prefix: tuple[int, ...] = ()

    def create_sql(self, *, with_prefix: bool = True) -> str:
        """CREATE VIRTUAL TABLE; ``with_prefix=False`` as before migration 0004."""
        prefix = (
            f", prefix='{' '.join(map(str, self.prefix))}'" if with_prefix and self.prefix else ""
        )
        return (
            f"CREATE VIRTUAL TABLE {self.name} USING fts5({', '.join(self.columns)}, "
            f"content='{self.content}', content_rowid='{self.key}', "
            f"tokenize='{self.tokenize}'{prefix})"
        )

    @property
    def triggers(self) -> tuple[str, str, str]:
        """Names of the insert, delete and update triggers."""
        return (f"{self.name}_insert", f"{self.name}_delete", f"{self.name}_update")

    def trigger_sql(self) -> tuple[str, str, str]:
        """The triggers that keep the index in step with its content table."""
        columns = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        add = f"INSERT INTO {self.name}(rowid, {columns}) VALUES (new.{self.key}, {new});"
        remove = (
            f"INSERT INTO {self.name}({self.name}, rowid, {columns}) "
            f"VALUES ('delete', old.{self.key}, {old});"
        )
        on_insert, on_delete, on_update = self.triggers
        return (
            f"CREATE TRIGGER {on_insert} AFTER INSERT ON {self.content} BEGIN {add} END",
            f"CREATE TRIGGER {on_delete} AFTER DELETE ON {self.content} BEGIN {remove} END",
            f"CREATE TRIGGER {on_update} AFTER UPDATE OF {columns} ON {self.content} "
            f"BEGIN {remove} {add} END",
        )

    def command_sql(self, command: Command) -> str:
        """An FTS5 special command: ``rebuild`` reads every content row again,
        ``optimize`` merges the index's segments into one."""
        return f"INSERT INTO {self.name}({self.name}) VALUES ('{command}')"

    def check_sql(self) -> str:
        """FTS5's integrity check, comparing the index with its content rows too
        (the non-zero rank); a mismatch raises SQLITE_CORRUPT_VTAB."""
        return f"INSERT INTO {self.name}({self.name}, rank) VALUES ('integrity-check', 1)"


WORDS = FullTextIndex(
    "articles_fts", "articles", "id", STORY_COLUMNS, EXACT_TOKENIZER, PREFIX_LENGTHS
)
STEMS = FullTextIndex(
    "articles_stem", "articles", "id", STORY_COLUMNS, STEM_TOKENIZER, PREFIX_LENGTHS
)
# Stems apply to quotations too: quote: and said: are filters, never ranked, so
# there is no exact tier to keep above them.
QUOTATIONS = FullTextIndex("quotations_fts", "quotations", "id", QUOTATION_COLUMNS, STEM_TOKENIZER)
INDEXES = (WORDS, STEMS, QUOTATIONS)
