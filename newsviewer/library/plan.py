"""Search plans: a parsed query as typed conditions that say what they need, before any SQL.

Three indexes answer a query: ``articles_fts`` (exact words, accents folded),
``articles_stem`` (the same columns through the porter stemmer) and
``quotations_fts`` (what was said, by whom). Words, phrases, prefixes, OR, NOT
and the title:/by:/caption: fields become one FTS5 expression (``Words``);
sites, dates and quotation fields become conditions on the story (``Condition``).
Each condition carries what it needs (``Needs``): columns of the story row, the
full-text indexes it reads, whether it lists stories through a subquery. The
strategies in ``search.py`` decide on those, and ``search_sql.py`` writes the
SQL; nothing reads a plan back from its SQL text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsviewer.library.fts import PREFIX_LENGTHS, QUOTATIONS, STEMS, WORDS
from newsviewer.library.query import (
    COLUMNS,
    QUOTE_FIELDS,
    All,
    Any,
    Dates,
    Field,
    Node,
    Not,
    Own,
    Phrase,
    Site,
    Term,
    bound_speaker,
    fts_expression,
    parse,
)

# -- what a condition needs ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Needs:
    """What testing a condition on a story takes."""

    # Columns of the story row other than its id (``site``, ``sort_at``).
    columns: frozenset[str] = frozenset()
    # Full-text tables it looks words up in.
    indexes: frozenset[str] = frozenset()
    # Stories listed by a subquery (a word index or the quotation index).
    subquery: bool = False

    def __or__(self, other: Needs) -> Needs:
        return Needs(
            self.columns | other.columns,
            self.indexes | other.indexes,
            self.subquery or other.subquery,
        )


NOTHING = Needs()


def _union(needs: Iterable[Needs]) -> Needs:
    total = NOTHING
    for each in needs:
        total = total | each
    return total


# -- conditions ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InIndex:
    """Stories whose words in ``table`` match the FTS5 ``expression``."""

    table: str
    expression: str
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", Needs(indexes=frozenset({self.table}), subquery=True))


@dataclass(frozen=True, slots=True)
class Quoting:
    """Stories with one quotation matching every part given, as the quote ledger has it.

    ``words``: FTS5 expression on what was said (``quote:``); ``said``: one on who
    said it (``said:``), which means the person, as the quote ledger merged them:
    every quotation of a speaker one of whose quotations names them so, under
    any form of the name or a speaker the reader merged with them. ``name`` is the
    ``said:`` as one name (a word or a phrase), also looked up among the speakers'
    shown names, keys and the names the reader corrected quotations to. A
    quotation marked "not a quote" never matches, and one whose speaker the
    reader corrected is the corrected speaker's.
    """

    words: str | None = None
    said: str | None = None
    name: str | None = None
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        needs = Needs(indexes=frozenset({QUOTATIONS.name}), subquery=True)
        object.__setattr__(self, "needs", needs)

    @property
    def expression(self) -> str:
        """The expression the quotation index is read by: the words, else the speaker."""
        found = self.words or self.said
        assert found is not None  # a Quoting has words, a speaker or both
        return found


@dataclass(frozen=True, slots=True)
class SiteContains:
    """The site name contains ``text`` (any case)."""

    text: str
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", Needs(columns=frozenset({"site"})))


@dataclass(frozen=True, slots=True)
class DateRange:
    """``column`` (the listing date unless said) in ``[start, end)``; a bound is set."""

    start: str | None
    end: str | None
    column: str = "sort_at"
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", Needs(columns=frozenset({self.column})))


@dataclass(frozen=True, slots=True)
class Owned:
    """What the reader added to the story (``query.Own``): a mark, a tag, highlights."""

    kind: str
    value: str = ""
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", Needs(subquery=True))


@dataclass(frozen=True, slots=True)
class Everything:
    """Every story (a plan with nothing to test)."""

    needs: Needs = field(default=NOTHING, init=False, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", _union(p.needs for p in self.parts))


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", _union(p.needs for p in self.parts))


@dataclass(frozen=True, slots=True)
class Without:
    part: Condition
    needs: Needs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", self.part.needs)


Condition = (
    InIndex | Quoting | SiteContains | DateRange | Owned | Everything | AllOf | AnyOf | Without
)


def all_of(parts: Sequence[Condition]) -> Condition | None:
    """Every part; the part itself when there is one, None when there are none."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


