"""Publication dates as written in page metadata."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

# Epoch seconds (or milliseconds) some sites put in their metadata.
_EPOCH = re.compile(r"^\d{10}(\d{3})?$")
# Years outside this range are typos or placeholders ("0001-01-01"), not a publication.
_MIN_YEAR = 1990
_MAX_YEAR = 2100


def parse_date(value: str) -> datetime | None:
    """A datetime from an ISO 8601, RFC 2822 or common written date; None if unreadable.

    The result keeps the zone the page gives; it is naive when the page gives none.
    """
    value = value.strip()
    if not value or len(value) > 80:
        return None
    parsed = _parse(value)
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    return parsed


def _parse(value: str) -> datetime | None:
    if _EPOCH.match(value):
        seconds = int(value[:10])
        return datetime.fromtimestamp(seconds, tz=UTC)
    iso = value.replace(" ", "T", 1) if re.match(r"^\d{4}-\d\d-\d\d \d", value) else value
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        result = dateutil_parser.parse(value, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    return result if isinstance(result, datetime) else None


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for m in names.split()
}
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
# Datelines as pages print them: 2019年4月4日, 2019.04.04, 2019/04/04, 2019-04-04,
# "April 4, 2019", "4 April 2019".
_WRITTEN = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})(?!\d)"),
    re.compile(r"\b" + _MONTH_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I),
    re.compile(
        r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH_NAME + r",?\s+((?:19|20)\d\d)\b", re.I
    ),
)
# Text searched for a dateline: datelines stand at the top of a story.
_TEXT_SCAN = 20_000


def date_in_text(text: str) -> datetime | None:
    """The first calendar date written out in ``text``; a day, no time or zone."""
    text = text[:_TEXT_SCAN]
    best: tuple[int, datetime] | None = None
    for number, pattern in enumerate(_WRITTEN):
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groups()
        if number == 0:
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif number == 1:
            month, day, year = _MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
        else:
            day, month, year = int(groups[0]), _MONTHS[groups[1].lower()], int(groups[2])
        try:
            found = datetime(year, month, day)
        except ValueError:
            continue
        if _MIN_YEAR <= year <= _MAX_YEAR and (best is None or match.start() < best[0]):
            best = (match.start(), found)
    return best[1] if best else None
