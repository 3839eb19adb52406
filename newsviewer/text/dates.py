"""Dates in plain-text stories: a day with the time written beside it, and datelines."""

from __future__ import annotations

import re
from datetime import datetime

from newsviewer.html.dates import find_written_date, strip_written_dates

_TIME = r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)"
_TIME_RE = re.compile(_TIME)

# A line that is only a date stamp, maybe with "Updated"/"Published" and a time.
_DATELINE = re.compile(
    r"^(?:(?:updated|published|posted|first published|last updated|created)\s*(?:on|at)?\s*:?\s*)?"
    r"[\w ,.:/|-]{0,60}$",
    re.IGNORECASE,
)
_DATELINE_LEAD = re.compile(
    r"^(?:updated|published|posted|first published|last updated)\b", re.IGNORECASE
)


def find_date(text: str) -> datetime | None:
    """The first calendar date written in ``text`` (with its time when one is next to it).

    The dates themselves are found by the one finder the HTML importer uses too.
    """
    found = find_written_date(text)
    return None if found is None else _with_time(found.day, text)


def _with_time(when: datetime, text: str) -> datetime:
    t = _TIME_RE.search(text)
    if t is None:
        return when
    hour, minute = int(t.group("hour")), int(t.group("minute"))
    ampm = (t.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return when
    return when.replace(hour=hour, minute=minute)


def dateline_date(line: str) -> datetime | None:
    """The date of a line that is a date stamp ("Updated 5:03 PM ET, Jan 5, 2014"), else None."""
    text = line.strip()
    if len(text) > 80 or not _DATELINE.match(text):
        return None
    when = find_date(text)
    if when is None:
        return None
    # Beyond the date and a lead word, only a few words may remain (a time zone, a weekday).
    rest = strip_written_dates(_TIME_RE.sub(" ", text))
    rest = _DATELINE_LEAD.sub(" ", rest)
    if len(re.findall(r"[A-Za-z]{2,}", rest)) > 3:
        return None
    return when