# -- plans -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    """An FTS5 expression of the user's words, and the longest prefix in it."""

    expression: str
    # Characters of the longest ``prefix*`` (0: none). A prefix longer than the
    # indexed ones (``PREFIX_LENGTHS``) is merged from every word it begins on
    # each lookup, which decides how its matches can be listed.
    longest_prefix: int = 0

    @property
    def merged_prefix(self) -> bool:
        return self.longest_prefix > max(PREFIX_LENGTHS)


@dataclass(frozen=True, slots=True)
class Plan:
    """Stories matching ``words`` in ``table`` (when set) and the ``where`` condition."""

    table: str
    words: Words | None
    where: Condition | None

    @property
    def match(self) -> str | None:
        return None if self.words is None else self.words.expression

    @property
    def empty(self) -> bool:
        return self.words is None and self.where is None


def predicate(plan: Plan) -> Condition:
    """The whole plan as one condition on the story."""
    parts: list[Condition] = []
    if plan.words is not None:
        parts.append(InIndex(plan.table, plan.words.expression))
    if plan.where is not None:
        parts.append(plan.where)
    return all_of(parts) or Everything()


def _longest_prefix(node: Node) -> int:
    if isinstance(node, Term):
        return len(node.text) if node.prefix else 0
    if isinstance(node, All | Any):
        return max((_longest_prefix(p) for p in node.parts), default=0)
    if isinstance(node, Not | Field):
        return _longest_prefix(node.part)
    return 0


def words_of(node: Node) -> Words | None:
    """The ``Words`` of a tree of words only, else None (see ``fts_expression``)."""
    expression = fts_expression(node)
    return None if expression is None else Words(expression, _longest_prefix(node))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def speaker_name(node: Field) -> str | None:
    """The name of a ``said:`` of one name (a word or a phrase), for the merged speakers."""
    if node.name != "said":
        return None
    if isinstance(node.part, Term) and not node.part.prefix:
        return node.part.text
    if isinstance(node.part, Phrase):
        return " ".join(node.part.words)
    return None


def _column(node: Field) -> str | None:
    inner = fts_expression(node.part)
    return None if inner is None else f"{{{COLUMNS[node.name]}}} : ({inner})"


def quoting(node: Field, said: Field | None = None) -> Quoting:
    """The ``Quoting`` of a ``quote:`` or ``said:`` field (``said``: the speaker it is bound to)."""
    if node.name == "said":
        return Quoting(None, _column(node), speaker_name(node))
    if said is None:
        return Quoting(_column(node))
    return Quoting(_column(node), _column(said), speaker_name(said))


def make_plan(node: Node, table: str) -> Plan:
    """The plan of ``node`` with its words looked up in ``table`` (exact or stemmed)."""
    words = words_of(node)
    if words is not None:
        return Plan(table, words, None)
    if isinstance(node, All):
        return _all_plan(node, table)
    if isinstance(node, Any):
        return Plan(table, None, AnyOf(tuple(predicate(make_plan(p, table)) for p in node.parts)))
    if isinstance(node, Not):
        return Plan(table, None, Without(predicate(make_plan(node.part, table))))
    if isinstance(node, Field):
        inner = fts_expression(node.part)
        if node.name in QUOTE_FIELDS and inner is not None:
            return Plan(table, None, quoting(node))
        # A field around more than words (title:(site:x)) applies to the inner part.
        return make_plan(node.part, table)
    if isinstance(node, Site):
        return Plan(table, None, SiteContains(_like(node.text)))
    if isinstance(node, Dates):
        if node.start is None and node.end is None:
            return Plan(table, None, None)
        return Plan(table, None, DateRange(node.start, node.end, node.column))
    if isinstance(node, Own):
        value = node.value.casefold() if node.kind == "tag" else node.value
        if node.kind == "note_text":
            value = _like(value)
        return Plan(table, None, Owned(node.kind, value))
    return Plan(table, None, None)


