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
