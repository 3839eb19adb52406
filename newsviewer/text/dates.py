"""Dates written in English news prose: "Jan. 5, 2014", "5 January 2014", "2014-01-05"."""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
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
    """The first calendar date written in ``text`` (with its time when one is next to it)."""
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        month_s = m.group("month")
        month = int(month_s) if month_s.isdigit() else _MONTHS.get(month_s[:4].lower().rstrip("."))
        if month is None:
            month = _MONTHS.get(month_s[:3].lower())
        try:
            when = datetime(int(m.group("year")), month or 0, int(m.group("day")))
        except ValueError:
            continue
        return _with_time(when, text)
    return None


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
    rest = _TIME_RE.sub(" ", text)
    for pattern in _PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _DATELINE_LEAD.sub(" ", rest)
    if len(re.findall(r"[A-Za-z]{2,}", rest)) > 3:
        return None
    return when
