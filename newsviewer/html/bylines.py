"""Turn raw byline strings into a display byline and a list of person names."""

from __future__ import annotations

import re

from newsviewer.html.sanitize import clean_text

_BY = re.compile(r"^(?:(?:written|posted|reported|words|text|story)\s+)?by[:\s]+", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\|)\s*", re.I)
# Words that make a byline part a role, desk or organisation rather than a person.
_NOT_PERSON = re.compile(
    r"\b(staff|editors?|editorial|desk|team|newsroom|reporters?|correspondents?|"
    r"agenc(y|ies)|wire|press|associated|reuters|afp|news|media|contributors?|"
    r"updated|published|photos?|photograph(er|y)?|guest|admin|bureau)\b",
    re.I,
)
# Trailing role or affiliation: "Jane Doe, Political Correspondent" keeps "Jane Doe".
_ROLE_TAIL = re.compile(r"\s+[-–—|/]\s+.*$|\s*[–—|/]\s*.*$")
# Person names are short; longer text under an author tag is a bio or a sentence.
_MAX_NAME_WORDS = 5


def display_byline(raw: list[str]) -> str:
    """The byline a reader sees: the page's author text without a leading "By"."""
    parts = [_BY.sub("", clean_text(r)).strip() for r in raw]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def person_names(raw: list[str], site: str = "") -> tuple[str, ...]:
    """Individual people named in the byline strings: split, without desks or the site."""
    names: list[str] = []
    site_key = site.casefold()
    for value in raw:
        value = _BY.sub("", clean_text(value))
        for part in _SPLIT.split(value):
            part = _BY.sub("", part).strip(" .:")
            part = _ROLE_TAIL.sub("", part).strip(" .:")
            if not part or part.casefold() == site_key:
                continue
            if _NOT_PERSON.search(part) or part.startswith(("http", "@")):
                continue
            words = part.split()
            if len(words) > _MAX_NAME_WORDS or not any(c.isalpha() for c in part):
                continue
            if part not in names:
                names.append(part)
    return tuple(names)