def _all_plan(node: All, table: str) -> Plan:
    """Words the parts share go into one expression; the rest become conditions."""
    wanted: list[Words] = []
    unwanted: list[Words] = []
    filters: list[Condition] = []
    said = bound_speaker(node.parts)
    for part in node.parts:
        if said is not None and isinstance(part, Field) and part.name in QUOTE_FIELDS:
            # The group's quote: parts are quotations of its one said: (which they imply).
            if part.name == "quote":
                filters.append(quoting(part, said))
            continue
        if isinstance(part, Not):
            excluded = words_of(part.part)
            if excluded is not None:
                unwanted.append(excluded)
            else:
                filters.append(Without(predicate(make_plan(part.part, table))))
            continue
        sub = make_plan(part, table)
        if sub.words is not None:
            wanted.append(sub.words)
        if sub.where is not None:
            filters.append(sub.where)
    words = None
    if wanted:
        expression = " AND ".join(f"({w.expression})" for w in wanted)
        expression += "".join(f" NOT ({u.expression})" for u in unwanted)
        longest = max(w.longest_prefix for w in (*wanted, *unwanted))
        words = Words(expression, longest)
    else:
        filters.extend(Without(InIndex(table, u.expression)) for u in unwanted)
    return Plan(table, words, all_of(filters))


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query with its exact-word plan and its stemmed plan."""

    text: str
    exact: Plan
    stem: Plan
    # Every story matching the exact words also matches the stems (see ``_stems_cover``),
    # so counting the stemmed plan counts both tiers at once.
    stems_cover: bool = False
    # Derived from the plans above once, in ``__post_init__``: a rare word's whole
    # search takes about 150 microseconds, so rebuilding them per call shows.
    uses_stems: bool = field(init=False)
    # Stories that share stems with the query but do not match its exact words.
    stem_only: Plan = field(init=False)
    # The words without the query's filters: what bm25 scores.
    exact_words: Plan = field(init=False)
    stem_words: Plan = field(init=False)

    def __post_init__(self) -> None:
        where = self.stem.where
        uses = self.stem.words is not None or (
            where is not None and STEMS.name in where.needs.indexes
        )
        only = Plan(
            STEMS.name,
            self.stem.words,
            all_of([*_opt(where), Without(predicate(self.exact))]),
        )
        object.__setattr__(self, "uses_stems", uses)
        object.__setattr__(self, "stem_only", only)
        object.__setattr__(self, "exact_words", Plan(self.exact.table, self.exact.words, None))
        object.__setattr__(self, "stem_words", Plan(STEMS.name, self.stem.words, None))


def _opt(value: Condition | None) -> list[Condition]:
    return [] if value is None else [value]


def _stems_cover(node: Node) -> bool:
    """True when every story matching ``node``'s exact words matches its stems too.

    The stemmer maps a word the same way in the story and in the query, so words,
    phrases, fields, OR and filters keep their matches. An exclusion does not
    (``-fighting`` drops stories with ``fights`` only among stems), nor does a
    prefix (``governm*`` finds ``government``, whose stem ``govern`` it does not
    begin).
    """
    if isinstance(node, Not):
        return False
    if isinstance(node, Term):
        return not node.prefix
    if isinstance(node, All | Any):
        return all(_stems_cover(p) for p in node.parts)
    if isinstance(node, Field):
        return _stems_cover(node.part)
    return True


@lru_cache(maxsize=256)
def prepare(text: str) -> Query | None:
    """The plans of user text; None when it holds nothing to search for.

    Cached: the window asks again for the same text as the list scrolls, fills
    snippets and highlights the reader, and a query is immutable.
    """
    node = parse(text)
    if node is None:
        return None
    exact = make_plan(node, WORDS.name)
    if exact.empty:
        return None
    return Query(text, exact, make_plan(node, STEMS.name), _stems_cover(node))
