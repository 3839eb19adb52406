"""Publication dates as written in page metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


# Month names in the languages of most saved news pages; each maps to its number.
# English also has its abbreviations ("Sept."); other languages are matched by their
# full names only, as a short name ("mar", "mai") is also a common word there.
_MONTH_NAMES = (
    "jan january januar janvier enero gennaio janeiro januari",
    "feb february februar février fevrier febrero febbraio fevereiro februari",
    "mar march märz maerz mars marzo março marco maart",
    "apr april avril abril aprile",
    "may mai mayo maggio maio mei",
    "jun june juni juin junio giugno junho",
    "jul july juli juillet julio luglio julho",
    "aug august août aout agosto augustus",
    "sep sept september septembre septiembre setiembre settembre setembro",
    "oct october oktober octobre octubre ottobre outubro",
    "nov november novembre noviembre novembro",
    "dec december dezember décembre decembre diciembre dicembre dezembro",
)
_MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
_MONTH_NAME = (
    r"(?P<month>"
    + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
    + r")\.?(?![^\W\d_])"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Dates as pages and stories print them, each read as (year, month, day):
# 2019年4月4日, 2019.04.04, 2019/04/04, 2019-04-04; "April 4, 2019"; "4 April 2019",
# "4. April 2019", "4 de abril de 2019"; 04.04.2019 (day first, as written in Europe).
_WRITTEN = (
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]\s*"
        r"(?P<day>\d{1,2})(?!\d)"
    ),
    re.compile(r"(?<![^\W\d_])" + _MONTH_NAME + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(
        r"\b" + _DAY + r"\s+(?:de\s+)?" + _MONTH_NAME + r",?\s+(?:de\s+)?" + _YEAR + r"\b",
        re.I,
    ),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?!\.?\d)"),
    # 14/01/2008 and 01/14/2008: read only when one number cannot be a month (see _day).
    re.compile(
        r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])"
    ),
)
# Text searched for a dateline: datelines stand at the top of a story.
_TEXT_SCAN = 20_000


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A calendar day found in text, and where it was written."""

    day: datetime
    start: int
    end: int


def find_written_date(text: str) -> WrittenDate | None:
    """The first calendar day written out in ``text`` (earliest in the text wins)."""
    text = text[:_TEXT_SCAN]
    best: WrittenDate | None = None
    for pattern in _WRITTEN:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best.start:
                break
            found = _day(match)
            if found is not None:
                best = WrittenDate(found, match.start(), match.end())
                break
    return best


def strip_written_dates(text: str) -> str:
    """``text`` with every written date replaced by a space."""
    for pattern in _WRITTEN:
        text = pattern.sub(" ", text)
    return text


def _day(match: re.Match[str]) -> datetime | None:
    if "first" in match.groupdict():
        return _slashed_day(match)
    month_s = match.group("month")
    month = int(month_s) if month_s.isdigit() else _MONTHS.get(month_s.lower())
    year = int(match.group("year"))
    if month is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return datetime(year, month, int(match.group("day")))
    except ValueError:
        return None


def _slashed_day(match: re.Match[str]) -> datetime | None:
    """A day written with slashes, day first in Europe and month first in America: only
    a date with a number above 12 says which it is; "1/8/2008" is left unread."""
    first, second, year = (int(match.group(k)) for k in ("first", "second", "year"))
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def date_in_text(text: str) -> datetime | None:
    """The first calendar date written out in ``text``; a day, no time or zone."""
    found = find_written_date(text)
    return found.day if found else None
