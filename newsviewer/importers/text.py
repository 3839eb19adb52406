"""Plain-text scrapes: headline on the first line, then paragraphs, with site furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from newsviewer.domain import LIST_ITEM, PARAGRAPH, Article, Block, Figure
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.text.boilerplate import furniture_mask
from newsviewer.text.captions import (
    is_credit_line,
    looks_like_caption,
    split_credit,
    strip_caption_prefix,
    strip_credit_prefix,
)
from newsviewer.text.dates import dateline_date, find_date
from newsviewer.text.decoding import decode_text, looks_binary

# A headline longer than this is a paragraph that lost its headline; we still use it,
# cut at a word, so the list shows something recognisable.
_MAX_TITLE_CHARS = 200
# A standfirst is a one- or two-sentence summary.
_MAX_STANDFIRST_WORDS = 70
# Lines of a hard-wrapped paragraph are all about this wide (mail and print scrapes wrap
# at 60-80 columns); web scrapes put a whole paragraph on one line.
_WRAP_MIN, _WRAP_MAX = 40, 100
# Bylines and datelines sit right under the headline; look at this many lines only.
_HEADER_LINES = 6

_BYLINE = re.compile(r"^By\s+(?P<who>[A-Z][^.!?]{1,120})$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|al|bin|la|le))+$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_BULLET = re.compile(r"^[-*•·–]\s+(?=\S)")
_HTML_START = re.compile(rb"^\s*<(?:!doctype|html|head|body|\?xml|meta|div|p\b)", re.I)


@dataclass
class _Draft:
    blocks: list[Block] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    pending_credit: str = ""


class TextImporter:
    """Reads ``.txt`` scrapes: headline, standfirst, captions, byline/dateline and paragraphs."""

    name: str = "text"
    extensions: tuple[str, ...] = (".txt", ".text")

    def sniff(self, head: bytes) -> bool:
        if not head or looks_binary(head):
            return False
        return _HTML_START.match(head) is None

    def parse(self, source: SourceFile) -> Article:
        raw, _encoding = decode_text(source.data)
        lines = [_clean(line) for line in raw.splitlines()]
        if not any(lines):
            raise ParseError("empty file")
        units = _units(lines)
        if not units:
            raise ParseError("the file holds only site furniture (banners, share buttons)")
        title = _title(units[0].text)
        byline, published = "", None
        authors: tuple[str, ...] = ()
        rest = units[1:]
        header_end = 0
        for i, unit in enumerate(rest[:_HEADER_LINES]):
            b = _BYLINE.match(unit.text)
            when = dateline_date(unit.text)
            if b and not byline:
                byline, authors = unit.text, _authors(b.group("who"))
            elif when is not None and published is None:
                published = when
            else:
                continue
            header_end = i + 1
        header_kept = [u for u in rest[:header_end] if not _is_header(u.text)]
        rest = header_kept + rest[header_end:]
        summary, rest = _standfirst(rest)
        draft = _Draft()
        for unit in rest:
            _place(unit, draft)
        if not draft.blocks:
            raise ParseError("no article text after the headline")
        if draft.pending_credit:
            draft.figures.append(Figure(credit=draft.pending_credit, position=len(draft.blocks)))
        inferred = False
        if published is None:
            for fig in draft.figures:
                published = find_date(fig.caption)
                if published is not None:
                    inferred = True
                    break
        return Article(
            format="text",
            title=title,
            summary=summary,
            byline=byline,
            authors=authors,
            published=published,
            published_inferred=inferred,
            blocks=tuple(draft.blocks),
            figures=tuple(draft.figures),
        )


@dataclass(frozen=True)
class _Unit:
    """One line of text (or a re-joined hard-wrapped paragraph) and whether it stood alone."""

    text: str
    grouped: bool  # shares its paragraph with other lines (no blank line between)
    repeated: bool = False  # the scrape wrote it twice in a row
    bullet: bool = False  # a list item ("- ", "* ", "• ")


def _clean(line: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def _units(lines: list[str]) -> list[_Unit]:
    groups: list[list[str]] = [[]]
    for line, drop in zip(lines, furniture_mask(lines), strict=True):
        if not line:
            if groups[-1]:
                groups.append([])
        elif not drop:
            groups[-1].append(line)
    units: list[_Unit] = []
    for group in groups:
        if not group:
            continue
        if _hard_wrapped(group):
            units.append(_Unit(" ".join(group), grouped=False))
            continue
        for line in group:
            if units and units[-1].text == line:
                units[-1] = _Unit(line, grouped=True, repeated=True)
            elif _BULLET.match(line):
                units.append(_Unit(_BULLET.sub("", line), grouped=True, bullet=True))
            else:
                units.append(_Unit(line, grouped=len(group) > 1))
    return units


def _hard_wrapped(group: list[str]) -> bool:
    if len(group) < 2 or any(_BULLET.match(s) for s in group):
        return False
    widths = [len(s) for s in group[:-1]]
    widest = max(widths)
    if len(group[-1]) > widest or not _WRAP_MIN <= widest <= _WRAP_MAX:
        return False
    # Each wrapped line is full: the next line's first word would not have fitted on it.
    return all(len(line) + 1 + len(nxt.split()[0]) > widest * 0.9 for line, nxt in pairwise(group))


def _title(text: str) -> str:
    if len(text) <= _MAX_TITLE_CHARS:
        return text
    return text[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _is_header(text: str) -> bool:
    return bool(_BYLINE.match(text)) or dateline_date(text) is not None


def _authors(who: str) -> tuple[str, ...]:
    # "Jane Doe and John Roe, NBC News": names before an outlet name.
    parts = [p.strip() for p in _AUTHOR_SPLIT.split(who) if p.strip()]
    return tuple(p for p in parts if _NAME.match(p) and "News" not in p.split())


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _standfirst(units: list[_Unit]) -> tuple[str, list[_Unit]]:
    """Take the summary line that the scrape repeats as the start of the first paragraph."""
    if len(units) < 2:
        return "", units
    first = units[0]
    if len(first.text.split()) > _MAX_STANDFIRST_WORDS or _caption_of(first) is not None:
        return "", units
    head = _norm(first.text)
    for later in units[1:]:
        if _caption_of(later) is not None or is_credit_line(later.text):
            continue
        if head and _norm(later.text).startswith(head) and later.text != first.text:
            return first.text, units[1:]
        break
    return "", units


def _caption_of(unit: _Unit) -> str | None:
    labelled = strip_caption_prefix(unit.text)
    if labelled is not None:
        return labelled
    # A repeated line or a caption-shaped line that shares its block with others: a
    # lone paragraph ending in a date is more likely story text.
    if unit.repeated or (unit.grouped and looks_like_caption(unit.text)):
        return unit.text
    if split_credit(unit.text)[1] and looks_like_caption(unit.text):
        return unit.text
    return None


def _place(unit: _Unit, draft: _Draft) -> None:
    credit = strip_credit_prefix(unit.text)
    if credit is None and is_credit_line(unit.text):
        credit = unit.text.strip("() ")
    if credit is not None:
        last = draft.figures[-1] if draft.figures else None
        if last is not None and not last.credit and last.position == len(draft.blocks):
            draft.figures[-1] = Figure(caption=last.caption, credit=credit, position=last.position)
        else:
            draft.pending_credit = credit
        return
    caption = _caption_of(unit)
    if caption is not None:
        text, credit = split_credit(caption)
        draft.figures.append(
            Figure(
                caption=text,
                credit=credit or draft.pending_credit,
                position=len(draft.blocks),
            )
        )
        draft.pending_credit = ""
        return
    if draft.pending_credit:
        draft.figures.append(Figure(credit=draft.pending_credit, position=len(draft.blocks)))
        draft.pending_credit = ""
    if draft.blocks and draft.blocks[-1].text == unit.text:
        return
    draft.blocks.append(Block(LIST_ITEM if unit.bullet else PARAGRAPH, unit.text))
