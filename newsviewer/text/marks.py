"""Pairing quotation marks in body text: which marks open and close a quotation.

Glyphs lie in scraped text (a curly opener closed by a straight mark, ” used as an
opener after a bad conversion, German „...“, French « ... », Danish » ... «), so a
mark's role comes from what stands on either side of it first and from its glyph second.
Apostrophes (We’re, ISIL's, ’90s, rock ’n’ roll, analysts') and primes (5' 9") are
never taken as quotation marks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

DOUBLE = frozenset('"“”„‟«»〝〞〟＂')
SINGLE = frozenset("'‘’‚‛‹›")
_MARKS = re.compile("[\"“”„‟«»〝〞〟＂'‘’‚‛‹›]")
_OPEN_GLYPHS = frozenset("“„‟«〝‘‚‛‹")
# Characters after which a mark may open a quotation (besides whitespace).
_BEFORE_OPEN = frozenset("([{—–-―/:;…") | DOUBLE | SINGLE
# Characters after which a mark may close one (besides whitespace and the end).
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-―…/") | DOUBLE | SINGLE
# Words that begin with an elided letter: 'em, 'til, ’n’, ’90s.
_ELISION = re.compile(r"(?:em|til|tis|twas|cause|bout|round|n|ol|nother|\d0s|\d\ds?)\b", re.I)
# Feet and inches: 5' 9", 6'2".
_FEET_INCHES = re.compile(r"\d['′]\s?\d{1,2}$")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of quoted text inside one block: ``start``/``end`` index the block's text.

    ``group`` ties together the parts of one quotation that runs over several paragraphs.
    ``double`` tells double marks from single ones; ``closed`` is False when the block
    ended before a closing mark.
    """

    block: int
    start: int
    end: int
    group: int
    double: bool
    closed: bool


def _is_space(c: str) -> bool:
    return c.isspace()


# French typesetting puts a space (often a no-break one) inside guillemets: « Oui ».
_SPACED_OPENERS = frozenset("«‹")
_SPACED_CLOSERS = frozenset("»›")


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``text[i]``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    c = text[i]
    if c in _SPACED_OPENERS and nxt.isspace() and i + 2 < len(text):
        # "« Oui" opens; the space belongs to the typesetting, not to the text.
        if not text[i + 2].isspace() and (prev.isspace() or prev in _BEFORE_OPEN):
            nxt = text[i + 2]
    elif (
        c in _SPACED_CLOSERS
        and prev.isspace()
        and i >= 2
        and not text[i - 2].isspace()
        and (nxt.isspace() or nxt in _AFTER_CLOSE)
    ):
        prev = text[i - 2]
    can_open = not _is_space(nxt) and (_is_space(prev) or prev in _BEFORE_OPEN)
    can_close = not _is_space(prev) and (_is_space(nxt) or nxt in _AFTER_CLOSE)
    if can_open and nxt in _AFTER_CLOSE and nxt not in DOUBLE and nxt not in SINGLE:
        can_open = nxt in "-—–―…"
    return can_open, can_close


def _apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True  # We’re, ISIL's, rock’n’roll
    # ’90s, 'em, ’n’
    return not prev.isalnum() and _ELISION.match(text, i + 1) is not None


def _prime(text: str, i: int) -> bool:
    if text[i] not in "'\"" or i == 0 or not text[i - 1].isdigit():
        return False
    if text[i] == "'":
        return True  # 5', '90s handled by _apostrophe
    nxt = text[i + 1] if i + 1 < len(text) else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    # Inches (a 27" screen) when no quotation is open; the caller lets an open
    # quotation close on it ("Fight for 15" movement).
    # Only the few characters before the mark can hold 5' 9: searching the whole text
    # before every mark made a paragraph of marks cost cubic time.
    feet = _FEET_INCHES.search(text, max(0, i - 6), i)
    return feet is not None or (nxt == " " and after.islower())


def _last_single_close(text: str) -> int:
    """Offset of the last single mark of ``text`` that can close a quotation, else -1.

    "Does a plausible closing mark follow?" is then one comparison per mark instead of
    a scan of every later mark (quadratic in a paragraph of lone marks).
    """
    for m in reversed(list(_SINGLES.finditer(text))):
        j = m.start()
        if not _apostrophe(text, j) and _flanks(text, j)[1]:
            return j
    return -1


_SINGLES = re.compile("['‘’‚‛‹›]")


_DOUBLED = re.compile(r"''|``|‘‘|’’")


