"""What the user types into the search box, parsed into a small tree.

The language: words (all must match), ``"exact phrase"``, ``prefix*``, ``OR``
between two parts, ``-excluded``, ``( ... )`` groups, fields (``title:``,
``by:``, ``caption:``, ``quote:``, ``said:``/``speaker:``, ``site:``) and dates
(``after:``, ``before:``, ``year:``). The parser is tolerant: an unknown field,
an unpaired quote or parenthesis, a dangling ``OR`` or ``-`` reads as plain
words, so every text parses and nothing raises. ``search.py`` turns the tree
into SQL in which every word the user typed is a bound parameter or a quoted
FTS5 string, so no character typed can act as syntax.

The work a query can ask for is bounded here, before any SQL: the first
``MAX_WORDS`` words are searched (a pasted list of 700 names would take seconds
per page), groups nest ``MAX_DEPTH`` deep (SQLite's and FTS5's parsers overflow
at 16 to 40 levels), a prefix needs ``MIN_PREFIX`` letters (``t*`` would merge
the list of every word starting with t, on every lookup), and text after
``MAX_LENGTH`` characters is left out. A NUL, which ends an FTS5 string early,
reads as a space; a lone surrogate (a command-line argument that is not UTF-8)
reads as U+FFFD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsviewer.library import fts


@dataclass(frozen=True, slots=True)
class Term:
    """One word; ``prefix`` when the user ended it with ``*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear together, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class All:
    """Every part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Any:
    """At least one part must match (``a OR b``)."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The part must not match (``-word``)."""

    part: Node


@dataclass(frozen=True, slots=True)
class Field:
    """Words that must match in one place: see ``TEXT_FIELDS`` and ``QUOTE_FIELDS``."""

    name: str
    part: Node


@dataclass(frozen=True, slots=True)
class Site:
    """The story's site name contains this text (any case)."""

    text: str


@dataclass(frozen=True, slots=True)
class Dates:
    """Listing date (published, else imported) in ``[start, end)``, as ``YYYY-MM-DD``.

    ``column`` is ``sort_at`` (the listing date), ``imported_at`` (``saved:``) or
    ``published`` (``published:``, undated stories never match).
    """

    start: str | None
    end: str | None
    column: str = "sort_at"


@dataclass(frozen=True, slots=True)
class Own:
    """What the reader added: ``is:unread|read|starred|archived``, ``has:highlight|note``,
    ``tag:NAME`` (kind ``tag``) and ``note:WORDS`` (kind ``note_text``)."""

    kind: str
    value: str = ""


Node = Term | Phrase | All | Any | Not | Field | Site | Dates | Own

# Bounds on the work one query can ask for (see the module's docstring; the
# search help and the README say them to the user).
MAX_WORDS = 30
MAX_DEPTH = 5
MIN_PREFIX = 2
MAX_LENGTH = 20_000

# Field names the user types -> canonical field.
TEXT_FIELDS = {"title": "title", "headline": "title", "by": "by", "author": "by"}
TEXT_FIELDS |= {"caption": "caption", "captions": "caption"}
QUOTE_FIELDS = {"quote": "quote", "said": "said", "speaker": "said"}
DATE_FIELDS = ("after", "before", "year")
# Date ranges on one date of the story: ``saved:2024``, ``published:2014-01..2014-06``.
RANGE_FIELDS = {"saved": "imported_at", "published": "published"}
OWN_FIELDS = {"tag": "tag", "tags": "tag", "is": "is", "has": "has", "note": "note"}
OWN_FIELDS |= {"notes": "note"}
FIELDS = {**TEXT_FIELDS, **QUOTE_FIELDS, "site": "site"} | {d: d for d in DATE_FIELDS}
FIELDS |= {r: r for r in RANGE_FIELDS} | OWN_FIELDS
# ``is:`` and ``has:`` values, with the kind of ``Own`` each stands for.
IS_VALUES = {"unread": "unread", "read": "read", "starred": "starred", "star": "starred"}
IS_VALUES |= {"archived": "archived", "archive": "archived"}
HAS_VALUES = {"highlight": "highlight", "highlights": "highlight", "note": "note"}
HAS_VALUES |= {"notes": "note"}

_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")


def _has_token(text: str) -> bool:
    # FTS5's unicode61 tokenizer keeps letters and digits and splits on the rest;
    # a word without any yields an empty phrase, which can match nothing.
    return any(ch.isalnum() for ch in text)


# -- tokens ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(", ")", "or", "neg", "field", "phrase", "word"
    text: str = ""
    # Where the token is written: text[start:end].
    start: int = 0
    end: int = 0


_BREAK = frozenset(' \t\r\n\f\v()"')


