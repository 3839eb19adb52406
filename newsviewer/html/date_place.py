"""Where a page writes its publication day: beside the headline, not in the masthead.

Saved news pages print several days: the day the page was viewed in the masthead
("Tuesday, January 15, 2008 · Weather"), days in lists of other stories, the day a
forum post or a policy was revised, and the story's own day, set in the story's
header just under the headline (with the byline, "Posted", "Updated"). The first
day in the page is therefore often the wrong one; the day written right after the
headline is the story's.

Text here is the page's visible text with a line break between elements, so that a
day set in its own element is never run onto the word before it ("Ann Lee" and
"January 14, 2008" must not read as "Ann LeeJanuary 14, 2008"), and so that a day
standing on a line of its own (a dateline) can be told from a day in a sentence (a
photo caption between the headline and the dateline: "..., Tuesday, Jan. 8, 2008.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from lxml import etree
from lxml.html import HtmlElement

from newsviewer.html.dates import find_written_date, strip_written_dates

# Text nodes a reader sees: not those of scripts, styles, templates or option lists
# (their text is a child of theirs; testing every ancestor costs twice as much).
_SHOWN_TEXT = etree.XPath(
    "descendant::text()[not(parent::script or parent::style or parent::noscript"
    " or parent::template or parent::option)]",
    smart_strings=False,
)
_TEXT_NODES = etree.XPath("descendant::text()", smart_strings=False)
_HEADING_ELEMENTS = etree.XPath("descendant::h1 | descendant::h2 | descendant::h3")
# How far after the headline the story's header runs: a kicker, a standfirst, the
# byline and the date; further on, days are in the story's body.
_AFTER_HEADLINE = 700
# Text read at most: a masthead and menus rarely take more before the story begins.
_SCAN_CHARS = 200_000
# A line this long, or with this many words beside its date, is a sentence (a caption,
# a paragraph), not a dateline ("Posted by Ann Lee | December 13 2007 at 07:52 AM").
_DATELINE_CHARS = 120
_DATELINE_WORDS = 8
# A headline this short could be a word of the menus; it is not looked for in the text.
_MIN_HEADLINE = 15


@dataclass(frozen=True, slots=True)
class ShownText:
    """A page's visible text, one line per text node, with where each h1-h3 heading stands."""

    text: str
    headings: tuple[tuple[int, int], ...]
    # The first h1 among them (its index), the headline where the title names none.
    first_h1: int | None = None


def shown_text(root: HtmlElement) -> ShownText:
    """The text of ``<body>`` (or the page) as read, a line break between elements."""
    body = root.find("body")
    top = body if body is not None else root
    # One XPath query (it runs in C) instead of a walk over the elements in Python.
    parts: list[str] = []
    length = -1  # of the parts joined by line breaks
    for node in _SHOWN_TEXT(top):
        part = " ".join(node.split())
        if part:
            parts.append(part)
            length += len(part) + 1
            if length >= _SCAN_CHARS:
                break  # the rest would be cut off: a long page's text is not read whole
    text = "\n".join(parts)[:_SCAN_CHARS]
    headings: list[tuple[int, int]] = []
    first_h1: int | None = None
    at = 0
    for heading in _HEADING_ELEMENTS(top):
        own = "\n".join(p for p in (" ".join(n.split()) for n in _TEXT_NODES(heading)) if p)
        found = text.find(own, at) if own else -1
        if found >= 0:
            if first_h1 is None and heading.tag == "h1" and len(own) >= _MIN_HEADLINE:
                first_h1 = len(headings)
            headings.append((found, found + len(own)))
            at = found + len(own)
    return ShownText(text, tuple(headings), first_h1)


def date_after_headline(shown: ShownText, headline: str) -> datetime | None:
    """The day written in the story's header, just after its headline; else None.

    A day on a short line of its own wins over one written earlier inside a sentence.
    """
    end = headline_end(shown, headline)
    if end is None:
        return None
    on_own_line, first = _days(shown.text[end : end + _AFTER_HEADLINE])
    return on_own_line or first


def dateline_day(shown: ShownText) -> datetime | None:
    """The first day the page writes on a line of its own (a dateline), else None.

    A day inside a sentence is an event of the story ("since March 15, 2003") or of
    the site ("registered on 7 April 2003"), not the day it was published.
    """
    on_own_line, _ = _days(shown.text)
    return on_own_line


def _days(text: str) -> tuple[datetime | None, datetime | None]:
    """The first day on a short line of its own, and the first day at all, in ``text``."""
    first: datetime | None = None
    at = 0
    while (found := find_written_date(text[at:])) is not None:
        start, stop = at + found.start, at + found.end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", stop)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _is_dateline(line):
            return found.day, first or found.day
        first = first or found.day
        at = stop
    return None, first


_WORD = re.compile(r"[^\W\d_]{2,}")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b")


def _is_dateline(line: str) -> bool:
    """A short line that is a date with a few words (a label, a name, a zone), no sentence."""
    if len(line) > _DATELINE_CHARS:
        return False
    rest = _CLOCK.sub(" ", strip_written_dates(line))
    return len(_WORD.findall(rest)) <= _DATELINE_WORDS


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


# Separators between a headline and the site or section names of a <title>.
_TITLE_PARTS = re.compile(r"\s+[-|–—:»•·]\s+|\s*[|｜]\s*")


def headline_end(shown: ShownText, headline: str) -> int | None:
    """Where the headline ends in the text: its heading, else its first mention.

    A title that still carries the site's and section's names ("Site - Sport -
    Headline") is looked for piece by piece, longest first; a title found nowhere
    gives way to the page's first h1.
    """
    pieces = sorted(
        (p for p in _TITLE_PARTS.split(headline) if len(_key(p)) >= _MIN_HEADLINE),
        key=len,
        reverse=True,
    )
    candidates = [c for c in dict.fromkeys([headline, *pieces]) if len(_key(c)) >= _MIN_HEADLINE]
    for candidate in candidates:
        wanted = _key(candidate)
        for start, end in shown.headings:
            heading = _key(shown.text[start:end])
            if len(heading) >= _MIN_HEADLINE and (
                heading == wanted or wanted.startswith(heading) or heading.startswith(wanted)
            ):
                return end
    folded = shown.text.casefold()
    for candidate in candidates:
        at = folded.find(candidate.casefold())
        if at >= 0:
            return at + len(candidate)
    if shown.first_h1 is not None:
        return shown.headings[shown.first_h1][1]
    return None


def on_written_day(moment: datetime, day: datetime) -> datetime:
    """``moment`` as the clock read where the page says it was published, if it says so.

    Pages declare their time in UTC and print the day as their readers saw it: an
    evening story in New York is declared "2009-03-02T04:30:00Z" and dated "March 1,
    2009" under its headline. The publication day is the printed one, so the moment
    is expressed in the zone nearest UTC where it falls on that day (the instant, and
    so the story's place in the list, is unchanged). A moment with a zone of its own,
    or a printed day more than a day away, is left alone.
    """
    offset = moment.utcoffset()
    if offset is None or offset != timedelta(0) or abs((day.date() - moment.date()).days) != 1:
        return moment
    for hours in sorted(range(-12, 15), key=abs):
        local = moment.astimezone(timezone(timedelta(hours=hours)))
        if local.date() == day.date():
            return local
    return moment