def _single_width(text: str) -> str:
    """Rewrite typewriter doubles (``''X''``, ````X''``) as one double mark plus a space.

    The length stays the same, so offsets into the result index the original text.
    """
    if "''" not in text and "``" not in text and "‘‘" not in text and "’’" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        i = m.start()
        after = text[m.end()] if m.end() < len(text) else " "
        before = text[i - 1] if i > 0 else " "
        opens = m.group() in ("``", "‘‘") or (
            not after.isspace() and (before.isspace() or before in "([")
        )
        return ' "' if opens else '" '

    return _DOUBLED.sub(one, text)


def find_spans(blocks: Sequence[str]) -> list[Span]:
    """Every quoted run in ``blocks``, in reading order."""
    spans: list[Span] = []
    next_group = 0
    group = -1
    carry: bool | None = None  # kind (double?) of a quotation left open by the last block
    for b, original in enumerate(blocks):
        text = _single_width(original)
        last_close = _last_single_close(text) if "'" in text or not text.isascii() else -1
        open_at = -1
        open_double = False
        depth = 0
        if carry is not None:
            lead = text.lstrip()
            if lead and (lead[0] in (DOUBLE if carry else SINGLE)):
                open_at = len(text) - len(lead)
                open_double = carry
        carry = None
        for m in _MARKS.finditer(text):
            i = m.start()
            if i == open_at:
                continue
            c = text[i]
            is_double = c in DOUBLE
            if not is_double and _apostrophe(text, i):
                continue
            if _prime(text, i) and not (is_double and open_at >= 0 and open_double):
                continue
            can_open, can_close = _flanks(text, i)
            if open_at < 0:
                if can_open and (not can_close or c in _OPEN_GLYPHS or c in "\"'"):
                    if not is_double and last_close <= i:
                        continue  # a lone single mark: an apostrophe in disguise
                    open_at, open_double, depth = i, is_double, 0
                    group, next_group = next_group, next_group + 1
                continue
            if is_double != open_double:
                continue  # a nested quotation of the other kind
            if c == '"' and can_open and not can_close and _char_before(text, i) in ".!?":
                # `issue. "We need`: a scrape that lost a paragraph break inside a running
                # quotation; the quotation goes on from the re-opening mark.
                spans.append(_span(text, b, open_at + 1, i, group, open_double, closed=False))
                open_at = i
                continue
            if can_open and not can_close and c in _OPEN_GLYPHS and open_double:
                depth += 1  # “...“nested”...” written with doubles only
                continue
            if not can_close and not _spaced_close(text, i):
                continue
            if depth:
                depth -= 1
                continue
            if not open_double and _possessive(text, i, last_close):
                continue
            spans.append(_span(text, b, open_at + 1, i, group, open_double, closed=True))
            open_at = -1
        if open_at >= 0:
            # A quotation left open at a paragraph's end carries on if the next paragraph
            # opens with a mark; otherwise its closing mark is missing and it ends here.
            spans.append(_span(text, b, open_at + 1, len(text), group, open_double, closed=False))
            carry = open_double
    return [s for s in spans if s.end > s.start]


def _spaced_close(text: str, i: int) -> bool:
    """A closing mark typed after a space that follows a nested close: ``'Well done,' "``."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return i >= 2 and text[i - 1] == " " and text[i - 2] in "'’,.!?" and nxt.isspace()


def _possessive(text: str, i: int, last_close: int) -> bool:
    """A plural possessive (analysts' view) inside a single-quoted run."""
    if text[i - 1] != "s" or i + 2 >= len(text) or text[i + 1] != " ":
        return False
    return text[i + 2].islower() and last_close > i


def _char_before(text: str, i: int) -> str:
    """The last character before ``i`` that is not a space ("" if none), read backwards."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def _span(
    text: str, block: int, start: int, end: int, group: int, double: bool, closed: bool
) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return Span(block, start, end, group, double, closed)


def mark_at(text: str, start: int) -> int:
    """Where the opening mark of a quotation starting at ``start`` stands ("« Oui")."""
    at = start - 1
    while at > 0 and text[at].isspace():
        at -= 1
    return at


class Neighbours:
    """The quotations just before and after each one in its paragraph, found in O(1)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self._prev: dict[Span, Span] = {}
        self._next: dict[Span, Span] = {}
        for a, b in itertools.pairwise(spans):
            if a.block == b.block:
                self._prev[b] = a
                self._next[a] = b

    def before(self, span: Span) -> Span | None:
        return self._prev.get(span)

    def drop(self, span: Span) -> None:
        """Forget ``span`` (a title, not speech): its neighbours become each other's."""
        prev, nxt = self._prev.pop(span, None), self._next.pop(span, None)
        if nxt is not None:
            if prev is not None:
                self._prev[nxt] = prev
            else:
                self._prev.pop(nxt, None)
        if prev is not None:
            if nxt is not None:
                self._next[prev] = nxt
            else:
                self._next.pop(prev, None)

    def after(self, span: Span) -> Span | None:
        return self._next.get(span)