def clean(text: str) -> str:
    """``text`` cut to ``MAX_LENGTH``, NULs as spaces, lone surrogates as U+FFFD.

    Each character stays in its place, so positions in it are positions in ``text``.
    """
    text = text[:MAX_LENGTH].replace("\x00", " ")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def _tokens(text: str) -> list[_Tok]:
    """The tokens of ``text`` within the bounds: ``MAX_WORDS`` words, ``MAX_DEPTH`` groups."""
    return _bounded(_scan(clean(text)))


def _bounded(tokens: list[_Tok]) -> list[_Tok]:
    """Tokens up to the ``MAX_WORDS``-th word, without parentheses deeper than ``MAX_DEPTH``.

    Words are counted as FTS5 reads them (``U.S.A.`` is three), in phrases too;
    the word that passes the limit is cut there. A group too deep reads as its
    contents: its parentheses are dropped, with the closing ones that match.
    """
    out: list[_Tok] = []
    words = depth = dropped = 0
    for tok in tokens:
        if tok.kind == "neg" and out and out[-1].kind == "neg":
            # "-(-(x))" with both groups dropped: two exclusions cancel out.
            out.pop()
            continue
        if tok.kind == "(":
            if depth >= MAX_DEPTH:
                dropped += 1
                continue
            depth += 1
        elif tok.kind == ")":
            if dropped:
                dropped -= 1
                continue
            depth = max(0, depth - 1)
        elif tok.kind in ("word", "phrase"):
            runs = list(_WORD_RUN.finditer(tok.text))
            if words + len(runs) > MAX_WORDS:
                room = MAX_WORDS - words
                if room > 0:
                    cut = tok.text[: runs[room - 1].end()]
                    out.append(_Tok(tok.kind, cut, tok.start, tok.end))
                break
            words += len(runs)
        out.append(tok)
    return out


# A run of letters and digits: one word as FTS5's unicode61 tokenizer reads it.
_WORD_RUN = re.compile(r"[^\W_]+")


def _scan(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Tok(ch, "", i, i + 1))
            i += 1
        elif ch == '"':
            close = text.find('"', i + 1)
            if close < 0:
                # An unpaired quote mark is read as a space.
                i += 1
                continue
            out.append(_Tok("phrase", text[i + 1 : close], i, close + 1))
            i = close + 1
        elif ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != "-":
            out.append(_Tok("neg", "", i, i + 1))
            i += 1
        else:
            j = i
            while j < n and text[j] not in _BREAK:
                j += 1
            i = _word_token(text, i, j, out)
    return out


def _word_token(text: str, start: int, end: int, out: list[_Tok]) -> int:
    """Append the token(s) of ``text[start:end]``; return where scanning goes on."""
    word = text[start:end]
    name, colon, value = word.partition(":")
    if colon and name.lower() in FIELDS:
        field = FIELDS[name.lower()]
        middle = start + len(name) + 1
        if value:
            out.append(_Tok("field", field, start, middle))
            out.append(_Tok("word", value, middle, end))
            return end
        if end < len(text) and text[end] in '"(':
            out.append(_Tok("field", field, start, end))
            return end
    out.append(_Tok("or", "", start, end) if word == "OR" else _Tok("word", word, start, end))
    return end


