"""Bylines a page writes only in its visible text, in the story's header.

Many pages mark nothing up: the byline is a line of text under the headline, "By
TERENCE HUNT", "Von Anna Müller und Peter Schmidt", "Autor: Anna Müller", "Posted
by Ann Lee on March 1, 2009", or, in blog headers, a name beside the date ("March 1,
2009 | Ann Lee"). Only short lines just after the headline are read: further down,
"by" starts credits and sentences ("Photo by", "built by Thomas Telford").
The names are kept as the page writes them; ``person_names`` decides who is a person.
"""

from __future__ import annotations

import re

from newsviewer.html.bylines import person_names
from newsviewer.html.date_place import ShownText, headline_end
from newsviewer.html.dates import strip_written_dates

# How far after the headline the story's header runs (a kicker, a standfirst, the
# byline and the date).
_AFTER_HEADLINE = 700
# A byline line is a name or two with a label, a date and a role; longer is a sentence.
_MAX_LINE = 120
# A line with a date and a name and nothing else ("March 1, 2009 | Ann Lee").
_MAX_DATED_LINE = 80
# "By", "Posted by", "Von", "Par", "Por", "Door", "Di" opening the line, or a label
# with a colon ("Autor:", "Author:", "Written by:").
_OPENING = re.compile(
    r"^(?:(?:posted|written|reported|words|story|text)\s+)?(?:by|von|par|por|door|di)\b\s*:?\s*"
    r"|^(?:autor(?:in)?|author|auteur|autore|verfasser(?:in)?)\s*:\s*",
    re.I,
)
# A line that is only the label, with the name on the next line ("By" / "Tobin Harshaw").
_LABEL_ONLY = re.compile(
    r"^(?:(?:posted|written|reported)\s+)?(?:by|von|par|por|door)\s*:?$"
    r"|^(?:autor(?:in)?|author|auteur|autore|verfasser(?:in)?)\s*:$",
    re.I,
)
# Around a date in a blog header: times, separators, "Posted", "on", "at", "by".
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.I)
_HEADER_WORDS = re.compile(
    r"\b(?:(?:last\s+)?(?:posted|published|updated|edited|modified)|created|filed|on|at|by|"
    r"von|am|um|le|par|el|por)\b\s*:?",
    re.I,
)
_SEPARATORS = " |·•-–—,/:()[]"
_MAX_NAME_WORDS = 4


def visible_byline(shown: ShownText, headline: str, site: str = "") -> list[str]:
    """The byline written in the lines under the headline, as written; else []."""
    end = headline_end(shown, headline)
    if end is None:
        return []
    lines = [" ".join(line.split()) for line in shown.text[end : end + _AFTER_HEADLINE].split("\n")]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines):
        if _LABEL_ONLY.match(line) and index + 1 < len(lines):
            line = f"{line} {lines[index + 1]}"
        if len(line) > _MAX_LINE:
            continue
        opening = _OPENING.match(line)
        if opening:
            names = line[opening.end() :].strip(_SEPARATORS)
            if names and person_names([names], site):
                return [names]
            continue
        beside = _name_beside_date(line)
        if beside and person_names([beside], site):
            return [beside]
    return []


def _name_beside_date(line: str) -> str:
    """The name in a line that is a date and a name ("March 1, 2009 | Ann Lee"), else ""."""
    if len(line) > _MAX_DATED_LINE:
        return ""
    rest = strip_written_dates(line)
    if rest == line:
        return ""
    rest = _HEADER_WORDS.sub(" ", _TIME.sub(" ", rest))
    pieces = [p.strip(_SEPARATORS) for p in re.split(r"\s[|·•]\s|\s[-–—]\s", rest)]
    pieces = [" ".join(p.split()) for p in pieces if p.strip(_SEPARATORS)]
    if len(pieces) != 1:
        return ""
    name = pieces[0]
    words = name.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS or any(c.isdigit() for c in name):
        return ""
    # Capitalised words only: the rest of a sentence is not a name.
    if not all(w[0].isupper() for w in words):
        return ""
    return name