# -- parser ------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def query(self) -> Node | None:
        parts: list[Node] = []
        while self.peek() is not None:
            node = self.any_of()
            if node is not None:
                parts.append(node)
            tok = self.peek()
            if tok is not None and tok.kind == ")":
                self.take()  # an unopened ")" is ignored
        return _all(parts)

    def any_of(self) -> Node | None:
        options: list[Node] = []
        first = self.all_of()
        if first is not None:
            options.append(first)
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            following = self.all_of()
            if following is None:
                if not options:
                    options.append(Term("OR"))  # "OR" alone is the word
                continue
            if options:
                options.append(following)
            else:
                # "OR" with nothing before it is the word "or".
                options.append(_all([Term("OR"), following]) or following)
        if len(options) > 1:
            return Any(tuple(options))
        return options[0] if options else None

    def all_of(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in (")", "or"):
            node = self.unary()
            if node is not None:
                parts.append(node)
        return _all(parts)

    def unary(self) -> Node | None:
        tok = self.take()
        if tok.kind == "neg":
            following = self.peek()
            if following is None or following.kind in (")", "or"):
                return None
            node = self.unary()
            return None if node is None else Not(node)
        if tok.kind == "(":
            inner = self.group()
            return inner
        if tok.kind == "field":
            return self.field(tok.text)
        if tok.kind == "phrase":
            return _phrase(tok.text)
        return _term(tok.text)

    def group(self) -> Node | None:
        options: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            node = self.any_of()
            if node is not None:
                options.append(node)
        if self.peek() is not None:
            self.take()  # the closing ")"; a missing one is supplied at the end
        return _all(options)

    def field(self, name: str) -> Node | None:
        if self.peek() is None:
            return None
        tok = self.take()
        if tok.kind == "(":
            value = self.group()
        elif tok.kind == "phrase":
            value = _phrase(tok.text)
        elif tok.kind == "word":
            value = _term(tok.text)
        else:
            self.pos -= 1
            return None
        if value is None:
            return None
        if name in DATE_FIELDS:
            return _dates(name, tok.text) if tok.kind == "word" else value
        if name in RANGE_FIELDS:
            return _range(name, tok.text) if tok.kind == "word" else value
        if name in ("is", "has"):
            known = IS_VALUES if name == "is" else HAS_VALUES
            kind = known.get(tok.text.lower()) if tok.kind == "word" else None
            # Not a mark: search the words instead, as for any unknown field.
            return Own(kind) if kind else _all([t for t in (_term(name), value) if t])
        if name in ("tag", "note"):
            words = _plain_words(value)
            if not words:
                return None
            return Own("tag" if name == "tag" else "note_text", " ".join(words))
        if name == "site":
            words = _plain_words(value)
            return Site(" ".join(words)) if words else None
        return Field(name, value)


def _all(parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else All(tuple(parts))


def _term(word: str) -> Node | None:
    word, stars = word.rstrip("*"), word.endswith("*")
    if not _has_token(word):
        return None
    # The prefix is the last token FTS5 reads in the word ("new-y*" is "new" then "y*").
    last = re.search(r"[^\W_]+(?=[\W_]*$)", word)
    prefix = stars and last is not None and len(last.group()) >= MIN_PREFIX
    return Term(word, prefix)


def _phrase(text: str) -> Node | None:
    words = tuple(w for w in text.split() if _has_token(w))
    if len(words) == 1:
        return Term(words[0])
    return Phrase(words) if words else None


def _day(value: str, *, year_only: bool = False) -> tuple[str, str] | None:
    """(first day, first day after) of a ``YYYY[-MM[-DD]]`` value, or None."""
    match = _DATE.fullmatch(value)
    if match is None or (year_only and match.group(2)):
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        m = int(month)
        after = f"{year + 1:04d}-01-01" if m == 12 else f"{year:04d}-{m + 1:02d}-01"
        return f"{year:04d}-{m:02d}-01", after
    if not 1 <= int(day) <= 31:
        return None
    first = f"{year:04d}-{int(month):02d}-{int(day):02d}"
    # The day after only matters as an exclusive bound; text order is enough.
    return first, first + "~"


def _dates(name: str, value: str) -> Node | None:
    span = _day(value, year_only=name == "year")
    if span is None:
        # Not a date: search the words instead.
        return _all([t for t in (_term(name), _term(value)) if t is not None])
    first, after = span
    if name == "after":
        return Dates(first, None)
    if name == "before":
        return Dates(None, first)
    return Dates(first, after)


def _range(name: str, value: str) -> Node | None:
    """``saved:``/``published:`` a period (``2024``, ``2024-03``, ``2024-03-05``) or
    ``FROM..TO`` (either side may be left out; TO's whole period is included)."""
    first_text, dots, last_text = value.partition("..")
    first = _day(first_text) if first_text else None
    last = _day(last_text) if last_text else None
    if (first_text and first is None) or (last_text and last is None) or not (first or last):
        return _all([t for t in (_term(name), _term(value)) if t is not None])
    column = RANGE_FIELDS[name]
    if not dots:
        assert first is not None
        return Dates(first[0], first[1], column)
    return Dates(first[0] if first else None, last[1] if last else None, column)


def _plain_words(node: Node) -> list[str]:
    if isinstance(node, Term):
        return [node.text]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, All | Any):
        return [w for part in node.parts for w in _plain_words(part)]
    return []


def _words_only(text: str) -> Node | None:
    """The old, simplest reading: quoted phrases and words, all required."""
    pieces = text.split('"')
    if len(pieces) % 2 == 0:
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    nodes: list[Node] = []
    for index, piece in enumerate(pieces):
        found = [_phrase(piece)] if index % 2 else [_term(w) for w in piece.split()]
        nodes.extend(n for n in found if n is not None)
    return _all(nodes)


def parse(text: str) -> Node | None:
    """The query tree of ``text``; None when it holds nothing to search for. Never raises."""
    try:
        return _Parser(_tokens(text)).query()
    except (IndexError, ValueError, RecursionError):
        # The parser is meant to accept everything; should it trip, the user's
        # first words are still searched.
        return _words_only(" ".join(clean(text).split()[:MAX_WORDS]))


# -- FTS5 expressions ----------------------------------------------------------

# FTS5 column of each text field (columns of the story indexes and the quotation index).
COLUMNS = {"title": fts.HEADLINE, "by": fts.BYLINE, "caption": fts.CAPTIONS}
COLUMNS |= {"quote": fts.QUOTE_TEXT, "said": fts.SPEAKER}


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(node: Node) -> str | None:
    """The FTS5 expression of a tree of words, or None when it holds anything else.

    Only quoted strings, ``*``, AND/OR/NOT, parentheses and ``{column}:`` filters
    of our own appear in it. A tree that needs more than FTS5 can say (a site,
    a date, a quotation, a part that is only exclusions) gives None.
    """
    if isinstance(node, Term):
        return _string(node.text) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _string(" ".join(node.words))
    if isinstance(node, Field) and node.name in COLUMNS and node.name not in QUOTE_FIELDS:
        inner = fts_expression(node.part)
        return None if inner is None else f"{{{COLUMNS[node.name]}}} : ({inner})"
    if isinstance(node, Any):
        options = [fts_expression(p) for p in node.parts]
        if any(o is None for o in options):
            return None
        return " OR ".join(f"({o})" for o in options)
    if isinstance(node, All):
        wanted: list[str] = []
        unwanted: list[str] = []
        for part in node.parts:
            target, operand = (unwanted, part.part) if isinstance(part, Not) else (wanted, part)
            expression = fts_expression(operand)
            if expression is None:
                return None
            target.append(expression)
        if not wanted:
            return None
        head = " AND ".join(f"({w})" for w in wanted)
        return head + "".join(f" NOT ({u})" for u in unwanted)
    return None


def bound_speaker(parts: tuple[Node, ...]) -> Field | None:
    """The ``said:`` a group's ``quote:`` parts are said by, when the group has exactly one.

    ``quote:troops said:kerry`` asks for Kerry saying "troops": one quotation with
    both, not a story where Kerry said anything and someone else said "troops".
    With two ``said:`` (``said:kerry said:lee``: a story quoting both) no quotation
    can match both names, so nothing is bound. Excluded parts are never bound.
    """
    said = [p for p in parts if isinstance(p, Field) and p.name == "said"]
    quoted = [p for p in parts if isinstance(p, Field) and p.name == "quote"]
    words = [fts_expression(p.part) for p in [*said, *quoted]]
    if len(said) != 1 or not quoted or any(w is None for w in words):
        return None
    return said[0]


def highlight_terms(text: str) -> list[str]:
    """Words and phrases of a query the reader should mark, longest first.

    Excluded words, sites and dates are left out; a prefix keeps its ``*`` so the
    caller knows to match word starts. ``Library.hit_terms`` gives the words as
    they appear in one story, stems and accents included.
    """
    found: list[str] = []

    def walk(node: Node) -> None:
        if isinstance(node, Term):
            found.append(node.text + ("*" if node.prefix else ""))
        elif isinstance(node, Phrase):
            found.append(" ".join(node.words))
        elif isinstance(node, All | Any):
            for part in node.parts:
                walk(part)
        elif isinstance(node, Field):
            walk(node.part)

    node = parse(text)
    if node is not None:
        walk(node)
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=len, reverse=True)


# -- filters: the chips under the search field -----------------------------------

SITE = "site"
SPEAKER = "said"
_CHIP_FIELDS = (SITE, SPEAKER)


@dataclass(frozen=True, slots=True)
class Filter:
    """A ``site:"…"`` or ``said:"…"`` filter written in a query (``speaker:`` is ``said:``)."""

    field: str  # SITE or SPEAKER
    value: str
    span: tuple[int, int]  # where it is written: text[span[0] : span[1]]


def active_filters(text: str) -> list[Filter]:
    """The quoted site and speaker filters that narrow the whole query, in order.

    Written as the chips write them: a field, a colon and a quoted value, as a
    word of its own (after a space or at the start), outside any group. An
    excluded one (``-site:"x"``) leaves stories out rather than narrowing, so it
    is not a chip, and text inside a quoted phrase is not a filter at all.
    """
    tokens = _tokens(text)
    found: list[Filter] = []
    depth = 0
    for index, tok in enumerate(tokens):
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            depth = max(0, depth - 1)
        elif tok.kind == "field" and tok.text in _CHIP_FIELDS and depth == 0:
            value = tokens[index + 1] if index + 1 < len(tokens) else None
            own_word = tok.start == 0 or text[tok.start - 1].isspace()
            if value is not None and value.kind == "phrase" and value.start == tok.end and own_word:
                found.append(Filter(tok.text, value.text, (tok.start, value.end)))
    return found


def add_filter(text: str, field: str, value: str) -> str:
    """``text`` narrowed by ``field:"value"`` (quotes in the value become spaces)."""
    clean = " ".join(value.replace('"', " ").split())
    return f'{text.strip()} {field}:"{clean}"'.strip()


def remove_filter(text: str, chosen: Filter) -> str:
    """``text`` without a filter ``active_filters`` found in it, spaces tidied."""
    start, end = chosen.span
    return " ".join((text[:start] + text[end:]).split())
